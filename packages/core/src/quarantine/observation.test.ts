import { describe, expect, test } from 'vitest';
import { checkObservationDay, checkSymptoms, isObservationAbnormal, temperatureTenthsOf } from './observation.js';

describe('temperatureTenthsOf', () => {
  test.each([
    [35.0, 350],
    [36.6, 366],
    [37.3, 373],
    [42.0, 420],
    [38, 380],
  ])('%d °C is %i tenths', (celsius, tenths) => {
    expect(temperatureTenthsOf(celsius)).toEqual({ ok: true, value: tenths });
  });

  test.each([[34.9], [42.1], [36.65], [Number.NaN], [Number.POSITIVE_INFINITY]])('rejects %d', (celsius) => {
    expect(temperatureTenthsOf(celsius)).toEqual({ ok: false, code: 'QUARANTINE_TEMPERATURE_OUT_OF_RANGE' });
  });
});

describe('checkSymptoms', () => {
  test('none alone', () => {
    expect(checkSymptoms(['none'])).toEqual({ ok: true, value: ['none'] });
  });

  test('duplicates dropped', () => {
    expect(checkSymptoms(['cough', 'fever', 'cough'])).toEqual({ ok: true, value: ['cough', 'fever'] });
  });

  test('none with a symptom', () => {
    expect(checkSymptoms(['none', 'cough'])).toEqual({ ok: false, code: 'QUARANTINE_SYMPTOMS_CONFLICT' });
  });

  test('empty list', () => {
    expect(checkSymptoms([])).toEqual({ ok: false, code: 'QUARANTINE_SYMPTOMS_REQUIRED' });
  });
});

describe('checkObservationDay', () => {
  const period = { startOn: '2026-11-25', plannedEndOn: '2026-12-08', endedOn: null };

  test.each([['2026-11-25'], ['2026-11-30'], ['2026-12-01'], ['2026-12-03']])('accepts %s', (day) => {
    expect(checkObservationDay(day, period, '2026-12-03')).toEqual({ ok: true, value: day });
  });

  test.each([['2026-11-24'], ['2026-12-04'], ['2026-11-31']])('rejects %s', (day) => {
    expect(checkObservationDay(day, period, '2026-12-03')).toEqual({ ok: false, code: 'QUARANTINE_OBSERVATION_DAY_OUTSIDE' });
  });

  test('ends on the day a quarantine ended', () => {
    const ended = { ...period, endedOn: '2026-11-28' };
    expect(checkObservationDay('2026-11-28', ended, '2026-12-03').ok).toBe(true);
    expect(checkObservationDay('2026-11-29', ended, '2026-12-03').ok).toBe(false);
  });

  test('ends on the planned end after it has passed', () => {
    expect(checkObservationDay('2026-12-08', period, '2026-12-20').ok).toBe(true);
    expect(checkObservationDay('2026-12-09', period, '2026-12-20').ok).toBe(false);
  });
});

describe('isObservationAbnormal', () => {
  test.each([
    [372, ['none'], false],
    [373, ['none'], true],
    [365, ['cough'], true],
  ])('%i tenths with %j is %s', (tenths, symptoms, abnormal) => {
    expect(isObservationAbnormal(tenths, symptoms)).toBe(abnormal);
  });
});
