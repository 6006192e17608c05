import { expect, it } from 'vitest';
import { AppError } from '../../errors/app-error.js';
import { addDays, checkEndDate, checkNewTenancyDates, MAX_START_DAYS_AHEAD, tenancyStatusOn } from './tenancy-rules.js';

const TODAY = '2026-03-15';

function codeOf(check: () => void): string | undefined {
  try {
    check();
    return undefined;
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
}

it('addDays crosses months and leap days', () => {
  expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
  expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
  expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
});

it('tenancyStatusOn covers each status', () => {
  const open = { startDate: '2026-01-01', endDate: null, endedReason: null };
  expect(tenancyStatusOn(TODAY, open)).toBe('active');
  expect(tenancyStatusOn(TODAY, { ...open, startDate: '2026-03-16' })).toBe('upcoming');
  expect(tenancyStatusOn(TODAY, { ...open, endDate: TODAY })).toBe('active');
  expect(tenancyStatusOn(TODAY, { ...open, endDate: '2026-03-14' })).toBe('ended');
  expect(tenancyStatusOn(TODAY, { ...open, endDate: TODAY, endedReason: '退租' })).toBe('ended');
});

it('checkNewTenancyDates limits the start', () => {
  expect(codeOf(() => checkNewTenancyDates(TODAY, addDays(TODAY, MAX_START_DAYS_AHEAD), null))).toBeUndefined();
  expect(codeOf(() => checkNewTenancyDates(TODAY, addDays(TODAY, MAX_START_DAYS_AHEAD + 1), null))).toBe('TENANCY_START_TOO_LATE');
  expect(codeOf(() => checkNewTenancyDates(TODAY, '2020-01-01', '2030-01-01'))).toBeUndefined();
  expect(codeOf(() => checkNewTenancyDates(TODAY, TODAY, '2026-03-14'))).toBe('TENANCY_END_BEFORE_START');
  expect(codeOf(() => checkNewTenancyDates(TODAY, TODAY, TODAY))).toBeUndefined();
});

it('checkEndDate allows today or the start date', () => {
  expect(codeOf(() => checkEndDate(TODAY, '2026-01-01', TODAY))).toBeUndefined();
  expect(codeOf(() => checkEndDate(TODAY, '2026-01-01', '2026-03-16'))).toBe('TENANCY_END_IN_FUTURE');
  expect(codeOf(() => checkEndDate(TODAY, '2026-01-01', '2025-12-31'))).toBe('TENANCY_END_BEFORE_START');
  expect(codeOf(() => checkEndDate(TODAY, '2026-04-01', '2026-04-01'))).toBeUndefined();
  expect(codeOf(() => checkEndDate(TODAY, '2026-04-01', '2026-04-02'))).toBe('TENANCY_END_IN_FUTURE');
});
