import { addCalendarDays, chinaCalendarDate, isCalendarDate } from '@cordon/core';
import { AppError } from '../../errors/app-error.js';
import { MAX_RANGE_DAYS } from './read-schemas.js';

/** China Standard Time is UTC+8 all year: China has observed no daylight saving time since 1991. */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 24 * 3_600_000;
/** An instant with a time zone, so that a time without one is not read in the server's zone. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** A half-open time range [start, end) as ISO instants in UTC. */
export interface TimeRange {
  start: string;
  end: string;
}

/** Returns the UTC instant, in milliseconds, at which a China calendar day begins. */
export function chinaDayStart(day: string): number {
  return Date.parse(`${day}T00:00:00.000Z`) - SHANGHAI_OFFSET_MS;
}

/** Reads a bound: a day gives its start (or the next day's start for an end), an instant gives itself. */
function boundOf(value: string, field: 'from' | 'to'): number {
  if (isCalendarDate(value)) return chinaDayStart(field === 'from' ? value : addCalendarDays(value, 1));
  const instant = INSTANT.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(instant)) throw new AppError('CHECKPOINT_RANGE_INVALID', field, { value });
  // An instant end is inclusive: the range ends one millisecond after it.
  return field === 'from' ? instant : instant + 1;
}

/**
 * Resolves the `from` and `to` of a query to a range of at most
 * MAX_RANGE_DAYS China calendar days. Without `to` the range ends with
 * today (Asia/Shanghai); without `from` it starts on the day it ends.
 */
export function resolveTimeRange(query: { from?: string | undefined; to?: string | undefined }, now: Date): TimeRange {
  const end = query.to === undefined ? chinaDayStart(addCalendarDays(chinaCalendarDate(now), 1)) : boundOf(query.to, 'to');
  const start = query.from === undefined ? chinaDayStart(chinaCalendarDate(new Date(end - 1))) : boundOf(query.from, 'from');

  if (end <= start) throw new AppError('CHECKPOINT_RANGE_REVERSED', 'to');
  const firstDay = chinaCalendarDate(new Date(start));
  const lastAllowed = addCalendarDays(firstDay, MAX_RANGE_DAYS - 1);
  if (end > chinaDayStart(lastAllowed) + DAY_MS) {
    throw new AppError('CHECKPOINT_RANGE_TOO_LONG', 'to', { max: MAX_RANGE_DAYS, last: lastAllowed });
  }
  return { start: new Date(start).toISOString(), end: new Date(end).toISOString() };
}

/** Returns the whole China calendar day as a range. */
export function chinaDayRange(day: string): TimeRange {
  const start = chinaDayStart(day);
  return { start: new Date(start).toISOString(), end: new Date(start + DAY_MS).toISOString() };
}
