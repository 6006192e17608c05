import { type ExpressionBuilder, type Kysely, sql, type Transaction, type Updateable } from 'kysely';
import type { Scope } from '../../context/types.js';
import type { Database } from '../../db/schema.js';
import type { HomeQuarantineTable, QuarantineChangeTable, QuarantineObservationTable } from '../../db/schema-quarantine.js';
import { isRootScope, subtreeCodes } from '../jurisdictions/scope.js';
import { nameStartsWith } from '../persons/repository.js';
import type { QuarantineView } from './schemas.js';

type Executor = Kysely<Database> | Transaction<Database>;

/**
 * Limits a query to quarantines in scope, by the rule of the addresses
 * module: the community or the grid is in the subtree. Community staff thus
 * see every quarantine of the community, and a grid worker those of the grid.
 */
function quarantineInScope(db: Kysely<Database>, scope: Scope) {
  return (eb: ExpressionBuilder<Database, 'home_quarantines'>) => {
    if (isRootScope(scope)) return sql<boolean>`1 = 1`;
    return eb.or([
      eb('home_quarantines.community_code', 'in', subtreeCodes(db, scope)),
      eb('home_quarantines.grid_code', 'in', subtreeCodes(db, scope)),
    ]);
  };
}

const SUMMARY_COLUMNS = [
  'home_quarantines.id',
  'home_quarantines.person_id',
  'home_quarantines.community_code',
  'home_quarantines.grid_code',
  'home_quarantines.start_on',
  'home_quarantines.planned_end_on',
  'home_quarantines.status',
  'home_quarantines.room_id',
  'home_quarantines.place_id',
  'home_quarantines.address_text',
  'home_quarantines.ended_on',
  'persons.name as person_name',
  'persons.document_masked',
  'persons.phone_masked',
  'persons.preferred_language',
  'community.name as community_name',
  'compounds.name as compound_name',
  'buildings.number as building_number',
  'units.number as unit_number',
  'rooms.number as room_number',
  'places.text as place_text',
] as const;

const DETAIL_COLUMNS = [
  ...SUMMARY_COLUMNS,
  'home_quarantines.reason',
  'home_quarantines.started_by',
  'starter.display_name as started_by_name',
  'home_quarantines.ended_at',
  'home_quarantines.ended_by',
  'home_quarantines.end_reason',
  'home_quarantines.notice_number',
  'home_quarantines.release_notice_number',
  'home_quarantines.created_at',
  'home_quarantines.updated_at',
] as const;

/** Quarantines in scope joined with the person, the community and the address of the place of quarantine. */
function quarantineQuery(db: Kysely<Database>, scope: Scope) {
  return db
    .selectFrom('home_quarantines')
    .innerJoin('persons', 'persons.id', 'home_quarantines.person_id')
    .innerJoin('jurisdictions as community', 'community.code', 'home_quarantines.community_code')
    .leftJoin('rooms', 'rooms.id', 'home_quarantines.room_id')
    .leftJoin('units', 'units.id', 'rooms.unit_id')
    .leftJoin('buildings', 'buildings.id', 'units.building_id')
    .leftJoin('compounds', 'compounds.id', 'buildings.compound_id')
    .leftJoin('places', 'places.id', 'home_quarantines.place_id')
    .where(quarantineInScope(db, scope));
}

export type QuarantineSummaryRow = Awaited<ReturnType<typeof listQuarantinesInScope>>['rows'][number];
export type QuarantineDetailRow = NonNullable<Awaited<ReturnType<typeof findQuarantineInScope>>>;

export function findQuarantineInScope(db: Kysely<Database>, scope: Scope, id: string) {
  return quarantineQuery(db, scope)
    .leftJoin('users as starter', 'starter.id', 'home_quarantines.started_by')
    .select(DETAIL_COLUMNS)
    .where('home_quarantines.id', '=', id)
    .executeTakeFirst();
}

export function findActiveQuarantineOfPerson(db: Executor, personId: string) {
  return db
    .selectFrom('home_quarantines')
    .select(['id', 'start_on', 'planned_end_on'])
    .where('person_id', '=', personId)
    .where('status', '=', 'active')
    .executeTakeFirst();
}

export interface QuarantineFilter {
  view: QuarantineView;
  today: string;
  tomorrow: string;
  personId?: string | undefined;
  name?: string | undefined;
  /** Planned end day of active quarantines, for the list of who ends on a day. */
  plannedEndOn?: string | undefined;
  endedOn?: string | undefined;
}

function filteredQuarantineQuery(db: Kysely<Database>, scope: Scope, filter: QuarantineFilter) {
  let query = quarantineQuery(db, scope);
  switch (filter.view) {
    case 'active':
      query = query.where('home_quarantines.status', '=', 'active');
      break;
    case 'ending_today':
      query = query.where('home_quarantines.status', '=', 'active').where('home_quarantines.planned_end_on', '=', filter.today);
      break;
    case 'ending_tomorrow':
      query = query.where('home_quarantines.status', '=', 'active').where('home_quarantines.planned_end_on', '=', filter.tomorrow);
      break;
    case 'overdue':
      query = query.where('home_quarantines.status', '=', 'active').where('home_quarantines.planned_end_on', '<', filter.today);
      break;
    case 'released':
    case 'ended_early':
      query = query.where('home_quarantines.status', '=', filter.view);
      break;
    case 'all':
      break;
  }
  if (filter.plannedEndOn) query = query.where('home_quarantines.planned_end_on', '=', filter.plannedEndOn);
  if (filter.endedOn) query = query.where('home_quarantines.ended_on', '=', filter.endedOn);
  if (filter.personId) query = query.where('home_quarantines.person_id', '=', filter.personId);
  if (filter.name) query = query.where(nameStartsWith(db, filter.name));
  return query;
}

/**
 * Lists quarantines of a view. Active ones come by planned end, the soonest
 * first; ended ones by the day they ended, the latest first.
 */
export async function listQuarantinesInScope(db: Kysely<Database>, scope: Scope, filter: QuarantineFilter, offset: number, limit: number) {
  const query = filteredQuarantineQuery(db, scope, filter);
  let ordered = query.select(SUMMARY_COLUMNS);
  if (filter.view === 'released' || filter.view === 'ended_early') {
    ordered = ordered.orderBy('home_quarantines.ended_on', 'desc').orderBy('home_quarantines.ended_at', 'desc');
  } else if (filter.view === 'all') {
    ordered = ordered.orderBy('home_quarantines.start_on', 'desc');
  } else {
    ordered = ordered.orderBy('home_quarantines.planned_end_on').orderBy('home_quarantines.start_on');
  }
  const [rows, total] = await Promise.all([
    ordered.orderBy('persons.name').orderBy('home_quarantines.id').offset(offset).limit(limit).execute(),
    query.select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.count) };
}

/** Counts active quarantines in scope by planned end day, from `from` to `to` inclusive. */
export function countPlannedEndsByDay(db: Kysely<Database>, scope: Scope, from: string, to: string) {
  return db
    .selectFrom('home_quarantines')
    .select(['home_quarantines.planned_end_on', (eb) => eb.fn.countAll<number>().as('count')])
    .where(quarantineInScope(db, scope))
    .where('home_quarantines.status', '=', 'active')
    .where('home_quarantines.planned_end_on', '>=', from)
    .where('home_quarantines.planned_end_on', '<=', to)
    .groupBy('home_quarantines.planned_end_on')
    .orderBy('home_quarantines.planned_end_on')
    .execute();
}

/** Lists the quarantines of the scope released on a day, with what their release notices print. */
export function listReleasedOnDay(db: Kysely<Database>, scope: Scope, day: string) {
  return quarantineQuery(db, scope)
    .leftJoin('users as starter', 'starter.id', 'home_quarantines.started_by')
    .select(DETAIL_COLUMNS)
    .where('home_quarantines.status', '=', 'released')
    .where('home_quarantines.ended_on', '=', day)
    .orderBy('home_quarantines.community_code')
    .orderBy('home_quarantines.release_notice_number')
    .orderBy('home_quarantines.id')
    .execute();
}

/** Lists active quarantines of every community whose planned end is one of the days, for the scheduled job. */
export function listActiveEndingOn(db: Executor, days: string[]) {
  return db
    .selectFrom('home_quarantines')
    .select(['id', 'person_id', 'community_code', 'planned_end_on'])
    .where('status', '=', 'active')
    .where('planned_end_on', 'in', days)
    .orderBy('planned_end_on')
    .orderBy('id')
    .execute();
}

export async function insertQuarantine(trx: Transaction<Database>, row: HomeQuarantineTable) {
  await trx.insertInto('home_quarantines').values(row).execute();
}

/**
 * Updates an active quarantine whose planned end is still `expectedEndOn`.
 * Returns false when another request changed it first, so two staff cannot
 * extend or release the same quarantine from the same stale state.
 */
export async function updateActiveQuarantine(
  trx: Transaction<Database>,
  id: string,
  expectedEndOn: string,
  changes: Updateable<HomeQuarantineTable>,
): Promise<boolean> {
  const result = await trx
    .updateTable('home_quarantines')
    .set(changes)
    .where('id', '=', id)
    .where('status', '=', 'active')
    .where('planned_end_on', '=', expectedEndOn)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertChange(trx: Transaction<Database>, row: QuarantineChangeTable) {
  await trx.insertInto('quarantine_changes').values(row).execute();
}

export function listChanges(db: Kysely<Database>, quarantineId: string) {
  return db
    .selectFrom('quarantine_changes')
    .leftJoin('users', 'users.id', 'quarantine_changes.changed_by')
    .select([
      'quarantine_changes.kind',
      'quarantine_changes.previous_end_on',
      'quarantine_changes.new_end_on',
      'quarantine_changes.days',
      'quarantine_changes.reason',
      'quarantine_changes.changed_by',
      'quarantine_changes.changed_at',
      'users.display_name as changed_by_name',
    ])
    .where('quarantine_changes.quarantine_id', '=', quarantineId)
    .orderBy('quarantine_changes.changed_at')
    .orderBy('quarantine_changes.id')
    .execute();
}

export async function insertObservation(trx: Transaction<Database>, row: QuarantineObservationTable) {
  await trx.insertInto('quarantine_observations').values(row).execute();
}

export function findObservation(db: Executor, quarantineId: string, observedOn: string, period: string) {
  return db
    .selectFrom('quarantine_observations')
    .select('id')
    .where('quarantine_id', '=', quarantineId)
    .where('observed_on', '=', observedOn)
    .where('period', '=', period)
    .executeTakeFirst();
}

/** Lists the observations of a quarantine by day, morning before afternoon. */
export function listObservations(db: Kysely<Database>, quarantineId: string) {
  return (
    db
      .selectFrom('quarantine_observations')
      .leftJoin('users', 'users.id', 'quarantine_observations.observed_by')
      .select([
        'quarantine_observations.id',
        'quarantine_observations.quarantine_id',
        'quarantine_observations.observed_on',
        'quarantine_observations.period',
        'quarantine_observations.temperature_tenths',
        'quarantine_observations.symptoms',
        'quarantine_observations.observed_by',
        'quarantine_observations.note',
        'quarantine_observations.created_at',
        'users.display_name as observed_by_name',
      ])
      .where('quarantine_observations.quarantine_id', '=', quarantineId)
      .orderBy('quarantine_observations.observed_on')
      // 'afternoon' sorts before 'morning' as text, so order by the half-day explicitly.
      .orderBy(sql`case when quarantine_observations.period = 'morning' then 0 else 1 end`)
      .execute()
  );
}

/**
 * Takes the next document number of a kind and year. One upsert creates or
 * increments the counter row. PostgreSQL serialises it on the row lock until
 * the transaction ends, and SQLite on its single writer, so two transactions
 * never get the same number. A rolled-back transaction gives its number back.
 */
export async function allocateNoticeSequence(trx: Transaction<Database>, kind: string, year: number): Promise<number> {
  const row = await trx
    .insertInto('quarantine_notice_counters')
    .values({ kind, year, last_number: 1 })
    .onConflict((conflict) =>
      conflict.columns(['kind', 'year']).doUpdateSet({ last_number: sql<number>`quarantine_notice_counters.last_number + 1` }),
    )
    .returning('last_number')
    .executeTakeFirstOrThrow();
  return Number(row.last_number);
}
