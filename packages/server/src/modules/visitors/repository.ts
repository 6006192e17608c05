import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { VisitorTable } from '../../db/schema-gates.js';

type Executor = Kysely<Database> | Transaction<Database>;

/** A room of the compound, or undefined when the room belongs elsewhere. */
export function findRoomOfCompound(db: Executor, compoundId: string, roomId: string) {
  return db
    .selectFrom('rooms')
    .innerJoin('units', 'units.id', 'rooms.unit_id')
    .innerJoin('buildings', 'buildings.id', 'units.building_id')
    .select('rooms.id')
    .where('rooms.id', '=', roomId)
    .where('buildings.compound_id', '=', compoundId)
    .executeTakeFirst();
}

export function findGateOfCompound(db: Executor, compoundId: string, gateId: string) {
  return db.selectFrom('gates').select(['id', 'name']).where('id', '=', gateId).where('compound_id', '=', compoundId).executeTakeFirst();
}

/** Residents of a room who have a phone on file, owners first. */
export function listHostCandidates(db: Executor, roomId: string) {
  return db
    .selectFrom('persons')
    .select(['id', 'name', 'phone_enc', 'birth_date', 'household_role', 'preferred_language'])
    .where('room_id', '=', roomId)
    .where('merged_into_id', 'is', null)
    .where('phone_enc', 'is not', null)
    .orderBy('created_at')
    .execute();
}

export async function insertVisitor(trx: Transaction<Database>, row: VisitorTable) {
  await trx.insertInto('visitors').values(row).execute();
}

const VISITOR_COLUMNS = [
  'v.id',
  'v.compound_id',
  'v.gate_id',
  'v.node_code',
  'v.visit_date',
  'v.name_masked',
  'v.document_type',
  'v.document_masked',
  'v.phone_masked',
  'v.host_room_id',
  'v.host_person_id',
  'v.purpose',
  'v.temperature_tenths',
  'v.status',
  'v.confirm_expires_at',
  'v.decided_at',
  'v.created_at',
  'compounds.name as compound_name',
  'host.name as host_name',
  'buildings.number as building_number',
  'units.number as unit_number',
  'rooms.number as room_number',
  'gates.name as gate_name',
] as const;

function selectVisitors(db: Executor) {
  return db
    .selectFrom('visitors as v')
    .innerJoin('compounds', 'compounds.id', 'v.compound_id')
    .innerJoin('persons as host', 'host.id', 'v.host_person_id')
    .innerJoin('rooms', 'rooms.id', 'v.host_room_id')
    .innerJoin('units', 'units.id', 'rooms.unit_id')
    .innerJoin('buildings', 'buildings.id', 'units.building_id')
    .leftJoin('gates', 'gates.id', 'v.gate_id')
    .select(VISITOR_COLUMNS);
}

export type VisitorRow = Awaited<ReturnType<ReturnType<typeof selectVisitors>['executeTakeFirstOrThrow']>>;

export function findVisitorById(db: Executor, id: string) {
  return selectVisitors(db).where('v.id', '=', id).executeTakeFirst();
}

export function findVisitorByTokenHash(db: Executor, tokenHash: string) {
  return selectVisitors(db).where('v.confirm_token_hash', '=', tokenHash).executeTakeFirst();
}

export function listVisitorsOfDay(db: Executor, compoundId: string, visitDate: string) {
  return selectVisitors(db)
    .where('v.compound_id', '=', compoundId)
    .where('v.visit_date', '=', visitDate)
    .orderBy('v.created_at', 'desc')
    .execute();
}

/** Marks waiting visitors whose confirmation window has passed as expired. */
export async function expireWaitingVisitors(db: Executor, where: { id?: string; compoundId?: string }, now: string) {
  let query = db.updateTable('visitors').set({ status: 'expired' }).where('status', '=', 'waiting').where('confirm_expires_at', '<', now);
  if (where.id !== undefined) query = query.where('id', '=', where.id);
  if (where.compoundId !== undefined) query = query.where('compound_id', '=', where.compoundId);
  await query.execute();
}

/** Records the host's answer; false when the visitor is no longer waiting or the window has passed (a replayed or late answer). */
export async function decideVisitor(
  trx: Transaction<Database>,
  id: string,
  status: 'confirmed' | 'declined',
  now: string,
): Promise<boolean> {
  const result = await trx
    .updateTable('visitors')
    .set({ status, decided_at: now })
    .where('id', '=', id)
    .where('status', '=', 'waiting')
    .where('confirm_expires_at', '>=', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
