import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';

type Executor = Kysely<Database> | Transaction<Database>;

/** Loads what the closed loop needs of a registration: its destination, facts for the task, and the task made so far. */
export function findRegistrationForLoop(db: Executor, id: string) {
  return db
    .selectFrom('checkpoint_registrations as r')
    .innerJoin('checkpoints', 'checkpoints.id', 'r.checkpoint_id')
    .select([
      'r.id',
      'r.registered_at',
      'r.plate_number',
      'r.origin_region_code',
      'r.destination_community_code',
      'r.destination_room_id',
      'r.destination_place_id',
      'r.destination_text_enc',
      'r.task_id',
      'checkpoints.name as checkpoint_name',
    ])
    .where('r.id', '=', id)
    .executeTakeFirst();
}

export type LoopRegistrationRow = NonNullable<Awaited<ReturnType<typeof findRegistrationForLoop>>>;

/** Occupants of a registration in their order, with the encrypted values a person file needs. */
export function listOccupantsForLoop(db: Executor, registrationId: string) {
  return db
    .selectFrom('checkpoint_occupants')
    .select(['position', 'name_enc', 'document_type', 'document_number_enc', 'phone_enc', 'person_id'])
    .where('registration_id', '=', registrationId)
    .orderBy('position')
    .execute();
}

export async function setOccupantPerson(db: Executor, registrationId: string, position: number, personId: string) {
  await db
    .updateTable('checkpoint_occupants')
    .set({ person_id: personId })
    .where('registration_id', '=', registrationId)
    .where('position', '=', position)
    .execute();
}

/**
 * Stores the verification task on the registration, and the destination
 * community when the loop derived it from a room or place, so that the
 * arrivals list finds the registration by its community.
 */
export async function setRegistrationTask(trx: Transaction<Database>, id: string, taskId: string, communityCode: string) {
  await trx
    .updateTable('checkpoint_registrations')
    .set({ task_id: taskId, destination_community_code: communityCode })
    .where('id', '=', id)
    .execute();
}

/**
 * Ids of registrations with no task yet, received in [receivedFrom,
 * receivedTo], oldest first, whose destination is a room, a place or a
 * community-level node. A code of another level never resolves, so it is
 * left out rather than filling every batch.
 */
export async function listRegistrationsAwaitingLoop(db: Kysely<Database>, receivedFrom: string, receivedTo: string, limit: number) {
  const communities = db.selectFrom('jurisdictions').select('code').where('level', '=', 'community');
  const rows = await db
    .selectFrom('checkpoint_registrations')
    .select('id')
    .where('task_id', 'is', null)
    .where((eb) =>
      eb.or([
        eb('destination_community_code', 'in', communities),
        eb('destination_room_id', 'is not', null),
        eb('destination_place_id', 'is not', null),
      ]),
    )
    .where('received_at', '>=', receivedFrom)
    .where('received_at', '<=', receivedTo)
    .orderBy('received_at')
    .limit(limit)
    .execute();
  return rows.map((row) => row.id);
}
