import { fail, ok, type ParseResult } from '../result.js';
import { isCalendarDate } from '../risk/dates.js';

/**
 * Home-quarantine periods in calendar days of China (YYYY-MM-DD). The start
 * day is day 1 and the planned end is the last day of the period, so 14 days
 * from 2026-12-01 end on 2026-12-14. A release is allowed from the planned
 * end day on; stopping before that day is an early end.
 */

export const DEFAULT_QUARANTINE_DAYS = 14;
export const MIN_QUARANTINE_DAYS = 1;
export const MAX_QUARANTINE_DAYS = 60;
export const MIN_EXTENSION_DAYS = 1;
export const MAX_EXTENSION_DAYS = 30;

export const QUARANTINE_STATUSES = ['active', 'released', 'ended_early'] as const;
export type QuarantineStatus = (typeof QUARANTINE_STATUSES)[number];

export type QuarantinePeriodErrorCode =
  | 'QUARANTINE_DATE_INVALID'
  | 'QUARANTINE_DAYS_OUT_OF_RANGE'
  | 'QUARANTINE_EXTENSION_DAYS_OUT_OF_RANGE'
  | 'QUARANTINE_NOT_ACTIVE'
  | 'QUARANTINE_RELEASE_TOO_EARLY'
  | 'QUARANTINE_END_EARLY_TOO_LATE';

export interface QuarantinePeriod {
  startOn: string;
  plannedEndOn: string;
  status: QuarantineStatus;
}

const DAY_MS = 86_400_000;

function utcTimeOf(day: string): number {
  if (!isCalendarDate(day)) throw new RangeError(`not a calendar date: ${JSON.stringify(day)}`);
  return Date.parse(`${day}T00:00:00Z`);
}

/** Adds whole days (negative to go back) to a calendar day; throws a RangeError for an invalid day, a caller bug. */
export function addCalendarDays(day: string, days: number): string {
  if (!Number.isInteger(days)) throw new RangeError(`not a whole number of days: ${days}`);
  return new Date(utcTimeOf(day) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Returns `to` minus `from` in days: 1 for consecutive days, negative when `to` comes first. */
export function calendarDaysBetween(from: string, to: string): number {
  return Math.round((utcTimeOf(to) - utcTimeOf(from)) / DAY_MS);
}

/** Returns the number of a day in the period, 1 on the start day; 0 or less before it. */
export function quarantineDayNumber(startOn: string, day: string): number {
  return calendarDaysBetween(startOn, day) + 1;
}

/** Returns the number of days from the start day to an end day, both counted. */
export function quarantineLengthOf(startOn: string, endOn: string): number {
  return calendarDaysBetween(startOn, endOn) + 1;
}

function isWholeNumberWithin(value: number, min: number, max: number): boolean {
  return Number.isInteger(value) && value >= min && value <= max;
}

/** Computes the planned end day of a quarantine of `days` days from its start day. */
export function planQuarantine(
  startOn: string,
  days: number,
): ParseResult<{ startOn: string; plannedEndOn: string }, QuarantinePeriodErrorCode> {
  if (!isCalendarDate(startOn)) return fail('QUARANTINE_DATE_INVALID');
  if (!isWholeNumberWithin(days, MIN_QUARANTINE_DAYS, MAX_QUARANTINE_DAYS)) return fail('QUARANTINE_DAYS_OUT_OF_RANGE');
  return ok({ startOn, plannedEndOn: addCalendarDays(startOn, days - 1) });
}

/** Moves the planned end of an active quarantine `days` days later. */
export function extendQuarantine(
  period: QuarantinePeriod,
  days: number,
): ParseResult<{ previousEndOn: string; plannedEndOn: string }, QuarantinePeriodErrorCode> {
  if (period.status !== 'active') return fail('QUARANTINE_NOT_ACTIVE');
  if (!isWholeNumberWithin(days, MIN_EXTENSION_DAYS, MAX_EXTENSION_DAYS)) return fail('QUARANTINE_EXTENSION_DAYS_OUT_OF_RANGE');
  return ok({ previousEndOn: period.plannedEndOn, plannedEndOn: addCalendarDays(period.plannedEndOn, days) });
}

/** Releases an active quarantine on `today`, which must be its planned end day or later. */
export function releaseQuarantine(period: QuarantinePeriod, today: string): ParseResult<{ endedOn: string }, QuarantinePeriodErrorCode> {
  if (period.status !== 'active') return fail('QUARANTINE_NOT_ACTIVE');
  if (!isCalendarDate(today)) return fail('QUARANTINE_DATE_INVALID');
  if (today < period.plannedEndOn) return fail('QUARANTINE_RELEASE_TOO_EARLY');
  return ok({ endedOn: today });
}

/** Ends an active quarantine on `today`, before its planned end day; from that day on it is a release. */
export function endQuarantineEarly(period: QuarantinePeriod, today: string): ParseResult<{ endedOn: string }, QuarantinePeriodErrorCode> {
  if (period.status !== 'active') return fail('QUARANTINE_NOT_ACTIVE');
  if (!isCalendarDate(today)) return fail('QUARANTINE_DATE_INVALID');
  if (today >= period.plannedEndOn) return fail('QUARANTINE_END_EARLY_TOO_LATE');
  return ok({ endedOn: today });
}

/** Reads the `quarantine.days` setting: a whole number of days in range, or the default when unset or invalid. */
export function quarantineDaysOf(setting: unknown): number {
  return typeof setting === 'number' && isWholeNumberWithin(setting, MIN_QUARANTINE_DAYS, MAX_QUARANTINE_DAYS)
    ? setting
    : DEFAULT_QUARANTINE_DAYS;
}
