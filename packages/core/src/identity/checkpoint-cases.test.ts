import { describe, expect, test } from 'vitest';
import {
  computeGb11643CheckDigit,
  computeIcao9303CheckDigit,
  parseIdentityDocument,
  type IdentityDocument,
  type IdentityErrorCode,
  type ParseIdentityOptions,
} from './index.js';

// Document numbers as officers enter them at a checkpoint: typed on the
// phone's ID keypad or system keyboard, read out by the driver, or copied from
// a roster that passed through Excel. Quick mode sends the number with the
// type resident_id, detailed mode with the type the officer picks, and a few
// cases below leave the type out to show what detection finds. Every number
// is synthetic: the check characters are computed here.

const TODAY = new Date('2024-06-01T04:00:00Z');

function withGb11643Check(body: string): string {
  return body + (computeGb11643CheckDigit(body) ?? '');
}

/** Finds the first number with this 14-digit start whose check character is X. */
function numberEndingInX(start: string): string {
  for (let sequence = 0; sequence < 1000; sequence += 1) {
    const number = withGb11643Check(start + String(sequence).padStart(3, '0'));
    if (number.endsWith('X')) return number;
  }
  throw new Error(`no sequence code after ${start} gives the check character X`);
}

function toFullWidth(text: string): string {
  return Array.from(text, (character) => String.fromCodePoint((character.codePointAt(0) ?? 0) + 0xfee0)).join('');
}

function withWrongCheck(number: string): string {
  return number.slice(0, 17) + (number[17] === '1' ? '2' : '1');
}

function parseValid(input: string, options: ParseIdentityOptions = {}): IdentityDocument {
  const result = parseIdentityDocument(input, { today: TODAY, ...options });
  if (!result.ok) throw new Error(`expected ${JSON.stringify(input)} to parse, got ${result.code}`);
  return result.value;
}

function errorOf(input: string, options: ParseIdentityOptions = {}): IdentityErrorCode | undefined {
  const result = parseIdentityDocument(input, { today: TODAY, ...options });
  return result.ok ? undefined : result.code;
}

/** Born 1990-01-05 in Wuchang district of Wuhan, sequence code 123 (odd, so male). */
const WUHAN_ID = withGb11643Check('42010619900105123');
/** Born 1978-09-09 in Huqiu district of Suzhou, with the check character X. */
const SUZHOU_ID_X = numberEndingInX('32050519780909');

const RESIDENT_ID = { type: 'resident_id' } as const;

describe('checkpoint resident ID spellings', () => {
  // The duplicate check compares stored numbers, so every spelling of one number must give the same number.
  test.each([
    ['plain', WUHAN_ID],
    ['full-width digits', toFullWidth(WUHAN_ID)],
    ['spaces as read out', `${WUHAN_ID.slice(0, 6)} ${WUHAN_ID.slice(6, 10)} ${WUHAN_ID.slice(10, 14)} ${WUHAN_ID.slice(14)}`],
    ['ideographic space', `${WUHAN_ID.slice(0, 6)}\u3000${WUHAN_ID.slice(6)}`],
    ['dashes', `${WUHAN_ID.slice(0, 6)}-${WUHAN_ID.slice(6, 14)}-${WUHAN_ID.slice(14)}`],
    ['spaces around', `  ${WUHAN_ID} `],
    ['Excel apostrophe', `'${WUHAN_ID}`],
  ])('%s gives the Wuhan number', (_spelling, input) => {
    const document = parseValid(input, RESIDENT_ID);

    expect(document.number).toBe(WUHAN_ID);
    expect(document.type).toBe('resident_id');
    expect(document.birthDate).toBe('1990-01-05');
    expect(document.sex).toBe('male');
    expect(document.regionCode).toBe('420106');
    expect(document.regionName).toEqual(['湖北省', '武汉市', '武昌区']);
  });

  test.each([
    ['upper-case X', SUZHOU_ID_X],
    ['lower-case x', SUZHOU_ID_X.toLowerCase()],
    ['full-width X', toFullWidth(SUZHOU_ID_X)],
    ['full-width x', toFullWidth(SUZHOU_ID_X.toLowerCase())],
  ])('%s gives the number with X', (_spelling, input) => {
    const document = parseValid(input, RESIDENT_ID);

    expect(document.number).toBe(SUZHOU_ID_X);
    expect(document.birthDate).toBe('1978-09-09');
    expect(document.regionName).toEqual(['江苏省', '苏州市', '虎丘区']);
  });

  test('legacy 15 digits become 18', () => {
    const document = parseValid('420106900105123', RESIDENT_ID);

    expect(document.number).toBe(WUHAN_ID);
    expect(document.convertedFrom).toBe('420106900105123');
    expect(document.birthDate).toBe('1990-01-05');
    expect(document.sex).toBe('male');
  });

  test('child born today', () => {
    const document = parseValid(withGb11643Check('32050820240601002'), RESIDENT_ID);

    expect(document.birthDate).toBe('2024-06-01');
    expect(document.sex).toBe('female');
  });
});

describe('checkpoint resident ID mistakes', () => {
  test.each<[string, string, IdentityErrorCode]>([
    ['nothing typed', '', 'ID_NUMBER_REQUIRED'],
    ['spaces only', '   ', 'ID_NUMBER_REQUIRED'],
    ['Excel scientific notation', '4.20106E+17', 'ID_NUMBER_EXCEL_MANGLED'],
    ['Excel scientific notation, lower case', '4.20106e+17', 'ID_NUMBER_EXCEL_MANGLED'],
    ['Excel zeros after digit 15', '420106199001050000', 'ID_NUMBER_EXCEL_MANGLED'],
    ['wrong check character', withWrongCheck(WUHAN_ID), 'ID_NUMBER_CHECKSUM_INVALID'],
    ['two digits swapped', WUHAN_ID.slice(0, 14) + WUHAN_ID[15] + WUHAN_ID[14] + WUHAN_ID.slice(16), 'ID_NUMBER_CHECKSUM_INVALID'],
    ['30 February', withGb11643Check('42010619900230123'), 'ID_NUMBER_DATE_INVALID'],
    ['29 February of a common year', withGb11643Check('42010619900229123'), 'ID_NUMBER_DATE_INVALID'],
    ['month 13', withGb11643Check('42010619901301123'), 'ID_NUMBER_DATE_INVALID'],
    ['day 00', withGb11643Check('42010619900100123'), 'ID_NUMBER_DATE_INVALID'],
    ['born tomorrow', withGb11643Check('42010620240602123'), 'ID_NUMBER_DATE_INVALID'],
    ['born before 1900', withGb11643Check('42010618991231123'), 'ID_NUMBER_DATE_INVALID'],
    ['legacy number with month 13', '420106901305123', 'ID_NUMBER_DATE_INVALID'],
    ['unknown county', withGb11643Check('42019919900105123'), 'ID_NUMBER_REGION_UNKNOWN'],
    ['address code 00', withGb11643Check('00010619900105123'), 'ID_NUMBER_REGION_UNKNOWN'],
    ['one digit missing', WUHAN_ID.slice(0, 17), 'ID_NUMBER_FORMAT_INVALID'],
    ['one digit extra', `${WUHAN_ID}1`, 'ID_NUMBER_FORMAT_INVALID'],
    ['14 digits', WUHAN_ID.slice(0, 14), 'ID_NUMBER_FORMAT_INVALID'],
    ['X in the middle', `${WUHAN_ID.slice(0, 10)}X${WUHAN_ID.slice(11)}`, 'ID_NUMBER_FORMAT_INVALID'],
    ['letter O for zero', WUHAN_ID.replace('0', 'O'), 'ID_NUMBER_FORMAT_INVALID'],
    ['residence permit typed as a resident ID', withGb11643Check('81000019880808002'), 'ID_NUMBER_TYPE_MISMATCH'],
    ['permanent residence card typed as a resident ID', withGb11643Check('93284019850101001'), 'ID_NUMBER_TYPE_MISMATCH'],
  ])('%s: %j → %s', (_mistake, input, code) => {
    expect(errorOf(input, RESIDENT_ID)).toBe(code);
  });
});

describe('checkpoint documents of visitors', () => {
  test.each([
    ['Hong Kong residence permit', '81000019880808002', 'hk_mo_tw_residence_permit', '810000', ['香港特别行政区']],
    ['Macau residence permit', '82000019880808002', 'hk_mo_tw_residence_permit', '820000', ['澳门特别行政区']],
    ['Taiwan residence permit', '83000019880808002', 'hk_mo_tw_residence_permit', '830000', ['台湾省']],
    ['permanent residence card, 2023 format', '93284019850101001', 'foreign_permanent_residence_card', '320000', ['江苏省']],
  ] as const)('%s', (_document, body, type, regionCode, regionName) => {
    const number = withGb11643Check(body);

    const detected = parseValid(number);
    const chosen = parseValid(number, { type });

    expect(detected.type).toBe(type);
    expect(chosen.type).toBe(type);
    expect(chosen.number).toBe(number);
    expect(chosen.regionCode).toBe(regionCode);
    expect(chosen.regionName).toEqual(regionName);
    expect(chosen.birthDate).toBeDefined();
    expect(chosen.sex).toBeDefined();
  });

  test('permanent residence card, 2023 format, names the nationality', () => {
    expect(parseValid(withGb11643Check('93284019850101001')).countryCode).toBe('USA');
  });

  test('permanent residence card, format before 2023', () => {
    const body = 'USA3205900101' + '1';
    const number = body + (computeIcao9303CheckDigit(body) ?? '');

    const document = parseValid(number.toLowerCase(), { type: 'foreign_permanent_residence_card' });

    expect(document.number).toBe(number);
    expect(document.countryCode).toBe('USA');
    expect(document.regionName).toEqual(['江苏省', '苏州市']);
    expect(document.birthDate).toBe('1990-01-01');
  });

  test.each([
    ['Hong Kong travel permit', 'h1234 5678', 'mainland_travel_permit_hk_mo', 'H12345678'],
    ['Macau travel permit, older 10 digits', 'M1234567801', 'mainland_travel_permit_hk_mo', 'M1234567801'],
    ['Taiwan travel permit', '12345678', 'mainland_travel_permit_tw', '12345678'],
    ['Taiwan travel permit, older with office code', '1234567801（Ｂ）', 'mainland_travel_permit_tw', '1234567801(B)'],
  ] as const)('%s', (_document, input, type, number) => {
    const document = parseValid(input, { type });

    expect(document).toEqual({ type, number });
  });

  // A passport needs the issuing state: only detection without a type reads a Chinese format as CHN.
  test.each([
    ['Chinese e-passport', 'E12345678', 'CHN'],
    ['Chinese e-passport, letter series', 'ea1234567', 'CHN'],
    ['Chinese passport, older', 'G12345678', 'CHN'],
    ['US passport', '123456789', 'USA'],
    ['Japanese passport, lower case', 'tr1234567', 'jpn'],
  ])('%s', (_document, input, countryCode) => {
    const document = parseValid(input, { type: 'passport', countryCode });

    expect(document.type).toBe('passport');
    expect(document.number).toBe(input.toUpperCase());
    expect(document.countryCode).toBe(countryCode.toUpperCase());
  });

  test('Chinese passport detected without a type', () => {
    expect(parseValid('E12345678').countryCode).toBe('CHN');
  });

  test.each<[string, string, ParseIdentityOptions, IdentityErrorCode]>([
    ['Hong Kong permit one digit short', 'H1234567', { type: 'mainland_travel_permit_hk_mo' }, 'PERMIT_NUMBER_INVALID'],
    ['Taiwan permit with 9 digits', '123456789', { type: 'mainland_travel_permit_tw' }, 'PERMIT_NUMBER_INVALID'],
    ['residence permit with a wrong check', withWrongCheck(withGb11643Check('81000019880808002')), {}, 'ID_NUMBER_CHECKSUM_INVALID'],
    ['foreign passport without a country', 'X1234567', { type: 'passport' }, 'PASSPORT_COUNTRY_INVALID'],
    ['Chinese passport typed as a passport without a country', 'E12345678', { type: 'passport' }, 'PASSPORT_COUNTRY_INVALID'],
    ['passport with an unknown country', 'X1234567', { type: 'passport', countryCode: 'ZZZ' }, 'PASSPORT_COUNTRY_INVALID'],
    ['Chinese passport in no Chinese format', 'X1234567', { type: 'passport', countryCode: 'CHN' }, 'PASSPORT_NUMBER_INVALID'],
    ['passport too short', 'E123', { type: 'passport', countryCode: 'CHN' }, 'PASSPORT_NUMBER_INVALID'],
    ['foreign passport number without its type', 'X1234567', {}, 'ID_DOCUMENT_TYPE_UNKNOWN'],
  ])('%s: %j → %s', (_mistake, input, options, code) => {
    expect(errorOf(input, options)).toBe(code);
  });
});
