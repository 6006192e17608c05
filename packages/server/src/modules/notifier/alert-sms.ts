import { DEFAULT_LOCALE } from '@cordon/core';
import type { ServiceContext } from '../../context/types.js';
import { decryptField } from '../../crypto/field-encryption.js';
import { notifierLogOf } from './log.js';

export interface AlertSmsInput {
  alertId: string;
  compoundId: string;
  nodeCode: string;
  text: string;
}

/** Placeholder for a gate name the alert's details lack; SMS templates reject an empty parameter. */
const UNKNOWN_GATE = '-';

function gateNameOf(details: string): string {
  try {
    const parsed = JSON.parse(details) as { gateName?: unknown };
    return typeof parsed.gateName === 'string' && parsed.gateName.trim() !== '' ? parsed.gateName : UNKNOWN_GATE;
  } catch {
    return UNKNOWN_GATE;
  }
}

/**
 * Texts the `gate_alert` SMS to every manager of the compound who asked for
 * SMS alerts and has a phone. Managers are read now, after the commit, so the
 * gate event's transaction does not pay for it. One failed number does not
 * stop the others; the failures are logged by user id.
 */
export async function sendAlertSms(ctx: ServiceContext, input: AlertSmsInput): Promise<number> {
  const managers = await ctx.db
    .selectFrom('compound_managers')
    .select(['user_id', 'phone_enc'])
    .where('compound_id', '=', input.compoundId)
    .where('sms_alerts', '=', 1)
    .where('phone_enc', 'is not', null)
    .execute();
  if (managers.length === 0) return 0;

  const alert = await ctx.db
    .selectFrom('alerts')
    .innerJoin('compounds', 'compounds.id', 'alerts.compound_id')
    .select(['alerts.details', 'compounds.name as compound_name'])
    .where('alerts.id', '=', input.alertId)
    .executeTakeFirst();
  if (!alert) return 0;

  const log = notifierLogOf(ctx);
  const params = { compound: alert.compound_name, gate: gateNameOf(alert.details), text: input.text };
  let sent = 0;
  for (const manager of managers) {
    try {
      const phone = decryptField(ctx.keys.fieldEncryption, manager.phone_enc as string);
      await ctx.sms.send({ phone, template: 'gate_alert', params, locale: DEFAULT_LOCALE, nodeCode: input.nodeCode });
      sent += 1;
    } catch (error) {
      log.error({ err: error, alertId: input.alertId, userId: manager.user_id }, 'gate alert SMS to a manager failed');
    }
  }
  log.info({ alertId: input.alertId, compoundId: input.compoundId, sent, managers: managers.length }, 'gate alert SMS sent');
  return sent;
}
