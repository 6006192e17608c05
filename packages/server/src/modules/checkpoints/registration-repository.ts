import { type Insertable, type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { CheckpointOccupantTable, CheckpointRegistrationTable } from '../../db/schema-checkpoints.js';

type Executor = Kysely<Database> | Transaction<Database>;

/** Most hits of each kind that a duplicate lookup returns. */
const MAX_DUPLICATE_HITS = 20;

export async function insertRegistration(
  trx: Transaction<Database>,
  registration: Insertable<CheckpointRegistrationTable>,
  occupants: Insertable<CheckpointOccupantTable>[],
) {
  await trx.insertInto('checkpoint_registrations').values(registration).execute();
  await trx.insertInto('checkpoint_occupants').values(occupants).execute();
}

/** Finds the columns a resend check needs: the sender of the registration, the hash of its body and whether it has a destination. */
export function findRegistrationSender(db: Executor, id: string) {
  return db
    .selectFrom('checkpoint_registrations')
    .select(['id', 'device_id', 'officer_id', 'request_hash', 'destination_community_code', 'destination_room_id', 'destination_place_id'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export function findRegistrationById(db: Executor, id: string) {
  return db
    .selectFrom('checkpoint_registrations as r')
    .innerJoin('checkpoints as c', 'c.id', 'r.checkpoint_id')
    .leftJoin('jurisdictions as d', 'd.code', 'r.destination_community_code')
    .select([
      'r.id',
      'r.checkpoint_id',
      'c.name as checkpoint_name',
      'r.mode',
      'r.registered_at',
      'r.received_at',
      'r.plate_number',
      'r.plate_region_code',
      'r.origin_region_code',
      'r.travel_history_enc',
      'r.disposition',
      'r.disposition_reason',
      'r.site_id',
      'r.risk_level',
      'r.destination_community_code',
      'd.name as destination_community_name',
      'r.task_id',
    ])
    .where('r.id', '=', id)
    .executeTakeFirst();
}

export function listOccupantsOfRegistration(db: Executor, registrationId: string) {
  return db
    .selectFrom('checkpoint_occupants')
    .select([
      'position',
      'role',
      'document_type',
      'document_masked',
      'document_region_code',
      'birth_date',
      'sex',
      'phone_masked',
      'temperature_tenths',
      'symptoms',
    ])
    .where('registration_id', '=', registrationId)
    .orderBy('position')
    .execute();
}

export async function listDocumentIndexesOfRegistration(db: Executor, registrationId: string) {
  const rows = await db.selectFrom('checkpoint_occupants').select('document_index').where('registration_id', '=', registrationId).execute();
  return rows.map((row) => row.document_index);
}

/**
 * Registrations since `since` with the plate, and occupants with one of the
 * document blind indexes, at any checkpoint, in one statement. Each part is
 * newest first and returns at most 20 rows. The parts are wrapped as derived
 * tables because SQLite rejects ORDER BY and LIMIT on the parts of a UNION ALL.
 */
export function listDuplicateRegistrations(
  db: Executor,
  query: { plateNumber: string | null; documentIndexes: string[]; since: string; excludeId: string | null },
) {
  let byPlate = db
    .selectFrom('checkpoint_registrations as r')
    .innerJoin('checkpoints as c', 'c.id', 'r.checkpoint_id')
    .select([
      sql<'plate' | 'document'>`'plate'`.as('matched_by'),
      'r.id',
      'r.registered_at',
      'r.plate_number',
      'c.name as checkpoint_name',
      sql<string | null>`null`.as('document_masked'),
    ])
    // Without a plate this part compares with the empty string, which no stored plate is, and returns no rows.
    .where('r.plate_number', '=', query.plateNumber ?? '')
    .where('r.registered_at', '>=', query.since);
  if (query.excludeId !== null) byPlate = byPlate.where('r.id', '!=', query.excludeId);

  let byDocument = db
    .selectFrom('checkpoint_occupants as o')
    .innerJoin('checkpoint_registrations as r', 'r.id', 'o.registration_id')
    .innerJoin('checkpoints as c', 'c.id', 'r.checkpoint_id')
    .select([
      sql<'plate' | 'document'>`'document'`.as('matched_by'),
      'r.id',
      'r.registered_at',
      'r.plate_number',
      'c.name as checkpoint_name',
      'o.document_masked',
    ])
    // An empty IN list is invalid SQL, so without documents this part compares with the empty string, which no blind index is.
    .where('o.document_index', 'in', query.documentIndexes.length > 0 ? query.documentIndexes : [''])
    .where('r.registered_at', '>=', query.since);
  if (query.excludeId !== null) byDocument = byDocument.where('r.id', '!=', query.excludeId);

  const plateHits = byPlate.orderBy('r.registered_at', 'desc').limit(MAX_DUPLICATE_HITS);
  const documentHits = byDocument.orderBy('r.registered_at', 'desc').limit(MAX_DUPLICATE_HITS);
  return db
    .selectFrom(plateHits.as('p'))
    .selectAll()
    .unionAll(db.selectFrom(documentHits.as('d')).selectAll())
    .execute();
}
