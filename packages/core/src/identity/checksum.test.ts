import { describe, expect, test } from 'vitest';
import { computeGb11643CheckDigit, computeIcao9303CheckDigit, hasValidGb11643CheckDigit } from './index.js';

describe('GB 11643 check digit', () => {
  test('example number of the standard', () => {
    // GB 11643-1999 explains the check character with 11010519491231002X.
    expect(computeGb11643CheckDigit('11010519491231002')).toBe('X');
    expect(hasValidGb11643CheckDigit('11010519491231002X')).toBe(true);
  });

  test('every check value', () => {
    const seen = new Set<string>();
    for (let sequence = 0; sequence < 200; sequence += 1) {
      seen.add(computeGb11643CheckDigit(`32050519900101${String(sequence).padStart(3, '0')}`) ?? '');
    }

    expect([...seen].sort()).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'X']);
  });

  test.each([
    ['16 digits', '1101051949123100'],
    ['18 digits', '110105194912310021'],
    ['letter', '1101051949123100A'],
    ['full-width digit', '1101051949123100２'],
  ])('rejects body with %s', (_case, body) => {
    expect(computeGb11643CheckDigit(body)).toBeUndefined();
  });

  test('rejects lower-case x', () => {
    expect(hasValidGb11643CheckDigit('11010519491231002x')).toBe(false);
  });
});

describe('ICAO 9303 check digit', () => {
  test.each([
    // Fields of the specimen passport in ICAO Doc 9303.
    ['L898902C3', '6'],
    ['740812', '2'],
    ['120415', '9'],
    ['', '0'],
  ])('%s gives %s', (text, digit) => {
    expect(computeIcao9303CheckDigit(text)).toBe(digit);
  });

  test('rejects lower case', () => {
    expect(computeIcao9303CheckDigit('l898902c3')).toBeUndefined();
  });
});
