import type { Insertable, Kysely } from 'kysely';
import type { Scope } from '../../context/types.js';
import type { Database } from '../../db/schema.js';
import type { SmsOutboxTable } from '../../db/schema-sms-jobs.js';
import { isRootScope, whereInScope } from '../jurisdictions/scope.js';

export async function insertOutboxMessage(db: Kysely<Database>, row: Insertable<SmsOutboxTable>): Promise<void> {
  await db.insertInto('sms_outbox').values(row).execute();
}

export interface OutboxFilter {
  template?: string | undefined;
  phoneIndex?: string | undefined;
}

const OUTBOX_COLUMNS = [
  'sms_outbox.id',
  'sms_outbox.template',
  'sms_outbox.locale',
  'sms_outbox.node_code',
  'node.name as node_name',
  'sms_outbox.phone_masked',
  'sms_outbox.body_enc',
  'sms_outbox.status',
  'sms_outbox.created_at',
] as const;

function outboxQuery(db: Kysely<Database>, scope: Scope, filter: OutboxFilter) {
  let query = db.selectFrom('sms_outbox').innerJoin('jurisdictions as node', 'node.code', 'sms_outbox.node_code');
  if (!isRootScope(scope)) query = whereInScope(query, db, 'sms_outbox.node_code', scope);
  if (filter.template !== undefined) query = query.where('sms_outbox.template', '=', filter.template);
  if (filter.phoneIndex !== undefined) query = query.where('sms_outbox.phone_index', '=', filter.phoneIndex);
  return query;
}

/** Messages of the nodes in scope, newest first; the id breaks ties between messages of the same instant. */
export async function listOutboxMessages(db: Kysely<Database>, scope: Scope, filter: OutboxFilter, offset: number, limit: number) {
  const query = outboxQuery(db, scope, filter);
  const [rows, total] = await Promise.all([
    query
      .select(OUTBOX_COLUMNS)
      .orderBy('sms_outbox.created_at', 'desc')
      .orderBy('sms_outbox.id', 'desc')
      .offset(offset)
      .limit(limit)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}
