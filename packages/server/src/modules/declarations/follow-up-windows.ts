import {
  addCalendarDays,
  chinaDayOf,
  type DeclarationWindow,
  parseWindowKey,
  type WindowOccurrence,
  windowOccurrenceOf,
  windowsAt,
} from '@cordon/core';

/** Counts the calendar days from `from` to `to`; 0 for the same day, negative when `to` comes first. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** True for a real calendar day in YYYY-MM-DD form; rejects 2026-02-30. */
export function isCalendarDay(day: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return false;
  // Date.parse rolls 2026-02-30 over to March 2, so the day must survive the round trip.
  const parsed = Date.parse(`${day}T00:00:00Z`);
  return !Number.isNaN(parsed) && new Date(parsed).toISOString().slice(0, 10) === day;
}

export function windowsOfDay(windows: readonly DeclarationWindow[], day: string): WindowOccurrence[] {
  return windows.map((_, index) => windowOccurrenceOf(windows, day, index));
}

/** Reads a window key such as "2026-12-05/1"; undefined when the day is no date or the number is not a configured window. */
export function windowOfKey(windows: readonly DeclarationWindow[], key: string): WindowOccurrence | undefined {
  const parsed = parseWindowKey(key);
  if (!parsed || !isCalendarDay(parsed.day) || parsed.index >= windows.length) return undefined;
  return windowOccurrenceOf(windows, parsed.day, parsed.index);
}

/** Returns the window before this one: the day's previous window, or the last window of the day before. */
export function previousWindowOf(windows: readonly DeclarationWindow[], window: WindowOccurrence): WindowOccurrence {
  if (window.index > 0) return windowOccurrenceOf(windows, window.day, window.index - 1);
  return windowOccurrenceOf(windows, addCalendarDays(window.day, -1), windows.length - 1);
}

/**
 * Returns the window staff follow up at an instant: the open window, or else
 * the last one that has closed, for which a declaration sent now is stored as late.
 */
export function followUpWindowAt(windows: readonly DeclarationWindow[], instant: Date): WindowOccurrence {
  const around = windowsAt(windows, instant);
  return around.open ?? around.lastClosed;
}

/** True when the window is open or is the last closed one at the instant, the two windows a reminder can still help with. */
export function isFollowUpWindow(windows: readonly DeclarationWindow[], window: WindowOccurrence, instant: Date): boolean {
  return followUpWindowAt(windows, instant).key === window.key;
}

/** Lists the windows whose instant (`instantOf`, epoch milliseconds) falls in (after, until], oldest first. */
export function windowsWithInstantBetween(
  windows: readonly DeclarationWindow[],
  after: Date,
  until: Date,
  instantOf: (window: WindowOccurrence) => number,
): WindowOccurrence[] {
  const found: WindowOccurrence[] = [];
  const lastDay = addCalendarDays(chinaDayOf(until), 1);
  for (let day = addCalendarDays(chinaDayOf(after), -1); day <= lastDay; day = addCalendarDays(day, 1)) {
    for (const window of windowsOfDay(windows, day)) {
      const instant = instantOf(window);
      if (instant > after.getTime() && instant <= until.getTime()) found.push(window);
    }
  }
  return found.sort((a, b) => instantOf(a) - instantOf(b));
}
