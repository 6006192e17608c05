import { fail, ok, type ParseResult } from '../result.js';
import { readSerial } from './normalize.js';
import { PROVINCE_ABBREVIATIONS, isProvinceAbbreviation, type ProvinceAbbreviation } from './provinces.js';
import type { Plate, PlateErrorCode } from './types.js';

type PlateResult = ParseResult<Plate, PlateErrorCode>;

/**
 * Military plates: two letters for the service or command and the unit, then
 * five digits, e.g. VA·12345.
 * NOTE: the letters are not checked against the list of units, so any two
 * letters other than WJ are read as a military plate.
 */
const MILITARY_PLATE = /^([A-Z]{2})([0-9]{5})$/;

/**
 * Armed-police service marks: fire (消), border (边), transport (通), forest
 * (森), gold (金), guard (警) and hydropower (电). Several of these services
 * have since left the armed police, but their plates stay on the road.
 */
const SERVICE_MARK = '[消边通森金电警]';
/** Service letters, such as T (transport), B (border) and J (guard). */
const SERVICE_LETTER = '[A-HJ-NP-Z]';
/**
 * 2012 series (since 2013-06-01), headquarters: WJ, then five digits or four
 * digits and a service letter (WJ·12345, WJ·1234J).
 */
const ARMED_POLICE_HEADQUARTERS_BODY = new RegExp(`^(?:[0-9]{5}|[0-9]{4}${SERVICE_LETTER})$`, 'u');
/**
 * 2012 series, provincial units: WJ and the province character, then five
 * digits or four digits and a service letter or mark (WJ琼12345, WJ粤1234X).
 */
const ARMED_POLICE_PROVINCIAL_BODY = new RegExp(`^(?:[0-9]{5}|[0-9]{4}(?:${SERVICE_LETTER}|${SERVICE_MARK}))$`, 'u');
/**
 * Series before 2013: WJ and a two-digit unit or province code, then 4–5
 * digits, or a service letter or mark and four digits (WJ01·12345, WJ31·消0010).
 */
const ARMED_POLICE_NUMBERED_BODY = new RegExp(`^(?:[0-9]{4,5}|(?:${SERVICE_LETTER}|${SERVICE_MARK})[0-9]{4})$`, 'u');

/** Embassy plates: 使 and six digits, of which the first three identify the mission's country. */
const EMBASSY_LEADING_MARK = /^使([0-9]{3})([0-9]{3})$/;
const EMBASSY_TRAILING_MARK = /^([0-9]{3})([0-9]{3})使$/;
/** Beijing's traffic police issue all embassy plates. */
const EMBASSY_ISSUER = { province: '北京市', regionCode: '110000' } as const;

/** Emergency-rescue motorcycles: 应急, province, three digits and the team code X or S. */
const EMERGENCY_MOTORCYCLE = /^应急(.)([0-9]{3})([XS])$/u;

export function parseMilitaryPlate(compact: string): PlateResult {
  const chars = Array.from(compact);
  if (chars.length !== 7) return fail('PLATE_LENGTH_INVALID');

  const match = MILITARY_PLATE.exec(compact.slice(0, 2) + readSerial(compact.slice(2)));
  if (!match) return fail('PLATE_FORMAT_INVALID');

  const [number, letters] = match;
  return ok({ number, kind: 'military', prefix: letters ?? '', newEnergy: false });
}

/**
 * Parses armed-police plates: WJ12345 and WJ苏12345 (2012 series) and the
 * older WJ01·1234 with a two-digit code. The length distinguishes the series.
 */
export function parseArmedPolicePlate(compact: string): PlateResult {
  const chars = Array.from(compact);
  if (chars.length < 7 || chars.length > 9) return fail('PLATE_LENGTH_INVALID');

  const issuer = chars[2] ?? '';
  if (chars.length === 7) return parseArmedPoliceHeadquartersPlate(chars.slice(2).join(''));
  if (isProvinceAbbreviation(issuer)) return parseArmedPoliceProvincialPlate(issuer, chars.slice(3).join(''));

  const unitCode = readSerial(chars.slice(2, 4).join(''));
  const body = readSerial(chars.slice(4).join(''));
  if (!/^[0-9]{2}$/.test(unitCode) || !ARMED_POLICE_NUMBERED_BODY.test(body)) {
    return fail('PLATE_FORMAT_INVALID');
  }
  return ok({ number: `WJ${unitCode}${body}`, kind: 'armed_police', prefix: `WJ${unitCode}`, newEnergy: false });
}

function parseArmedPoliceHeadquartersPlate(rawBody: string): PlateResult {
  const body = readSerial(rawBody);
  if (!ARMED_POLICE_HEADQUARTERS_BODY.test(body)) return fail('PLATE_FORMAT_INVALID');
  return ok({ number: `WJ${body}`, kind: 'armed_police', prefix: 'WJ', newEnergy: false });
}

function parseArmedPoliceProvincialPlate(provinceAbbr: ProvinceAbbreviation, rawBody: string): PlateResult {
  const body = readSerial(rawBody);
  if (!ARMED_POLICE_PROVINCIAL_BODY.test(body)) return fail('PLATE_FORMAT_INVALID');

  const province = PROVINCE_ABBREVIATIONS[provinceAbbr];
  return ok({
    number: `WJ${provinceAbbr}${body}`,
    kind: 'armed_police',
    prefix: `WJ${provinceAbbr}`,
    provinceAbbr,
    province: province.name,
    regionCode: province.code,
    newEnergy: false,
  });
}

/**
 * Parses embassy plates in both layouts, 使014578 and 014578使, and keeps the
 * layout as typed.
 * NOTE: the trailing-使 layout is accepted as reported for newer plates. No
 * specimen in GA 36 was checked for it.
 */
export function parseEmbassyPlate(compact: string): PlateResult {
  const chars = Array.from(compact);
  if (chars.length !== 7) return fail('PLATE_LENGTH_INVALID');

  const leading = compact.startsWith('使');
  const digits = readSerial(leading ? compact.slice(1) : compact.slice(0, -1));
  const number = leading ? `使${digits}` : `${digits}使`;
  const match = (leading ? EMBASSY_LEADING_MARK : EMBASSY_TRAILING_MARK).exec(number);
  if (!match) return fail('PLATE_FORMAT_INVALID');

  return ok({
    number,
    kind: 'embassy',
    prefix: '使',
    province: EMBASSY_ISSUER.province,
    regionCode: EMBASSY_ISSUER.regionCode,
    newEnergy: false,
    missionCode: match[1] ?? '',
  });
}

export function parseEmergencyMotorcyclePlate(compact: string): PlateResult {
  const chars = Array.from(compact);
  if (chars.length !== 7) return fail('PLATE_LENGTH_INVALID');

  const number = compact.slice(0, 3) + readSerial(compact.slice(3, 6)) + compact.slice(6);
  const match = EMERGENCY_MOTORCYCLE.exec(number);
  const provinceAbbr = match?.[1];
  if (!match || !isProvinceAbbreviation(provinceAbbr)) return fail('PLATE_FORMAT_INVALID');

  const province = PROVINCE_ABBREVIATIONS[provinceAbbr];
  return ok({
    number,
    kind: 'emergency',
    prefix: provinceAbbr + (match[3] ?? ''),
    provinceAbbr,
    province: province.name,
    regionCode: province.code,
    newEnergy: false,
  });
}
