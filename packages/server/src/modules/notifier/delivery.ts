import type { ServiceContext } from '../../context/types.js';
import { decryptField } from '../../crypto/field-encryption.js';
import { notifierLogOf } from './log.js';
import { claimDelivery, findAlertForDelivery, listDueDeliveries, recordDeliveryAttempt } from './repository.js';
import { postWebhook, type WebhookAlert, type WebhookKind, webhookLineOf } from './sender.js';

/** A delivery is given up after this many attempts. */
export const MAX_DELIVERY_ATTEMPTS = 8;
/** Deliveries posted per job run, so that one run stays short. */
const DELIVERIES_PER_RUN = 50;
/** Time one attempt holds a delivery: above the 5 s timeout, so a slow receiver is not posted to twice. */
const ATTEMPT_LEASE_MS = 60_000;
const FIRST_RETRY_MS = 30_000;
const MAX_RETRY_MS = 3_600_000;

/** Waits 30 s after the first failure, doubling to at most an hour: 30 s, 1, 2, 4, 8, 16, 32 min. */
export function retryDelayMs(attempts: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1), MAX_RETRY_MS);
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/** Builds what a delivery sends from the alert row; the details of a gate alert hold no names or numbers of persons. */
export function webhookAlertOf(row: NonNullable<Awaited<ReturnType<typeof findAlertForDelivery>>>): WebhookAlert {
  let details: Record<string, unknown> = {};
  try {
    details = JSON.parse(row.details) as Record<string, unknown>;
  } catch {
    // A malformed details column still gets the alert delivered, without its facts.
  }
  const compoundName = row.compound_name ?? stringOrNull(details.compoundName);
  const gateName = stringOrNull(details.gateName);
  const alertText = stringOrNull(details.alertText);
  const plateNumber = stringOrNull(details.plateNumber);
  const eventCount = typeof details.eventCount === 'number' ? details.eventCount : null;
  // A gate alert's summary names the rule, the plate or pass serial and the direction, as the SMS does; older alerts lack it.
  const text = stringOrNull(details.summary) ?? [alertText, plateNumber].filter((part) => part !== null).join(' ');
  return {
    id: row.id,
    kind: row.kind,
    severity: row.severity,
    compoundId: row.compound_id,
    compoundName,
    gateName,
    ruleKind: stringOrNull(details.ruleKind),
    plateNumber,
    direction: stringOrNull(details.direction),
    eventCount,
    alertText,
    createdAt: new Date(row.created_at).toISOString(),
    text: webhookLineOf(compoundName ?? '', gateName ?? '', text),
  };
}

/**
 * Posts the due deliveries (of one alert when `alertId` is given) and records
 * each outcome. Returns how many were sent. Logs carry delivery, webhook and
 * alert ids with the status code, never the URL, its token or the secret.
 */
export async function deliverDue(ctx: ServiceContext, alertId?: string): Promise<number> {
  const log = notifierLogOf(ctx);
  const now = ctx.clock();
  const due = await listDueDeliveries(ctx.db, now.toISOString(), DELIVERIES_PER_RUN, alertId);
  const alerts = new Map<string, WebhookAlert | null>();
  let sent = 0;

  for (const delivery of due) {
    const leaseUntil = new Date(now.getTime() + ATTEMPT_LEASE_MS).toISOString();
    if (!(await claimDelivery(ctx.db, delivery.id, delivery.next_attempt_at, leaseUntil))) continue;

    if (!alerts.has(delivery.alert_id)) {
      const row = await findAlertForDelivery(ctx.db, delivery.alert_id);
      alerts.set(delivery.alert_id, row ? webhookAlertOf(row) : null);
    }
    const alert = alerts.get(delivery.alert_id) ?? null;
    const attempts = delivery.attempts + 1;
    const ids = { deliveryId: delivery.id, webhookId: delivery.webhook_id, alertId: delivery.alert_id, attempts };

    if (alert === null || delivery.active !== 1) {
      const error = alert === null ? 'alert missing' : 'webhook disabled';
      await recordDeliveryAttempt(ctx.db, delivery.id, {
        status: 'failed',
        attempts,
        nextAttemptAt: now.toISOString(),
        statusCode: null,
        error,
        sentAt: null,
      });
      log.warn({ ...ids, error }, 'webhook delivery dropped');
      continue;
    }

    const target = {
      kind: delivery.kind as WebhookKind,
      url: decryptField(ctx.keys.fieldEncryption, delivery.url_enc),
      secret: delivery.secret_enc === null ? null : decryptField(ctx.keys.fieldEncryption, delivery.secret_enc),
    };
    const result = await postWebhook(target, alert, ctx.clock());
    const finishedAt = ctx.clock();
    if (result.ok) {
      sent += 1;
      await recordDeliveryAttempt(ctx.db, delivery.id, {
        status: 'sent',
        attempts,
        nextAttemptAt: finishedAt.toISOString(),
        statusCode: result.statusCode,
        error: null,
        sentAt: finishedAt.toISOString(),
      });
      log.info({ ...ids, statusCode: result.statusCode }, 'webhook delivery sent');
      continue;
    }

    const exhausted = attempts >= MAX_DELIVERY_ATTEMPTS;
    await recordDeliveryAttempt(ctx.db, delivery.id, {
      status: exhausted ? 'failed' : 'pending',
      attempts,
      nextAttemptAt: new Date(finishedAt.getTime() + (exhausted ? 0 : retryDelayMs(attempts))).toISOString(),
      statusCode: result.statusCode,
      error: result.error,
      sentAt: null,
    });
    log.warn({ ...ids, statusCode: result.statusCode, error: result.error, willRetry: !exhausted }, 'webhook delivery failed');
  }
  return sent;
}

/** Posts the deliveries of a just-announced alert at once, instead of at the job's next tick. */
export function deliverAlertNow(ctx: ServiceContext, alertId: string): Promise<number> {
  return deliverDue(ctx, alertId);
}
