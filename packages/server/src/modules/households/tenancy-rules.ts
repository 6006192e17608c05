import { AppError } from '../../errors/app-error.js';
import type { TenancyStatus } from './schemas.js';

/**
 * How many days after today a tenancy may start. A lease is often signed a
 * few weeks before the move-in, and recording it then lets the community
 * expect the tenant. A lease that starts later does not show who lives at the
 * address during an outbreak.
 * NOTE: 90 days is a product choice, not a figure from a regulation.
 */
export const MAX_START_DAYS_AHEAD = 90;

/** Adds days to a YYYY-MM-DD date, in calendar days. */
export function addDays(date: string, days: number): string {
  const time = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(time).toISOString().slice(0, 10);
}

/**
 * Status of a tenancy on a day: ended once ended by a user or past its end
 * date, upcoming before its start date, active otherwise.
 */
export function tenancyStatusOn(
  today: string,
  tenancy: { startDate: string; endDate: string | null; endedReason: string | null },
): TenancyStatus {
  if (tenancy.endedReason !== null) return 'ended';
  if (tenancy.endDate !== null && tenancy.endDate < today) return 'ended';
  if (tenancy.startDate > today) return 'upcoming';
  return 'active';
}

/** Checks the dates of a new tenancy: the start at most MAX_START_DAYS_AHEAD days ahead, the end not before the start. */
export function checkNewTenancyDates(today: string, startDate: string, endDate: string | null): void {
  if (startDate > addDays(today, MAX_START_DAYS_AHEAD)) {
    throw new AppError('TENANCY_START_TOO_LATE', 'startDate', { days: MAX_START_DAYS_AHEAD });
  }
  if (endDate !== null && endDate < startDate) throw new AppError('TENANCY_END_BEFORE_START', 'endDate');
}

/**
 * Checks the end date of an end action. It records a move-out that has
 * happened, so it may not be later than today, except that a tenancy that has
 * not started yet is cancelled by ending it on its start date.
 */
export function checkEndDate(today: string, startDate: string, endDate: string): void {
  if (endDate < startDate) throw new AppError('TENANCY_END_BEFORE_START', 'endDate');
  const latest = startDate > today ? startDate : today;
  if (endDate > latest) throw new AppError('TENANCY_END_IN_FUTURE', 'endDate');
}
