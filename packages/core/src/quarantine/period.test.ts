import { describe, expect, test } from 'vitest';
import {
  addCalendarDays,
  calendarDaysBetween,
  endQuarantineEarly,
  extendQuarantine,
  planQuarantine,
  type QuarantinePeriod,
  quarantineDayNumber,
  quarantineDaysOf,
  quarantineLengthOf,
  releaseQuarantine,
} from './period.js';

const active = (startOn: string, plannedEndOn: string): QuarantinePeriod => ({ startOn, plannedEndOn, status: 'active' });

describe('planQuarantine', () => {
  test.each([
    ['2026-12-01', 14, '2026-12-14'],
    ['2026-12-05', 1, '2026-12-05'],
    // Month ends of 31, 30 and 28 days.
    ['2026-01-25', 14, '2026-02-07'],
    ['2026-04-20', 14, '2026-05-03'],
    ['2026-02-20', 14, '2026-03-05'],
    // Year end.
    ['2026-12-25', 14, '2027-01-07'],
    ['2026-12-31', 1, '2026-12-31'],
    ['2026-12-31', 2, '2027-01-01'],
    // Leap years: 2028 has a 29 February, 2100 does not.
    ['2028-02-20', 14, '2028-03-04'],
    ['2028-02-16', 14, '2028-02-29'],
    ['2028-02-29', 14, '2028-03-13'],
    ['2027-02-16', 14, '2027-03-01'],
    ['2100-02-20', 14, '2100-03-05'],
    ['2026-12-01', 60, '2027-01-29'],
  ])('%s for %i days ends on %s', (startOn, days, plannedEndOn) => {
    expect(planQuarantine(startOn, days)).toEqual({ ok: true, value: { startOn, plannedEndOn } });
  });

  test('start day counts as day 1', () => {
    const plan = planQuarantine('2026-12-01', 14);
    if (!plan.ok) throw new Error(plan.code);
    expect(quarantineDayNumber('2026-12-01', '2026-12-01')).toBe(1);
    expect(quarantineDayNumber('2026-12-01', plan.value.plannedEndOn)).toBe(14);
    expect(quarantineLengthOf(plan.value.startOn, plan.value.plannedEndOn)).toBe(14);
  });

  test.each([[0], [61], [-3], [1.5], [Number.NaN]])('rejects %d days', (days) => {
    expect(planQuarantine('2026-12-01', days)).toEqual({ ok: false, code: 'QUARANTINE_DAYS_OUT_OF_RANGE' });
  });

  test.each([['2027-02-29'], ['2026-13-01'], ['2026-12-1'], ['']])('rejects start %j', (startOn) => {
    expect(planQuarantine(startOn, 14)).toEqual({ ok: false, code: 'QUARANTINE_DATE_INVALID' });
  });
});

describe('addCalendarDays', () => {
  test.each([
    ['2026-01-31', 1, '2026-02-01'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2028-03-01', -1, '2028-02-29'],
    ['2027-01-01', -1, '2026-12-31'],
    ['2026-06-30', 0, '2026-06-30'],
  ])('%s plus %i is %s', (day, days, expected) => {
    expect(addCalendarDays(day, days)).toBe(expected);
  });

  test('invalid day throws', () => {
    expect(() => addCalendarDays('2026-02-30', 1)).toThrow(RangeError);
    expect(() => addCalendarDays('2026-02-01', 0.5)).toThrow(RangeError);
  });
});

describe('calendarDaysBetween', () => {
  test.each([
    ['2026-12-31', '2027-01-01', 1],
    ['2028-02-28', '2028-03-01', 2],
    ['2027-02-28', '2027-03-01', 1],
    ['2026-12-14', '2026-12-01', -13],
    ['2026-01-01', '2027-01-01', 365],
    ['2028-01-01', '2029-01-01', 366],
  ])('%s to %s is %i days', (from, to, days) => {
    expect(calendarDaysBetween(from, to)).toBe(days);
  });
});

describe('extendQuarantine', () => {
  test('moves the end across a month end', () => {
    expect(extendQuarantine(active('2026-01-18', '2026-01-31'), 7)).toEqual({
      ok: true,
      value: { previousEndOn: '2026-01-31', plannedEndOn: '2026-02-07' },
    });
  });

  test('moves the end onto 29 February 2028', () => {
    expect(extendQuarantine(active('2028-02-09', '2028-02-22'), 7)).toEqual({
      ok: true,
      value: { previousEndOn: '2028-02-22', plannedEndOn: '2028-02-29' },
    });
  });

  test('moves the end across the year end', () => {
    const result = extendQuarantine(active('2026-12-18', '2026-12-31'), 14);
    expect(result).toEqual({ ok: true, value: { previousEndOn: '2026-12-31', plannedEndOn: '2027-01-14' } });
  });

  test.each([[0], [31], [2.5]])('rejects %d days', (days) => {
    expect(extendQuarantine(active('2026-12-01', '2026-12-14'), days)).toEqual({
      ok: false,
      code: 'QUARANTINE_EXTENSION_DAYS_OUT_OF_RANGE',
    });
  });

  test.each([['released'], ['ended_early']] as const)('rejects a %s quarantine', (status) => {
    expect(extendQuarantine({ startOn: '2026-12-01', plannedEndOn: '2026-12-14', status }, 3)).toEqual({
      ok: false,
      code: 'QUARANTINE_NOT_ACTIVE',
    });
  });
});

describe('releaseQuarantine', () => {
  const period = active('2026-12-01', '2026-12-14');

  test('allowed on the planned end day', () => {
    expect(releaseQuarantine(period, '2026-12-14')).toEqual({ ok: true, value: { endedOn: '2026-12-14' } });
  });

  test('allowed after the planned end day', () => {
    expect(releaseQuarantine(period, '2027-01-02')).toEqual({ ok: true, value: { endedOn: '2027-01-02' } });
  });

  test('rejected the day before the planned end', () => {
    expect(releaseQuarantine(period, '2026-12-13')).toEqual({ ok: false, code: 'QUARANTINE_RELEASE_TOO_EARLY' });
  });

  test('rejected once released', () => {
    expect(releaseQuarantine({ ...period, status: 'released' }, '2026-12-20')).toEqual({ ok: false, code: 'QUARANTINE_NOT_ACTIVE' });
  });
});

describe('endQuarantineEarly', () => {
  const period = active('2028-02-20', '2028-03-04');

  test('allowed on the start day', () => {
    expect(endQuarantineEarly(period, '2028-02-20')).toEqual({ ok: true, value: { endedOn: '2028-02-20' } });
  });

  test('allowed on 29 February, before the end', () => {
    expect(endQuarantineEarly(period, '2028-02-29')).toEqual({ ok: true, value: { endedOn: '2028-02-29' } });
  });

  test('allowed the day before the planned end', () => {
    expect(endQuarantineEarly(period, '2028-03-03')).toEqual({ ok: true, value: { endedOn: '2028-03-03' } });
  });

  test('rejected on the planned end day', () => {
    expect(endQuarantineEarly(period, '2028-03-04')).toEqual({ ok: false, code: 'QUARANTINE_END_EARLY_TOO_LATE' });
  });

  test('rejected once ended', () => {
    expect(endQuarantineEarly({ ...period, status: 'ended_early' }, '2028-02-25')).toEqual({ ok: false, code: 'QUARANTINE_NOT_ACTIVE' });
  });
});

describe('quarantineDaysOf', () => {
  test.each([
    [7, 7],
    [21, 21],
    [undefined, 14],
    [null, 14],
    ['14', 14],
    [0, 14],
    [61, 14],
    [10.5, 14],
  ])('setting %j gives %i days', (setting, days) => {
    expect(quarantineDaysOf(setting)).toBe(days);
  });
});
