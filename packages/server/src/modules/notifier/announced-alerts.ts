import type { ServiceContext } from '../../context/types.js';
import type { AlertNotice } from '../../events/bus.js';
import { sendAlertSms } from './alert-sms.js';
import { deliverAlertNow } from './delivery.js';
import { notifierLogOf } from './log.js';

/** Notifications of one new alert, waiting for its announcement after the commit. */
export interface PendingAlertNotification {
  alertId: string;
  compoundId: string;
  nodeCode: string;
  text: string;
  /** Whether deliveries were inserted, so the announcement also posts them at once instead of at the job's next tick. */
  hasDeliveries: boolean;
  queuedAt: number;
}

/** An alert not announced within this time was rolled back (or its caller never announces): its entry is dropped. */
const PENDING_TTL_MS = 120_000;
const MAX_PENDING = 10_000;

const pendingByContext = new WeakMap<ServiceContext, Map<string, PendingAlertNotification>>();

function pendingOf(ctx: ServiceContext) {
  let pending = pendingByContext.get(ctx);
  if (!pending) {
    pending = new Map();
    pendingByContext.set(ctx, pending);
  }
  return pending;
}

function dropExpired(pending: Map<string, PendingAlertNotification>, now: number) {
  // Map keeps insertion order, so the oldest entries come first.
  for (const [alertId, entry] of pending) {
    if (now - entry.queuedAt < PENDING_TTL_MS && pending.size <= MAX_PENDING) break;
    pending.delete(alertId);
  }
}

/** Records the notifications of a new alert; the watcher sends them when the alert is announced. */
export function queueAlertNotification(ctx: ServiceContext, entry: Omit<PendingAlertNotification, 'queuedAt'>): void {
  const pending = pendingOf(ctx);
  const now = Date.now();
  dropExpired(pending, now);
  pending.set(entry.alertId, { ...entry, queuedAt: now });
}

/** Sends what was queued for an announced alert: the SMS to the managers, then the webhook deliveries. */
export async function notifyAnnouncedAlert(ctx: ServiceContext, notice: AlertNotice): Promise<void> {
  if (notice.change === 'updated') return;
  const pending = pendingOf(ctx);
  const entry = pending.get(notice.alertId);
  if (!entry) return;
  pending.delete(notice.alertId);

  const log = notifierLogOf(ctx);
  try {
    await sendAlertSms(ctx, entry);
  } catch (error) {
    log.error({ err: error, alertId: entry.alertId, compoundId: entry.compoundId }, 'gate alert SMS failed');
  }
  if (entry.hasDeliveries) {
    try {
      await deliverAlertNow(ctx, entry.alertId);
    } catch (error) {
      // The job tries the deliveries again at its next tick.
      log.error({ err: error, alertId: entry.alertId }, 'immediate webhook delivery failed');
    }
  }
}

/**
 * Listens to the alert announcements of this context's bus and sends the
 * queued notifications. The routes plugin starts it once per app; the
 * returned function stops it.
 */
export function watchAnnouncedAlerts(ctx: ServiceContext): () => void {
  return ctx.events.onAlert((notice) => {
    void notifyAnnouncedAlert(ctx, notice);
  });
}
