import { fail, ok } from '../result.js';
import { validateBirthDate } from './dates.js';
import { appendGb11643CheckDigit, checkGb11643Number } from './gb11643.js';
import { describeRegion, type RegionFields } from './region.js';
import type { IdentityDocument, IdentityParseResult } from './types.js';

/** First digits of the number types that share the resident ID shape but are other documents. */
const OTHER_DOCUMENT_PREFIX = /^(?:9|8[1-3]0000)/;

/**
 * Looks up the address code (digits 1–6) of a resident ID. Mainland codes
 * start with 1–6. GB/T 2260 also lists Taiwan (71) and Hong Kong and Macao
 * (81, 82), but no resident ID is issued with those.
 *
 * NOTE: the region table starts with the 2002 GB/T 2260 revision, so a number
 * issued by a county abolished before 2002 is reported as unknown.
 */
function residentRegion(number: string): RegionFields | undefined {
  if (!/^[1-6]/.test(number)) return undefined;
  return describeRegion(number.slice(0, 6));
}

/**
 * Parses an 18-digit resident ID (GB 11643-1999) or a 15-digit one
 * (GB 11643-1989), which is converted to 18 digits. The address code may be
 * a retired county code: a number keeps the code of the county that issued
 * it after the county is merged or renamed.
 */
export function parseResidentId(number: string, todayInChina: string): IdentityParseResult {
  if (number.length === 15) return parseLegacyResidentId(number, todayInChina);
  if (OTHER_DOCUMENT_PREFIX.test(number) && number.length === 18) return fail('ID_NUMBER_TYPE_MISMATCH');

  const checked = checkGb11643Number(number, todayInChina);
  if (!checked.ok) return checked;

  const region = residentRegion(number);
  if (!region) return fail('ID_NUMBER_REGION_UNKNOWN');

  const document: IdentityDocument = {
    type: 'resident_id',
    number,
    birthDate: checked.value.birthDate,
    sex: checked.value.sex,
    ...region,
  };
  if (checked.value.possiblyExcelMangled) document.possiblyExcelMangled = true;
  return ok(document);
}

/**
 * Converts a 15-digit number (6-digit address code, YYMMDD, 3-digit
 * sequence code) the way GB 11643-1999 does: "19" goes before the year and
 * the check character is computed.
 */
function parseLegacyResidentId(number: string, todayInChina: string): IdentityParseResult {
  if (/^[A-Z]{3}\d{12}$/.test(number)) return fail('ID_NUMBER_TYPE_MISMATCH');
  if (!/^\d{15}$/.test(number)) return fail('ID_NUMBER_FORMAT_INVALID');

  // 15-digit numbers were issued until the end of the 1990s to people born
  // in the 1900s, so the century is 19.
  const birthDate = validateBirthDate(`19${number.slice(6, 12)}`, todayInChina);
  if (birthDate === undefined) return fail('ID_NUMBER_DATE_INVALID');

  const region = residentRegion(number);
  if (!region) return fail('ID_NUMBER_REGION_UNKNOWN');

  const converted = appendGb11643CheckDigit(`${number.slice(0, 6)}19${number.slice(6)}`);
  return ok({
    type: 'resident_id',
    number: converted,
    birthDate,
    sex: Number(number[14]) % 2 === 1 ? 'male' : 'female',
    ...region,
    convertedFrom: number,
  });
}
