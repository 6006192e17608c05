import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';

type Executor = Kysely<Database> | Transaction<Database>;

/** A tenancy as written by the service and by imports. Exactly one of roomId and placeId is set. */
export interface TenancyInput {
  roomId: string | null;
  placeId: string | null;
  landlordPersonId: string;
  tenantPersonId: string;
  /** YYYY-MM-DD. */
  startDate: string;
  /** YYYY-MM-DD, or null while the lease runs with no end date. */
  endDate: string | null;
  /** Community of the room's compound or of the place. */
  communityCode: string;
  endedReason?: string | null | undefined;
  /** ISO timestamp written to created_at and updated_at; defaults to the current time. */
  now?: string | undefined;
}

export interface UpsertTenancyResult {
  id: string;
  /** True when a new row was inserted. */
  created: boolean;
  /** True when an existing row had other values and was updated. */
  changed: boolean;
}

function requireOneAddress(row: TenancyInput): void {
  if ((row.roomId === null) === (row.placeId === null)) {
    throw new Error(`invalid tenancy: set exactly one of roomId and placeId (got roomId=${row.roomId}, placeId=${row.placeId})`);
  }
}

/** Finds the tenancy of the same room or place, landlord, tenant and start date. */
export function findSameTenancy(db: Executor, row: TenancyInput) {
  let query = db
    .selectFrom('tenancies')
    .selectAll()
    .where('landlord_person_id', '=', row.landlordPersonId)
    .where('tenant_person_id', '=', row.tenantPersonId)
    .where('start_date', '=', row.startDate);
  query = row.roomId !== null ? query.where('room_id', '=', row.roomId) : query.where('place_id', '=', row.placeId as string);
  return query.executeTakeFirst();
}

/** Inserts a tenancy row and returns its id. */
export async function insertTenancy(db: Executor, row: TenancyInput): Promise<string> {
  requireOneAddress(row);
  const id = randomUUID();
  const now = row.now ?? new Date().toISOString();
  await db
    .insertInto('tenancies')
    .values({
      id,
      room_id: row.roomId,
      place_id: row.placeId,
      landlord_person_id: row.landlordPersonId,
      tenant_person_id: row.tenantPersonId,
      start_date: row.startDate,
      end_date: row.endDate,
      community_code: row.communityCode,
      ended_reason: row.endedReason ?? null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

/**
 * Inserts a tenancy, or updates the one with the same room or place, landlord,
 * tenant and start date. An update writes end_date, community_code and, when
 * the input gives one, ended_reason, and only when one of them differs. The
 * caller validates the persons and dates, and records the audit entry in the
 * same transaction.
 */
export async function upsertTenancy(db: Executor, row: TenancyInput): Promise<UpsertTenancyResult> {
  requireOneAddress(row);
  const existing = await findSameTenancy(db, row);
  if (!existing) return { id: await insertTenancy(db, row), created: true, changed: false };

  const endedReason = row.endedReason === undefined ? existing.ended_reason : row.endedReason;
  const changed =
    existing.end_date !== row.endDate || existing.community_code !== row.communityCode || existing.ended_reason !== endedReason;
  if (changed) {
    await db
      .updateTable('tenancies')
      .set({
        end_date: row.endDate,
        community_code: row.communityCode,
        ended_reason: endedReason,
        updated_at: row.now ?? new Date().toISOString(),
      })
      .where('id', '=', existing.id)
      .execute();
  }
  return { id: existing.id, created: false, changed };
}
