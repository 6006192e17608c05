/** GB 11643 numbers of people born before this date are treated as typing errors. */
const EARLIEST_BIRTH_DATE = '1900-01-01';

/** China Standard Time is UTC+8 all year: China has not observed daylight saving time since 1991. */
const CHINA_UTC_OFFSET_MS = 8 * 60 * 60 * 1000;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Calendar date of `today` in China, as YYYY-MM-DD. Birth dates on Chinese
 * documents are dates in China, so the comparison must not depend on the
 * server's time zone. An invalid or out-of-range Date falls back to now.
 */
export function chinaDateOf(today: Date): string {
  let shifted = new Date(today.getTime() + CHINA_UTC_OFFSET_MS);
  if (Number.isNaN(shifted.getTime())) shifted = new Date(Date.now() + CHINA_UTC_OFFSET_MS);
  return shifted.toISOString().slice(0, 10);
}

/**
 * Validates an 8-digit YYYYMMDD birth date: a real calendar date, not before
 * 1900-01-01 and not after `todayInChina` (YYYY-MM-DD). Returns it as
 * YYYY-MM-DD, or undefined when it fails any of these.
 */
export function validateBirthDate(yyyymmdd: string, todayInChina: string): string | undefined {
  if (!/^\d{8}$/.test(yyyymmdd)) return undefined;

  const year = Number(yyyymmdd.slice(0, 4));
  const month = Number(yyyymmdd.slice(4, 6));
  const day = Number(yyyymmdd.slice(6, 8));
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;

  const isoDate = `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
  if (isoDate < EARLIEST_BIRTH_DATE || isoDate > todayInChina) return undefined;
  return isoDate;
}
