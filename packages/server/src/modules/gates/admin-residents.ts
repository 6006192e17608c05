import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import { roomTextOf } from '../addresses/service.js';

type Executor = Kysely<Database> | Transaction<Database>;

function roomQuery(db: Executor) {
  return db
    .selectFrom('rooms')
    .innerJoin('units', 'units.id', 'rooms.unit_id')
    .innerJoin('buildings', 'buildings.id', 'units.building_id')
    .innerJoin('compounds', 'compounds.id', 'buildings.compound_id')
    .select([
      'rooms.id',
      'rooms.number',
      'units.number as unit_number',
      'buildings.number as building_number',
      'buildings.compound_id',
      'compounds.name as compound_name',
    ]);
}

/** Finds a room of the compound with its address text ("金色家园1幢1单元101室"); undefined when it is not there. */
export async function findRoomInCompound(db: Executor, compoundId: string, roomId: string) {
  const row = await roomQuery(db).where('rooms.id', '=', roomId).where('buildings.compound_id', '=', compoundId).executeTakeFirst();
  return row && { id: row.id, text: roomTextOf(row) };
}

/** Address texts of rooms by id. */
export async function roomTextsOf(db: Executor, roomIds: (string | null)[]): Promise<Map<string, string>> {
  const ids = [...new Set(roomIds.filter((id): id is string => id !== null))];
  if (ids.length === 0) return new Map();
  const rows = await roomQuery(db).where('rooms.id', 'in', ids).execute();
  return new Map(rows.map((row) => [row.id, roomTextOf(row)]));
}

/**
 * Finds a person file with the compound of its room (null without a room).
 * Returns undefined when there is no such file or it was merged into another.
 */
export async function findPersonWithHome(db: Executor, personId: string) {
  return db
    .selectFrom('persons')
    .leftJoin('rooms', 'rooms.id', 'persons.room_id')
    .leftJoin('units', 'units.id', 'rooms.unit_id')
    .leftJoin('buildings', 'buildings.id', 'units.building_id')
    .select([
      'persons.id',
      'persons.name',
      'persons.phone_enc',
      'persons.preferred_language',
      'persons.community_code',
      'persons.room_id',
      'buildings.compound_id as home_compound_id',
    ])
    .where('persons.id', '=', personId)
    .where('persons.merged_into_id', 'is', null)
    .executeTakeFirst();
}

/** True while the person has an active home quarantine. */
export async function isUnderHomeQuarantine(db: Executor, personId: string): Promise<boolean> {
  const row = await db
    .selectFrom('home_quarantines')
    .select('id')
    .where('person_id', '=', personId)
    .where('status', '=', 'active')
    .executeTakeFirst();
  return row !== undefined;
}

/** Escapes LIKE wildcards for a pattern used with `ESCAPE '\'`. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}
