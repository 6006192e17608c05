import { type DeclarationWindow, minutesOfTime } from './windows.js';

/**
 * China keeps UTC+8 all year (no daylight saving time since 1991), so the
 * Asia/Shanghai day and time follow from a fixed offset, whatever time zone
 * the server runs in.
 */
const CHINA_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/** One day's occurrence of a window. */
export interface WindowOccurrence {
  /** Day in China and the window's number from 1, "2026-12-05/1"; stored as declarations.window_key. */
  key: string;
  /** Day in China, YYYY-MM-DD. */
  day: string;
  /** 0-based position of the window in the day's list. */
  index: number;
  start: string;
  end: string;
  /** ISO-8601 UTC instants of the start (inclusive) and the end (exclusive). */
  opensAt: string;
  closesAt: string;
}

/** The windows around an instant. */
export interface WindowsAt {
  /** Day in China at the instant. */
  day: string;
  /** The window open at the instant, or null between windows. */
  open: WindowOccurrence | null;
  /** The latest window that has closed, today's or the day before's. */
  lastClosed: WindowOccurrence;
  /** The next window to open after the instant, today's or the next day's. */
  next: WindowOccurrence;
}

/** Day in China (Asia/Shanghai) of an instant, YYYY-MM-DD. */
export function chinaDayOf(instant: Date): string {
  return new Date(instant.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** Adds whole days to a YYYY-MM-DD date. */
function addChinaDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Window key of a day and a 0-based window position: "2026-12-05/1" for the day's first window. */
export function windowKeyOf(day: string, index: number): string {
  return `${day}/${index + 1}`;
}

/** Splits a window key into its day and 0-based position, or returns undefined for a malformed key. */
export function parseWindowKey(key: string): { day: string; index: number } | undefined {
  const match = /^(\d{4}-\d{2}-\d{2})\/([1-9]\d?)$/.exec(key);
  if (!match) return undefined;
  return { day: match[1] as string, index: Number(match[2]) - 1 };
}

/** Midnight in China of a day, as a UTC epoch in milliseconds. */
function chinaMidnightOf(day: string): number {
  return Date.parse(`${day}T00:00:00Z`) - CHINA_OFFSET_MS;
}

/** Returns the occurrence of window `index` on a day in China. */
export function windowOccurrenceOf(windows: readonly DeclarationWindow[], day: string, index: number): WindowOccurrence {
  const window = windows[index];
  if (!window) throw new RangeError(`window ${index} does not exist; there are ${windows.length}`);
  const midnight = chinaMidnightOf(day);
  const start = minutesOfTime(window.start) as number;
  const end = minutesOfTime(window.end, true) as number;
  return {
    key: windowKeyOf(day, index),
    day,
    index,
    start: window.start,
    end: window.end,
    opensAt: new Date(midnight + start * MINUTE_MS).toISOString(),
    closesAt: new Date(midnight + end * MINUTE_MS).toISOString(),
  };
}

/**
 * Finds the open window, the last closed one and the next one at an instant.
 * A window is open from its start up to, not including, its end: with
 * 07:00–10:00, 09:59:59 is inside and 10:00:00 is not. `windows` must have
 * passed checkDeclarationWindows (at least one, in order, not overlapping).
 */
export function windowsAt(windows: readonly DeclarationWindow[], instant: Date): WindowsAt {
  if (windows.length === 0) throw new RangeError('at least one declaration window is needed');
  const day = chinaDayOf(instant);
  const now = instant.getTime();
  const today = windows.map((_, index) => windowOccurrenceOf(windows, day, index));

  let open: WindowOccurrence | null = null;
  let lastClosed: WindowOccurrence | undefined;
  let next: WindowOccurrence | undefined;
  for (const occurrence of today) {
    const opensAt = Date.parse(occurrence.opensAt);
    const closesAt = Date.parse(occurrence.closesAt);
    if (closesAt <= now) lastClosed = occurrence;
    else if (opensAt <= now) open = occurrence;
    else next ??= occurrence;
  }

  return {
    day,
    open,
    lastClosed: lastClosed ?? windowOccurrenceOf(windows, addChinaDays(day, -1), windows.length - 1),
    next: next ?? windowOccurrenceOf(windows, addChinaDays(day, 1), 0),
  };
}
