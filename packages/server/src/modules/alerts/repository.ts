import { type Expression, type ExpressionBuilder, type Kysely, type SqlBool, sql, type Transaction } from 'kysely';
import type { Scope } from '../../context/types.js';
import type { Database } from '../../db/schema.js';
import { subtreeCodes } from '../jurisdictions/scope.js';
import type { AlertStatus } from './raise.js';

type Executor = Kysely<Database> | Transaction<Database>;

/**
 * Whose alerts a reader sees: a staff user those of his subtree; a gate guard
 * (compoundIds set) only the alerts of the compounds he manages, whatever his node.
 */
export interface AlertAudience {
  scope: Scope;
  compoundIds: string[] | null;
}

/** Builds the condition that limits alerts to an audience. */
function visibleTo(db: Executor, audience: AlertAudience) {
  return (eb: ExpressionBuilder<Database, 'alerts'>): Expression<SqlBool> => {
    if (audience.compoundIds === null) return eb('alerts.node_code', 'in', subtreeCodes(db as Kysely<Database>, audience.scope));
    // An empty IN list is invalid SQL, and a guard without compounds gets no rows.
    if (audience.compoundIds.length === 0) return sql<SqlBool>`1 = 0`;
    return eb('alerts.compound_id', 'in', audience.compoundIds);
  };
}

export interface AlertRowFilter {
  status?: string | undefined;
  kind?: string | undefined;
  severity?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/** Alerts joined with their node, person and the users who acted; the columns every reader needs. */
function alertItemQuery(db: Executor) {
  return db
    .selectFrom('alerts')
    .innerJoin('jurisdictions as node', 'node.code', 'alerts.node_code')
    .leftJoin('persons', 'persons.id', 'alerts.person_id')
    .leftJoin('users as acknowledger', 'acknowledger.id', 'alerts.acknowledged_by')
    .leftJoin('users as resolver', 'resolver.id', 'alerts.resolved_by')
    .select([
      'alerts.id',
      'alerts.kind',
      'alerts.severity',
      'alerts.status',
      'alerts.node_code',
      'node.name as node_name',
      'node.path as node_path',
      'alerts.person_id',
      'persons.name as person_name',
      'alerts.task_id',
      'alerts.details',
      'alerts.created_at',
      'alerts.acknowledged_at',
      'alerts.acknowledged_by',
      'acknowledger.display_name as acknowledged_by_name',
      'alerts.resolved_at',
      'alerts.resolved_by',
      'resolver.display_name as resolved_by_name',
      'alerts.resolution_note',
      'alerts.compound_id',
    ]);
}

export type AlertItemRow = Awaited<ReturnType<ReturnType<typeof alertItemQuery>['executeTakeFirstOrThrow']>>;

/** Combines the list filters into one condition on the alerts table. */
function matchesFilter(filter: AlertRowFilter) {
  return (eb: ExpressionBuilder<Database, 'alerts'>) => {
    const conditions: Expression<SqlBool>[] = [];
    if (filter.status) conditions.push(eb('alerts.status', '=', filter.status));
    if (filter.kind) conditions.push(eb('alerts.kind', '=', filter.kind));
    if (filter.severity) conditions.push(eb('alerts.severity', '=', filter.severity));
    if (filter.from) conditions.push(eb('alerts.created_at', '>=', filter.from));
    if (filter.to) conditions.push(eb('alerts.created_at', '<=', filter.to));
    return eb.and(conditions);
  };
}

export async function listAlertsInScope(
  db: Kysely<Database>,
  audience: AlertAudience,
  filter: AlertRowFilter,
  offset: number,
  limit: number,
) {
  const [rows, total] = await Promise.all([
    alertItemQuery(db)
      .where(visibleTo(db, audience))
      .where(matchesFilter(filter))
      .orderBy('alerts.created_at', 'desc')
      .orderBy('alerts.id', 'desc')
      .offset(offset)
      .limit(limit)
      .execute(),
    db
      .selectFrom('alerts')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where(visibleTo(db, audience))
      .where(matchesFilter(filter))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.count) };
}

export function findAlertInScope(db: Executor, audience: AlertAudience, id: string) {
  return alertItemQuery(db).where(visibleTo(db, audience)).where('alerts.id', '=', id).executeTakeFirst();
}

/** Loads an alert whatever the scope, for the event stream, which checks each stream's scope against `node_path`. */
export function findAlertItem(db: Executor, id: string) {
  return alertItemQuery(db).where('alerts.id', '=', id).executeTakeFirst();
}

/**
 * Alerts in scope created, acknowledged or resolved at or after `since`,
 * oldest change first: what a reconnecting stream missed.
 */
export function listAlertsChangedSince(db: Kysely<Database>, audience: AlertAudience, since: string, limit: number) {
  return alertItemQuery(db)
    .where(visibleTo(db, audience))
    .where((eb) =>
      eb.or([eb('alerts.created_at', '>=', since), eb('alerts.acknowledged_at', '>=', since), eb('alerts.resolved_at', '>=', since)]),
    )
    .orderBy('alerts.created_at', 'asc')
    .orderBy('alerts.id', 'asc')
    .limit(limit)
    .execute();
}

export async function countAlertsByStatus(db: Kysely<Database>, audience: AlertAudience) {
  const rows = await db
    .selectFrom('alerts')
    .select((eb) => ['alerts.status', eb.fn.countAll<number>().as('count')])
    .where(visibleTo(db, audience))
    .groupBy('alerts.status')
    .execute();
  const counts: Record<AlertStatus, number> = { new: 0, acknowledged: 0, resolved: 0 };
  for (const row of rows) {
    if (row.status in counts) counts[row.status as AlertStatus] = Number(row.count);
  }
  return counts;
}

/**
 * Moves a new alert to acknowledged. The status condition in the UPDATE makes
 * two concurrent acknowledgements safe: the second matches no row.
 */
export async function markAlertAcknowledged(trx: Transaction<Database>, id: string, userId: string | null, now: string) {
  const result = await trx
    .updateTable('alerts')
    .set({ status: 'acknowledged', acknowledged_at: now, acknowledged_by: userId })
    .where('id', '=', id)
    .where('status', '=', 'new')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Moves a new or acknowledged alert to resolved; returns false when another request resolved it first. */
export async function markAlertResolved(trx: Transaction<Database>, id: string, userId: string | null, note: string | null, now: string) {
  const result = await trx
    .updateTable('alerts')
    .set({ status: 'resolved', resolved_at: now, resolved_by: userId, resolution_note: note })
    .where('id', '=', id)
    .where('status', 'in', ['new', 'acknowledged'])
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export function findAlertStatus(db: Executor, id: string) {
  return db.selectFrom('alerts').select(['status', 'node_code']).where('id', '=', id).executeTakeFirst();
}
