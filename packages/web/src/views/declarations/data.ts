import type { Role } from '@cordon/core';
import type { CompletionRow, FollowUpCounts, ReminderResult } from './api.js';

type Translate = (key: string, params?: Record<string, unknown>) => string;

/** Roles the server lets send reminders. */
export const REMINDER_ROLES: readonly Role[] = ['admin', 'hq', 'subdistrict_staff', 'community_staff', 'grid_worker'];

/** Days the completion chart shows when the page opens, today included. */
export const DEFAULT_COMPLETION_DAYS = 7;
/** The server's maximum range of the completion report. */
export const MAX_COMPLETION_DAYS = 31;

export function windowKeyOf(day: string, number: number): string {
  return `${day}/${number}`;
}

/** Returns the share of expected persons who declared, as a whole percent, or 0 when no person had to declare. */
export function completionPercentOf(counts: Pick<FollowUpCounts, 'expected' | 'declared'>): number {
  return counts.expected === 0 ? 0 : Math.round((counts.declared / counts.expected) * 100);
}

/** Adds calendar days to a YYYY-MM-DD day. */
export function shiftDay(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Today in China (UTC+8 all year), whatever the browser's time zone. */
export function chinaToday(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** Returns the default report range: the last seven days up to today. */
export function defaultCompletionRange(today: string): [string, string] {
  return [shiftDay(today, -(DEFAULT_COMPLETION_DAYS - 1)), today];
}

/** Counts the days of a range, both ends included. */
export function daysInRange(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

/**
 * Builds the sentence shown after a reminder request: how many were sent,
 * then each reason for skipping that applied, then what remains.
 */
export function reminderMessageOf(result: ReminderResult, t: Translate): string {
  const parts = [t('declarations.remind.sent', { count: result.sent })];
  for (const [reason, count] of Object.entries(result.skipped)) {
    if (count > 0) parts.push(t(`declarations.remind.skipped.${reason}`, { count }));
  }
  if (result.remaining > 0) parts.push(t('declarations.remind.remaining', { count: result.remaining }));
  return parts.join(t('declarations.remind.separator'));
}

/** Message type of the reminder result: a warning when some messages failed or nothing went out. */
export function reminderMessageTypeOf(result: ReminderResult): 'success' | 'warning' {
  return result.sent > 0 && result.skipped.failed === 0 ? 'success' : 'warning';
}

/** Label of a window on the chart's axis: "12-05 07:00". */
export function completionLabelOf(row: Pick<CompletionRow, 'day' | 'start'>): string {
  return `${row.day.slice(5)} ${row.start}`;
}

/** ECharts option of the completion chart: bars of expected and declared per window, and the rate as a line on a second axis. */
export function completionChartOptionOf(rows: CompletionRow[], t: Translate) {
  return {
    tooltip: { trigger: 'axis' },
    legend: {
      top: 0,
      data: [t('declarations.completion.expected'), t('declarations.completion.declared'), t('declarations.completion.rate')],
    },
    grid: { left: 48, right: 56, bottom: 32, top: 40 },
    xAxis: { type: 'category', data: rows.map(completionLabelOf) },
    yAxis: [
      { type: 'value', minInterval: 1 },
      { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    ],
    series: [
      { name: t('declarations.completion.expected'), type: 'bar', data: rows.map((row) => row.expected) },
      { name: t('declarations.completion.declared'), type: 'bar', data: rows.map((row) => row.declared) },
      {
        name: t('declarations.completion.rate'),
        type: 'line',
        yAxisIndex: 1,
        // A window without expected persons has no rate: a gap in the line, not a drop to 0.
        data: rows.map((row) => (row.rate === null ? null : Math.round(row.rate * 1000) / 10)),
      },
    ],
  };
}

/** Text of a declaration's symptoms in the console language, "—" for none. */
export function symptomsTextOf(symptoms: string[], t: Translate): string {
  const real = symptoms.filter((symptom) => symptom !== 'none');
  if (real.length === 0) return t('declarations.symptoms.none');
  return real.map((symptom) => t(`declarations.symptoms.${symptom}`)).join(t('declarations.remind.separator'));
}
