import { type ExpressionBuilder, type Kysely, sql, type Transaction } from 'kysely';
import type { Scope } from '../../context/types.js';
import type { Database } from '../../db/schema.js';
import { subtreeCodes } from '../jurisdictions/scope.js';

type Executor = Kysely<Database> | Transaction<Database>;

/**
 * Builds the scope condition of compounds and places: a row is in scope when
 * its community or its grid is in the subtree. Community staff thus read every
 * compound of the community, and a grid worker reads those assigned to the grid.
 */
function boundInScope<TB extends 'compounds' | 'places'>(db: Kysely<Database>, scope: Scope, table: TB) {
  return (eb: ExpressionBuilder<Database, TB>) =>
    eb.or([
      eb(eb.ref(`${table}.community_code` as never), 'in', subtreeCodes(db, scope) as never),
      eb(eb.ref(`${table}.grid_code` as never), 'in', subtreeCodes(db, scope) as never),
    ]);
}

/** Escapes LIKE wildcards for a pattern used with `ESCAPE '\'`. */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

/** Length of a number stored as text: ordering by it first sorts "2" before "10" on both databases. */
function lengthOf(column: string) {
  return sql`length(${sql.ref(column)})`;
}

const COMPOUND_COLUMNS = [
  'compounds.id',
  'compounds.community_code',
  'compounds.grid_code',
  'compounds.name',
  'compounds.created_at',
  'compounds.updated_at',
  'community.name as community_name',
  'grid.name as grid_name',
] as const;

function compoundCounts(eb: ExpressionBuilder<Database, 'compounds'>) {
  return [
    eb
      .selectFrom('buildings')
      .select((inner) => inner.fn.countAll<number>().as('n'))
      .whereRef('buildings.compound_id', '=', 'compounds.id')
      .as('building_count'),
    eb
      .selectFrom('rooms')
      .innerJoin('units', 'units.id', 'rooms.unit_id')
      .innerJoin('buildings', 'buildings.id', 'units.building_id')
      .select((inner) => inner.fn.countAll<number>().as('n'))
      .whereRef('buildings.compound_id', '=', 'compounds.id')
      .as('room_count'),
  ] as const;
}

function compoundQuery(db: Kysely<Database>, scope: Scope) {
  return db
    .selectFrom('compounds')
    .innerJoin('jurisdictions as community', 'community.code', 'compounds.community_code')
    .leftJoin('jurisdictions as grid', 'grid.code', 'compounds.grid_code')
    .where(boundInScope(db, scope, 'compounds'));
}

export function findCompoundInScope(db: Kysely<Database>, scope: Scope, id: string) {
  return compoundQuery(db, scope).select(COMPOUND_COLUMNS).select(compoundCounts).where('compounds.id', '=', id).executeTakeFirst();
}

export interface CompoundFilter {
  communityCode?: string | undefined;
  /** Lower-case normalised text that normalized_name must contain. */
  normalizedText?: string | undefined;
}

export async function listCompoundsInScope(db: Kysely<Database>, scope: Scope, filter: CompoundFilter, offset: number, limit: number) {
  let query = compoundQuery(db, scope);
  if (filter.communityCode) query = query.where('compounds.community_code', '=', filter.communityCode);
  if (filter.normalizedText) {
    query = query.where(sql<boolean>`compounds.normalized_name like ${containsPattern(filter.normalizedText)} escape '\\'`);
  }

  const [rows, total] = await Promise.all([
    query
      .select(COMPOUND_COLUMNS)
      .select(compoundCounts)
      .orderBy('compounds.community_code')
      .orderBy('compounds.name')
      .orderBy('compounds.id')
      .offset(offset)
      .limit(limit)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.count) };
}

/** Compounds of the scope whose normalised name starts the normalised search text, longest name first. */
export function listCompoundsNamedAtStartOf(db: Kysely<Database>, scope: Scope, normalizedText: string, limit: number) {
  return compoundQuery(db, scope)
    .select(['compounds.id', 'compounds.normalized_name'])
    .where(sql<boolean>`substr(cast(${normalizedText} as text), 1, length(compounds.normalized_name)) = compounds.normalized_name`)
    .orderBy(lengthOf('compounds.normalized_name'), 'desc')
    .orderBy('compounds.id')
    .limit(limit)
    .execute();
}

export function findCompoundIdByName(db: Executor, communityCode: string, name: string) {
  return db.selectFrom('compounds').select('id').where('community_code', '=', communityCode).where('name', '=', name).executeTakeFirst();
}

export async function insertCompound(
  db: Executor,
  compound: { id: string; communityCode: string; gridCode: string | null; name: string; normalizedName: string; now: string },
) {
  await db
    .insertInto('compounds')
    .values({
      id: compound.id,
      community_code: compound.communityCode,
      grid_code: compound.gridCode,
      name: compound.name,
      normalized_name: compound.normalizedName,
      created_at: compound.now,
      updated_at: compound.now,
    })
    .execute();
}

export function listBuildingsOfCompound(db: Executor, compoundId: string) {
  return db
    .selectFrom('buildings')
    .select((eb) => [
      'buildings.id',
      'buildings.number',
      eb
        .selectFrom('units')
        .select((inner) => inner.fn.countAll<number>().as('n'))
        .whereRef('units.building_id', '=', 'buildings.id')
        .as('unit_count'),
      eb
        .selectFrom('rooms')
        .innerJoin('units', 'units.id', 'rooms.unit_id')
        .select((inner) => inner.fn.countAll<number>().as('n'))
        .whereRef('units.building_id', '=', 'buildings.id')
        .as('room_count'),
    ])
    .where('buildings.compound_id', '=', compoundId)
    .orderBy(lengthOf('buildings.number'))
    .orderBy('buildings.number')
    .execute();
}

export function findBuildingInScope(db: Kysely<Database>, scope: Scope, id: string) {
  return compoundQuery(db, scope)
    .innerJoin('buildings', 'buildings.compound_id', 'compounds.id')
    .select(['buildings.id', 'buildings.number', 'compounds.id as compound_id', 'compounds.name as compound_name'])
    .where('buildings.id', '=', id)
    .executeTakeFirst();
}

/** Rooms of a building ordered by unit, floor and room number. */
export function listRoomsOfBuilding(db: Executor, buildingId: string) {
  return db
    .selectFrom('rooms')
    .innerJoin('units', 'units.id', 'rooms.unit_id')
    .select(['rooms.id', 'rooms.number', 'rooms.floor', 'units.id as unit_id', 'units.number as unit_number'])
    .where('units.building_id', '=', buildingId)
    .orderBy(lengthOf('units.number'))
    .orderBy('units.number')
    .orderBy('rooms.floor')
    .orderBy(lengthOf('rooms.number'))
    .orderBy('rooms.number')
    .execute();
}

/** Units of a building, including those without rooms. */
export function listUnitsOfBuilding(db: Executor, buildingId: string) {
  return db
    .selectFrom('units')
    .select(['units.id', 'units.number'])
    .where('units.building_id', '=', buildingId)
    .orderBy(lengthOf('units.number'))
    .orderBy('units.number')
    .execute();
}

const ROOM_COLUMNS = [
  'rooms.id',
  'rooms.number',
  'rooms.floor',
  'units.id as unit_id',
  'units.number as unit_number',
  'buildings.id as building_id',
  'buildings.number as building_number',
  'compounds.id as compound_id',
  'compounds.name as compound_name',
  'compounds.community_code',
  'compounds.grid_code',
  'community.name as community_name',
] as const;

function roomQuery(db: Kysely<Database>, scope: Scope) {
  return compoundQuery(db, scope)
    .innerJoin('buildings', 'buildings.compound_id', 'compounds.id')
    .innerJoin('units', 'units.building_id', 'buildings.id')
    .innerJoin('rooms', 'rooms.unit_id', 'units.id');
}

export type RoomRow = NonNullable<Awaited<ReturnType<typeof findRoomInScope>>>;

export function findRoomInScope(db: Kysely<Database>, scope: Scope, id: string) {
  return roomQuery(db, scope).select(ROOM_COLUMNS).where('rooms.id', '=', id).executeTakeFirst();
}

export interface RoomMatch {
  compoundIds?: string[] | undefined;
  building?: string | undefined;
  unit?: string | undefined;
  room?: string | undefined;
  floor?: number | undefined;
}

/** Rooms of the scope that have every part the match gives. */
export function listRoomsMatching(db: Kysely<Database>, scope: Scope, match: RoomMatch, limit: number) {
  let query = roomQuery(db, scope);
  if (match.compoundIds) query = query.where('compounds.id', 'in', match.compoundIds);
  if (match.building !== undefined) query = query.where('buildings.number', '=', match.building);
  if (match.unit !== undefined) query = query.where('units.number', '=', match.unit);
  if (match.room !== undefined) query = query.where('rooms.number', '=', match.room);
  else if (match.floor !== undefined) query = query.where('rooms.floor', '=', match.floor);

  return query
    .select(ROOM_COLUMNS)
    .orderBy('compounds.name')
    .orderBy('compounds.id')
    .orderBy(lengthOf('buildings.number'))
    .orderBy('buildings.number')
    .orderBy(lengthOf('units.number'))
    .orderBy('units.number')
    .orderBy('rooms.floor')
    .orderBy(lengthOf('rooms.number'))
    .orderBy('rooms.number')
    .limit(limit)
    .execute();
}

const PLACE_COLUMNS = [
  'places.id',
  'places.community_code',
  'places.grid_code',
  'places.kind',
  'places.text',
  'places.created_at',
  'places.updated_at',
  'community.name as community_name',
  'grid.name as grid_name',
] as const;

function placeQuery(db: Kysely<Database>, scope: Scope) {
  return db
    .selectFrom('places')
    .innerJoin('jurisdictions as community', 'community.code', 'places.community_code')
    .leftJoin('jurisdictions as grid', 'grid.code', 'places.grid_code')
    .where(boundInScope(db, scope, 'places'));
}

export type PlaceRow = NonNullable<Awaited<ReturnType<typeof findPlaceInScope>>>;

export function findPlaceInScope(db: Kysely<Database>, scope: Scope, id: string) {
  return placeQuery(db, scope).select(PLACE_COLUMNS).where('places.id', '=', id).executeTakeFirst();
}

export interface PlaceFilter {
  communityCode?: string | undefined;
  kind?: string | undefined;
  /** Lower-case normalised text that normalized_text must contain. */
  normalizedText?: string | undefined;
}

function filteredPlaceQuery(db: Kysely<Database>, scope: Scope, filter: PlaceFilter) {
  let query = placeQuery(db, scope);
  if (filter.communityCode) query = query.where('places.community_code', '=', filter.communityCode);
  if (filter.kind) query = query.where('places.kind', '=', filter.kind);
  if (filter.normalizedText) {
    query = query.where(sql<boolean>`places.normalized_text like ${containsPattern(filter.normalizedText)} escape '\\'`);
  }
  return query;
}

export function searchPlacesInScope(db: Kysely<Database>, scope: Scope, filter: PlaceFilter, offset: number, limit: number) {
  return filteredPlaceQuery(db, scope, filter)
    .select(PLACE_COLUMNS)
    .orderBy('places.community_code')
    .orderBy('places.normalized_text')
    .orderBy('places.id')
    .offset(offset)
    .limit(limit)
    .execute();
}

export async function listPlacesInScope(db: Kysely<Database>, scope: Scope, filter: PlaceFilter, offset: number, limit: number) {
  const [rows, total] = await Promise.all([
    searchPlacesInScope(db, scope, filter, offset, limit),
    filteredPlaceQuery(db, scope, filter)
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.count) };
}

export async function insertPlace(
  db: Executor,
  place: { id: string; communityCode: string; gridCode: string | null; kind: string; text: string; normalizedText: string; now: string },
) {
  await db
    .insertInto('places')
    .values({
      id: place.id,
      community_code: place.communityCode,
      grid_code: place.gridCode,
      kind: place.kind,
      text: place.text,
      normalized_text: place.normalizedText,
      created_at: place.now,
      updated_at: place.now,
    })
    .execute();
}
