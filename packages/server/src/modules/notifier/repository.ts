import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { NotifierWebhookTable } from '../../db/schema-gates.js';

type Executor = Kysely<Database> | Transaction<Database>;

export type WebhookOwner = { compoundId: string; nodeCode: null } | { compoundId: null; nodeCode: string };

const WEBHOOK_COLUMNS = [
  'w.id',
  'w.node_code',
  'w.compound_id',
  'w.name',
  'w.kind',
  'w.url_enc',
  'w.url_masked',
  'w.secret_enc',
  'w.active',
  'w.created_at',
  'w.updated_at',
] as const;

/** Webhooks of one owner, each with its latest delivery. */
export function listWebhooksOf(db: Executor, owner: WebhookOwner) {
  const query = db
    .selectFrom('notifier_webhooks as w')
    .select(WEBHOOK_COLUMNS)
    .select((eb) => [
      eb
        .selectFrom('notifier_deliveries as d')
        .select('d.status')
        .whereRef('d.webhook_id', '=', 'w.id')
        .orderBy('d.created_at', 'desc')
        .limit(1)
        .as('last_status'),
      eb
        .selectFrom('notifier_deliveries as d')
        .select((inner) => inner.fn.coalesce('d.sent_at', 'd.created_at').as('at'))
        .whereRef('d.webhook_id', '=', 'w.id')
        .orderBy('d.created_at', 'desc')
        .limit(1)
        .as('last_at'),
      eb
        .selectFrom('notifier_deliveries as d')
        .select('d.last_status_code')
        .whereRef('d.webhook_id', '=', 'w.id')
        .orderBy('d.created_at', 'desc')
        .limit(1)
        .as('last_status_code'),
    ])
    .orderBy('w.created_at');
  return owner.compoundId !== null
    ? query.where('w.compound_id', '=', owner.compoundId).execute()
    : query.where('w.node_code', '=', owner.nodeCode).execute();
}

export function findWebhookById(db: Executor, id: string) {
  return db.selectFrom('notifier_webhooks as w').select(WEBHOOK_COLUMNS).where('w.id', '=', id).executeTakeFirst();
}

export async function insertWebhook(trx: Transaction<Database>, row: NotifierWebhookTable) {
  await trx.insertInto('notifier_webhooks').values(row).execute();
}

export async function updateWebhook(
  trx: Transaction<Database>,
  id: string,
  changes: Partial<Pick<NotifierWebhookTable, 'name' | 'url_enc' | 'url_masked' | 'secret_enc' | 'active'>> & { updated_at: string },
) {
  await trx.updateTable('notifier_webhooks').set(changes).where('id', '=', id).execute();
}

/** Deletes a webhook with its deliveries, which reference it. */
export async function deleteWebhook(trx: Transaction<Database>, id: string) {
  await trx.deleteFrom('notifier_deliveries').where('webhook_id', '=', id).execute();
  await trx.deleteFrom('notifier_webhooks').where('id', '=', id).execute();
}

/** Pending deliveries due at `now`, oldest first; `alertId` narrows them to one alert. */
export function listDueDeliveries(db: Executor, now: string, limit: number, alertId?: string) {
  let query = db
    .selectFrom('notifier_deliveries as d')
    .innerJoin('notifier_webhooks as w', 'w.id', 'd.webhook_id')
    .select([
      'd.id',
      'd.alert_id',
      'd.attempts',
      'd.next_attempt_at',
      'w.id as webhook_id',
      'w.kind',
      'w.url_enc',
      'w.secret_enc',
      'w.active',
    ])
    .where('d.status', '=', 'pending')
    .where('d.next_attempt_at', '<=', now)
    .orderBy('d.next_attempt_at')
    .limit(limit);
  if (alertId !== undefined) query = query.where('d.alert_id', '=', alertId);
  return query.execute();
}

/**
 * Takes a delivery for one attempt by moving its next attempt to `leaseUntil`.
 * The condition on the old time makes the job and the immediate attempt after
 * an announcement never post the same delivery twice; a process that dies
 * mid-attempt leaves it to be tried again once the lease ends.
 */
export async function claimDelivery(db: Executor, id: string, dueAt: string, leaseUntil: string): Promise<boolean> {
  const result = await db
    .updateTable('notifier_deliveries')
    .set({ next_attempt_at: leaseUntil })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .where('next_attempt_at', '=', dueAt)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function recordDeliveryAttempt(
  db: Executor,
  id: string,
  outcome: {
    status: 'pending' | 'sent' | 'failed';
    attempts: number;
    nextAttemptAt: string;
    statusCode: number | null;
    error: string | null;
    sentAt: string | null;
  },
) {
  await db
    .updateTable('notifier_deliveries')
    .set({
      status: outcome.status,
      attempts: outcome.attempts,
      next_attempt_at: outcome.nextAttemptAt,
      last_status_code: outcome.statusCode,
      last_error: outcome.error,
      sent_at: outcome.sentAt,
    })
    .where('id', '=', id)
    .execute();
}

/** The alert fields a delivery sends, with its compound's name. */
export function findAlertForDelivery(db: Executor, alertId: string) {
  return db
    .selectFrom('alerts')
    .leftJoin('compounds', 'compounds.id', 'alerts.compound_id')
    .select([
      'alerts.id',
      'alerts.kind',
      'alerts.severity',
      'alerts.compound_id',
      'alerts.details',
      'alerts.created_at',
      'compounds.name as compound_name',
    ])
    .where('alerts.id', '=', alertId)
    .executeTakeFirst();
}
