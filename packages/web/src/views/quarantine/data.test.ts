import { describe, expect, it } from 'vitest';
import { chinaToday, monthRangeOf, nextSymptoms, temperatureProblem } from './data.js';

const t = (key: string) => key;

describe('chinaToday', () => {
  it('turns at 16:00 UTC', () => {
    expect(chinaToday(new Date('2026-12-31T15:59:59Z'))).toBe('2026-12-31');
    expect(chinaToday(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
  });
});

describe('monthRangeOf', () => {
  it.each([
    ['2028-02-10', '2028-02-01', '2028-02-29'],
    ['2027-02-10', '2027-02-01', '2027-02-28'],
    ['2026-12-31', '2026-12-01', '2026-12-31'],
    ['2026-04-01', '2026-04-01', '2026-04-30'],
  ])('%s lies in %s to %s', (day, from, to) => {
    expect(monthRangeOf(day)).toEqual({ from, to });
  });
});

describe('temperatureProblem', () => {
  it.each([[35.0], [36.6], [42.0]])('accepts %d', (value) => {
    expect(temperatureProblem(value, t)).toBeNull();
  });

  it.each([[34.9], [42.1], [36.65], [null], [Number.NaN]])('rejects %s', (value) => {
    expect(temperatureProblem(value, t)).toBe('quarantine.observations.temperatureInvalid');
  });
});

describe('nextSymptoms', () => {
  it('none clears the symptoms', () => {
    expect(nextSymptoms(['cough'], ['cough', 'none'])).toEqual(['none']);
  });

  it('a symptom clears none', () => {
    expect(nextSymptoms(['none'], ['none', 'fever'])).toEqual(['fever']);
  });

  it('removing keeps the rest', () => {
    expect(nextSymptoms(['cough', 'fever'], ['fever'])).toEqual(['fever']);
  });
});
