import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { DatabaseKind } from '../../db/dialect.js';
import type { Scope } from '../../context/types.js';
import { subtreeCodes } from '../jurisdictions/scope.js';
import { computeAuditHash, GENESIS_HASH } from './chain.js';

// Any fixed 64-bit number serves: it only names the lock that serialises appends.
const AUDIT_APPEND_LOCK = 727_000_001;

export interface AuditInput {
  actorUserId: string | null;
  actorDeviceId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  nodeCode: string | null;
  fields: string[];
  requestId: string | null;
  /** Reason the user gave for a reveal; null or absent otherwise. */
  reason?: string | null;
}

/**
 * Appends one row to the hash chain. Takes a transaction because the row must
 * commit or roll back with the change it records. On PostgreSQL an advisory
 * transaction lock serialises appends across instances; SQLite has one writer.
 */
export async function appendAuditEntry(
  trx: Transaction<Database>,
  dbKind: DatabaseKind,
  key: Buffer,
  input: AuditInput,
  now: string,
): Promise<number> {
  if (dbKind === 'postgres') {
    await sql`SELECT pg_advisory_xact_lock(${AUDIT_APPEND_LOCK})`.execute(trx);
  }
  const last = await trx.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const row = {
    seq: Number(last?.seq ?? 0) + 1,
    at: now,
    actor_user_id: input.actorUserId,
    actor_device_id: input.actorDeviceId,
    action: input.action,
    entity_type: input.entityType,
    entity_id: input.entityId,
    node_code: input.nodeCode,
    fields: JSON.stringify(input.fields),
    request_id: input.requestId,
    reason: input.reason ?? null,
    prev_hash: last?.hash ?? GENESIS_HASH,
  };
  await trx
    .insertInto('audit_log')
    .values({ ...row, hash: computeAuditHash(key, row) })
    .execute();
  return row.seq;
}

export interface AuditFilter {
  action?: string | undefined;
  entityType?: string | undefined;
  entityId?: string | undefined;
  actorId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/**
 * Audit rows visible in a scope: rows about a node of the subtree, plus rows
 * whose actor sits in the subtree.
 */
function scopedAuditQuery(db: Kysely<Database>, scope: Scope, filter: AuditFilter) {
  let query = db
    .selectFrom('audit_log')
    .leftJoin('users as actor', 'actor.id', 'audit_log.actor_user_id')
    .leftJoin('jurisdictions as node', 'node.code', 'audit_log.node_code')
    // Names of the record the entry is about, for people reading the log; ids stay the reference.
    .leftJoin('users as target_user', (join) =>
      join.onRef('target_user.id', '=', 'audit_log.entity_id').on('audit_log.entity_type', '=', 'user'),
    )
    .leftJoin('devices as target_device', (join) =>
      join.onRef('target_device.id', '=', 'audit_log.entity_id').on('audit_log.entity_type', '=', 'device'),
    )
    .leftJoin('jurisdictions as target_node', (join) =>
      join.onRef('target_node.code', '=', 'audit_log.entity_id').on('audit_log.entity_type', '=', 'jurisdiction'),
    )
    .where((eb) => eb.or([eb('audit_log.node_code', 'in', subtreeCodes(db, scope)), eb('actor.node_code', 'in', subtreeCodes(db, scope))]));
  if (filter.action) query = query.where('audit_log.action', '=', filter.action);
  if (filter.entityType) query = query.where('audit_log.entity_type', '=', filter.entityType);
  if (filter.entityId) query = query.where('audit_log.entity_id', '=', filter.entityId);
  if (filter.actorId) query = query.where('audit_log.actor_user_id', '=', filter.actorId);
  if (filter.from) query = query.where('audit_log.at', '>=', filter.from);
  if (filter.to) query = query.where('audit_log.at', '<', filter.to);
  return query;
}

export async function listAuditEntries(db: Kysely<Database>, scope: Scope, filter: AuditFilter, offset: number, limit: number) {
  const base = scopedAuditQuery(db, scope, filter);
  const [rows, total] = await Promise.all([
    base
      .select([
        'audit_log.seq',
        'audit_log.at',
        'audit_log.actor_user_id',
        'audit_log.actor_device_id',
        'audit_log.action',
        'audit_log.entity_type',
        'audit_log.entity_id',
        'audit_log.node_code',
        'audit_log.fields',
        'audit_log.request_id',
        'actor.display_name as actor_name',
        'node.name as node_name',
        'target_user.username as target_username',
        'target_device.name as target_device_name',
        'target_node.name as target_node_name',
      ])
      .orderBy('audit_log.seq', 'desc')
      .offset(offset)
      .limit(limit)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.count) };
}

export function listAuditChainBatch(db: Kysely<Database>, afterSeq: number, limit: number) {
  return db.selectFrom('audit_log').selectAll().where('seq', '>', afterSeq).orderBy('seq', 'asc').limit(limit).execute();
}
