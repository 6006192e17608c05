import { describe, expect, test } from 'vitest';
import { lookupCounty } from '../regions/index.js';
import { parseIdentityDocument } from './index.js';

// Every number below is synthetic: an address code, a birth date, a made-up
// sequence code and a check character computed here.

/** MOD 11-2 check character written from its definition, independent of the parser's weight table. */
function checkCharacter(body: string): string {
  let sum = 0;
  for (let index = 0; index < 17; index += 1) {
    const weight = 2 ** (17 - index) % 11;
    sum += Number(body[index]) * weight;
  }
  const value = (12 - (sum % 11)) % 11;
  return value === 10 ? 'X' : String(value);
}

function residentId(region: string, birth: string, sequence: string): string {
  const body = `${region}${birth}${sequence}`;
  return body + checkCharacter(body);
}

/** Finds a sequence code, ending in `suffix`, whose number gets the expected check character. */
function sequenceWithCheck(region: string, birth: string, expected: string, suffix = ''): string {
  for (let value = 0; value < 1000; value += 1) {
    const sequence = String(value).padStart(3, '0');
    if (!sequence.endsWith(suffix)) continue;
    if (checkCharacter(`${region}${birth}${sequence}`) === expected) return sequence;
  }
  throw new Error(`no sequence code gives check character ${expected}`);
}

function withWrongCheck(number: string): string {
  const last = number[17] === '1' ? '2' : '1';
  return number.slice(0, 17) + last;
}

const TODAY = new Date('2024-06-01T04:00:00Z');

describe('resident ID', () => {
  test.each([
    ['110101', ['北京市', '东城区']],
    ['420106', ['湖北省', '武汉市', '武昌区']],
    ['320505', ['江苏省', '苏州市', '虎丘区']],
  ])('valid number from %s', (region, names) => {
    const number = residentId(region, '19900101', '123');

    const result = parseIdentityDocument(number, { today: TODAY });

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.type).toBe('resident_id');
    expect(result.value.number).toBe(number);
    expect(result.value.birthDate).toBe('1990-01-01');
    expect(result.value.regionCode).toBe(region);
    expect(result.value.regionName).toEqual(names);
    expect(result.value.regionRetired).toBe(false);
    expect(result.value.convertedFrom).toBeUndefined();
    expect(result.value.possiblyExcelMangled).toBeUndefined();
  });

  test.each([
    ['320502', '沧浪区'],
    ['320503', '平江区'],
    ['320504', '金阊区'],
  ])('retired Suzhou county %s stays valid', (region, county) => {
    const result = parseIdentityDocument(residentId(region, '19850615', '045'), { today: TODAY });

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.regionCode).toBe(region);
    expect(result.value.regionRetired).toBe(true);
    expect(result.value.regionName).toEqual(['江苏省', '苏州市', county]);
  });

  test('current Gusu district code', () => {
    const result = parseIdentityDocument(residentId('320508', '20130301', '002'), { today: TODAY });

    expect(result).toMatchObject({ ok: true, value: { regionRetired: false } });
  });

  test.each([
    ['123', 'male'],
    ['121', 'male'],
    ['124', 'female'],
    ['120', 'female'],
  ])('sex from sequence %s', (sequence, sex) => {
    const result = parseIdentityDocument(residentId('110101', '19900101', sequence), { today: TODAY });

    expect(result).toMatchObject({ ok: true, value: { sex: sex } });
  });

  test('check character X', () => {
    const sequence = sequenceWithCheck('420106', '19900101', 'X');
    const number = residentId('420106', '19900101', sequence);
    expect(number.endsWith('X')).toBe(true);

    const upper = parseIdentityDocument(number, { today: TODAY });
    const lower = parseIdentityDocument(number.toLowerCase(), { today: TODAY });

    expect(upper).toMatchObject({ ok: true, value: { number: number } });
    expect(lower).toMatchObject({ ok: true, value: { number: number } });
  });

  describe('normalisation', () => {
    const number = residentId('320505', '19780909', '311');
    const toFullWidth = (text: string) =>
      Array.from(text, (character) => String.fromCodePoint((character.codePointAt(0) ?? 0) + 0xfee0)).join('');

    test.each([
      ['full-width digits', toFullWidth(number)],
      ['spaces', `${number.slice(0, 6)} ${number.slice(6, 14)} ${number.slice(14)}`],
      ['ideographic spaces', `${number.slice(0, 6)}\u3000${number.slice(6)}`],
      ['dashes', `${number.slice(0, 6)}-${number.slice(6, 14)}–${number.slice(14)}`],
      ['surrounding whitespace', `  ${number}\t\n`],
      ['Excel apostrophe', `'${number}`],
      ['double quotes', `"${number}"`],
      ['curly quotes', `“${number}”`],
      ['CSV formula wrapper', `="${number}"`],
      ['zero-width space', `${number.slice(0, 9)}\u200b${number.slice(9)}`],
      ['byte order mark', `\ufeff${number}`],
      ['left-to-right mark', `\u200e${number}`],
      ['right-to-left mark', `${number}\u200f`],
      ['both marks around', `\u200f${number}\u200e`],
      ['bidi isolate', `\u2066${number}\u2069`],
      ['bidi override', `\u202d${number}\u202c`],
      ['word joiner', `${number.slice(0, 6)}\u2060${number.slice(6)}`],
      ['marks and apostrophe', `\u200e'${number}\u200f`],
    ])('accepts %s', (_case, input) => {
      const result = parseIdentityDocument(input, { today: TODAY });

      expect(result).toMatchObject({ ok: true, value: { number: number } });
    });
  });

  describe('birth date', () => {
    test.each([
      ['20000229', '2000-02-29'],
      ['20040229', '2004-02-29'],
      ['19000101', '1900-01-01'],
      ['19991231', '1999-12-31'],
    ])('accepts %s', (birth, isoDate) => {
      const result = parseIdentityDocument(residentId('110101', birth, '010'), { today: TODAY });

      expect(result).toMatchObject({ ok: true, value: { birthDate: isoDate } });
    });

    test.each([
      ['19000229', 'Feb 29 of 1900, not a leap year'],
      ['20230229', 'Feb 29 of a common year'],
      ['19900230', 'Feb 30'],
      ['19900431', 'Apr 31'],
      ['19901301', 'month 13'],
      ['19900001', 'month 0'],
      ['19900100', 'day 0'],
      ['18991231', 'before 1900'],
      ['20240602', 'the day after today'],
      ['20990101', 'far future'],
    ])('rejects %s (%s)', (birth) => {
      const result = parseIdentityDocument(residentId('110101', birth, '010'), { today: TODAY });

      expect(result).toEqual({ ok: false, code: 'ID_NUMBER_DATE_INVALID' });
    });

    test('born today in China', () => {
      // 2024-05-31T20:00Z is already 2024-06-01 in China.
      const today = new Date('2024-05-31T20:00:00Z');

      const result = parseIdentityDocument(residentId('110101', '20240601', '010'), { today });

      expect(result).toMatchObject({ ok: true, value: { birthDate: '2024-06-01' } });
    });

    test('invalid today falls back to now', () => {
      const result = parseIdentityDocument(residentId('110101', '19900101', '010'), { today: new Date('nonsense') });

      expect(result.ok).toBe(true);
    });
  });

  test('wrong check character', () => {
    const result = parseIdentityDocument(withWrongCheck(residentId('110101', '19900101', '123')), { today: TODAY });

    expect(result).toEqual({ ok: false, code: 'ID_NUMBER_CHECKSUM_INVALID' });
  });

  test('transposed digits', () => {
    const number = residentId('110101', '19900101', '123');
    const swapped = number.slice(0, 15) + number[16] + number[15] + number[17];

    const result = parseIdentityDocument(swapped, { today: TODAY });

    expect(result).toEqual({ ok: false, code: 'ID_NUMBER_CHECKSUM_INVALID' });
  });

  test('unknown region code', () => {
    expect(lookupCounty('110190')).toBeUndefined();

    const result = parseIdentityDocument(residentId('110190', '19900101', '123'), { today: TODAY });

    expect(result).toEqual({ ok: false, code: 'ID_NUMBER_REGION_UNKNOWN' });
  });

  test('Taiwan code 710000 not issued', () => {
    const number = residentId('710000', '19900101', '123');

    const result = parseIdentityDocument(number, { today: TODAY, type: 'resident_id' });

    expect(result).toEqual({ ok: false, code: 'ID_NUMBER_REGION_UNKNOWN' });
  });

  test.each([
    ['residence permit', residentId('810000', '19900101', '123')],
    ['permanent residence card', residentId('911840', '19900101', '123')],
    ['card before 2023', 'USA320590010112'],
  ])('%s given as resident ID', (_case, number) => {
    const result = parseIdentityDocument(number, { today: TODAY, type: 'resident_id' });

    expect(result).toEqual({ ok: false, code: 'ID_NUMBER_TYPE_MISMATCH' });
  });

  describe('format', () => {
    test.each([
      ['17 digits', '11010119900101123'],
      ['19 digits', '1101011990010112345'],
      ['16 digits', '1101011990010112'],
      ['letter inside', '11010119900101A23X'],
      ['X not last', '1101011990010112X3'],
      ['outside the BMP', '𝟏𝟏𝟎𝟏𝟎𝟏𝟏𝟗𝟗𝟎𝟎𝟏𝟎𝟏𝟏𝟐𝟑𝟒'],
    ])('rejects %s', (_case, input) => {
      const result = parseIdentityDocument(input, { today: TODAY, type: 'resident_id' });

      expect(result).toEqual({ ok: false, code: 'ID_NUMBER_FORMAT_INVALID' });
    });

    test.each([
      ['17 digits', '11010119900101123'],
      ['19 digits', '1101011990010112345'],
      ['17 characters ending in X', '1101011990010112X'],
    ])('rejects %s without a type', (_case, input) => {
      const result = parseIdentityDocument(input, { today: TODAY });

      expect(result).toEqual({ ok: false, code: 'ID_NUMBER_FORMAT_INVALID' });
    });

    test('emoji inside digits', () => {
      const number = residentId('110101', '19900101', '123');

      const result = parseIdentityDocument(`${number.slice(0, 9)}😀${number.slice(9)}`, { today: TODAY });

      expect(result.ok).toBe(false);
    });

    test('10,000 characters', () => {
      const result = parseIdentityDocument('1'.repeat(10_000), { today: TODAY });

      expect(result).toEqual({ ok: false, code: 'ID_NUMBER_FORMAT_INVALID' });
    });
  });

  describe('required', () => {
    test.each([
      ['empty', ''],
      ['spaces', '   '],
      ['ideographic space', '\u3000'],
      ['tabs and newlines', '\t\r\n'],
      ['10,000 spaces', ' '.repeat(10_000)],
      ['only quotes', '""'],
      ['only an apostrophe', "'"],
    ])('rejects %s', (_case, input) => {
      expect(parseIdentityDocument(input)).toEqual({ ok: false, code: 'ID_NUMBER_REQUIRED' });
    });

    test('null from a JavaScript caller', () => {
      expect(parseIdentityDocument(null as unknown as string)).toEqual({ ok: false, code: 'ID_NUMBER_REQUIRED' });
    });
  });
});

describe('legacy 15-digit resident ID', () => {
  test('converts to 18 digits', () => {
    const legacy = '110101900101123';
    const converted = residentId('110101', '19900101', '123');

    const result = parseIdentityDocument(legacy, { today: TODAY });

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.type).toBe('resident_id');
    expect(result.value.number).toBe(converted);
    expect(result.value.convertedFrom).toBe(legacy);
    expect(result.value.birthDate).toBe('1990-01-01');
    expect(result.value.sex).toBe('male');
    expect(result.value.regionName).toEqual(['北京市', '东城区']);
  });

  test('converted number parses alone', () => {
    const result = parseIdentityDocument('420106750315042', { today: TODAY });
    expect(result.ok).toBe(true);
    if (!result.ok) return;

    const again = parseIdentityDocument(result.value.number, { today: TODAY });

    expect(again).toMatchObject({ ok: true, value: { number: result.value.number } });
    expect(again).toMatchObject({ ok: true, value: { sex: 'female' } });
  });

  test.each(['resident_id', 'resident_id_legacy'] as const)('accepted as %s', (type) => {
    const result = parseIdentityDocument('320502800229011', { today: TODAY, type });

    expect(result).toMatchObject({ ok: true, value: { birthDate: '1980-02-29' } });
    expect(result).toMatchObject({ ok: true, value: { regionRetired: true } });
  });

  test('18 digits accepted as legacy type', () => {
    const number = residentId('110101', '19900101', '123');

    const result = parseIdentityDocument(number, { today: TODAY, type: 'resident_id_legacy' });

    expect(result).toMatchObject({ ok: true, value: { type: 'resident_id' } });
  });

  test.each([
    ['810229', 'Feb 29 of 1981'],
    ['901301', 'month 13'],
    ['900132', 'day 32'],
  ])('rejects birth date %s (%s)', (birth) => {
    const result = parseIdentityDocument(`110101${birth}123`, { today: TODAY });

    expect(result).toEqual({ ok: false, code: 'ID_NUMBER_DATE_INVALID' });
  });

  test('unknown region', () => {
    expect(parseIdentityDocument('110190900101123', { today: TODAY })).toEqual({
      ok: false,
      code: 'ID_NUMBER_REGION_UNKNOWN',
    });
  });
});

describe('Excel-mangled resident ID', () => {
  test.each([
    ['six significant digits', '4.20106E+17'],
    ['fifteen significant digits', '4.20106199001011E+17'],
    ['lower-case e', '4.20106199001011e+17'],
    ['decimal comma', '4,20106E+17'],
    ['no plus sign', '4.20106E17'],
    ['full-width', '４．２０１０６Ｅ＋１７'],
    ['legacy number', '1.10101E+14'],
  ])('scientific notation: %s', (_case, input) => {
    expect(parseIdentityDocument(input, { today: TODAY })).toEqual({ ok: false, code: 'ID_NUMBER_EXCEL_MANGLED' });
  });

  test('scientific notation with a type', () => {
    const result = parseIdentityDocument('4.20106E+17', { today: TODAY, type: 'passport', countryCode: 'CHN' });

    expect(result).toEqual({ ok: false, code: 'ID_NUMBER_EXCEL_MANGLED' });
  });

  test('digits past the 15th lost', () => {
    const original = residentId('420106', '19900101', '123');
    const mangled = `${original.slice(0, 15)}000`;
    expect(checkCharacter(mangled.slice(0, 17))).not.toBe('0');

    const result = parseIdentityDocument(mangled, { today: TODAY });

    expect(result).toEqual({ ok: false, code: 'ID_NUMBER_EXCEL_MANGLED' });
  });

  test('valid number ending in 000 is flagged', () => {
    const sequence = sequenceWithCheck('420106', '19900101', '0', '00');
    const number = residentId('420106', '19900101', sequence);
    expect(number.endsWith('000')).toBe(true);

    const result = parseIdentityDocument(number, { today: TODAY });

    expect(result.ok).toBe(true);
    expect(result).toMatchObject({ ok: true, value: { possiblyExcelMangled: true } });
  });

  test('valid number ending in 00 is not flagged', () => {
    const sequence = sequenceWithCheck('420106', '19900101', '0', '0');
    const number = residentId('420106', '19900101', sequence);
    expect(number.endsWith('00')).toBe(true);
    expect(number.endsWith('000')).toBe(false);

    const result = parseIdentityDocument(number, { today: TODAY });

    expect(result.ok).toBe(true);
    expect(result).not.toHaveProperty('value.possiblyExcelMangled');
  });

  test('number read from an Excel numeric cell', () => {
    // Excel stores the first 15 significant digits, and a reader hands over that double.
    const original = residentId('420106', '19900101', '123');
    const fromCell = Number(`${original.slice(0, 15)}000`) as unknown as string;

    const result = parseIdentityDocument(fromCell, { today: TODAY });

    expect(result).toEqual({ ok: false, code: 'ID_NUMBER_EXCEL_MANGLED' });
  });
});
