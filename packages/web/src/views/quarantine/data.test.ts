import { describe, expect, it } from 'vitest';
import { chinaToday, monthRangeOf, nextSymptoms, readTemperature } from './data.js';

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

describe('readTemperature', () => {
  it.each([
    ['35.0', 35],
    ['36.6', 36.6],
    ['３６．６', 36.6],
    [' 42 ', 42],
  ])('reads %s', (text, value) => {
    expect(readTemperature(text, t)).toEqual({ value });
  });

  // "36,6" once became 366 in a number field, was clamped to 42.0 and saved as a fever.
  it.each([['34.9'], ['42.1'], ['36.65'], ['36,6'], ['366'], [''], ['37.3°C']])('rejects %s without changing it', (text) => {
    expect(readTemperature(text, t)).toEqual({ problem: 'quarantine.observations.temperatureInvalid' });
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
