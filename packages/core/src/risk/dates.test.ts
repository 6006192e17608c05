import { describe, expect, test } from 'vitest';
import { chinaCalendarDate, isCalendarDate } from './dates.js';

describe('chinaCalendarDate', () => {
  test.each([
    ['2022-03-01T15:59:59.999Z', '2022-03-01'],
    ['2022-03-01T16:00:00.000Z', '2022-03-02'],
    ['2022-03-01T00:00:00+08:00', '2022-03-01'],
    ['2021-12-31T16:00:00Z', '2022-01-01'],
  ])('%s is %s in China', (instant, date) => {
    expect(chinaCalendarDate(new Date(instant))).toBe(date);
  });

  test('invalid Date throws', () => {
    expect(() => chinaCalendarDate(new Date('nope'))).toThrow(RangeError);
  });

  test.each([['2022-03-01'], [1646064000000], [null], [undefined]])('%j is no Date and throws', (at) => {
    expect(() => chinaCalendarDate(at as unknown as Date)).toThrow(RangeError);
  });
});

describe('isCalendarDate', () => {
  test.each([['2022-03-01'], ['2024-02-29'], ['2000-02-29']])('accepts %s', (value) => {
    expect(isCalendarDate(value)).toBe(true);
  });

  test.each([['2023-02-29'], ['1900-02-29'], ['2022-13-01'], ['2022-04-31'], ['2022-3-1'], ['20220301'], ['2022-03-01T00:00:00Z'], ['']])(
    'rejects %j',
    (value) => {
      expect(isCalendarDate(value)).toBe(false);
    },
  );

  test.each([[20220301], [null], [undefined], [new Date('2022-03-01')], [['2022-03-01']]])('rejects %j that is not a string', (value) => {
    expect(isCalendarDate(value as unknown as string)).toBe(false);
  });
});
