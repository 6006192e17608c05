import { describe, expect, test } from 'vitest';
import { ancestorRegionCodes, isRegionInside, normalizeRegionCode, parentRegionCode, regionCodePrefix, regionLevelOf } from './codes.js';
import { lookupCounty } from './divisions.js';
import { parseRegionCode } from './parse.js';

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

  test.each([
    ['3205', '3205'],
    ['32', '32'],
    ['320505000000', '320505'],
    ["'320500", '3205'],
  ])('prefix of short form %j is %s', (code, prefix) => {
    expect(regionCodePrefix(code)).toBe(prefix);
  });

  test.each([[''], ['abc'], ['-320500'], [null], [undefined], [{}]])('invalid code %j has no prefix', (code) => {
    expect(regionCodePrefix(code as unknown as string)).toBeUndefined();
  });
});

describe('normalizeRegionCode spreadsheet and pasted forms', () => {
  test.each([
    ["'320505", '320505'],
    ["  '320505", '320505'],
    ['"320505"', '320505'],
    ['="320505"', '320505'],
    ['“320505”', '320505'],
    ['320505.0', '320505'],
    ['320505001001.00', '320505001001'],
    ['３２０５０５．０', '320505'],
    ["'320505.0", '320505'],
    ['\u200e320505', '320505'],
    ['320505\u200f', '320505'],
    ['\u200f320505\u200e', '320505'],
    ['\u2066320505\u2069', '320505'],
    ['3205\u200b05', '320505'],
    ['\ufeff320505', '320505'],
    ['32-05-05', '320505'],
    [' '.repeat(58) + '320505', '320505'],
  ])('%j → %s', (input, expected) => {
    expect(normalizeRegionCode(input)).toBe(expected);
  });

  test.each([
    ['hyphen-minus', '-320505'],
    ['minus after spaces', '  -320505'],
    ['minus sign', '\u2212320505'],
    ['full-width minus', '－320505'],
    ['en dash', '\u2013320505'],
    ['minus after a bidi mark', '\u200e-320505'],
    ['minus after an apostrophe', "'-320505"],
    ['minus inside a formula wrapper', '="-320505"'],
    ['minus on a short form', '-32'],
  ])('rejects %s', (_case, input) => {
    expect(normalizeRegionCode(input)).toBeUndefined();
  });

  test.each([
    ['other decimals', '320505.5'],
    ['decimal comma', '320505,0'],
    ['two dots', '320505.0.0'],
    ['65 characters', ' '.repeat(59) + '320505'],
    ['1 MB of digits', '3'.repeat(1 << 20)],
    ['1 MB of spaces', ' '.repeat(1 << 20)],
    ['only an apostrophe', "'"],
  ])('rejects %s', (_case, input) => {
    expect(normalizeRegionCode(input)).toBeUndefined();
  });
});

describe('normalizeRegionCode values from JavaScript callers', () => {
  test.each([
    ['county', 320505, '320505'],
    ['province short form', 32, '320000'],
    ['padded county', 320505000000, '320505'],
    ['community', 320505001001, '320505001001'],
  ])('reads the number of a %s', (_case, input, expected) => {
    expect(normalizeRegionCode(input as unknown as string)).toBe(expected);
  });

  test.each([
    ['null', null],
    ['undefined', undefined],
    ['negative number', -320505],
    ['fraction', 320505.5],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['unsafe integer', 2 ** 60],
    ['bigint', 320505n],
    ['object', {}],
    ['array with a code', ['320505']],
    ['object with toString', { toString: () => '320505' }],
    ['boolean', true],
  ])('rejects %s', (_case, input) => {
    expect(normalizeRegionCode(input as unknown as string)).toBeUndefined();
  });

  test.each([[null], [undefined], [{}], ['-320505']])('lookups of %j return nothing', (input) => {
    const code = input as unknown as string;

    expect(regionLevelOf(code)).toBeUndefined();
    expect(parentRegionCode(code)).toBeUndefined();
    expect(ancestorRegionCodes(code)).toEqual([]);
    expect(lookupCounty(code)).toBeUndefined();
    expect(isRegionInside(code, '320000')).toBe(false);
    expect(isRegionInside('320505', code)).toBe(false);
  });

  test('a canonical number is no canonical code', () => {
    expect(regionLevelOf(320505 as unknown as string)).toBeUndefined();
  });
});

describe('parseRegionCode', () => {
  const known = new Map([['320505', {}]]);

  test.each([
    ['apostrophe', "'320505", { ok: true, value: '320505' }],
    ['number', 320505, { ok: true, value: '320505' }],
    ['minus', '-320505', { ok: false, code: 'REGION_CODE_INVALID' }],
    ['null', null, { ok: false, code: 'REGION_CODE_INVALID' }],
    ['object', {}, { ok: false, code: 'REGION_CODE_INVALID' }],
    ['unknown code', '320506', { ok: false, code: 'REGION_NOT_FOUND' }],
  ])('%s', (_case, input, expected) => {
    expect(parseRegionCode(input as unknown as string, known)).toEqual(expected);
  });

  test('null table is no table', () => {
    const result = parseRegionCode('320506', null as unknown as undefined);

    expect(result).toEqual({ ok: true, value: '320506' });
  });
});
