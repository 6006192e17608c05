import { type ExpressionBuilder, type Kysely, sql, type Transaction } from 'kysely';
import type { Scope } from '../../context/types.js';
import type { Database } from '../../db/schema.js';
import type { ScreeningVisitPersonTable, ScreeningVisitTable } from '../../db/schema-screening.js';
import { subtreeCodes } from '../jurisdictions/scope.js';

type Executor = Kysely<Database> | Transaction<Database>;

/**
 * Limits a query to compounds in scope, by the rule of the addresses module:
 * a compound is in scope when its community or its grid is in the subtree.
 * Community staff thus see every compound of the community, and a grid worker
 * those assigned to the grid.
 */
function compoundInScope(db: Kysely<Database>, scope: Scope) {
  return (eb: ExpressionBuilder<Database, 'compounds'>) =>
    eb.or([eb('compounds.community_code', 'in', subtreeCodes(db, scope)), eb('compounds.grid_code', 'in', subtreeCodes(db, scope))]);
}

/** Length of a number stored as text: ordering by it first sorts "2" before "10" on both databases. */
function lengthOf(column: string) {
  return sql`length(${sql.ref(column)})`;
}

/**
 * Ranks the visits of each address, newest first. The phone's clock orders
 * them, so a visit queued offline and sent later does not hide a newer one.
 */
function rankedVisits(db: Kysely<Database>) {
  return db
    .selectFrom('screening_visits')
    .select([
      'screening_visits.id',
      'screening_visits.room_id',
      'screening_visits.place_id',
      'screening_visits.building_id',
      'screening_visits.outcome',
      'screening_visits.visited_at',
      'screening_visits.revisit_on',
      sql<number>`row_number() over (partition by coalesce(screening_visits.room_id, screening_visits.place_id) order by screening_visits.visited_at desc, screening_visits.created_at desc, screening_visits.id desc)`.as(
        'rank',
      ),
    ]);
}

function countWhen(condition: ReturnType<typeof sql>) {
  return sql<number>`coalesce(sum(case when ${condition} then 1 else 0 end), 0)`;
}

/** Rooms of the compounds in scope, each joined with its latest visit. */
function roomProgressQuery(db: Kysely<Database>, scope: Scope, today: string) {
  const query = db
    .with('latest', () => rankedVisits(db).where('screening_visits.room_id', 'is not', null))
    .selectFrom('buildings')
    .innerJoin('compounds', 'compounds.id', 'buildings.compound_id')
    .innerJoin('jurisdictions as community', 'community.code', 'compounds.community_code')
    .leftJoin('units', 'units.building_id', 'buildings.id')
    .leftJoin('rooms', 'rooms.unit_id', 'units.id')
    .leftJoin('latest', (join) => join.onRef('latest.room_id', '=', 'rooms.id').on('latest.rank', '=', 1))
    .where(compoundInScope(db, scope));

  const counts = [
    sql<number>`count(rooms.id)`.as('room_count'),
    sql<number>`count(latest.id)`.as('visited_count'),
    countWhen(sql`latest.outcome = 'screened'`).as('screened_count'),
    countWhen(sql`latest.outcome = 'nobody_home'`).as('nobody_home_count'),
    countWhen(sql`latest.outcome = 'refused'`).as('refused_count'),
    countWhen(sql`latest.outcome = 'nobody_home' and latest.revisit_on <= ${today}`).as('revisit_due_count'),
  ] as const;
  return { query, counts };
}

export async function listBuildingProgress(db: Kysely<Database>, scope: Scope, today: string, offset: number, limit: number) {
  const { query, counts } = roomProgressQuery(db, scope, today);
  const [rows, total] = await Promise.all([
    query
      .select([
        'buildings.id',
        'buildings.number',
        'compounds.id as compound_id',
        'compounds.name as compound_name',
        'compounds.community_code',
        'community.name as community_name',
        'compounds.grid_code',
        ...counts,
      ])
      .groupBy([
        'buildings.id',
        'buildings.number',
        'compounds.id',
        'compounds.name',
        'compounds.community_code',
        'community.name',
        'compounds.grid_code',
      ])
      .orderBy('compounds.community_code')
      .orderBy('compounds.name')
      .orderBy(lengthOf('buildings.number'))
      .orderBy('buildings.number')
      .orderBy('buildings.id')
      .offset(offset)
      .limit(limit)
      .execute(),
    db
      .selectFrom('buildings')
      .innerJoin('compounds', 'compounds.id', 'buildings.compound_id')
      .where(compoundInScope(db, scope))
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.count) };
}

export function listCommunityProgress(db: Kysely<Database>, scope: Scope, today: string) {
  const { query, counts } = roomProgressQuery(db, scope, today);
  return query
    .select([
      'compounds.community_code',
      'community.name as community_name',
      sql<number>`count(distinct buildings.id)`.as('building_count'),
      ...counts,
    ])
    .groupBy(['compounds.community_code', 'community.name'])
    .orderBy('compounds.community_code')
    .execute();
}

export function findBuildingInScope(db: Kysely<Database>, scope: Scope, id: string) {
  return db
    .selectFrom('buildings')
    .innerJoin('compounds', 'compounds.id', 'buildings.compound_id')
    .innerJoin('jurisdictions as community', 'community.code', 'compounds.community_code')
    .select([
      'buildings.id',
      'buildings.number',
      'compounds.id as compound_id',
      'compounds.name as compound_name',
      'compounds.community_code',
      'community.name as community_name',
      'compounds.grid_code',
    ])
    .where('buildings.id', '=', id)
    .where(compoundInScope(db, scope))
    .executeTakeFirst();
}

/** Lists the latest visit of every visited room of a building. */
export function listLatestVisitsOfBuilding(db: Kysely<Database>, buildingId: string) {
  return db
    .with('ranked', () => rankedVisits(db).where('screening_visits.building_id', '=', buildingId))
    .selectFrom('ranked')
    .select(['ranked.id', 'ranked.room_id', 'ranked.outcome', 'ranked.visited_at', 'ranked.revisit_on'])
    .where('ranked.rank', '=', 1)
    .execute();
}

/**
 * Lists the person files of a building's rooms with masked numbers. Files
 * follow the persons module's scope, so a grid worker gets those of the grid.
 * TODO: a file of the room without the grid's code stays hidden from the grid worker.
 */
export function listPersonsOfBuilding(db: Kysely<Database>, scope: Scope, buildingId: string) {
  return db
    .selectFrom('persons')
    .innerJoin('rooms', 'rooms.id', 'persons.room_id')
    .innerJoin('units', 'units.id', 'rooms.unit_id')
    .select(['persons.id', 'persons.room_id', 'persons.name', 'persons.document_masked', 'persons.phone_masked', 'persons.household_role'])
    .where('units.building_id', '=', buildingId)
    .where((eb) =>
      eb.or([eb('persons.community_code', 'in', subtreeCodes(db, scope)), eb('persons.grid_code', 'in', subtreeCodes(db, scope))]),
    )
    .orderBy('persons.created_at')
    .orderBy('persons.id')
    .execute();
}

/** Lists addresses whose latest visit found nobody home and whose revisit day has come, oldest revisit day first. */
export async function listDueRevisits(db: Kysely<Database>, scope: Scope, today: string, offset: number, limit: number) {
  const query = db
    .with('latest', () => rankedVisits(db))
    .selectFrom('latest')
    .leftJoin('rooms', 'rooms.id', 'latest.room_id')
    .leftJoin('units', 'units.id', 'rooms.unit_id')
    .leftJoin('buildings', 'buildings.id', 'units.building_id')
    .leftJoin('compounds', 'compounds.id', 'buildings.compound_id')
    .leftJoin('places', 'places.id', 'latest.place_id')
    .innerJoin('jurisdictions as community', (join) =>
      join.on((eb) => eb('community.code', '=', eb.fn.coalesce('compounds.community_code', 'places.community_code'))),
    )
    .where('latest.rank', '=', 1)
    .where('latest.outcome', '=', 'nobody_home')
    .where('latest.revisit_on', '<=', today)
    .where((eb) =>
      eb.or([
        eb('compounds.community_code', 'in', subtreeCodes(db, scope)),
        eb('compounds.grid_code', 'in', subtreeCodes(db, scope)),
        eb('places.community_code', 'in', subtreeCodes(db, scope)),
        eb('places.grid_code', 'in', subtreeCodes(db, scope)),
      ]),
    );

  const [rows, total] = await Promise.all([
    query
      .select([
        'latest.id',
        'latest.room_id',
        'latest.place_id',
        'latest.building_id',
        'latest.revisit_on',
        'latest.visited_at',
        'community.code as community_code',
        'community.name as community_name',
        'compounds.name as compound_name',
        'buildings.number as building_number',
        'units.number as unit_number',
        'rooms.number as room_number',
        'places.text as place_text',
      ])
      .orderBy('latest.revisit_on')
      .orderBy('latest.visited_at')
      .orderBy('latest.id')
      .offset(offset)
      .limit(limit)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.count) };
}

export function findVisitById(db: Executor, id: string) {
  return db.selectFrom('screening_visits').selectAll('screening_visits').where('id', '=', id).executeTakeFirst();
}

/** Lists the persons of a visit with their names and masked documents, in the order the visit listed them. */
export function listVisitPersons(db: Executor, visitId: string) {
  return db
    .selectFrom('screening_visit_persons')
    .innerJoin('persons', 'persons.id', 'screening_visit_persons.person_id')
    .select([
      'screening_visit_persons.person_id',
      'screening_visit_persons.present',
      'screening_visit_persons.temperature_tenths',
      'screening_visit_persons.symptoms',
      'screening_visit_persons.arrival_date',
      'screening_visit_persons.origin_region_code',
      'screening_visit_persons.position',
      'persons.name',
      'persons.document_masked',
    ])
    .where('screening_visit_persons.visit_id', '=', visitId)
    .orderBy('screening_visit_persons.position')
    .execute();
}

export async function insertVisit(trx: Transaction<Database>, visit: ScreeningVisitTable, persons: ScreeningVisitPersonTable[]) {
  await trx.insertInto('screening_visits').values(visit).execute();
  if (persons.length > 0) await trx.insertInto('screening_visit_persons').values(persons).execute();
}
