import { formatErrorMessage, gateActionAlerts, gateActionOpens, type GateAction, type Locale } from '@cordon/core';

/** Short text for the gate's display: pass, pass with managers alerted, or denied, with the rule kind as the reason. */
export function gateDisplayMessage(locale: Locale, action: GateAction, ruleKind: string | null): string {
  const label = ruleKind ? formatErrorMessage(locale, `GATE_REASON_${ruleKind}`) : '';
  // The formatter capitalises English messages, but the reason sits mid-sentence.
  const reason = locale === 'en' ? label.charAt(0).toLowerCase() + label.slice(1) : label;
  if (!gateActionOpens(action)) return formatErrorMessage(locale, 'GATE_DISPLAY_DENY', { params: { reason } });
  if (gateActionAlerts(action) && ruleKind) return formatErrorMessage(locale, 'GATE_DISPLAY_OPEN_ALERT', { params: { reason } });
  return formatErrorMessage(locale, 'GATE_DISPLAY_OPEN');
}

/**
 * Text of a gate alert for SMS and webhooks: the rule's label, the plate or
 * pass serial, the direction, then the rule's alert text when it has one,
 * such as "风险地区车辆 鄂A12345 驶入。请注意观察，防范肺炎，共抗疫情".
 */
/** Names what the device read when it matched no plate or pass: an unknown card, a QR code, or an unread plate. */
function unknownSubject(locale: Locale, eventKind: string, cardMasked: string | null): string {
  if (eventKind === 'card' && cardMasked !== null)
    return formatErrorMessage(locale, 'GATE_ALERT_SUBJECT_CARD', { params: { card: cardMasked } });
  if (eventKind === 'qr') return formatErrorMessage(locale, 'GATE_ALERT_SUBJECT_QR');
  return formatErrorMessage(locale, 'GATE_ALERT_SUBJECT_UNREAD');
}

export function gateAlertSummary(
  locale: Locale,
  input: {
    ruleKind: string;
    eventKind: string;
    subject: string | null;
    /** Masked card number of a card event that matched no pass, such as "****5678". */
    cardMasked?: string | null;
    direction: string | null;
    alertText: string | null;
  },
): string {
  const reason = formatErrorMessage(locale, `GATE_REASON_${input.ruleKind}`);
  const mover = input.eventKind === 'plate' ? 'vehicle' : 'person';
  const direction = formatErrorMessage(locale, `GATE_ALERT_DIRECTION_${mover}_${input.direction ?? 'unknown'}`);
  const subject = input.subject ?? unknownSubject(locale, input.eventKind, input.cardMasked ?? null);
  const summary = formatErrorMessage(locale, 'GATE_ALERT_SUMMARY', { params: { reason, subject, direction, text: input.alertText ?? '' } });
  return summary.trim();
}
