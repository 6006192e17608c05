import { parseDeclarationTemperature, type Role } from '@cordon/core';
import type { FormItemRule } from 'element-plus';
import type { TableColumn } from '../../utils/table.js';
import {
  MAX_EXTENSION_DAYS,
  MAX_TEMPERATURE,
  MIN_EXTENSION_DAYS,
  MIN_TEMPERATURE,
  type QuarantinePhase,
  type QuarantineSummary,
  REASON_MAX_LENGTH,
} from './api.js';

type Translate = (key: string, named?: Record<string, unknown>) => string;

/** Roles the server lets start, extend and end quarantines early. */
export const MANAGER_ROLES: readonly Role[] = ['admin', 'subdistrict_staff', 'community_staff'];
/** Roles the server lets extend, release and record observations; doctors among them. */
export const MEDICAL_ROLES: readonly Role[] = ['admin', 'subdistrict_staff', 'community_staff', 'doctor'];

export const quarantineColumns: TableColumn<QuarantineSummary>[] = [
  { key: 'person', labelKey: 'quarantine.fields.person', kind: 'custom', minWidth: 150, essential: true },
  { key: 'period', labelKey: 'quarantine.fields.period', kind: 'custom', minWidth: 190, essential: true },
  { key: 'phase', labelKey: 'quarantine.fields.phase', kind: 'custom', width: 110, essential: true },
  { key: 'address', labelKey: 'quarantine.fields.address', kind: 'custom', minWidth: 180 },
  { key: 'community', labelKey: 'quarantine.fields.community', kind: 'custom', minWidth: 140 },
];

/** Element Plus tag type of each phase, in red on the day of the end and after it. */
export const PHASE_TAG_TYPES: Record<QuarantinePhase, 'primary' | 'warning' | 'danger' | 'success' | 'info'> = {
  active: 'primary',
  ending_tomorrow: 'warning',
  ending_today: 'danger',
  overdue: 'danger',
  released: 'success',
  ended_early: 'info',
};

const CHINA_OFFSET_MS = 8 * 3_600_000;

/** Today in China (UTC+8, no daylight saving time) as YYYY-MM-DD, whatever the browser's time zone. */
export function chinaToday(now = new Date()): string {
  return new Date(now.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** First and last day (YYYY-MM-DD) of the month a day falls in. */
export function monthRangeOf(day: string): { from: string; to: string } {
  const [year = 1970, month = 1] = day.split('-').map(Number);
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const prefix = `${year}-${String(month).padStart(2, '0')}`;
  return { from: `${prefix}-01`, to: `${prefix}-${String(last).padStart(2, '0')}` };
}

/** Day in the browser's calendar of a Date picked in a date picker, as YYYY-MM-DD. */
export function dayOfPicked(date: Date): string {
  const month = String(date.getMonth() + 1).padStart(2, '0');
  const day = String(date.getDate()).padStart(2, '0');
  return `${date.getFullYear()}-${month}-${day}`;
}

export function reasonRules(t: Translate, required = true): FormItemRule[] {
  const message = t('quarantine.form.reasonInvalid', { max: REASON_MAX_LENGTH });
  return [
    ...(required ? [{ required: true, whitespace: true, message, trigger: 'blur' }] : []),
    { max: REASON_MAX_LENGTH, message, trigger: 'blur' },
  ];
}

export function wholeDaysRule(t: Translate, min: number, max: number): FormItemRule {
  return {
    validator: (_rule, value: unknown, callback) => {
      const valid = typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
      callback(valid ? undefined : new Error(t('quarantine.form.daysInvalid', { min, max })));
    },
    trigger: 'change',
  };
}

export const extensionDaysRule = (t: Translate) => wholeDaysRule(t, MIN_EXTENSION_DAYS, MAX_EXTENSION_DAYS);

/** Problem of a temperature typed in the observation form, or null: 35.0 to 42.0 °C with at most one decimal. */
/**
 * Reads the temperature as typed (full-width digits allowed) with the same
 * rules as the server. Returns the degrees, or the message to show: a typed
 * value is never rounded or clamped, because "36,6" read as 366 and clamped
 * to 42.0 would record a fever nobody measured.
 */
export function readTemperature(text: string, t: Translate): { value: number } | { problem: string } {
  const parsed = parseDeclarationTemperature(text.trim());
  if (parsed.ok) return { value: parsed.value / 10 };
  return { problem: t('quarantine.observations.temperatureInvalid', { min: MIN_TEMPERATURE.toFixed(1), max: MAX_TEMPERATURE.toFixed(1) }) };
}

/** Keeps 'none' and real symptoms apart: picking 'none' clears the others, and picking a symptom clears 'none'. */
export function nextSymptoms(previous: readonly string[], next: string[]): string[] {
  const added = next.filter((symptom) => !previous.includes(symptom));
  if (added.includes('none')) return ['none'];
  if (added.length > 0) return next.filter((symptom) => symptom !== 'none');
  return next;
}

/** The changes after the start that need a reason or a note. */
export type QuarantineChangeKind = 'extend' | 'end_early' | 'release';
