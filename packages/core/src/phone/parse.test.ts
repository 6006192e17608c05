import { describe, expect, test } from 'vitest';
import { compactCode } from '../text/normalize.js';
import { parsePhoneNumber } from './index.js';

// Every number below is made up.

describe('mobile number', () => {
  test.each([
    ['13800000000'],
    ['138 0000 0000'],
    ['138-0000-0000'],
    ['+86 138 0000 0000'],
    ['+86-13800000000'],
    ['(+86) 13800000000'],
    ['0086 13800000000'],
    ['8613800000000'],
    ['013800000000'],
    ['１３８００００００００'],
    ['＋８６　１３８００００００００'],
    ["'13800000000"],
    ['"13800000000"'],
    ['\u200b13800000000\ufeff'],
  ])('accepts %s', (input) => {
    expect(parsePhoneNumber(input)).toEqual({
      ok: true,
      value: { kind: 'mobile', e164: '+8613800000000', national: '13800000000' },
    });
  });

  test.each(['13', '14', '15', '16', '17', '18', '19'])('prefix %s', (prefix) => {
    const result = parsePhoneNumber(`${prefix}912345678`);

    expect(result).toMatchObject({ ok: true, value: { kind: 'mobile' } });
  });

  test.each([['10012345678'], ['11012345678'], ['12012345678'], ['+86 120 1234 5678']])('rejects prefix of %s', (input) => {
    expect(parsePhoneNumber(input)).toEqual({ ok: false, code: 'PHONE_MOBILE_PREFIX_INVALID' });
  });

  test.each([
    ['10 digits', '1380000000'],
    ['12 digits', '138000000001'],
    ['letter O for zero', '1380000000O'],
  ])('rejects %s', (_case, input) => {
    expect(parsePhoneNumber(input)).toEqual({ ok: false, code: 'PHONE_FORMAT_INVALID' });
  });

  test.each([['13800000000 转 8'], ['138-0000-0000-8']])('rejects extension in %s', (input) => {
    expect(parsePhoneNumber(input)).toEqual({ ok: false, code: 'PHONE_FORMAT_INVALID' });
  });
});

describe('landline', () => {
  test.each([
    ['0512-65223456', '0512', '65223456'],
    ['0512 6522 3456', '0512', '65223456'],
    ['(0512) 65223456', '0512', '65223456'],
    ['（０５１２）６５２２３４５６', '0512', '65223456'],
    ['051265223456', '0512', '65223456'],
    ['010-65223456', '010', '65223456'],
    ['021 6522 3456', '021', '65223456'],
    ['0951-5022345', '0951', '5022345'],
    ['+86 512 6522 3456', '0512', '65223456'],
    ['+86 (0) 512 6522 3456', '0512', '65223456'],
    ['+86 10 6522 3456', '010', '65223456'],
    ['0086 21 65223456', '021', '65223456'],
    ['51265223456', '0512', '65223456'],
    ['1065223456', '010', '65223456'],
  ])('accepts %s', (input, areaCode, local) => {
    expect(parsePhoneNumber(input)).toEqual({
      ok: true,
      value: { kind: 'landline', e164: `+86${areaCode.slice(1)}${local}`, national: `${areaCode}-${local}`, areaCode },
    });
  });

  test.each([
    ['0512-65223456转801', '801'],
    ['0512-65223456 轉 801', '801'],
    ['0512-65223456 分机 801', '801'],
    ['0512-65223456 ext. 801', '801'],
    ['0512-65223456 EXT801', '801'],
    ['0512-65223456 x801', '801'],
    ['0512-65223456#801', '801'],
    ['0512-65223456-801', '801'],
    ['0512-6522-3456-8', '8'],
    ['0512 6522 3456 - 12', '12'],
  ])('extension in %s', (input, extension) => {
    const result = parsePhoneNumber(input);

    expect(result).toMatchObject({ ok: true, value: { extension: extension } });
    expect(result).toMatchObject({ ok: true, value: { national: '0512-65223456' } });
    expect(result).toMatchObject({ ok: true, value: { e164: '+8651265223456' } });
  });

  test.each([
    ['3-digit area code with 7 digits', '010-6522345'],
    ['local number starting with 0', '0512-05223456'],
    ['local number starting with 1', '0512-15223456'],
    ['9-digit local number', '0512-652234567'],
    ['area code 011', '011-65223456'],
    ['area code 0012', '0012-65223456'],
    ['too long extension', '0512-65223456转1234567'],
  ])('rejects %s', (_case, input) => {
    expect(parsePhoneNumber(input).ok).toBe(false);
  });

  test.each([['65223456'], ['6522345'], ['6522 3456']])('missing area code in %s', (input) => {
    expect(parsePhoneNumber(input)).toEqual({ ok: false, code: 'PHONE_AREA_CODE_MISSING' });
  });
});

describe('service number', () => {
  test.each([
    ['110', '110'],
    ['120', '120'],
    ['119', '119'],
    ['12345', '12345'],
    ['12315', '12315'],
    ['12320', '12320'],
    ['10086', '10086'],
    ['95588', '95588'],
    ['955 88', '95588'],
    ['951718', '951718'],
    ['96345', '96345'],
  ])('accepts %s', (input, national) => {
    expect(parsePhoneNumber(input)).toEqual({ ok: true, value: { kind: 'service', e164: `+86${national}`, national } });
  });

  test.each([
    ['400-123-4567', '4001234567'],
    ['4001234567', '4001234567'],
    ['800 123 4567', '8001234567'],
    ['+86 400 123 4567', '4001234567'],
  ])('accepts %s', (input, digits) => {
    const result = parsePhoneNumber(input);

    expect(result).toMatchObject({ ok: true, value: { kind: 'service' } });
    expect(result).toMatchObject({ ok: true, value: { e164: `+86${digits}` } });
    expect(result).toMatchObject({
      ok: true,
      value: { national: `${digits.slice(0, 3)}-${digits.slice(3, 6)}-${digits.slice(6)}` },
    });
  });

  test('400 number with extension', () => {
    const result = parsePhoneNumber('400-123-4567 转 2');

    expect(result).toMatchObject({ ok: true, value: { extension: '2' } });
  });

  test('local hotline with area code', () => {
    expect(parsePhoneNumber('0512-12345')).toEqual({
      ok: true,
      value: { kind: 'service', e164: '+8651212345', national: '0512-12345', areaCode: '0512' },
    });
  });

  test.each([['111'], ['1234'], ['9558'], ['9558800']])('rejects %s', (input) => {
    expect(parsePhoneNumber(input).ok).toBe(false);
  });

  test('rejects extension on short number', () => {
    expect(parsePhoneNumber('12345 转 1')).toEqual({ ok: false, code: 'PHONE_FORMAT_INVALID' });
  });
});

describe('country code', () => {
  test.each([['+1 415 555 0100'], ['+852 2123 4567'], ['+853 2812 3456'], ['+886 912 345 678'], ['001 415 555 0100'], ['00852 21234567']])(
    'rejects %s',
    (input) => {
      expect(parsePhoneNumber(input)).toEqual({ ok: false, code: 'PHONE_COUNTRY_UNSUPPORTED' });
    },
  );

  test.each([['+86'], ['0086'], ['+']])('rejects bare prefix %s', (input) => {
    expect(parsePhoneNumber(input)).toEqual({ ok: false, code: 'PHONE_FORMAT_INVALID' });
  });
});

describe('Excel-mangled phone', () => {
  test.each([['1.38E+10'], ['1.38e+10'], ['8.6138E+12'], ['5.12652E+10'], ['1,38E+10']])('rejects %s', (input) => {
    expect(parsePhoneNumber(input)).toEqual({ ok: false, code: 'PHONE_EXCEL_MANGLED' });
  });

  test('number from a numeric cell', () => {
    const result = parsePhoneNumber(13800000000 as unknown as string);

    expect(result).toMatchObject({ ok: true, value: { national: '13800000000' } });
  });
});

describe('phone input', () => {
  test.each([
    ['empty', ''],
    ['spaces', '   '],
    ['ideographic space', '\u3000'],
    ['10,000 spaces', ' '.repeat(10_000)],
    ['only quotes', '""'],
  ])('required: %s', (_case, input) => {
    expect(parsePhoneNumber(input)).toEqual({ ok: false, code: 'PHONE_REQUIRED' });
  });

  test('required: null', () => {
    expect(parsePhoneNumber(null as unknown as string)).toEqual({ ok: false, code: 'PHONE_REQUIRED' });
  });

  test.each([
    ['10,000 digits', '1'.repeat(10_000)],
    ['letters', 'call me'],
    ['Chinese characters', '一三八零零零零零零零零'],
    ['outside the BMP', '𝟏𝟑𝟖𝟎𝟎𝟎𝟎𝟎𝟎𝟎𝟎'],
    ['emoji', '📞13800000000'],
    ['two plus signs', '++8613800000000'],
  ])('format: %s', (_case, input) => {
    expect(parsePhoneNumber(input)).toEqual({ ok: false, code: 'PHONE_FORMAT_INVALID' });
  });
});

describe('phone invisible characters', () => {
  test.each([
    ['left-to-right mark', '\u200e13800000000'],
    ['right-to-left mark', '13800000000\u200f'],
    ['both marks around', '\u200f13800000000\u200e'],
    ['bidi isolate', '\u206613800000000\u2069'],
    ['bidi embedding', '\u202a138 0000 0000\u202c'],
    ['zero-width space inside', '138\u200b0000\u200b0000'],
    ['byte order mark', '\ufeff13800000000'],
    ['zero-width joiner', '138\u200d00000000'],
    ['word joiner', '138\u206000000000'],
    ['marks and apostrophe', "\u200e'13800000000\u200f"],
  ])('mobile with %s', (_case, input) => {
    expect(parsePhoneNumber(input)).toMatchObject({ ok: true, value: { national: '13800000000' } });
  });

  test('landline with marks and extension', () => {
    expect(parsePhoneNumber('\u200e0512-65223456\u200f-801')).toMatchObject({
      ok: true,
      value: { national: '0512-65223456', extension: '801' },
    });
  });

  test('every character that compactCode drops is accepted', () => {
    // The parser keeps its own copy of the invisible set; this catches a change to compactCode's.
    const dropped: string[] = [];
    for (let code = 0x2000; code <= 0x206f; code += 1) {
      const character = String.fromCodePoint(code);
      if (compactCode(`1${character}2`) === '12') dropped.push(character);
    }
    dropped.push('\ufeff');
    expect(dropped.length).toBeGreaterThan(20);

    for (const character of dropped) {
      const result = parsePhoneNumber(`138${character}00000000`);
      expect(result.ok, `U+${character.codePointAt(0)?.toString(16)}`).toBe(true);
    }
  });
});

describe('phone values from JavaScript callers', () => {
  test.each([
    ['undefined', undefined, 'PHONE_REQUIRED'],
    ['object', {}, 'PHONE_FORMAT_INVALID'],
    ['array with the number', ['13800000000'], 'PHONE_FORMAT_INVALID'],
    ['object with toString', { toString: () => '13800000000' }, 'PHONE_FORMAT_INVALID'],
    ['object without prototype', Object.create(null), 'PHONE_FORMAT_INVALID'],
    ['boolean', true, 'PHONE_FORMAT_INVALID'],
    ['symbol', Symbol('phone'), 'PHONE_FORMAT_INVALID'],
    ['negative number', -13800000000, 'PHONE_FORMAT_INVALID'],
    ['negative bigint', -13800000000n, 'PHONE_FORMAT_INVALID'],
    ['fraction', 13800000000.5, 'PHONE_FORMAT_INVALID'],
    ['NaN', Number.NaN, 'PHONE_FORMAT_INVALID'],
    ['Infinity', Number.POSITIVE_INFINITY, 'PHONE_FORMAT_INVALID'],
    ['first unsafe integer', Number.MAX_SAFE_INTEGER + 1, 'PHONE_EXCEL_MANGLED'],
    ['number printed with an exponent', 1e21, 'PHONE_EXCEL_MANGLED'],
  ])('rejects %s', (_case, input, code) => {
    expect(parsePhoneNumber(input as unknown as string)).toEqual({ ok: false, code });
  });

  test.each([
    ['mobile', 13800000000, '13800000000'],
    ['mobile with 86', 8613800000000, '13800000000'],
    ['landline that lost its 0', 51265223456, '0512-65223456'],
    ['bigint', 13800000000n, '13800000000'],
  ])('reads %s from a number', (_case, input, national) => {
    expect(parsePhoneNumber(input as unknown as string)).toMatchObject({ ok: true, value: { national } });
  });
});

describe('phone with decimal zeros', () => {
  test.each([
    ['mobile .0', '13800000000.0', '13800000000'],
    ['mobile .00', '13800000000.00', '13800000000'],
    ['mobile with 86', '8613800000000.0', '13800000000'],
    ['full-width', '１３８００００００００．０', '13800000000'],
    ['in quotes', '"13800000000.0"', '13800000000'],
    ['landline that lost its 0', '51265223456.0', '0512-65223456'],
    ['service number', '12345.0', '12345'],
  ])('%s', (_case, input, national) => {
    expect(parsePhoneNumber(input)).toMatchObject({ ok: true, value: { national } });
  });

  test.each([['1380000000012345.0'], ['8613800000000123.00']])('more than 15 digits in %s', (input) => {
    expect(parsePhoneNumber(input)).toEqual({ ok: false, code: 'PHONE_EXCEL_MANGLED' });
  });

  test.each([['13800000000.5'], ['13800000000.01']])('other decimals in %s', (input) => {
    expect(parsePhoneNumber(input)).toEqual({ ok: false, code: 'PHONE_FORMAT_INVALID' });
  });
});
