import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';

type Executor = Kysely<Database> | Transaction<Database>;

/** Rows that point at a room or a place and so keep it from being deleted. */
export interface AddressReferences {
  persons: number;
  tenancies: number;
  screeningVisits: number;
}

async function countWhere(db: Executor, table: 'persons' | 'tenancies' | 'screening_visits', column: 'room_id' | 'place_id', id: string) {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(column, '=', id)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Counts the person files, tenancies and screening visits that refer to a room or a place. */
export async function countAddressReferences(db: Executor, column: 'room_id' | 'place_id', id: string): Promise<AddressReferences> {
  const [persons, tenancies, screeningVisits] = await Promise.all([
    countWhere(db, 'persons', column, id),
    countWhere(db, 'tenancies', column, id),
    countWhere(db, 'screening_visits', column, id),
  ]);
  return { persons, tenancies, screeningVisits };
}

export function findRoomIdByNumber(db: Executor, unitId: string, number: string) {
  return db.selectFrom('rooms').select('id').where('unit_id', '=', unitId).where('number', '=', number).executeTakeFirst();
}

export async function updateRoom(db: Executor, id: string, changes: { number: string; floor: number }) {
  await db.updateTable('rooms').set(changes).where('id', '=', id).execute();
}

export async function deleteRoom(db: Executor, id: string) {
  await db.deleteFrom('rooms').where('id', '=', id).execute();
}

export async function updatePlace(db: Executor, id: string, changes: { kind: string; text: string; normalizedText: string; now: string }) {
  await db
    .updateTable('places')
    .set({ kind: changes.kind, text: changes.text, normalized_text: changes.normalizedText, updated_at: changes.now })
    .where('id', '=', id)
    .execute();
}

export async function deletePlace(db: Executor, id: string) {
  await db.deleteFrom('places').where('id', '=', id).execute();
}

export async function updateCompound(
  db: Executor,
  id: string,
  changes: { name: string; normalized_name: string; grid_code: string | null; updated_at: string },
) {
  await db.updateTable('compounds').set(changes).where('id', '=', id).execute();
}

/** Ids of the person files of the community that live in a room of the compound. */
export async function listResidentIdsOfCompound(db: Executor, compoundId: string, communityCode: string): Promise<string[]> {
  const rows = await db
    .selectFrom('persons')
    .innerJoin('rooms', 'rooms.id', 'persons.room_id')
    .innerJoin('units', 'units.id', 'rooms.unit_id')
    .innerJoin('buildings', 'buildings.id', 'units.building_id')
    .select('persons.id')
    .where('buildings.compound_id', '=', compoundId)
    .where('persons.community_code', '=', communityCode)
    .execute();
  return rows.map((row) => row.id);
}

export async function setPersonsGrid(db: Executor, ids: string[], gridCode: string | null, now: string) {
  if (ids.length === 0) return;
  await db.updateTable('persons').set({ grid_code: gridCode, updated_at: now }).where('id', 'in', ids).execute();
}
