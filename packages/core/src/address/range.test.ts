import { describe, expect, test } from 'vitest';
import { DEFAULT_RANGE_MAX, expandNumberRange } from './index.js';

function numbersFrom(start: number, end: number): number[] {
  return Array.from({ length: end - start + 1 }, (_, index) => start + index);
}

describe('expandNumberRange reads', () => {
  test.each<[string, number[]]>([
    ['1-30', numbersFrom(1, 30)],
    ['1-30,32,35-36', [...numbersFrom(1, 30), 32, 35, 36]],
    ['1–3', [1, 2, 3]],
    ['1—3', [1, 2, 3]],
    ['1−3', [1, 2, 3]],
    ['１－３，５', [1, 2, 3, 5]],
    ['1~3', [1, 2, 3]],
    ['1～3', [1, 2, 3]],
    ['1至3', [1, 2, 3]],
    ['1、3、5', [1, 3, 5]],
    ['1;3', [1, 3]],
    [' 1 - 3 , 5 ', [1, 2, 3, 5]],
    ['7', [7]],
    ['5-5', [5]],
    ['01-03', [1, 2, 3]],
    ['5,1-3', [1, 2, 3, 5]],
    ['1-5,3-7', numbersFrom(1, 7)],
    ['1-3,4-6', numbersFrom(1, 6)],
    ['2,2,2', [2]],
    ['1-1000', numbersFrom(1, 1000)],
    ['999999999999999', [999999999999999]],
  ])('%s', (spec, numbers) => {
    expect(expandNumberRange(spec)).toEqual({ ok: true, value: numbers });
  });
});

describe('expandNumberRange max', () => {
  test('default is 1000', () => {
    expect(DEFAULT_RANGE_MAX).toBe(1000);
    expect(expandNumberRange('1-1001')).toEqual({ ok: false, code: 'ADDRESS_RANGE_TOO_LARGE' });
  });

  test('counts overlaps once', () => {
    const result = expandNumberRange('1-1000,500-1000,1000');

    expect(result.ok ? result.value.length : 0).toBe(1000);
  });

  test.each<[string, number, boolean]>([
    ['1-10', 10, true],
    ['1-11', 10, false],
    ['1-5,7-11', 10, true],
    ['1-5,7-12', 10, false],
    ['1', 0, false],
    ['1-5000', 5000, true],
  ])('%s within max %d', (spec, max, accepted) => {
    const result = expandNumberRange(spec, { max });

    expect(result.ok).toBe(accepted);
    if (!result.ok) expect(result.code).toBe('ADDRESS_RANGE_TOO_LARGE');
  });

  test.each<[string, unknown]>([
    ['negative', -1],
    ['fraction', 1.5],
    ['NaN', Number.NaN],
    ['infinity', Number.POSITIVE_INFINITY],
    ['string', '5'],
    ['null', null],
  ])('%s max falls back to default', (_name, max) => {
    expect(expandNumberRange('1-1000', { max: max as number }).ok).toBe(true);
    expect(expandNumberRange('1-1001', { max: max as number })).toEqual({ ok: false, code: 'ADDRESS_RANGE_TOO_LARGE' });
  });

  test('non-object options fall back to default', () => {
    expect(expandNumberRange('1-3', null as unknown as undefined)).toEqual({ ok: true, value: [1, 2, 3] });
  });
});

describe('expandNumberRange rejects', () => {
  test.each<[string, unknown]>([
    ['empty', ''],
    ['blank', '   '],
    ['zero', '0'],
    ['range from zero', '0-3'],
    ['negative', '-1'],
    ['negative range', '-1-2'],
    ['doubled dash', '1--3'],
    ['reversed', '5-3'],
    ['reversed huge', '99999999999-1'],
    ['open start', '-3'],
    ['open end', '3-'],
    ['empty item', '1,,3'],
    ['trailing comma', '1-3,'],
    ['leading comma', ',1'],
    ['three numbers', '1-2-3'],
    ['space inside', '1 2'],
    ['decimal', '1.5'],
    ['letters', 'A-C'],
    ['words', '一至十'],
    ['emoji', '🏠'],
    ['outside BMP', '1-𠀀'],
    ['16 digits', '1-1000000000000000'],
    ['exponent', '1e3'],
    ['plus sign', '+3'],
    ['null', null],
    ['undefined', undefined],
    ['number', 30],
    ['object', { from: 1, to: 30 }],
    ['array', ['1-30']],
  ])('%s as invalid', (_name, spec) => {
    expect(expandNumberRange(spec as string)).toEqual({ ok: false, code: 'ADDRESS_RANGE_INVALID' });
  });

  test.each<[string, string]>([
    ['huge range', '1-99999999999'],
    ['largest exact range', '1-999999999999999'],
    ['many huge ranges', Array.from({ length: 100 }, (_, index) => `${index * 1e9 + 1}-${(index + 1) * 1e9}`).join(',')],
    ['1 MB string', '1,'.repeat(512 * 1024)],
  ])('%s as too large', (_name, spec) => {
    expect(expandNumberRange(spec)).toEqual({ ok: false, code: 'ADDRESS_RANGE_TOO_LARGE' });
  });
});
