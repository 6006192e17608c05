import { expect, test } from 'vitest';
import { readChineseNumeral } from './numerals.js';

test.each<[string, number | undefined]>([
  ['一', 1],
  ['九', 9],
  ['十', 10],
  ['十一', 11],
  ['二十', 20],
  ['二十三', 23],
  ['九十九', 99],
  ['', undefined],
  ['三四', undefined],
  ['十十', undefined],
  ['一百', undefined],
  ['十二三', undefined],
  ['3', undefined],
])('numeral %j', (text, value) => {
  expect(readChineseNumeral(text)).toBe(value);
});
