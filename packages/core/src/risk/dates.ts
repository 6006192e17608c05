const CHINA_UTC_OFFSET_MS = 8 * 60 * 60 * 1000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Calendar date (YYYY-MM-DD) of an instant in China Standard Time, UTC+8 all
 * year because China has no daylight saving time. Risk lists are published
 * by date in that zone, so 2022-03-01T16:00:00Z is already 2022-03-02.
 * Throws a RangeError for an invalid Date or a value that is not a Date,
 * which is a caller bug.
 */
export function chinaCalendarDate(at: Date): string {
  const time = at instanceof Date ? at.getTime() : Number.NaN;
  if (Number.isNaN(time)) throw new RangeError('chinaCalendarDate: invalid Date');
  return new Date(time + CHINA_UTC_OFFSET_MS).toISOString().slice(0, 10);
}

/** Tells whether a value is a string with an existing calendar date written YYYY-MM-DD, such as 2024-02-29. */
export function isCalendarDate(value: string): boolean {
  if (typeof value !== 'string') return false;

  const match = ISO_DATE.exec(value);
  if (!match) return false;

  const [, year, month, day] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
