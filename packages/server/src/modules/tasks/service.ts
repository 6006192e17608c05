import type { Actor, Scope, ServiceContext } from '../../context/types.js';
import { AppError } from '../../errors/app-error.js';
import { requireNodeInScope } from '../jurisdictions/scope.js';
import type { TaskStatus } from './create.js';
import * as repo from './repository.js';
import { ASSIGNABLE_ROLES, type TaskDetailResult, type TaskListFilter, type TaskResult } from './schemas.js';

type Executor = ServiceContext['db'];

/** Timestamps come back as ISO strings on both databases, but not always with milliseconds; this makes them uniform. */
function isoOf(value: string): string {
  return new Date(value).toISOString();
}

function parseDetails(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

export function isTaskActive(status: string): boolean {
  return status === 'open' || status === 'in_progress';
}

export function toTask(row: repo.TaskRow, now: Date): TaskResult {
  const dueAt = isoOf(row.due_at);
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    details: parseDetails(row.details),
    status: row.status as TaskStatus,
    nodeCode: row.node_code,
    nodeName: row.node_name,
    personId: row.person_id,
    personName: row.person_name,
    assigneeId: row.assignee_id,
    assigneeName: row.assignee_name,
    assigneeRole: row.assignee_role,
    dueAt,
    overdue: isTaskActive(row.status) && Date.parse(dueAt) < now.getTime(),
    resultNote: row.result_note,
    result: row.result,
    createdAt: isoOf(row.created_at),
    updatedAt: isoOf(row.updated_at),
    closedAt: row.closed_at === null ? null : isoOf(row.closed_at),
  };
}

export function viewerOf(actor: Actor): repo.TaskViewer {
  return { scope: actor.scope, userId: actor.userId };
}

/** Lists the tasks the actor may read, overdue first, then by due time. */
export async function listTasks(ctx: ServiceContext, actor: Actor, query: TaskListFilter) {
  const { page = 1, pageSize = 20, nodeCode, ...filter } = query;
  let node: Scope | undefined;
  if (nodeCode !== undefined) {
    const found = await requireNodeInScope(ctx.db, actor.scope, nodeCode, 'nodeCode');
    node = { nodeCode: found.code, nodePath: found.path };
  }
  const now = ctx.clock();
  const { rows, total } = await repo.listTasksVisible(
    ctx.db,
    viewerOf(actor),
    { ...filter, node },
    now.toISOString(),
    (page - 1) * pageSize,
    pageSize,
  );
  return { total, items: rows.map((row) => toTask(row, now)) };
}

/**
 * Lists the phone's tasks: open and in-progress tasks assigned to the actor,
 * and unassigned ones for the actor's role in their subtree, which they may take.
 */
export async function listMyTasks(ctx: ServiceContext, actor: Actor, page: number, pageSize: number) {
  if (actor.userId === null || actor.role === null) throw new AppError('AUTH_REQUIRED');
  const now = ctx.clock();
  const viewer = { scope: actor.scope, userId: actor.userId, role: actor.role };
  const { rows, total } = await repo.listTasksForWorker(ctx.db, viewer, now.toISOString(), (page - 1) * pageSize, pageSize);
  return { total, items: rows.map((row) => toTask(row, now)) };
}

/** Loads a task the actor may read, with its creator, closer and history; TASK_NOT_FOUND otherwise. */
export async function getTask(ctx: ServiceContext, actor: Actor, id: string, db: Executor = ctx.db): Promise<TaskDetailResult> {
  const row = await repo.findTaskVisible(db, viewerOf(actor), id);
  if (!row) throw new AppError('TASK_NOT_FOUND', 'id');
  const [history, names] = await Promise.all([
    repo.listTaskHistory(db, id),
    repo.findUserNames(
      db,
      [row.created_by, row.closed_by].filter((value): value is string => value !== null),
    ),
  ]);
  const nameOf = (userId: string | null) => (userId === null ? null : (names.find((user) => user.id === userId)?.display_name ?? null));
  return {
    ...toTask(row, ctx.clock()),
    createdById: row.created_by,
    createdByName: nameOf(row.created_by),
    closedById: row.closed_by,
    closedByName: nameOf(row.closed_by),
    history: history.map((entry) => ({
      at: isoOf(entry.at),
      action: entry.action,
      actorId: entry.actor_user_id,
      actorName: entry.actor_name,
      fields: JSON.parse(entry.fields) as string[],
    })),
  };
}

/** Lists the users a task of the node (in the actor's scope) and role may be assigned to. */
export async function listAssignees(ctx: ServiceContext, actor: Actor, nodeCode: string, role: string | undefined) {
  const node = await requireNodeInScope(ctx.db, actor.scope, nodeCode, 'nodeCode');
  const rows = await repo.listAssigneeCandidates(ctx.db, { nodeCode: node.code, nodePath: node.path }, role ? [role] : ASSIGNABLE_ROLES);
  return {
    items: rows.map((row) => ({
      id: row.id,
      displayName: row.display_name,
      role: row.role,
      nodeCode: row.node_code,
      nodeName: row.node_name,
    })),
  };
}
