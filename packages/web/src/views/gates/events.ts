import { lookupPlatePrefix } from '@cordon/core';
import type { GateDecision, GateEventItem, GateEventQuery } from '../../api/gate-events.js';
import type { TableColumn } from '../../utils/table.js';
import { daysInRange, shiftDay } from '../declarations/data.js';
import { plateFilterOf } from '../checkpoints/registrations.js';

type Translate = (key: string, values?: Record<string, unknown>) => string;
type HasTranslation = (key: string) => boolean;

/** Maximum range of China days the page requests at once. */
export const MAX_EVENT_RANGE_DAYS = 31;
/** Seconds between reloads while auto-refresh is on. */
export const AUTO_REFRESH_SECONDS = 10;
export const PLATE_FILTER_MAX_LENGTH = 20;

export const DECISION_TAG_TYPES: Record<GateDecision, 'success' | 'danger'> = { open: 'success', deny: 'danger' };

export interface GateEventFilters {
  compoundId: string;
  /** First and last China day (YYYY-MM-DD), both included. */
  range: [string, string];
  decision: GateDecision | '';
  plate: string;
}

export function defaultEventFilters(today: string): GateEventFilters {
  return { compoundId: '', range: [today, today], decision: '', plate: '' };
}

/** Returns what is wrong with a day range, or null: the end before the start, or more days than the page requests. */
export function eventRangeProblemOf(range: [string, string]): 'order' | 'tooLong' | null {
  const days = daysInRange(range[0], range[1]);
  if (!Number.isFinite(days) || days < 1) return 'order';
  return days > MAX_EVENT_RANGE_DAYS ? 'tooLong' : null;
}

/**
 * Builds the list query: the first day's China midnight and the midnight
 * after the last day, which the server excludes. Empty filters are left out.
 */
export function eventQueryOf(filters: GateEventFilters): GateEventQuery {
  const plate = plateFilterOf(filters.plate);
  return {
    compoundId: filters.compoundId || undefined,
    from: new Date(`${filters.range[0]}T00:00:00.000+08:00`).toISOString(),
    to: new Date(`${shiftDay(filters.range[1], 1)}T00:00:00.000+08:00`).toISOString(),
    decision: filters.decision || undefined,
    plate: plate === '' ? undefined : plate,
  };
}

/** Province and city that issue a plate, such as "湖北省 武汉市", or an empty string when the prefix is unknown. */
export function plateRegionText(plateNumber: string | null): string {
  if (!plateNumber) return '';
  const info = lookupPlatePrefix(Array.from(plateNumber).slice(0, 2).join(''));
  if (!info) return '';
  const parts = [info.province];
  if (info.city && info.city !== info.province) parts.push(info.city);
  return parts.join(' ');
}

/** Names the rule that decided an event with its kind and where it comes from ("风险地区车辆 · 本小区"), or null when none fired. */
export function firedRuleText(t: Translate, te: HasTranslation, event: Pick<GateEventItem, 'ruleKind' | 'ruleSource'>): string | null {
  if (!event.ruleKind) return null;
  const kindKey = `gateRules.kinds.${event.ruleKind}`;
  const kind = te(kindKey) ? t(kindKey) : event.ruleKind;
  if (!event.ruleSource) return kind;
  return t('gateEvents.rule', { kind, source: t(`gateEvents.ruleSources.${event.ruleSource}`) });
}

/** Describes a plate event whose plate could not be read: "未识别（相机读作 ABCDEFG）"; null when the plate was read or the event is no plate event. */
export function unreadPlateText(t: Translate, event: Pick<GateEventItem, 'kind' | 'plateNumber' | 'plateText'>): string | null {
  if (event.kind !== 'plate' || event.plateNumber) return null;
  return event.plateText ? t('gateEvents.unreadPlate', { text: event.plateText }) : t('gateEvents.unreadPlateNoText');
}

/** Warns about a QR code that was no valid pass: expired (a screenshot) or forged; null otherwise. */
export function passCheckText(t: Translate, event: Pick<GateEventItem, 'passCheck'>): string | null {
  if (event.passCheck === 'expired' || event.passCheck === 'forged') return t(`gateEvents.passChecks.${event.passCheck}`);
  return null;
}

/** Temperature as the table shows it, "37.5 °C", or null without a reading. */
export function temperatureText(temperature: number | null | undefined): string | null {
  return typeof temperature === 'number' ? `${temperature.toFixed(1)} °C` : null;
}

/** Tells whether a temperature is a fever by the gate's standard threshold of 37.3 °C. */
export function isFever(temperature: number | null | undefined): boolean {
  return typeof temperature === 'number' && temperature >= 37.3;
}

export const gateEventColumns: TableColumn<GateEventItem>[] = [
  { key: 'occurredAt', prop: 'occurredAt', labelKey: 'gateEvents.columns.occurredAt', kind: 'datetime', width: 150, essential: true },
  { key: 'gate', labelKey: 'gateEvents.columns.gate', kind: 'custom', minWidth: 140 },
  { key: 'kind', labelKey: 'gateEvents.columns.kind', kind: 'custom', width: 110 },
  { key: 'subject', labelKey: 'gateEvents.columns.subject', kind: 'custom', minWidth: 150, essential: true },
  { key: 'person', labelKey: 'gateEvents.columns.person', kind: 'custom', width: 100 },
  { key: 'temperature', labelKey: 'gateEvents.columns.temperature', kind: 'custom', width: 90 },
  { key: 'decision', labelKey: 'gateEvents.columns.decision', kind: 'custom', width: 130, essential: true },
  { key: 'rule', labelKey: 'gateEvents.columns.rule', kind: 'custom', minWidth: 170, essential: true },
  { key: 'pictures', labelKey: 'gateEvents.columns.pictures', kind: 'custom', width: 130 },
];
