import { fail, ok } from '../result.js';
import { compactCode } from '../text/normalize.js';
import { isPassportCountryCode } from './countries.js';
import { MAX_INPUT_LENGTH } from './normalize.js';
import type { IdentityParseResult } from './types.js';

/** Any passport: 5 to 17 letters and digits. */
const PASSPORT_NUMBER = /^[0-9A-Z]{5,17}$/;

/**
 * Passports of the People's Republic of China, including the Hong Kong and
 * Macao SAR passports, which also carry the code CHN:
 * - ordinary e-passport: E + 8 digits until April 2017, then E + a letter
 *   other than I or O + 7 digits;
 * - older ordinary passport: G + 8 digits, or 14 or 15 + 7 digits;
 * - public affairs, service and diplomatic e-passport: PE, SE or DE + 7 digits;
 * - the same before the e-passport: P, S or D + 7 digits, or S + 8 digits;
 * - Hong Kong SAR: K + 8 digits. Macao SAR: MA + 7 digits.
 */
const CHINESE_PASSPORT_NUMBER = /^(?:E\d{8}|E[A-HJ-NP-Z]\d{7}|G\d{8}|1[45]\d{7}|[PSD]E\d{7}|[PSD]\d{7}|S\d{8}|K\d{8}|MA\d{7})$/;

/**
 * Older public affairs and service passports print a dot after the letter
 * (P.1234567, S.1234567). The dot is dropped so that both spellings match.
 */
const DOTTED_PREFIX = /^([PS])\.(\d{7})$/;

/**
 * Parses a passport number issued by `countryCode` (ISO 3166-1 alpha-3, or a
 * code that ICAO Doc 9303 adds). Chinese passports must match one of the
 * known formats, any other passport only 5 to 17 letters and digits.
 */
export function parsePassport(number: string, countryCode: string | undefined): IdentityParseResult {
  // JavaScript callers may pass a number or null, and a long value is not worth normalising.
  if (typeof countryCode !== 'string' || countryCode.length > MAX_INPUT_LENGTH) return fail('PASSPORT_COUNTRY_INVALID');
  const country = compactCode(countryCode);
  if (!isPassportCountryCode(country)) return fail('PASSPORT_COUNTRY_INVALID');

  const undotted = number.replace(DOTTED_PREFIX, '$1$2');
  if (!PASSPORT_NUMBER.test(undotted)) return fail('PASSPORT_NUMBER_INVALID');
  if (country === 'CHN' && !CHINESE_PASSPORT_NUMBER.test(undotted)) return fail('PASSPORT_NUMBER_INVALID');

  return ok({ type: 'passport', number: undotted, countryCode: country });
}

/** Checks whether a normalised number has the shape of a Chinese passport number. */
export function looksLikeChinesePassport(number: string): boolean {
  return CHINESE_PASSPORT_NUMBER.test(number.replace(DOTTED_PREFIX, '$1$2'));
}
