import { type ExpressionBuilder, type Kysely, sql, type Transaction } from 'kysely';
import type { Scope } from '../../context/types.js';
import type { Database } from '../../db/schema.js';
import type { TaskTable } from '../../db/schema-work.js';
import { subtreeCodes } from '../jurisdictions/scope.js';
import type { TaskListFilter } from './schemas.js';

type Executor = Kysely<Database> | Transaction<Database>;

const ACTIVE_STATUSES = ['open', 'in_progress'];

/** A viewer of tasks: their subtree, and their user id, which also reaches tasks assigned to them outside it. */
export interface TaskViewer {
  scope: Scope;
  userId: string | null;
}

/**
 * Tasks a viewer may read: those whose node is in the subtree, and those
 * assigned to the viewer. A grid worker sits on a grid, so a community task
 * assigned to them is outside their subtree but still theirs to work on.
 */
function visibleTo(db: Kysely<Database>, viewer: TaskViewer) {
  return (eb: ExpressionBuilder<Database, 'tasks'>) => {
    const inScope = eb('tasks.node_code', 'in', subtreeCodes(db, viewer.scope));
    return viewer.userId === null ? inScope : eb.or([inScope, eb('tasks.assignee_id', '=', viewer.userId)]);
  };
}

function isOverdue(now: string) {
  return sql<boolean>`(tasks.status in ('open', 'in_progress') and tasks.due_at < ${now})`;
}

/** 0 for overdue tasks, 1 for other open or in-progress tasks, 2 for closed ones: the first key of every list order. */
function urgencyRank(now: string) {
  return sql<number>`case when tasks.status in ('open', 'in_progress') then (case when tasks.due_at < ${now} then 0 else 1 end) else 2 end`;
}

function taskColumns(db: Kysely<Database>) {
  return db
    .selectFrom('tasks')
    .innerJoin('jurisdictions as node', 'node.code', 'tasks.node_code')
    .leftJoin('persons', 'persons.id', 'tasks.person_id')
    .leftJoin('users as assignee', 'assignee.id', 'tasks.assignee_id')
    .select([
      'tasks.id',
      'tasks.kind',
      'tasks.title',
      'tasks.details',
      'tasks.status',
      'tasks.node_code',
      'node.name as node_name',
      'tasks.person_id',
      'persons.name as person_name',
      'tasks.assignee_id',
      'assignee.display_name as assignee_name',
      'tasks.assignee_role',
      'tasks.due_at',
      'tasks.result_note',
      'tasks.result',
      'tasks.created_at',
      'tasks.updated_at',
      'tasks.closed_at',
      'tasks.created_by',
      'tasks.closed_by',
    ]);
}

export type TaskRow = NonNullable<Awaited<ReturnType<typeof findTaskVisible>>>;

export interface ListFilter extends Omit<TaskListFilter, 'page' | 'pageSize' | 'nodeCode'> {
  /** Subtree the node filter narrowed the list to, already checked against the viewer's scope. */
  node?: Scope | undefined;
}

export async function listTasksVisible(
  db: Kysely<Database>,
  viewer: TaskViewer,
  filter: ListFilter,
  now: string,
  offset: number,
  limit: number,
) {
  let query = taskColumns(db).where(visibleTo(db, viewer));
  if (filter.status === 'active') query = query.where('tasks.status', 'in', ACTIVE_STATUSES);
  else if (filter.status) query = query.where('tasks.status', '=', filter.status);
  if (filter.kind) query = query.where('tasks.kind', '=', filter.kind);
  if (filter.assignee === 'me') query = query.where('tasks.assignee_id', '=', viewer.userId ?? '');
  if (filter.assignee === 'anyone') query = query.where('tasks.assignee_id', 'is not', null);
  if (filter.assignee === 'unassigned') query = query.where('tasks.assignee_id', 'is', null);
  if (filter.role) query = query.where('tasks.assignee_role', '=', filter.role);
  if (filter.overdue === true) query = query.where(isOverdue(now));
  if (filter.overdue === false) query = query.where(sql<boolean>`not ${isOverdue(now)}`);
  if (filter.node) query = query.where('tasks.node_code', 'in', subtreeCodes(db, filter.node));
  if (filter.personId) query = query.where('tasks.person_id', '=', filter.personId);
  return pageOf(query, now, offset, limit);
}

/** Open and in-progress tasks of the phone's list: assigned to the user, or unassigned for the user's role in their subtree. */
export async function listTasksForWorker(
  db: Kysely<Database>,
  viewer: TaskViewer & { userId: string; role: string },
  now: string,
  offset: number,
  limit: number,
) {
  const query = taskColumns(db)
    .where('tasks.status', 'in', ACTIVE_STATUSES)
    .where((eb) =>
      eb.or([
        eb('tasks.assignee_id', '=', viewer.userId),
        eb.and([
          eb('tasks.assignee_id', 'is', null),
          eb('tasks.assignee_role', '=', viewer.role),
          eb('tasks.node_code', 'in', subtreeCodes(db, viewer.scope)),
        ]),
      ]),
    );
  return pageOf(query, now, offset, limit);
}

async function pageOf(query: ReturnType<typeof taskColumns>, now: string, offset: number, limit: number) {
  const [rows, total] = await Promise.all([
    query
      .orderBy(urgencyRank(now))
      .orderBy('tasks.due_at')
      .orderBy('tasks.created_at')
      .orderBy('tasks.id')
      .offset(offset)
      .limit(limit)
      .execute(),
    query
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.count) };
}

export function findTaskVisible(db: Executor, viewer: TaskViewer, id: string) {
  return taskColumns(db as Kysely<Database>)
    .where('tasks.id', '=', id)
    .where(visibleTo(db as Kysely<Database>, viewer))
    .executeTakeFirst();
}

/** Loads the task's own row with its node's path for the rules of a change, and locks the row when `lock` is set (PostgreSQL only). */
export function findTaskForUpdate(trx: Transaction<Database>, id: string, lock: boolean) {
  const query = trx
    .selectFrom('tasks')
    .innerJoin('jurisdictions as node', 'node.code', 'tasks.node_code')
    .select([
      'tasks.id',
      'tasks.kind',
      'tasks.details',
      'tasks.status',
      'tasks.node_code',
      'node.path as node_path',
      'tasks.assignee_id',
      'tasks.assignee_role',
      'tasks.due_at',
    ])
    .where('tasks.id', '=', id);
  return lock ? query.forUpdate('tasks').executeTakeFirst() : query.executeTakeFirst();
}

/** Updates a task only while it still has the status the caller read, and returns whether it did. */
export async function updateTaskIfStatus(trx: Transaction<Database>, id: string, status: string, changes: Partial<TaskTable>) {
  const result = await trx.updateTable('tasks').set(changes).where('id', '=', id).where('status', '=', status).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Assigns an unassigned task to a user, and returns false when someone else took it first. */
export async function assignIfUnassigned(trx: Transaction<Database>, id: string, userId: string, now: string) {
  const result = await trx
    .updateTable('tasks')
    .set({ assignee_id: userId, updated_at: now })
    .where('id', '=', id)
    .where('assignee_id', 'is', null)
    .where('status', 'in', ACTIVE_STATUSES)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Loads a user with the path of their node, for the assignment rules. */
export function findUserWithNode(db: Executor, id: string) {
  return db
    .selectFrom('users')
    .innerJoin('jurisdictions', 'jurisdictions.code', 'users.node_code')
    .select(['users.id', 'users.role', 'users.disabled', 'users.node_code', 'jurisdictions.path as node_path'])
    .where('users.id', '=', id)
    .executeTakeFirst();
}

/** Loads a person's community and grid with their paths, for the rule that a task's person lives in the task's jurisdiction. */
export function findPersonNodes(db: Executor, id: string) {
  return db
    .selectFrom('persons')
    .innerJoin('jurisdictions as community', 'community.code', 'persons.community_code')
    .leftJoin('jurisdictions as grid', 'grid.code', 'persons.grid_code')
    .select(['persons.id', 'community.path as community_path', 'grid.path as grid_path'])
    .where('persons.id', '=', id)
    .executeTakeFirst();
}

export function findUserNames(db: Executor, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', ids).execute();
}

/** Audit entries about one task, oldest first, with the actor's display name. */
export function listTaskHistory(db: Executor, id: string) {
  return db
    .selectFrom('audit_log')
    .leftJoin('users as actor', 'actor.id', 'audit_log.actor_user_id')
    .select(['audit_log.at', 'audit_log.action', 'audit_log.actor_user_id', 'actor.display_name as actor_name', 'audit_log.fields'])
    .where('audit_log.entity_type', '=', 'task')
    .where('audit_log.entity_id', '=', id)
    .orderBy('audit_log.seq')
    .execute();
}

/** Maximum users the assignee picker lists; a community has a few dozen staff. */
const MAX_ASSIGNEE_CANDIDATES = 200;

/** Enabled users of assignable roles whose node is in the subtree, by name. */
export function listAssigneeCandidates(db: Kysely<Database>, node: Scope, roles: readonly string[]) {
  return db
    .selectFrom('users')
    .innerJoin('jurisdictions', 'jurisdictions.code', 'users.node_code')
    .select(['users.id', 'users.display_name', 'users.role', 'users.node_code', 'jurisdictions.name as node_name'])
    .where('jurisdictions.path', 'like', `${node.nodePath}%`)
    .where('users.role', 'in', roles)
    .where('users.disabled', '=', 0)
    .orderBy('users.display_name')
    .orderBy('users.id')
    .limit(MAX_ASSIGNEE_CANDIDATES)
    .execute();
}
