import { describe, expect, test } from 'vitest';
import { ancestorRegionCodes, isRegionInside, normalizeRegionCode, parentRegionCode, regionCodePrefix, regionLevelOf } from './codes.js';

describe('normalizeRegionCode', () => {
  test.each([
    ['32', '320000'],
    ['3205', '320500'],
    ['320000', '320000'],
    ['320500', '320500'],
    ['320505', '320505'],
    ['320505001', '320505001'],
    ['320505001001', '320505001001'],
    ['320505000000', '320505'],
    ['320505001000', '320505001'],
    ['320500000000', '320500'],
    ['320000000000', '320000'],
    ['320505000', '320505'],
    ['441900003', '441900003'],
    ['441900003001', '441900003001'],
    [' 3205 05 ', '320505'],
    ['３２０５０５', '320505'],
    ['3205-05', '320505'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeRegionCode(input)).toBe(expected);
  });

  test.each([
    [''],
    ['3'],
    ['320'],
    ['32050'],
    ['3205051'],
    ['32050500100'],
    ['3205050010011'],
    ['00'],
    ['000000'],
    ['050000'],
    ['320005'],
    ['320505000001'],
    ['320000001'],
    ['32050A'],
    ['3.20505E+5'],
  ])('rejects %j', (input) => {
    expect(normalizeRegionCode(input)).toBeUndefined();
  });
});

describe('regionLevelOf', () => {
  test.each([
    ['320000', 'province'],
    ['110000', 'province'],
    ['320500', 'city'],
    ['110100', 'city'],
    ['441900', 'city'],
    ['429000', 'city'],
    ['320505', 'county'],
    ['429004', 'county'],
    ['419001', 'county'],
    ['320505001', 'subdistrict'],
    ['441900003', 'subdistrict'],
    ['320505001001', 'community'],
  ])('%s is a %s', (code, level) => {
    expect(regionLevelOf(code)).toBe(level);
  });

  test.each([['32'], ['3205'], ['320505000000'], ['abc']])('non-canonical %s has no level', (code) => {
    expect(regionLevelOf(code)).toBeUndefined();
  });
});

describe('parentRegionCode', () => {
  test.each([
    ['320505001001', '320505001'],
    ['320505001', '320505'],
    ['320505', '320500'],
    ['320500', '320000'],
    ['110101', '110100'],
    ['110100', '110000'],
    ['500230', '500200'],
    ['429004', '429000'],
    ['429000', '420000'],
    ['419001', '419000'],
    ['659001', '659000'],
    ['441900003', '441900'],
    ['441900', '440000'],
    ['442000001', '442000'],
    ['460400100', '460400'],
  ])('parent of %s is %s', (code, parent) => {
    expect(parentRegionCode(code)).toBe(parent);
  });

  test('province has no parent', () => {
    expect(parentRegionCode('320000')).toBeUndefined();
  });

  test('non-canonical code has no parent', () => {
    expect(parentRegionCode('3205')).toBeUndefined();
  });

  test('ancestors of a community', () => {
    expect(ancestorRegionCodes('320505001001')).toEqual(['320000', '320500', '320505', '320505001']);
  });

  test('ancestors of a Dongguan street', () => {
    expect(ancestorRegionCodes('441900003')).toEqual(['440000', '441900']);
  });
});

describe('isRegionInside', () => {
  test.each([
    ['320505001001', '320505001', true],
    ['320505001001', '320505', true],
    ['320505001001', '3205', true],
    ['320505001001', '32', true],
    ['320505', '320505', true],
    ['320505000000', '320505', true],
    ['320502', '320500', true],
    ['110101', '110000', true],
    ['110101', '110100', true],
    ['441900003001', '441900', true],
    ['429004', '420000', true],
    ['320500', '320505', false],
    ['320505', '320506', false],
    ['330100', '320000', false],
    ['320505001001', '320505002', false],
    ['not a code', '320000', false],
    ['320505', 'not a code', false],
  ])('%s inside %s: %s', (code, ancestor, expected) => {
    expect(isRegionInside(code, ancestor)).toBe(expected);
  });
});

describe('regionCodePrefix', () => {
  test.each([
    ['320000', '32'],
    ['320500', '3205'],
    ['441900', '4419'],
    ['320505', '320505'],
    ['320505001', '320505001'],
    ['320505001001', '320505001001'],
  ])('prefix of %s is %s', (code, prefix) => {
    expect(regionCodePrefix(code)).toBe(prefix);
  });
});
