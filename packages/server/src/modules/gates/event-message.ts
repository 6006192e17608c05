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
