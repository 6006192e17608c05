import { randomUUID } from 'node:crypto';
import {
  CRITICAL_TEMPERATURE_TENTHS,
  evaluateGateRules,
  gateActionAlerts,
  gateActionOpens,
  type GateRuleKind,
  type Locale,
} from '@cordon/core';
import type { DeviceContext, ServiceContext } from '../../context/types.js';
import { isUniqueViolation } from '../../db/unique-violation.js';
import { AppError } from '../../errors/app-error.js';
import type { AlertNotice } from '../../events/bus.js';
import { enqueueAlertNotifications } from '../notifier/enqueue.js';
import { raiseOrFoldAlert } from './alert-fold.js';
import { loadEffectiveRules } from './effective-rules.js';
import { normalizeCardNumber } from './passes-input.js';
import type { DeviceGate } from './event-gate.js';
import { gateAlertSummary, gateDisplayMessage } from './event-message.js';
import { gatherFacts } from './facts.js';
import type { GateEventReply, GateFormat, NormalizedGateEvent } from './formats/types.js';
import { getAlertFoldMinutes } from './gate-settings.js';

/** Events older than this are rejected as stale: a device that buffered them offline has lost the moment to act on them. */
export const MAX_EVENT_AGE_MINUTES = 10;
/** Events further ahead than this come from a device with a wrong clock. */
export const MAX_EVENT_LEAD_MINUTES = 2;
/**
 * Returns the severity of a gate alert. A quarantined person leaving needs
 * someone at the gate now, and a fever is critical from 38.5 °C, the line
 * the health declarations and visitors use.
 */
function gateAlertSeverity(kind: GateRuleKind, temperatureTenths: number | null): 'critical' | 'warning' {
  if (kind === 'home_quarantine_leaving') return 'critical';
  if (kind === 'high_temperature' && temperatureTenths !== null && temperatureTenths >= CRITICAL_TEMPERATURE_TENTHS) return 'critical';
  return 'warning';
}
/** Standard alert text of a rule kind without its own; managers read it in Chinese. */
const DEFAULT_ALERT_TEXTS: Partial<Record<GateRuleKind, string>> = { risk_region_plate: '请注意观察，防范肺炎，共抗疫情' };

function checkEventTime(occurredAt: string, now: Date): void {
  const age = now.getTime() - Date.parse(occurredAt);
  if (age > MAX_EVENT_AGE_MINUTES * 60_000)
    throw new AppError('GATE_EVENT_STALE', 'occurredAt', { occurredAt, minutes: MAX_EVENT_AGE_MINUTES });
  if (-age > MAX_EVENT_LEAD_MINUTES * 60_000) {
    throw new AppError('GATE_EVENT_IN_FUTURE', 'occurredAt', { occurredAt, minutes: MAX_EVENT_LEAD_MINUTES });
  }
}

function maskCardNumber(raw: string | null): string | null {
  if (raw === null) return null;
  // The same card read as "0a:1b:2c:3d" or "0A1B2C3D" is masked alike, as the pass list shows it.
  const cardNumber = normalizeCardNumber(raw) ?? raw;
  return cardNumber.length <= 4 ? '*'.repeat(cardNumber.length) : `${'*'.repeat(cardNumber.length - 4)}${cardNumber.slice(-4)}`;
}

/**
 * Decides one gate event and records it: the facts, the compound's rules,
 * then one transaction with the event, its pictures and, when the action
 * alerts, a new or folded alert with its notifications. Rejects a replay
 * (409), a stale or future event (400). Announces the alert after commit.
 */
export async function ingestGateEvent(
  ctx: ServiceContext,
  input: { device: DeviceContext; gate: DeviceGate; format: GateFormat; event: NormalizedGateEvent; locale: Locale },
): Promise<GateEventReply> {
  const { device, gate, format, event } = input;
  const received = ctx.clock();
  checkEventTime(event.occurredAt, received);
  // A plate read at a pedestrian gate comes from a misconfigured device, and opening on it would let a car through a door.
  if (event.kind === 'plate' && gate.gateKind === 'pedestrian') {
    throw new AppError('GATE_EVENT_KIND_NOT_FOR_GATE', 'kind', { kind: event.kind, gateKind: gate.gateKind });
  }

  const replayed = await ctx.db
    .selectFrom('gate_events')
    .select('id')
    .where('device_id', '=', device.id)
    .where('source_key', '=', event.sourceKey)
    .executeTakeFirst();
  if (replayed) throw new AppError('GATE_EVENT_REPLAYED');

  const gathered = await gatherFacts(ctx, gate.compoundId, event, new Date(event.occurredAt));
  const rules = await loadEffectiveRules(ctx, gate.compoundId);
  const { action, rule } = evaluateGateRules(rules?.rules ?? [], gathered.facts);
  const alerts = gateActionAlerts(action) && rule !== null;
  const windowMinutes = alerts ? await getAlertFoldMinutes(ctx) : 0;

  const eventId = randomUUID();
  const now = received.toISOString();
  const plateNumber = gathered.plate?.number ?? null;
  const plateRegionCode = gathered.plate?.regionCode ?? null;
  // A built-in rule is stored as "default:<kind>", so the console can tell it from a configured one.
  let ruleKind: string | null = null;
  if (rule) ruleKind = rule.id.startsWith('default:') ? `default:${rule.kind}` : rule.kind;
  let notice: AlertNotice | null = null;

  try {
    await ctx.db.transaction().execute(async (trx) => {
      let alertId: string | null = null;
      if (alerts) {
        const alertText = rule.alertText ?? DEFAULT_ALERT_TEXTS[rule.kind] ?? null;
        // Managers read what happened first (rule, plate or pass serial, direction), then the rule's own text.
        // TODO: SMS and webhooks get this one zh-CN text because managers have no preferred locale yet.
        const summary = gateAlertSummary('zh-CN', {
          ruleKind: rule.kind,
          eventKind: event.kind,
          subject: plateNumber ?? gathered.passSerial ?? (event.kind === 'plate' ? gathered.plateText : null),
          cardMasked: maskCardNumber(event.cardNumber),
          direction: event.direction,
          alertText,
        });
        // Repeats fold per subject and rule: a revoked pass must not hide inside that pass's earlier fever alert.
        let subject: string | null = null;
        if (gathered.passId) subject = `pass:${gathered.passId}`;
        else if (plateNumber) subject = `plate:${plateNumber}`;
        const subjectKey = subject === null ? null : `${subject}|${rule.kind}`;
        const folded = await raiseOrFoldAlert(
          trx,
          {
            compoundId: gate.compoundId,
            subjectKey,
            windowMinutes,
            alert: {
              kind: 'gate_rule',
              severity: gateAlertSeverity(rule.kind, event.temperatureTenths),
              nodeCode: gate.communityCode,
              compoundId: gate.compoundId,
              personId: gathered.personId,
              details: {
                compoundId: gate.compoundId,
                compoundName: gate.compoundName,
                gateName: gate.gateName,
                ruleKind: rule.kind,
                ruleId: rule.id,
                alertText,
                summary,
                plateNumber,
                plateRegionCode,
                direction: event.direction,
                eventId,
              },
            },
          },
          now,
        );
        alertId = folded.alertId;
        notice = folded.notice;
        if (folded.created) {
          await enqueueAlertNotifications(trx, ctx, {
            alertId,
            compoundId: gate.compoundId,
            nodeCode: gate.communityCode,
            text: summary,
            now,
          });
        }
      }

      await trx
        .insertInto('gate_events')
        .values({
          id: eventId,
          device_id: device.id,
          gate_id: gate.gateId,
          compound_id: gate.compoundId,
          node_code: gate.communityCode,
          format,
          source_key: event.sourceKey,
          kind: event.kind,
          direction: event.direction,
          occurred_at: event.occurredAt,
          received_at: now,
          plate_number: plateNumber,
          plate_region_code: plateRegionCode,
          plate_text: gathered.plateText,
          card_number_masked: maskCardNumber(event.cardNumber),
          pass_id: gathered.passId,
          pass_check: gathered.passCheck,
          vehicle_id: gathered.vehicleId,
          person_id: gathered.personId,
          temperature_tenths: event.temperatureTenths,
          decision: action,
          rule_id: rule?.id ?? null,
          rule_kind: ruleKind,
          alert_id: alertId,
          picture_count: event.pictures.length,
        })
        .execute();
      if (event.pictures.length > 0) {
        await trx
          .insertInto('gate_pictures')
          .values(
            event.pictures.map((picture) => ({
              id: randomUUID(),
              event_id: eventId,
              role: picture.role,
              content_type: picture.contentType,
              data: picture.data,
              created_at: now,
            })),
          )
          .execute();
      }
    });
  } catch (error) {
    // Two copies of one event racing past the check above meet at the unique key (device_id, source_key).
    if (isUniqueViolation(error)) throw new AppError('GATE_EVENT_REPLAYED');
    throw error;
  }

  if (notice) await ctx.events.announceAlerts([notice]);
  return {
    eventId,
    sourceKey: event.sourceKey,
    decision: gateActionOpens(action) ? 'open' : 'deny',
    alert: alerts,
    action,
    rule: rule ? { id: rule.id, kind: rule.kind } : null,
    message: gateDisplayMessage(input.locale, action, rule?.kind ?? null),
  };
}
