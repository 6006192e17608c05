import { fail, ok } from '../result.js';
import { computeIcao9303CheckDigit } from './checksum.js';
import { validateBirthDate } from './dates.js';
import { checkGb11643Number, GB11643_SHAPE } from './gb11643.js';
import { alpha3OfNumericCountryCode, isResidenceCardCountryCode } from './countries.js';
import { describeRegion } from './region.js';
import type { IdentityDocument, IdentityParseResult } from './types.js';

const CARD_2023_SHAPE = /^9\d{16}[\dX]$/;
const CARD_BEFORE_2023_SHAPE = /^[A-Z]{3}\d{12}$/;

/**
 * Parses a foreign permanent residence card number (外国人永久居留身份证), in
 * the 18-digit format issued since 2023-12-01 or the 15-character format of
 * the cards issued before it, which stay valid until they expire.
 */
export function parsePermanentResidenceCard(number: string, todayInChina: string): IdentityParseResult {
  if (CARD_2023_SHAPE.test(number)) return parseCard2023(number, todayInChina);
  if (CARD_BEFORE_2023_SHAPE.test(number)) return parseCardBefore2023(number, todayInChina);
  if (GB11643_SHAPE.test(number)) return fail('ID_NUMBER_TYPE_MISMATCH');
  return fail('ID_NUMBER_FORMAT_INVALID');
}

/**
 * Parses the 2023 format that the National Immigration Administration's
 * adaptation notes describe. It has 9, the 2-digit province code of the place
 * of application, the ISO 3166-1 numeric code of the nationality and the
 * birth date YYYYMMDD. A 3-digit sequence code (odd for men) and a MOD 11-2
 * check character follow, as in a resident ID.
 */
function parseCard2023(number: string, todayInChina: string): IdentityParseResult {
  const checked = checkGb11643Number(number, todayInChina);
  if (!checked.ok) return checked;

  const region = describeRegion(`${number.slice(1, 3)}0000`);
  if (!region) return fail('ID_NUMBER_REGION_UNKNOWN');

  const countryCode = alpha3OfNumericCountryCode(number.slice(3, 6));
  if (countryCode === undefined) return fail('ID_NUMBER_COUNTRY_UNKNOWN');

  const document: IdentityDocument = {
    type: 'foreign_permanent_residence_card',
    number,
    birthDate: checked.value.birthDate,
    sex: checked.value.sex,
    ...region,
    countryCode,
  };
  if (checked.value.possiblyExcelMangled) document.possiblyExcelMangled = true;
  return ok(document);
}

/**
 * Parses the format before 2023. It has the ISO 3166-1 alpha-3 nationality,
 * the first 4 digits of the GB/T 2260 code of the accepting province and
 * city, and the birth date YYMMDD. One digit that is odd for men and an
 * ICAO Doc 9303 check digit over the first 14 characters follow.
 *
 * NOTE: no official text of this layout was found. Two independent
 * open-source parsers implement it, and the example number that blog posts
 * quote from the official adaptation guide satisfies its check digit.
 */
function parseCardBefore2023(number: string, todayInChina: string): IdentityParseResult {
  const countryCode = number.slice(0, 3);
  if (!isResidenceCardCountryCode(countryCode)) return fail('ID_NUMBER_COUNTRY_UNKNOWN');

  const birthDate = birthDateOfTwoDigitYear(number.slice(7, 13), todayInChina);
  if (birthDate === undefined) return fail('ID_NUMBER_DATE_INVALID');

  if (computeIcao9303CheckDigit(number.slice(0, 14)) !== number[14]) return fail('ID_NUMBER_CHECKSUM_INVALID');

  const region = describeRegion(`${number.slice(3, 7)}00`);
  if (!region) return fail('ID_NUMBER_REGION_UNKNOWN');

  return ok({
    type: 'foreign_permanent_residence_card',
    number,
    birthDate,
    sex: Number(number[13]) % 2 === 1 ? 'male' : 'female',
    ...region,
    countryCode,
  });
}

/**
 * Reads YYMMDD as 20YY unless that date is in the future, then as 19YY. The
 * two digits cannot tell a child born in 2020 from a holder born in 1920, and
 * the child is the likelier holder.
 */
function birthDateOfTwoDigitYear(yymmdd: string, todayInChina: string): string | undefined {
  return validateBirthDate(`20${yymmdd}`, todayInChina) ?? validateBirthDate(`19${yymmdd}`, todayInChina);
}
