import { describe, expect, test } from 'vitest';
import {
  computeGb11643CheckDigit,
  computeIcao9303CheckDigit,
  hasValidGb11643CheckDigit,
  maskIdentityNumber,
  parseIdentityDocument,
} from './index.js';

// Every number below is synthetic: 11010519491231002X is the example number
// of GB 11643-1999, and the 15-digit number is its legacy form.

const TODAY = new Date('2024-06-01T04:00:00Z');
const NUMBER = '11010519491231002X';
const LEGACY = '110105491231002';
/** An 18-digit number whose check character is a digit, so that it can be a JavaScript number. */
const DIGITS_ONLY = '420106199001011231';

const parse = (input: unknown, options: unknown = { today: TODAY }) =>
  parseIdentityDocument(input as string, options as Parameters<typeof parseIdentityDocument>[1]);

describe('identity input from JavaScript callers', () => {
  test('fixture is a valid number', () => {
    expect(parse(DIGITS_ONLY)).toMatchObject({ ok: true, value: { number: DIGITS_ONLY } });
  });

  test.each([
    ['undefined', undefined, 'ID_NUMBER_REQUIRED'],
    ['null', null, 'ID_NUMBER_REQUIRED'],
    ['object', {}, 'ID_NUMBER_FORMAT_INVALID'],
    ['array with the number', [NUMBER], 'ID_NUMBER_FORMAT_INVALID'],
    ['object with toString', { toString: () => NUMBER }, 'ID_NUMBER_FORMAT_INVALID'],
    [
      'object whose toString throws',
      {
        toString: () => {
          throw new Error('no text');
        },
      },
      'ID_NUMBER_FORMAT_INVALID',
    ],
    ['object without prototype', Object.create(null), 'ID_NUMBER_FORMAT_INVALID'],
    ['boolean', true, 'ID_NUMBER_FORMAT_INVALID'],
    ['symbol', Symbol('id'), 'ID_NUMBER_FORMAT_INVALID'],
    ['function', () => NUMBER, 'ID_NUMBER_FORMAT_INVALID'],
    ['NaN', Number.NaN, 'ID_NUMBER_FORMAT_INVALID'],
    ['Infinity', Number.POSITIVE_INFINITY, 'ID_NUMBER_FORMAT_INVALID'],
    ['negative number', -Number(LEGACY), 'ID_NUMBER_FORMAT_INVALID'],
    ['fraction', Number(LEGACY) + 0.5, 'ID_NUMBER_FORMAT_INVALID'],
    ['negative bigint', -BigInt(LEGACY), 'ID_NUMBER_FORMAT_INVALID'],
  ])('rejects %s', (_case, input, code) => {
    expect(parse(input)).toEqual({ ok: false, code });
  });

  test('bigint keeps every digit', () => {
    expect(parse(BigInt(DIGITS_ONLY))).toMatchObject({ ok: true, value: { number: DIGITS_ONLY } });
  });

  test.each([
    ['null options', null],
    ['string options', 'resident_id'],
    ['today as a string', { today: '2024-06-01' }],
    ['today as a number', { today: 0 }],
  ])('tolerates %s', (_case, options) => {
    expect(parse(NUMBER, options)).toMatchObject({ ok: true, value: { number: NUMBER } });
  });

  test.each([['bogus'], [''], [null], [1]])('unknown type %j', (type) => {
    expect(parse(NUMBER, { type, today: TODAY })).toEqual({ ok: false, code: 'ID_DOCUMENT_TYPE_UNKNOWN' });
  });

  test.each([
    ['number', 1],
    ['null', null],
    ['object', { code: 'CHN' }],
    ['array', ['CHN']],
    ['129 characters', 'CHN'.padEnd(129, ' ')],
  ])('passport country code %s', (_case, countryCode) => {
    const result = parse('E12345678', { type: 'passport', countryCode });

    expect(result).toEqual({ ok: false, code: 'PASSPORT_COUNTRY_INVALID' });
  });

  test('passport country code with bidi marks', () => {
    const result = parse('E12345678', { type: 'passport', countryCode: '\u200eCHN\u200f' });

    expect(result).toEqual({ ok: true, value: { type: 'passport', number: 'E12345678', countryCode: 'CHN' } });
  });
});

describe('identity numbers from spreadsheet cells', () => {
  test('15-digit number stays exact', () => {
    expect(parse(Number(LEGACY))).toMatchObject({ ok: true, value: { number: NUMBER, convertedFrom: LEGACY } });
  });

  test.each([
    ['18-digit number', Number(DIGITS_ONLY)],
    ['number that prints other digits', Number('420106199001056608')],
    ['first unsafe integer', Number.MAX_SAFE_INTEGER + 1],
    ['number printed with an exponent', 1e21],
  ])('%s is Excel damage', (_case, input) => {
    expect(parse(input)).toEqual({ ok: false, code: 'ID_NUMBER_EXCEL_MANGLED' });
  });

  test('lost digits never give another number', () => {
    // 420106199001056608 becomes the double 420106199001056640, which has a valid check character.
    expect(String(Number('420106199001056608'))).toBe('420106199001056640');
    expect(hasValidGb11643CheckDigit('420106199001056640')).toBe(true);

    expect(parse(Number('420106199001056608'))).toEqual({ ok: false, code: 'ID_NUMBER_EXCEL_MANGLED' });
  });

  test.each([
    ['.0', `${LEGACY}.0`],
    ['.00', `${LEGACY}.00`],
    ['full-width .0', `${LEGACY}．０`],
    ['.0 in quotes', `"${LEGACY}.0"`],
    ['.0 after spaces', `  ${LEGACY}.0 `],
  ])('15 digits with %s', (_case, input) => {
    expect(parse(input)).toMatchObject({ ok: true, value: { number: NUMBER, convertedFrom: LEGACY } });
  });

  test.each([
    ['18 digits', `${DIGITS_ONLY}.0`],
    ['18 digits with .00', `${DIGITS_ONLY}.00`],
    ['16 digits', '1101054912310021.0'],
  ])('%s with decimal zeros is Excel damage', (_case, input) => {
    expect(parse(input)).toEqual({ ok: false, code: 'ID_NUMBER_EXCEL_MANGLED' });
  });

  test.each([
    ['other decimals', `${LEGACY}.5`],
    ['decimal comma', `${LEGACY},0`],
    ['check character X', `${NUMBER}.0`],
  ])('keeps %s as typed', (_case, input) => {
    expect(parse(input)).toEqual({ ok: false, code: 'ID_DOCUMENT_TYPE_UNKNOWN' });
  });
});

describe('identity helpers with values that are not strings', () => {
  test.each([[null], [undefined], [17], [{}]])('check digits of %j', (value) => {
    expect(computeGb11643CheckDigit(value as unknown as string)).toBeUndefined();
    expect(hasValidGb11643CheckDigit(value as unknown as string)).toBe(false);
    expect(computeIcao9303CheckDigit(value as unknown as string)).toBeUndefined();
  });

  test('17 digits as a number', () => {
    expect(computeGb11643CheckDigit(11010519491231002 as unknown as string)).toBeUndefined();
  });

  test.each([[null], [undefined], [Number(DIGITS_ONLY)], [{}]])('mask of %j', (value) => {
    expect(maskIdentityNumber(value as unknown as string)).toBe('');
  });
});
