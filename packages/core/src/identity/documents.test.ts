import { describe, expect, test } from 'vitest';
import { IDENTITY_DOCUMENT_TYPES, parseIdentityDocument } from './index.js';

// Every number below is synthetic.

/** MOD 11-2 check character written from its definition, independent of the parser's weight table. */
function mod11Check(body: string): string {
  let sum = 0;
  for (let index = 0; index < 17; index += 1) {
    sum += Number(body[index]) * (2 ** (17 - index) % 11);
  }
  const value = (12 - (sum % 11)) % 11;
  return value === 10 ? 'X' : String(value);
}

/** ICAO Doc 9303 check digit written from its definition: weights 7, 3, 1 and letters A=10 to Z=35. */
function icaoCheck(text: string): string {
  const weights = [7, 3, 1];
  let sum = 0;
  Array.from(text).forEach((character, index) => {
    const value = /\d/.test(character) ? Number(character) : character.charCodeAt(0) - 'A'.charCodeAt(0) + 10;
    sum += value * (weights[index % 3] ?? 0);
  });
  return String(sum % 10);
}

function withMod11Check(body: string): string {
  return body + mod11Check(body);
}

function withIcaoCheck(body: string): string {
  return body + icaoCheck(body);
}

function replaceLast(number: string): string {
  const last = number.slice(-1) === '1' ? '2' : '1';
  return number.slice(0, -1) + last;
}

const TODAY = new Date('2024-06-01T04:00:00Z');

describe('residence permit for Hong Kong, Macao and Taiwan residents', () => {
  test.each([
    ['810000', ['香港特别行政区']],
    ['820000', ['澳门特别行政区']],
    ['830000', ['台湾省']],
  ])('valid permit from %s', (region, names) => {
    const number = withMod11Check(`${region}19880808002`);

    const result = parseIdentityDocument(number, { today: TODAY });

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.type).toBe('hk_mo_tw_residence_permit');
    expect(result.value.number).toBe(number);
    expect(result.value.birthDate).toBe('1988-08-08');
    expect(result.value.sex).toBe('female');
    expect(result.value.regionCode).toBe(region);
    expect(result.value.regionName).toEqual(names);
  });

  test('explicit type', () => {
    const number = withMod11Check('81000020010101013');

    const result = parseIdentityDocument(number, { today: TODAY, type: 'hk_mo_tw_residence_permit' });

    expect(result).toMatchObject({ ok: true, value: { sex: 'male' } });
  });

  test('resident ID given as permit', () => {
    const number = withMod11Check('11010119900101123');

    const result = parseIdentityDocument(number, { today: TODAY, type: 'hk_mo_tw_residence_permit' });

    expect(result).toEqual({ ok: false, code: 'ID_NUMBER_TYPE_MISMATCH' });
  });

  test('wrong check character', () => {
    const number = replaceLast(withMod11Check('82000019900101123'));

    expect(parseIdentityDocument(number, { today: TODAY })).toEqual({
      ok: false,
      code: 'ID_NUMBER_CHECKSUM_INVALID',
    });
  });

  test('impossible birth date', () => {
    const number = withMod11Check('83000019900229123');

    expect(parseIdentityDocument(number, { today: TODAY })).toEqual({ ok: false, code: 'ID_NUMBER_DATE_INVALID' });
  });

  test('Excel-mangled permit', () => {
    const mangled = `${withMod11Check('81000019900101123').slice(0, 15)}000`;
    expect(mod11Check(mangled.slice(0, 17))).not.toBe('0');

    expect(parseIdentityDocument(mangled, { today: TODAY })).toEqual({ ok: false, code: 'ID_NUMBER_EXCEL_MANGLED' });
  });
});

describe('foreign permanent residence card, 2023 format', () => {
  test('valid card', () => {
    const number = withMod11Check('93284019850101001');

    const result = parseIdentityDocument(number, { today: TODAY });

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.type).toBe('foreign_permanent_residence_card');
    expect(result.value.countryCode).toBe('USA');
    expect(result.value.regionCode).toBe('320000');
    expect(result.value.regionName).toEqual(['江苏省']);
    expect(result.value.birthDate).toBe('1985-01-01');
    expect(result.value.sex).toBe('male');
  });

  test('check character X in lower case', () => {
    // Province 11, nationality 392 (Japan), born 2001-02-03, then the first sequence code that gives X.
    let number = '';
    for (let sequence = 0; sequence < 1000 && !number.endsWith('X'); sequence += 1) {
      number = withMod11Check(`91139220010203${String(sequence).padStart(3, '0')}`);
    }
    expect(number.endsWith('X')).toBe(true);

    const result = parseIdentityDocument(number.toLowerCase(), { today: TODAY });

    expect(result).toMatchObject({ ok: true, value: { number: number } });
    expect(result).toMatchObject({ ok: true, value: { countryCode: 'JPN' } });
  });

  test('unknown province', () => {
    const number = withMod11Check('99984019850101001');

    expect(parseIdentityDocument(number, { today: TODAY })).toEqual({ ok: false, code: 'ID_NUMBER_REGION_UNKNOWN' });
  });

  test('unknown nationality code', () => {
    const number = withMod11Check('93299919850101001');

    expect(parseIdentityDocument(number, { today: TODAY })).toEqual({ ok: false, code: 'ID_NUMBER_COUNTRY_UNKNOWN' });
  });

  test('wrong check character', () => {
    const number = replaceLast(withMod11Check('93284019850101001'));

    expect(parseIdentityDocument(number, { today: TODAY })).toEqual({
      ok: false,
      code: 'ID_NUMBER_CHECKSUM_INVALID',
    });
  });

  test('birth date in the future', () => {
    const number = withMod11Check('93284020250101001');

    expect(parseIdentityDocument(number, { today: TODAY })).toEqual({ ok: false, code: 'ID_NUMBER_DATE_INVALID' });
  });

  test('resident ID given as card', () => {
    const number = withMod11Check('11010119900101123');

    const result = parseIdentityDocument(number, { today: TODAY, type: 'foreign_permanent_residence_card' });

    expect(result).toEqual({ ok: false, code: 'ID_NUMBER_TYPE_MISMATCH' });
  });
});

describe('foreign permanent residence card, format before 2023', () => {
  test('valid card', () => {
    const number = withIcaoCheck('USA3205900101' + '1');

    const result = parseIdentityDocument(number, { today: TODAY });

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.type).toBe('foreign_permanent_residence_card');
    expect(result.value.number).toBe(number);
    expect(result.value.countryCode).toBe('USA');
    expect(result.value.regionCode).toBe('320500');
    expect(result.value.regionName).toEqual(['江苏省', '苏州市']);
    expect(result.value.birthDate).toBe('1990-01-01');
    expect(result.value.sex).toBe('male');
  });

  test('lower case with spaces', () => {
    const number = withIcaoCheck('DEU1100850615' + '2');

    const result = parseIdentityDocument(` ${number.slice(0, 3).toLowerCase()} ${number.slice(3)} `, { today: TODAY });

    expect(result).toMatchObject({ ok: true, value: { number: number } });
    expect(result).toMatchObject({ ok: true, value: { sex: 'female' } });
  });

  test.each([
    ['150301', '2015-03-01'],
    ['240601', '2024-06-01'],
    ['240602', '1924-06-02'],
    ['300101', '1930-01-01'],
  ])('two-digit year %s', (birth, isoDate) => {
    const number = withIcaoCheck(`FRA3100${birth}3`);

    const result = parseIdentityDocument(number, { today: TODAY });

    expect(result).toMatchObject({ ok: true, value: { birthDate: isoDate } });
  });

  test('withdrawn code SCG', () => {
    const number = withIcaoCheck('SCG4401750505' + '1');

    expect(parseIdentityDocument(number, { today: TODAY }).ok).toBe(true);
  });

  test('unknown nationality code', () => {
    const number = withIcaoCheck('ZZZ3205900101' + '1');

    expect(parseIdentityDocument(number, { today: TODAY })).toEqual({ ok: false, code: 'ID_NUMBER_COUNTRY_UNKNOWN' });
  });

  test('unknown accepting city', () => {
    const number = withIcaoCheck('USA9999900101' + '1');

    expect(parseIdentityDocument(number, { today: TODAY })).toEqual({ ok: false, code: 'ID_NUMBER_REGION_UNKNOWN' });
  });

  test('impossible birth date', () => {
    const number = withIcaoCheck('USA3205010229' + '1');

    expect(parseIdentityDocument(number, { today: TODAY })).toEqual({ ok: false, code: 'ID_NUMBER_DATE_INVALID' });
  });

  test('wrong check digit', () => {
    const number = replaceLast(withIcaoCheck('USA3205900101' + '1'));

    expect(parseIdentityDocument(number, { today: TODAY })).toEqual({
      ok: false,
      code: 'ID_NUMBER_CHECKSUM_INVALID',
    });
  });

  test('wrong length with explicit type', () => {
    const result = parseIdentityDocument('USA32059001011', { today: TODAY, type: 'foreign_permanent_residence_card' });

    expect(result).toEqual({ ok: false, code: 'ID_NUMBER_FORMAT_INVALID' });
  });
});

describe('travel permits', () => {
  test.each([
    ['H12345678', 'H12345678'],
    ['M87654321', 'M87654321'],
    ['H1234567801', 'H1234567801'],
    ['h 1234 5678', 'H12345678'],
    ['Ｈ１２３４５６７８', 'H12345678'],
    ['\u200fH12345678\u200e', 'H12345678'],
    ['\ufeffH1234\u200b5678', 'H12345678'],
  ])('Hong Kong and Macao permit %j', (input, number) => {
    const result = parseIdentityDocument(input);

    expect(result).toEqual({ ok: true, value: { type: 'mainland_travel_permit_hk_mo', number } });
  });

  test.each([
    ['12345678', '12345678'],
    ['1234567801', '1234567801'],
    ['1234567801(B)', '1234567801(B)'],
    ['1234567801（Ｂ）', '1234567801(B)'],
  ])('Taiwan permit %s', (input, number) => {
    const result = parseIdentityDocument(input, { type: 'mainland_travel_permit_tw' });

    expect(result).toEqual({ ok: true, value: { type: 'mainland_travel_permit_tw', number } });
  });

  test.each([
    ['mainland_travel_permit_hk_mo', 'H1234567'],
    ['mainland_travel_permit_hk_mo', 'K12345678'],
    ['mainland_travel_permit_hk_mo', 'H123456789'],
    ['mainland_travel_permit_tw', '123456789'],
    ['mainland_travel_permit_tw', '1234567801(BB)'],
    ['mainland_travel_permit_tw', 'A12345678'],
  ] as const)('%s rejects %s', (type, input) => {
    expect(parseIdentityDocument(input, { type })).toEqual({ ok: false, code: 'PERMIT_NUMBER_INVALID' });
  });
});

describe('passport', () => {
  test.each([
    ['USA', '123456789'],
    ['GBR', '533401372'],
    ['JPN', 'TR1234567'],
    ['KOR', 'M12345678'],
    ['DEU', 'C01X00T47'],
    ['GBN', 'K12345678'],
    ['XXA', 'AB12345'],
  ])('%s passport', (countryCode, number) => {
    const result = parseIdentityDocument(number, { type: 'passport', countryCode });

    expect(result).toEqual({ ok: true, value: { type: 'passport', number, countryCode } });
  });

  test('lower-case country and number', () => {
    const result = parseIdentityDocument('tr 123 4567', { type: 'passport', countryCode: ' jpn ' });

    expect(result).toEqual({ ok: true, value: { type: 'passport', number: 'TR1234567', countryCode: 'JPN' } });
  });

  test.each([
    ['missing', undefined],
    ['empty', ''],
    ['alpha-2', 'US'],
    ['unassigned', 'ZZZ'],
    ['numeric', '840'],
  ])('country code %s', (_case, countryCode) => {
    const result = parseIdentityDocument('123456789', { type: 'passport', countryCode });

    expect(result).toEqual({ ok: false, code: 'PASSPORT_COUNTRY_INVALID' });
  });

  test.each([
    ['4 characters', 'A123'],
    ['18 characters', 'A12345678901234567'],
    ['punctuation', 'AB#12345'],
    ['Chinese characters', '护照12345'],
  ])('number with %s', (_case, number) => {
    const result = parseIdentityDocument(number, { type: 'passport', countryCode: 'FRA' });

    expect(result).toEqual({ ok: false, code: 'PASSPORT_NUMBER_INVALID' });
  });

  test.each([
    ['E12345678', 'E12345678'],
    ['EA1234567', 'EA1234567'],
    ['EZ1234567', 'EZ1234567'],
    ['G12345678', 'G12345678'],
    ['141234567', '141234567'],
    ['151234567', '151234567'],
    ['PE1234567', 'PE1234567'],
    ['SE1234567', 'SE1234567'],
    ['DE1234567', 'DE1234567'],
    ['P1234567', 'P1234567'],
    ['P.1234567', 'P1234567'],
    ['S.1234567', 'S1234567'],
    ['S12345678', 'S12345678'],
    ['D1234567', 'D1234567'],
    ['K12345678', 'K12345678'],
    ['MA1234567', 'MA1234567'],
  ])('Chinese passport %s', (input, number) => {
    const result = parseIdentityDocument(input, { type: 'passport', countryCode: 'CHN' });

    expect(result).toEqual({ ok: true, value: { type: 'passport', number, countryCode: 'CHN' } });
  });

  test.each([
    ['E1234567', 'E with 7 digits'],
    ['EI1234567', 'E then I'],
    ['EO1234567', 'E then O'],
    ['X12345678', 'unknown letter'],
    ['161234567', 'prefix 16'],
    ['123456789', 'nine digits'],
  ])('Chinese passport rejects %s (%s)', (number) => {
    const result = parseIdentityDocument(number, { type: 'passport', countryCode: 'CHN' });

    expect(result).toEqual({ ok: false, code: 'PASSPORT_NUMBER_INVALID' });
  });

  test('Chinese passport detected without type', () => {
    expect(parseIdentityDocument('EA1234567')).toEqual({
      ok: true,
      value: { type: 'passport', number: 'EA1234567', countryCode: 'CHN' },
    });
  });

  test.each([
    ['left-to-right mark', '\u200eEA1234567'],
    ['right-to-left mark', 'EA1234567\u200f'],
    ['zero-width space', 'EA123\u200b4567'],
    ['byte order mark', '\ufeffEA1234567'],
  ])('Chinese passport with %s', (_case, input) => {
    expect(parseIdentityDocument(input)).toEqual({
      ok: true,
      value: { type: 'passport', number: 'EA1234567', countryCode: 'CHN' },
    });
  });

  test('country code selects passport', () => {
    expect(parseIdentityDocument('X1234567', { countryCode: 'NLD' })).toEqual({
      ok: true,
      value: { type: 'passport', number: 'X1234567', countryCode: 'NLD' },
    });
  });
});

describe('type detection', () => {
  test.each([
    [withMod11Check('11010119900101123'), 'resident_id'],
    ['110101900101123', 'resident_id'],
    [withMod11Check('81000019900101123'), 'hk_mo_tw_residence_permit'],
    [withMod11Check('93284019850101001'), 'foreign_permanent_residence_card'],
    [withIcaoCheck('USA32059001011'), 'foreign_permanent_residence_card'],
    ['H12345678', 'mainland_travel_permit_hk_mo'],
    ['1234567801(B)', 'mainland_travel_permit_tw'],
    ['G12345678', 'passport'],
  ])('%s is %s', (number, type) => {
    const result = parseIdentityDocument(number, { today: TODAY });

    expect(result).toMatchObject({ ok: true, value: { type: type } });
  });

  test.each([
    ['letters', 'ABCDEFG'],
    ['Chinese characters', '身份证号码'],
    ['emoji', '🪪🪪🪪'],
    ['mixed', 'AB12-CD34'],
  ])('%s without type or country', (_case, input) => {
    expect(parseIdentityDocument(input)).toEqual({ ok: false, code: 'ID_DOCUMENT_TYPE_UNKNOWN' });
  });

  test.each([['12345678'], ['1234567801']])('bare digits %s not a Taiwan permit', (input) => {
    expect(parseIdentityDocument(input)).toEqual({ ok: false, code: 'ID_NUMBER_FORMAT_INVALID' });
  });

  test('type list', () => {
    expect(IDENTITY_DOCUMENT_TYPES).toEqual([
      'resident_id',
      'resident_id_legacy',
      'hk_mo_tw_residence_permit',
      'foreign_permanent_residence_card',
      'mainland_travel_permit_hk_mo',
      'mainland_travel_permit_tw',
      'passport',
    ]);
  });
});
