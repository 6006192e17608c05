import { expect, test } from 'vitest';
import { maskIdentityNumber } from './index.js';

test.each([
  ['320505199001011234', '3205**********1234'],
  ['32050519900101123X', '3205**********123X'],
  ['USA320590010112', 'USA*********112'],
  ['EA1234567', 'EA*****67'],
  ['H12345678', 'H1*****78'],
  ['12345678', '12****78'],
  ['1234567801(B)', '123*******(B)'],
  ['ABC', '***'],
  ['', ''],
])('mask %s', (number, masked) => {
  expect(maskIdentityNumber(number)).toBe(masked);
});

test('mask hides at least half', () => {
  for (let length = 1; length <= 18; length += 1) {
    const masked = maskIdentityNumber('7'.repeat(length));

    expect(masked).toHaveLength(length);
    expect(masked.split('*').length - 1).toBeGreaterThanOrEqual(length / 2);
  }
});

test('mask keeps surrogate pairs whole', () => {
  expect(maskIdentityNumber('𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖')).toBe('𝟏𝟐****𝟕𝟖');
});
