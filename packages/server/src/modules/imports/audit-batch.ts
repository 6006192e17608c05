import { sql, type Transaction } from 'kysely';
import type { Actor, ServiceContext } from '../../context/types.js';
import type { Database } from '../../db/schema.js';
import { computeAuditHash, GENESIS_HASH } from '../audit/chain.js';
import type { AuditEvent } from '../audit/service.js';

/** The advisory lock number that appendAuditEntry takes, so that both writers serialise on one lock. */
const AUDIT_APPEND_LOCK = 727_000_001;
const INSERT_BATCH = 500;

/**
 * Appends many entries to the audit hash chain in the transaction of the
 * change they record: one lock and one read of the chain's end, then batched
 * inserts. An import of 100,000 files would otherwise cost two round trips
 * per entry. The rows and hashes are the same as appendAuditEntry writes.
 */
export class AuditBatch {
  private pending: AuditEvent[] = [];
  private last: { seq: number; hash: string } | undefined;

  constructor(
    private readonly trx: Transaction<Database>,
    private readonly ctx: ServiceContext,
    private readonly actor: Actor,
    private readonly now: string,
  ) {}

  add(event: AuditEvent): void {
    this.pending.push(event);
  }

  async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    if (this.last === undefined) {
      // On PostgreSQL the transaction-level lock holds until commit, so taking it once covers every later flush.
      if (this.ctx.dbKind === 'postgres') await sql`SELECT pg_advisory_xact_lock(${AUDIT_APPEND_LOCK})`.execute(this.trx);
      const row = await this.trx.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
      this.last = { seq: Number(row?.seq ?? 0), hash: row?.hash ?? GENESIS_HASH };
    }

    const rows = this.pending.map((event) => {
      const last = this.last as { seq: number; hash: string };
      const row = {
        seq: last.seq + 1,
        at: this.now,
        actor_user_id: this.actor.userId,
        actor_device_id: this.actor.deviceId,
        action: event.action,
        entity_type: event.entityType,
        entity_id: event.entityId,
        node_code: event.nodeCode,
        fields: JSON.stringify(event.fields ?? []),
        request_id: this.actor.requestId,
        reason: event.reason ?? null,
        prev_hash: last.hash,
      };
      const hash = computeAuditHash(this.ctx.keys.auditChain, row);
      this.last = { seq: row.seq, hash };
      return { ...row, hash };
    });
    this.pending = [];
    for (let start = 0; start < rows.length; start += INSERT_BATCH) {
      await this.trx
        .insertInto('audit_log')
        .values(rows.slice(start, start + INSERT_BATCH))
        .execute();
    }
  }
}
