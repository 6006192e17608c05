import { createHmac } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

export interface ChainedFields {
  seq: number;
  at: string;
  actor_user_id: string | null;
  actor_device_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  node_code: string | null;
  fields: string;
  request_id: string | null;
  /** Reason given for a reveal; absent or null for other entries. */
  reason?: string | null;
  prev_hash: string;
}

/**
 * HMAC-SHA-256 over every column of the row and the previous row's hash.
 * Keyed with a secret that is not in the database, so a person with write
 * access to the table cannot recompute a consistent chain after changing a row. The reason
 * column came later: it is appended only when it is not null, so rows
 * written before it existed keep their hashes.
 */
export function computeAuditHash(key: Buffer, row: ChainedFields): string {
  const values: unknown[] = [
    row.seq,
    row.at,
    row.actor_user_id,
    row.actor_device_id,
    row.action,
    row.entity_type,
    row.entity_id,
    row.node_code,
    row.fields,
    row.request_id,
    row.prev_hash,
  ];
  if (row.reason !== undefined && row.reason !== null) values.push(row.reason);
  const canonical = JSON.stringify(values);
  return createHmac('sha256', key).update(canonical).digest('hex');
}
