import type { Kysely, Transaction } from 'kysely';
import type { Actor } from '../../context/types.js';
import type { Database } from '../../db/schema.js';
import { AppError } from '../../errors/app-error.js';
import { isPathInScope } from '../jurisdictions/scope.js';
import * as repo from './repository.js';
import { ASSIGNABLE_ROLES, TASK_MANAGER_ROLES } from './schemas.js';

type Executor = Kysely<Database> | Transaction<Database>;

/** The parts of a task the assignment rules read. */
export interface TaskPlace {
  nodePath: string;
  assigneeRole: string | null;
}

export function isTaskManager(role: string | null): boolean {
  return (TASK_MANAGER_ROLES as readonly string[]).includes(role ?? '');
}

/** True when a user of this role and node may hold the task: their node is in the task's subtree and their role is the task's role, or any assignable role when it has none. */
export function fitsTask(task: TaskPlace, user: { role: string; nodePath: string }): boolean {
  if (!user.nodePath.startsWith(task.nodePath)) return false;
  if (task.assigneeRole !== null) return user.role === task.assigneeRole;
  return (ASSIGNABLE_ROLES as readonly string[]).includes(user.role);
}

/**
 * Checks a user chosen as a task's assignee. A user outside the actor's scope
 * is TASK_ASSIGNEE_NOT_FOUND (404), so that callers cannot probe for accounts elsewhere.
 * `roleField` names the request field to blame when the role does not fit:
 * the assignee, or the role the same request changes.
 */
export async function checkAssignee(
  db: Executor,
  actor: Actor,
  task: TaskPlace,
  assigneeId: string,
  roleField: 'assigneeId' | 'assigneeRole' = 'assigneeId',
) {
  const user = await repo.findUserWithNode(db, assigneeId);
  if (!user || !isPathInScope(user.node_path, actor.scope)) throw new AppError('TASK_ASSIGNEE_NOT_FOUND', 'assigneeId');
  if (Number(user.disabled) === 1) throw new AppError('TASK_ASSIGNEE_DISABLED', 'assigneeId');
  if (!user.node_path.startsWith(task.nodePath)) throw new AppError('TASK_ASSIGNEE_OUTSIDE_NODE', 'assigneeId');
  if (task.assigneeRole !== null && user.role !== task.assigneeRole) throw new AppError('TASK_ASSIGNEE_ROLE_MISMATCH', roleField);
  if (!(ASSIGNABLE_ROLES as readonly string[]).includes(user.role)) throw new AppError('TASK_ROLE_NOT_ASSIGNABLE', 'assigneeId');
}

/**
 * Checks that a task's person lives in the task's jurisdiction: their
 * community or grid is in the task's subtree, or the task sits on a grid of
 * their community. A person outside the actor's scope was rejected before.
 */
export async function checkTaskPerson(db: Executor, nodePath: string, personId: string) {
  const person = await repo.findPersonNodes(db, personId);
  if (!person) throw new AppError('PERSON_NOT_FOUND', 'personId');
  const inTaskSubtree = person.community_path.startsWith(nodePath) || (person.grid_path !== null && person.grid_path.startsWith(nodePath));
  if (!inTaskSubtree && !nodePath.startsWith(person.community_path)) throw new AppError('TASK_PERSON_OUTSIDE_NODE', 'personId');
}
