import { fail, ok, type ParseResult } from '../result.js';
import { findPrefixEntry } from './lookup.js';
import { readIssuingLetter, readSerial } from './normalize.js';
import { PROVINCE_ABBREVIATIONS, type ProvinceAbbreviation } from './provinces.js';
import type { Plate, PlateErrorCode, PlateKind } from './types.js';

type PlateResult = ParseResult<Plate, PlateErrorCode>;

/** Red characters that close a seven-character plate with a four-character serial. */
const SUFFIX_KINDS: Readonly<Record<string, PlateKind>> = {
  挂: 'trailer',
  学: 'coach',
  警: 'police',
  领: 'consulate',
  港: 'hk_macau',
  澳: 'hk_macau',
};

const ISSUING_LETTER = /^[A-Z]$/;
const SUFFIXED_SERIAL = /^[A-HJ-NP-Z0-9]{4}$/;
const ORDINARY_SERIAL = /^[A-HJ-NP-Z0-9]{5}$/;
const NEW_ENERGY_SERIAL_CHARACTERS = /^[A-HJ-NP-Z0-9]{6}$/;

/**
 * GA 36-2018: a small new-energy vehicle has D (battery-electric) or F (other
 * new-energy) first in its serial, then a letter or digit, then four digits.
 * NOTE: A, B, C, E (battery-electric) and G, H, J, K (other) are accepted as
 * the reported extension letters for exhausted D and F series. No Ministry
 * notice was checked for them.
 */
const SMALL_NEW_ENERGY_SERIAL = /^[DABCEFGHJK][A-HJ-NP-Z0-9][0-9]{4}$/;
/** GA 36-2018: a large new-energy vehicle has five digits, then D or F. */
const LARGE_NEW_ENERGY_SERIAL = /^[0-9]{5}[DF]$/;
const BATTERY_ELECTRIC_LETTERS = 'DABCE';

/**
 * Emergency-rescue plates (State Council notice of 2018-12, 国办发〔2018〕114号):
 * province, team code X (fire and rescue) or S (forest fire), four digits and
 * 应急. Vehicles of the Ministry of Emergency Management carry five digits
 * and no team code.
 */
const EMERGENCY_TEAM_SERIAL = /^([XS])([0-9]{4})$/;
const EMERGENCY_MINISTRY_SERIAL = /^[0-9]{5}$/;
const EMERGENCY_SUFFIX = '应急';

/**
 * Parses a normalised plate that starts with a province character: ordinary,
 * new-energy, trailer, coach, police, consulate, Hong Kong/Macau and
 * emergency plates.
 */
export function parseCivilianPlate(compact: string, provinceAbbr: ProvinceAbbreviation): PlateResult {
  if (compact.endsWith(EMERGENCY_SUFFIX)) return parseEmergencyCarPlate(compact, provinceAbbr);

  const chars = Array.from(compact);
  const lastChar = chars[chars.length - 1] ?? '';
  const suffixKind = SUFFIX_KINDS[lastChar];
  const validLength = suffixKind ? chars.length === 7 : chars.length === 7 || chars.length === 8;
  if (!validLength) return fail('PLATE_LENGTH_INVALID');

  const letter = readIssuingLetter(chars[1] ?? '');
  if (!ISSUING_LETTER.test(letter)) return fail('PLATE_FORMAT_INVALID');

  const suffix = suffixKind ? lastChar : '';
  const serial = readSerial(chars.slice(2, chars.length - suffix.length).join(''));
  const kind = suffixKind ?? (chars.length === 8 ? 'new_energy' : 'ordinary');
  const serialError = checkSerial(kind, serial);
  if (serialError) return fail(serialError);

  const entry = findPrefixEntry(provinceAbbr + letter);
  if (!entry) return fail('PLATE_ISSUER_UNKNOWN');

  // 粤Z is reserved for cross-border plates, and those are issued only under 粤Z.
  const kindAllowed = entry.kinds ? entry.kinds.includes(kind) : kind !== 'hk_macau';
  if (!kindAllowed) return fail('PLATE_HK_MACAU_PREFIX_INVALID');

  const plate: Plate = {
    number: entry.prefix + serial + suffix,
    kind,
    prefix: entry.prefix,
    provinceAbbr,
    province: entry.province,
    regionCode: entry.regionCode,
    newEnergy: kind === 'new_energy',
  };
  if (entry.city !== undefined) plate.city = entry.city;
  if (kind === 'new_energy') describeNewEnergy(plate, serial);
  if (kind === 'hk_macau') plate.crossBorderRegion = suffix === '港' ? 'hong_kong' : 'macau';
  return ok(plate);
}

function checkSerial(kind: PlateKind, serial: string): PlateErrorCode | undefined {
  if (kind === 'ordinary') return ORDINARY_SERIAL.test(serial) ? undefined : 'PLATE_FORMAT_INVALID';
  if (kind !== 'new_energy') return SUFFIXED_SERIAL.test(serial) ? undefined : 'PLATE_FORMAT_INVALID';

  if (!NEW_ENERGY_SERIAL_CHARACTERS.test(serial)) return 'PLATE_FORMAT_INVALID';
  const valid = SMALL_NEW_ENERGY_SERIAL.test(serial) || LARGE_NEW_ENERGY_SERIAL.test(serial);
  return valid ? undefined : 'PLATE_NEW_ENERGY_SERIAL_INVALID';
}

function describeNewEnergy(plate: Plate, serial: string): void {
  const small = SMALL_NEW_ENERGY_SERIAL.test(serial);
  const powertrainLetter = small ? serial.charAt(0) : serial.charAt(serial.length - 1);
  plate.vehicleSize = small ? 'small' : 'large';
  plate.batteryElectric = BATTERY_ELECTRIC_LETTERS.includes(powertrainLetter);
}

function parseEmergencyCarPlate(compact: string, provinceAbbr: ProvinceAbbreviation): PlateResult {
  const chars = Array.from(compact);
  if (chars.length !== 8) return fail('PLATE_LENGTH_INVALID');

  const body = chars.slice(1, chars.length - EMERGENCY_SUFFIX.length).join('');
  const team = EMERGENCY_TEAM_SERIAL.exec(body.charAt(0) + readSerial(body.slice(1)));
  const ministrySerial = readSerial(body);
  if (!team && !EMERGENCY_MINISTRY_SERIAL.test(ministrySerial)) return fail('PLATE_FORMAT_INVALID');

  const prefix = provinceAbbr + (team?.[1] ?? '');
  const serial = team?.[2] ?? ministrySerial;
  const province = PROVINCE_ABBREVIATIONS[provinceAbbr];
  return ok({
    number: prefix + serial + EMERGENCY_SUFFIX,
    kind: 'emergency',
    prefix,
    provinceAbbr,
    province: province.name,
    regionCode: province.code,
    newEnergy: false,
  });
}
