import dayjs from 'dayjs';

// One numeric layout in every language: staff compare times across lists
// and exports, and 2020-02-06 14:30 reads the same in Chinese and English.
const DATE_TIME_FORMAT = 'YYYY-MM-DD HH:mm';
const DATE_TIME_SECONDS_FORMAT = 'YYYY-MM-DD HH:mm:ss';

/** Formats an ISO timestamp in local time; an empty string for null or an invalid value. */
export function formatDateTime(value: string | null | undefined, withSeconds = false): string {
  if (!value) return '';
  const parsed = dayjs(value);
  if (!parsed.isValid()) return '';
  return parsed.format(withSeconds ? DATE_TIME_SECONDS_FORMAT : DATE_TIME_FORMAT);
}
