import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { DatabaseKind } from '../../db/dialect.js';

/** SQLite's default limit of bound variables in one statement; PostgreSQL allows 65,535. */
const MAX_BOUND_VARIABLES = 32_766;

function* batchesOf<T>(rows: T[], columnCount: number): Generator<T[]> {
  const size = Math.floor(MAX_BOUND_VARIABLES / columnCount);
  for (let start = 0; start < rows.length; start += size) yield rows.slice(start, start + size);
}

/**
 * Locks a compound's row on PostgreSQL until the transaction ends, so that two
 * generators of the same compound run one after the other. SQLite has no row
 * locks, and Kysely's SQLite driver runs one transaction at a time on its
 * single connection.
 */
export async function lockCompound(trx: Transaction<Database>, dbKind: DatabaseKind, id: string) {
  let query = trx.selectFrom('compounds').select('id').where('id', '=', id);
  if (dbKind === 'postgres') query = query.forUpdate();
  return query.executeTakeFirst();
}

export function listBuildingKeysOfCompound(trx: Transaction<Database>, compoundId: string) {
  return trx.selectFrom('buildings').select(['id', 'number']).where('compound_id', '=', compoundId).execute();
}

export function listUnitKeysOfCompound(trx: Transaction<Database>, compoundId: string) {
  return trx
    .selectFrom('units')
    .innerJoin('buildings', 'buildings.id', 'units.building_id')
    .select(['units.id', 'units.building_id', 'units.number'])
    .where('buildings.compound_id', '=', compoundId)
    .execute();
}

export function listRoomKeysOfCompound(trx: Transaction<Database>, compoundId: string) {
  return trx
    .selectFrom('rooms')
    .innerJoin('units', 'units.id', 'rooms.unit_id')
    .innerJoin('buildings', 'buildings.id', 'units.building_id')
    .select(['rooms.unit_id', 'rooms.number'])
    .where('buildings.compound_id', '=', compoundId)
    .execute();
}

export async function insertBuildings(
  trx: Transaction<Database>,
  rows: Array<{ id: string; compoundId: string; number: string }>,
  now: string,
) {
  for (const batch of batchesOf(rows, 4)) {
    await trx
      .insertInto('buildings')
      .values(batch.map((row) => ({ id: row.id, compound_id: row.compoundId, number: row.number, created_at: now })))
      .execute();
  }
}

export async function insertUnits(
  trx: Transaction<Database>,
  rows: Array<{ id: string; buildingId: string; number: string }>,
  now: string,
) {
  for (const batch of batchesOf(rows, 4)) {
    await trx
      .insertInto('units')
      .values(batch.map((row) => ({ id: row.id, building_id: row.buildingId, number: row.number, created_at: now })))
      .execute();
  }
}

export async function insertRooms(
  trx: Transaction<Database>,
  rows: Array<{ id: string; unitId: string; floor: number; number: string }>,
  now: string,
) {
  for (const batch of batchesOf(rows, 5)) {
    await trx
      .insertInto('rooms')
      .values(batch.map((row) => ({ id: row.id, unit_id: row.unitId, floor: row.floor, number: row.number, created_at: now })))
      .execute();
  }
}

export async function touchCompound(trx: Transaction<Database>, id: string, now: string) {
  await trx.updateTable('compounds').set({ updated_at: now }).where('id', '=', id).execute();
}
