import { randomUUID } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { ServiceContext } from '../../context/types.js';
import type { Database } from '../../db/schema.js';
import { queueAlertNotification } from './announced-alerts.js';

export interface AlertNotificationInput {
  alertId: string;
  compoundId: string;
  /** Community of the compound; webhooks of it and of every jurisdiction above it receive the alert. */
  nodeCode: string;
  /** The alert text for the SMS, such as the rule's alert text. */
  text: string;
  now: string;
}

/**
 * Queues the notifications of a new gate alert inside the caller's
 * transaction: one notifier_deliveries row per active webhook of the compound
 * or of any jurisdiction on its chain, so the deliveries commit or roll back
 * with the alert. The `notifier-deliveries` job posts them with retries.
 *
 * SMS go through ctx.sms, which writes on its own connection and, with a
 * provider gateway, sends at once: sending inside the transaction could text
 * managers about an alert that then rolls back, and on SQLite its write would
 * wait for this very transaction. So the SMS are only recorded here in this
 * process's memory and sent when the alert's announcement (which the caller
 * makes after the commit) arrives; a rolled-back alert is never announced.
 */
export async function enqueueAlertNotifications(
  trx: Transaction<Database>,
  ctx: ServiceContext,
  input: AlertNotificationInput,
): Promise<void> {
  const webhookIds = await trx
    .selectFrom('notifier_webhooks as w')
    .select('w.id')
    .where('w.active', '=', 1)
    .where((eb) =>
      eb.or([
        eb('w.compound_id', '=', input.compoundId),
        // The community's materialised path (/CN/…/<community>/) lists every jurisdiction on the chain.
        eb.exists(
          eb
            .selectFrom('jurisdictions as j')
            .select('j.code')
            .where('j.code', '=', input.nodeCode)
            .where('w.node_code', 'is not', null)
            .where('j.path', 'like', sql<string>`'%/' || ${sql.ref('w.node_code')} || '/%'`),
        ),
      ]),
    )
    .execute();

  if (webhookIds.length > 0) {
    await trx
      .insertInto('notifier_deliveries')
      .values(
        webhookIds.map((webhook) => ({
          id: randomUUID(),
          webhook_id: webhook.id,
          alert_id: input.alertId,
          status: 'pending',
          attempts: 0,
          next_attempt_at: input.now,
          last_status_code: null,
          last_error: null,
          created_at: input.now,
          sent_at: null,
        })),
      )
      .execute();
  }

  queueAlertNotification(ctx, {
    alertId: input.alertId,
    compoundId: input.compoundId,
    nodeCode: input.nodeCode,
    text: input.text,
    hasDeliveries: webhookIds.length > 0,
  });
}
