import { describe, expect, test } from 'vitest';
import { computeCreditCodeCheckCharacter, computeOrganizationCodeCheckCharacter, parseCreditCode } from './index.js';

const CHARACTERS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** GB 32100 check character written from its definition: weights 3^(i-1) mod 31. */
function checkCharacter(body: string): string {
  let sum = 0;
  let weight = 1;
  for (const character of body) {
    sum += CHARACTERS.indexOf(character) * weight;
    weight = (weight * 3) % 31;
  }
  return CHARACTERS[(31 - (sum % 31)) % 31] ?? '';
}

/** GB 11714 check character written from its definition. */
function organizationCheck(body: string): string {
  const weights = [3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  Array.from(body).forEach((character, index) => {
    sum += parseInt(character, 36) * (weights[index] ?? 0);
  });
  const check = (11 - (sum % 11)) % 11;
  return check === 10 ? 'X' : String(check);
}

/** Builds a synthetic code from a prefix, region and organization body, computing both check characters. */
function creditCode(prefix: string, region: string, organizationBody: string): string {
  const body = `${prefix}${region}${organizationBody}${organizationCheck(organizationBody)}`;
  return body + checkCharacter(body);
}

function replaceLast(code: string): string {
  return code.slice(0, 17) + (code[17] === '1' ? '2' : '1');
}

describe('credit code', () => {
  test.each([
    // Codes of large enterprises, printed on their public business licences.
    ['91440300708461136T'],
    ['91330100716105852F'],
    ['914403001922038216'],
  ])('published enterprise code %s', (code) => {
    const result = parseCreditCode(code);

    expect(result).toMatchObject({ ok: true, value: { code: code } });
    expect(result).toMatchObject({ ok: true, value: { organizationCodeValid: true } });
  });

  test('parts', () => {
    const code = creditCode('91', '320505', 'MA1XY2W3');

    expect(parseCreditCode(code)).toEqual({
      ok: true,
      value: {
        code,
        registrationAuthority: '9',
        organizationType: '1',
        regionCode: '320505',
        organizationCode: code.slice(8, 17),
        organizationCodeValid: true,
      },
    });
  });

  test.each([
    ['institution', '12', '320500'],
    ['social organization', '51', '110000'],
    ['individual business', '92', '320508'],
    ['cooperative', '93', '320581'],
    ['national registration', '91', '100000'],
    ['other authority', 'Y1', '320500'],
  ])('%s', (_case, prefix, region) => {
    const code = creditCode(prefix, region, '12345678');

    const result = parseCreditCode(code);

    expect(result).toMatchObject({ ok: true, value: { registrationAuthority: prefix[0] } });
    expect(result).toMatchObject({ ok: true, value: { organizationType: prefix[1] } });
    expect(result).toMatchObject({ ok: true, value: { regionCode: region } });
  });

  test('check character of every value', () => {
    const seen = new Set<string>();
    for (let index = 0; index < 400; index += 1) {
      const body = `91320505${String(index).padStart(8, '0')}0`;
      seen.add(computeCreditCodeCheckCharacter(body) ?? '');
    }

    expect([...seen].sort().join('')).toBe([...CHARACTERS].sort().join(''));
  });

  test('inner check failure is reported only', () => {
    const organizationCode = `12345678${organizationCheck('12345678') === '1' ? '2' : '1'}`;
    const body = `91320505${organizationCode}`;
    const code = body + checkCharacter(body);

    const result = parseCreditCode(code);

    expect(result).toMatchObject({ ok: true, value: { organizationCodeValid: false } });
  });

  describe('normalisation', () => {
    const code = creditCode('91', '320505', 'MA1XY2W3');

    test.each([
      ['lower case', code.toLowerCase()],
      ['full-width', Array.from(code, (c) => String.fromCodePoint((c.codePointAt(0) ?? 0) + 0xfee0)).join('')],
      ['spaces', `${code.slice(0, 2)} ${code.slice(2, 8)} ${code.slice(8)}`],
      ['dashes', `${code.slice(0, 8)}-${code.slice(8, 17)}-${code.slice(17)}`],
      ['quotes', `"${code}"`],
      ['Excel apostrophe', `'${code}`],
      ['surrounding whitespace', `\t ${code} \n`],
      ['left-to-right mark', `\u200e${code}`],
      ['right-to-left mark', `${code}\u200f`],
      ['both marks around', `\u200f${code}\u200e`],
      ['bidi isolate', `\u2068${code}\u2069`],
      ['zero-width space inside', `${code.slice(0, 8)}\u200b${code.slice(8)}`],
      ['byte order mark', `\ufeff${code}`],
      ['marks and apostrophe', `\u200e'${code}\u200f`],
    ])('accepts %s', (_case, input) => {
      const result = parseCreditCode(input);

      expect(result).toMatchObject({ ok: true, value: { code: code } });
    });
  });

  describe('letters O and I', () => {
    test('O read as 0 when the check matches', () => {
      const code = creditCode('91', '320505', '10203040');
      const typed = code.replace(/0/g, 'O');

      const result = parseCreditCode(typed);

      expect(result).toMatchObject({ ok: true, value: { code: code } });
    });

    test('I read as 1 when the check matches', () => {
      const code = creditCode('91', '110101', '11111111');

      const result = parseCreditCode(code.replace(/1/g, 'i'));

      expect(result).toMatchObject({ ok: true, value: { code: code } });
    });

    test('O that was not 0', () => {
      // The check character of the code with Q, then Q mistyped as O.
      const code = creditCode('91', '320505', 'MA1QY2W3');
      expect(code.slice(8, 17)).toContain('Q');

      const result = parseCreditCode(code.replace('Q', 'O'));

      expect(result).toEqual({ ok: false, code: 'CREDIT_CODE_CHARACTER_INVALID' });
    });
  });

  test.each([
    ['S', 'S'],
    ['V', 'V'],
    ['Z', 'Z'],
    ['Chinese character', '公'],
    ['character outside the BMP', '𝟏'],
    ['punctuation', '*'],
  ])('rejects %s', (_case, character) => {
    const code = creditCode('91', '320505', 'MA1XY2W3');
    const typed = code.slice(0, 10) + character + code.slice(11);

    expect(parseCreditCode(typed)).toEqual({ ok: false, code: 'CREDIT_CODE_CHARACTER_INVALID' });
  });

  test('rejects letter in region code', () => {
    const body = '9132A505MA1XY2W3' + organizationCheck('MA1XY2W3');
    const code = body + checkCharacter(body);

    expect(parseCreditCode(code)).toEqual({ ok: false, code: 'CREDIT_CODE_CHARACTER_INVALID' });
  });

  test('wrong check character', () => {
    const code = replaceLast(creditCode('91', '320505', 'MA1XY2W3'));

    expect(parseCreditCode(code)).toEqual({ ok: false, code: 'CREDIT_CODE_CHECKSUM_INVALID' });
  });

  test('transposed characters', () => {
    const code = creditCode('91', '320505', 'MA1XY2W3');
    const swapped = code.slice(0, 9) + code[10] + code[9] + code.slice(11);
    expect(swapped).not.toBe(code);

    expect(parseCreditCode(swapped)).toEqual({ ok: false, code: 'CREDIT_CODE_CHECKSUM_INVALID' });
  });

  test.each([
    ['17 characters', '91320505MA1XY2W3'],
    ['19 characters', '91320505MA1XY2W3001'],
    ['old registration number', '320500000123456'],
    ['organization code alone', '71355556-4'],
    ['10,000 characters', '9'.repeat(10_000)],
  ])('rejects %s', (_case, input) => {
    expect(parseCreditCode(input)).toEqual({ ok: false, code: 'CREDIT_CODE_FORMAT_INVALID' });
  });

  test.each([
    ['empty', ''],
    ['spaces', '   '],
    ['ideographic space', '\u3000'],
    ['10,000 spaces', ' '.repeat(10_000)],
    ['only quotes', '""'],
  ])('required: %s', (_case, input) => {
    expect(parseCreditCode(input)).toEqual({ ok: false, code: 'CREDIT_CODE_REQUIRED' });
  });

  test('required: null', () => {
    expect(parseCreditCode(null as unknown as string)).toEqual({ ok: false, code: 'CREDIT_CODE_REQUIRED' });
  });
});

describe('organization code check', () => {
  test.each([
    ['70846113', '6'],
    ['71610585', '2'],
    ['19220382', '1'],
  ])('%s gives %s', (body, check) => {
    expect(computeOrganizationCodeCheckCharacter(body)).toBe(check);
  });

  test('rejects lower case', () => {
    expect(computeOrganizationCodeCheckCharacter('ma1xy2w3')).toBeUndefined();
  });
});

describe('credit code values from JavaScript callers', () => {
  const code = creditCode('91', '320505', 'MA1XY2W3');
  const digitsOnly = creditCode('91', '320505', '12345678');

  test.each([
    ['undefined', undefined, 'CREDIT_CODE_REQUIRED'],
    ['number', Number(digitsOnly), 'CREDIT_CODE_FORMAT_INVALID'],
    ['bigint', BigInt(digitsOnly), 'CREDIT_CODE_FORMAT_INVALID'],
    ['object', {}, 'CREDIT_CODE_FORMAT_INVALID'],
    ['array with the code', [code], 'CREDIT_CODE_FORMAT_INVALID'],
    ['object with toString', { toString: () => code }, 'CREDIT_CODE_FORMAT_INVALID'],
    ['object without prototype', Object.create(null), 'CREDIT_CODE_FORMAT_INVALID'],
    ['boolean', true, 'CREDIT_CODE_FORMAT_INVALID'],
  ])('rejects %s', (_case, input, expected) => {
    expect(parseCreditCode(input as unknown as string)).toEqual({ ok: false, code: expected });
  });

  test('fixture of digits is valid', () => {
    expect(parseCreditCode(digitsOnly)).toMatchObject({ ok: true, value: { code: digitsOnly } });
  });

  test('decimal zeros are not dropped', () => {
    expect(parseCreditCode(`${digitsOnly}.0`)).toEqual({ ok: false, code: 'CREDIT_CODE_FORMAT_INVALID' });
  });

  test.each([[null], [undefined], [12], [{}]])('check characters of %j', (value) => {
    expect(computeCreditCodeCheckCharacter(value as unknown as string)).toBeUndefined();
    expect(computeOrganizationCodeCheckCharacter(value as unknown as string)).toBeUndefined();
  });

  test('organization code as a number', () => {
    expect(computeOrganizationCodeCheckCharacter(70846113 as unknown as string)).toBeUndefined();
  });
});
