import type { Transaction } from 'kysely';
import type { Actor, ServiceContext } from '../../context/types.js';
import type { Database } from '../../db/schema.js';
import { type AuditFilter, appendAuditEntry, listAuditEntries } from './repository.js';
import { verifyAuditChain } from './verify.js';

export interface AuditEvent {
  action: string;
  entityType: string;
  entityId: string | null;
  nodeCode: string | null;
  /** Names of the fields written or revealed; never their values. */
  fields?: string[];
  /** Reason the user gave, required by reveals of personal fields. */
  reason?: string;
}

/** Records an event in the transaction of the change it describes. */
export function recordAudit(trx: Transaction<Database>, ctx: ServiceContext, actor: Actor | null, event: AuditEvent, now: string) {
  return appendAuditEntry(
    trx,
    ctx.dbKind,
    ctx.keys.auditChain,
    {
      actorUserId: actor?.userId ?? null,
      actorDeviceId: actor?.deviceId ?? null,
      action: event.action,
      entityType: event.entityType,
      entityId: event.entityId,
      nodeCode: event.nodeCode,
      fields: event.fields ?? [],
      requestId: actor?.requestId ?? null,
      reason: event.reason ?? null,
    },
    now,
  );
}

export async function listAudit(ctx: ServiceContext, actor: Actor, filter: AuditFilter, page: number, pageSize: number) {
  const { rows, total } = await listAuditEntries(ctx.db, actor.scope, filter, (page - 1) * pageSize, pageSize);
  return {
    total,
    items: rows.map((row) => ({
      seq: Number(row.seq),
      at: row.at,
      actorUserId: row.actor_user_id,
      actorName: row.actor_name ?? null,
      actorDeviceId: row.actor_device_id,
      action: row.action,
      entityType: row.entity_type,
      entityId: row.entity_id,
      nodeCode: row.node_code,
      nodeName: row.node_name ?? null,
      entityName: row.target_username ?? row.target_device_name ?? row.target_node_name ?? null,
      fields: JSON.parse(row.fields) as string[],
      requestId: row.request_id,
    })),
  };
}

export function verifyAudit(ctx: ServiceContext) {
  return verifyAuditChain(ctx.db, ctx.keys.auditChain);
}
