import { type Kysely, type Transaction, sql } from 'kysely';
import type { Scope } from '../../context/types.js';
import type { Database } from '../../db/schema.js';
import { isRootScope, subtreeCodes } from '../jurisdictions/scope.js';
import type { SiteListFilter } from './schemas.js';

type Executor = Kysely<Database> | Transaction<Database>;

/** Sites with their jurisdiction's name and the beds and open stays of their rooms that were not removed. */
function siteQuery(db: Executor) {
  return db
    .selectFrom('sites')
    .innerJoin('jurisdictions as node', 'node.code', 'sites.node_code')
    .selectAll('sites')
    .select('node.name as node_name')
    .select((eb) => [
      eb
        .selectFrom('site_rooms')
        .select(eb.fn.countAll<number>().as('count'))
        .whereRef('site_rooms.site_id', '=', 'sites.id')
        .where('site_rooms.removed_at', 'is', null)
        .as('room_count'),
      eb
        .selectFrom('site_rooms')
        .select(sql<number>`coalesce(sum(site_rooms.beds), 0)`.as('beds'))
        .whereRef('site_rooms.site_id', '=', 'sites.id')
        .where('site_rooms.removed_at', 'is', null)
        .as('capacity'),
      eb
        .selectFrom('site_rooms')
        .select(sql<number>`coalesce(sum(site_rooms.occupied), 0)`.as('occupied'))
        .whereRef('site_rooms.site_id', '=', 'sites.id')
        .as('occupied'),
    ]);
}

export type SiteRow = NonNullable<Awaited<ReturnType<typeof findSiteInScope>>>;

/** Finds the site with this id when its jurisdiction is in scope. */
export function findSiteInScope(db: Kysely<Database>, scope: Scope, id: string) {
  let query = siteQuery(db).where('sites.id', '=', id);
  if (!isRootScope(scope)) query = query.where('sites.node_code', 'in', subtreeCodes(db, scope));
  return query.executeTakeFirst();
}

export async function listSitesInScope(db: Kysely<Database>, scope: Scope, filter: SiteListFilter, offset: number, limit: number) {
  let query = siteQuery(db);
  if (!isRootScope(scope)) query = query.where('sites.node_code', 'in', subtreeCodes(db, scope));
  if (filter.type !== undefined) query = query.where('sites.type', '=', filter.type);
  if (filter.active !== undefined) query = query.where('sites.active', '=', filter.active ? 1 : 0);
  if (filter.q !== undefined && filter.q.trim() !== '') {
    const pattern = `%${filter.q.trim().replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
    query = query.where((eb) =>
      eb.or([
        eb('sites.name', 'like', sql<string>`${pattern} escape '\\'`),
        eb('sites.address', 'like', sql<string>`${pattern} escape '\\'`),
      ]),
    );
  }
  const rows = await query.orderBy('sites.active', 'desc').orderBy('sites.name').orderBy('sites.id').execute();
  // Sites are counted in tens per district, so the page and the totals are cut from one read.
  return { rows: rows.slice(offset, offset + limit), total: rows.length, all: rows };
}

export function findSiteByName(db: Executor, nodeCode: string, name: string) {
  return db.selectFrom('sites').select('id').where('node_code', '=', nodeCode).where('name', '=', name).executeTakeFirst();
}

export function countStaysOfSite(db: Executor, siteId: string) {
  return db
    .selectFrom('site_stays')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('site_id', '=', siteId)
    .executeTakeFirstOrThrow();
}

export type RoomRow = Awaited<ReturnType<typeof listRoomsOfSite>>[number];

const ROOM_COLUMNS = [
  'site_rooms.id',
  'site_rooms.site_id',
  'site_rooms.name',
  'site_rooms.beds',
  'site_rooms.occupied',
  'site_rooms.notes',
  'site_rooms.removed_at',
] as const;

export function listRoomsOfSite(db: Executor, siteId: string) {
  return db
    .selectFrom('site_rooms')
    .select(ROOM_COLUMNS)
    .where('site_id', '=', siteId)
    .where('removed_at', 'is', null)
    .orderBy(sql`length(site_rooms.name)`)
    .orderBy('site_rooms.name')
    .execute();
}

/** Finds a room that was not removed, with its site, when the site's jurisdiction is in scope. */
export function findRoomInScope(db: Executor, scope: Scope, id: string) {
  let query = db
    .selectFrom('site_rooms')
    .innerJoin('sites', 'sites.id', 'site_rooms.site_id')
    .select(ROOM_COLUMNS)
    .select(['sites.name as site_name', 'sites.node_code', 'sites.active as site_active'])
    .where('site_rooms.id', '=', id)
    .where('site_rooms.removed_at', 'is', null);
  if (!isRootScope(scope)) query = query.where('sites.node_code', 'in', subtreeCodes(db as Kysely<Database>, scope));
  return query.executeTakeFirst();
}

export function findRoomByName(db: Executor, siteId: string, name: string) {
  return db
    .selectFrom('site_rooms')
    .select('id')
    .where('site_id', '=', siteId)
    .where('name', '=', name)
    .where('removed_at', 'is', null)
    .executeTakeFirst();
}

export function findRoomOccupancy(db: Executor, id: string) {
  return db.selectFrom('site_rooms').select(['name', 'beds', 'occupied']).where('id', '=', id).executeTakeFirstOrThrow();
}

/**
 * Takes one bed of a room: raises the counter only while it is below the
 * beds, the room is not removed and its site is active. The row lock of the
 * UPDATE on PostgreSQL, and the single writer of SQLite, make concurrent
 * claims of the last bed see each other, so at most one returns true.
 */
export async function claimBed(trx: Transaction<Database>, roomId: string, now: string): Promise<boolean> {
  const result = await trx
    .updateTable('site_rooms')
    .set((eb) => ({ occupied: eb('occupied', '+', 1), updated_at: now }))
    .where('id', '=', roomId)
    .where('removed_at', 'is', null)
    .where((eb) => eb('occupied', '<', eb.ref('beds')))
    .where('site_id', 'in', (eb) => eb.selectFrom('sites').select('id').where('active', '=', 1))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function releaseBed(trx: Transaction<Database>, roomId: string, now: string) {
  await trx
    .updateTable('site_rooms')
    .set((eb) => ({ occupied: eb('occupied', '-', 1), updated_at: now }))
    .where('id', '=', roomId)
    .execute();
}

/** Rooms of a site with a free bed, in the order an admission without a room fills them. */
export function listRoomsWithFreeBeds(trx: Transaction<Database>, siteId: string) {
  return trx
    .selectFrom('site_rooms')
    .select(['id', 'name'])
    .where('site_id', '=', siteId)
    .where('removed_at', 'is', null)
    .where((eb) => eb('occupied', '<', eb.ref('beds')))
    .orderBy(sql`length(site_rooms.name)`)
    .orderBy('name')
    .execute();
}

/** Sets the beds of a room unless that would leave fewer beds than persons staying there. */
export async function setRoomBeds(trx: Transaction<Database>, roomId: string, beds: number, now: string): Promise<boolean> {
  const result = await trx
    .updateTable('site_rooms')
    .set({ beds, updated_at: now })
    .where('id', '=', roomId)
    .where('occupied', '<=', beds)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Marks an empty room removed. Returns false when someone stays there. */
export async function removeEmptyRoom(trx: Transaction<Database>, roomId: string, now: string): Promise<boolean> {
  const result = await trx
    .updateTable('site_rooms')
    .set({ removed_at: now, updated_at: now })
    .where('id', '=', roomId)
    .where('occupied', '=', 0)
    .where('removed_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

function stayQuery(db: Executor) {
  return db
    .selectFrom('site_stays')
    .innerJoin('persons', 'persons.id', 'site_stays.person_id')
    .innerJoin('sites', 'sites.id', 'site_stays.site_id')
    .innerJoin('site_rooms', 'site_rooms.id', 'site_stays.room_id')
    .leftJoin('users as admitter', 'admitter.id', 'site_stays.admitted_by')
    .leftJoin('users as discharger', 'discharger.id', 'site_stays.discharged_by')
    .selectAll('site_stays')
    .select([
      'persons.name as person_name',
      'persons.document_type',
      'persons.document_masked',
      'persons.phone_masked',
      'sites.name as site_name',
      'sites.node_code',
      'site_rooms.name as room_name',
      'admitter.display_name as admitted_by_name',
      'discharger.display_name as discharged_by_name',
    ]);
}

export type StayRow = NonNullable<Awaited<ReturnType<typeof findStayInScope>>>;

/** Finds the stay with this id when its site's jurisdiction is in scope. */
export function findStayInScope(db: Executor, scope: Scope, id: string) {
  let query = stayQuery(db).where('site_stays.id', '=', id);
  if (!isRootScope(scope)) query = query.where('sites.node_code', 'in', subtreeCodes(db as Kysely<Database>, scope));
  return query.executeTakeFirst();
}

export async function listStaysOfSite(
  db: Kysely<Database>,
  siteId: string,
  filter: { status: 'current' | 'past' | 'all'; roomId?: string | undefined },
  offset: number,
  limit: number,
) {
  let query = stayQuery(db).where('site_stays.site_id', '=', siteId);
  if (filter.status === 'current') query = query.where('site_stays.discharged_at', 'is', null);
  if (filter.status === 'past') query = query.where('site_stays.discharged_at', 'is not', null);
  if (filter.roomId !== undefined) query = query.where('site_stays.room_id', '=', filter.roomId);
  const counted = await query
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  const ordered =
    filter.status === 'current'
      ? query
          .orderBy(sql`length(site_rooms.name)`)
          .orderBy('site_rooms.name')
          .orderBy('site_stays.admitted_at')
      : query.orderBy(sql`coalesce(site_stays.discharged_at, site_stays.admitted_at)`, 'desc');
  const rows = await ordered.orderBy('site_stays.id').offset(offset).limit(limit).execute();
  return { rows, total: Number(counted.count) };
}

/** Lists the stays of one person, newest first. The caller checks the person's scope. */
export function listStaysOfPerson(db: Kysely<Database>, personId: string) {
  return stayQuery(db)
    .where('site_stays.person_id', '=', personId)
    .orderBy('site_stays.admitted_at', 'desc')
    .orderBy('site_stays.id')
    .execute();
}

export function findOpenStayOfPerson(db: Executor, personId: string) {
  return db
    .selectFrom('site_stays')
    .innerJoin('sites', 'sites.id', 'site_stays.site_id')
    .select(['site_stays.id', 'sites.name as site_name'])
    .where('site_stays.person_id', '=', personId)
    .where('site_stays.discharged_at', 'is', null)
    .executeTakeFirst();
}

/** Closes an open stay. Returns false when a concurrent discharge or transfer closed it first. */
export async function closeStay(
  trx: Transaction<Database>,
  id: string,
  change: { now: string; by: string | null; reason: string | null },
): Promise<boolean> {
  const result = await trx
    .updateTable('site_stays')
    .set({ discharged_at: change.now, discharged_by: change.by, discharge_reason: change.reason })
    .where('id', '=', id)
    .where('discharged_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
