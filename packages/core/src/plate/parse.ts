import { fail, type ParseResult } from '../result.js';
import { parseCivilianPlate } from './civilian.js';
import { MAX_PLATE_INPUT_LENGTH, normalizePlateInput } from './normalize.js';
import { PROVINCE_ABBREVIATIONS, isProvinceAbbreviation } from './provinces.js';
import { parseArmedPolicePlate, parseEmbassyPlate, parseEmergencyMotorcyclePlate, parseMilitaryPlate } from './special.js';
import type { Plate, PlateErrorCode } from './types.js';

/** Chinese characters used on plates besides the province characters. */
const PLATE_MARKS = new Set(Array.from('挂学警领港澳使应急消边通森金电'));
const LATIN_OR_DIGIT = /^[A-Z0-9]$/;
const HAN_CHARACTER = /^\p{Script=Han}$/u;
const MILITARY_START = /^[A-Z]{2}[0-9OI]/;

/**
 * Parses a vehicle plate number as typed at a checkpoint or sent by a gate
 * camera. Lower case, full-width letters and digits, spaces, dashes and dots
 * (苏E·12345) are accepted. In serials O is read as 0 and I as 1, and in the
 * issuing-letter position 0 is read as O. Never throws, whatever a
 * JavaScript caller passes: bad input yields an error code.
 */
export function parsePlate(input: string): ParseResult<Plate, PlateErrorCode> {
  if (input === null || input === undefined) return fail('PLATE_REQUIRED');
  if (typeof input !== 'string') return fail('PLATE_FORMAT_INVALID');
  if (input.trim() === '') return fail('PLATE_REQUIRED');
  if (input.length > MAX_PLATE_INPUT_LENGTH) return fail('PLATE_LENGTH_INVALID');

  const compact = normalizePlateInput(input);
  if (compact === '') return fail('PLATE_REQUIRED');

  const characterError = checkCharacters(compact);
  if (characterError) return fail(characterError);

  if (compact.startsWith('WJ')) return parseArmedPolicePlate(compact);
  if (compact.startsWith('使') || compact.endsWith('使')) return parseEmbassyPlate(compact);
  if (compact.startsWith('应急')) return parseEmergencyMotorcyclePlate(compact);
  if (MILITARY_START.test(compact)) return parseMilitaryPlate(compact);

  const provinceAbbr = compact.charAt(0);
  if (!isProvinceAbbreviation(provinceAbbr)) return fail('PLATE_PROVINCE_UNKNOWN');
  return parseCivilianPlate(compact, provinceAbbr);
}

/**
 * Rejects characters that no plate uses, such as punctuation, letters of
 * other scripts or characters outside the Basic Multilingual Plane. An
 * unknown Chinese character in first position is reported as an unknown
 * province, because that is where the province character belongs.
 */
function checkCharacters(compact: string): PlateErrorCode | undefined {
  const chars = Array.from(compact);
  for (const [index, char] of chars.entries()) {
    if (isPlateCharacter(char)) continue;

    const inBasicPlane = (char.codePointAt(0) ?? 0) <= 0xffff;
    const unknownProvince = index === 0 && inBasicPlane && HAN_CHARACTER.test(char);
    return unknownProvince ? 'PLATE_PROVINCE_UNKNOWN' : 'PLATE_CHARACTER_INVALID';
  }
  return undefined;
}

function isPlateCharacter(char: string): boolean {
  return LATIN_OR_DIGIT.test(char) || PLATE_MARKS.has(char) || Object.hasOwn(PROVINCE_ABBREVIATIONS, char);
}
