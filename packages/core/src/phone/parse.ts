import { fail, ok } from '../result.js';
import { toHalfWidth } from '../text/normalize.js';
import { INVISIBLE_CHARACTERS, readPhoneInput, withoutDecimalZeros } from './input.js';
import type { PhoneErrorCode, PhoneNumber, PhoneParseResult } from './types.js';

/**
 * Maximum length of raw input that is normalised. A number with separators,
 * country code and extension stays far below it.
 */
const MAX_INPUT_LENGTH = 64;

const TEXT_MARKERS = /^=?["'“”‘’]+|["'“”‘’]+$/gu;
const SEPARATORS = /[\s\-‐‑‒–—―−.·/]/gu;
const BRACKETS = /[()[\]]/g;

/** Excel shows a long number such as 8613800000000 as 8.6138E+12 and a CSV keeps that text. */
const SCIENTIFIC_NOTATION = /^\d+(?:[.,]\d+)?E\+?\d+$/i;

/** An extension after 转 (轉), 分机 (分機), EXT, X or #. */
const EXTENSION = /^(.+?)(?:转|轉|分机|分機|EXT|X|#)(\d{1,6})$/;
const DASHED_EXTENSION = /^(.+)[-‐‑‒–—―−]\s*(\d{1,6})$/u;

/**
 * Short service numbers:
 * - emergency and directory numbers 110, 112, 114, 119, 120 and 122;
 * - 5-digit carrier hotlines (100xx) and public service hotlines (12xxx such
 *   as 12345, 12315 and 12320);
 * - 5- and 6-digit 95xxx and 96xxx enterprise and local service numbers.
 */
const SHORT_SERVICE = /^(?:11[0249]|12[02]|100\d\d|12\d{3}|9[56]\d{3,4})$/;

/** Nationwide 400 (shared cost) and 800 (toll-free) numbers: 10 digits. */
const NATIONWIDE_SERVICE = /^[48]00\d{7}$/;

/**
 * Area code: 010 and 020–029 have 3 digits and 8-digit local numbers, every
 * other area code 4 digits and 7- or 8-digit local numbers. A subscriber's
 * local number never starts with 0 or 1, which leaves 1 to service numbers.
 */
const AREA_CODE = /^(010|02\d|0[3-9]\d\d)(\d+)$/;
const LOCAL_NUMBER_AFTER_SHORT_AREA_CODE = /^[2-9]\d{7}$/;
const LOCAL_NUMBER_AFTER_LONG_AREA_CODE = /^[2-9]\d{6,7}$/;

const CHINA = '+86';

/**
 * Parses a Chinese mobile, landline or service number, typed or imported.
 * The country code may be +86 or 0086, or a bare 86 before a mobile number.
 * Spaces, dashes, dots, brackets and full-width characters are accepted, and
 * so is an extension after 转, ext, x, # or a final dash. A number (a
 * numeric spreadsheet cell) is read as its digits when it is a safe integer.
 * Never throws, whatever a JavaScript caller passes: a bad number is reported
 * by its error code.
 */
export function parsePhoneNumber(input: string): PhoneParseResult {
  const raw = readPhoneInput(input);
  if (!raw.ok) return raw;
  if (raw.value.trim() === '') return fail('PHONE_REQUIRED');
  if (raw.value.length > MAX_INPUT_LENGTH) return fail('PHONE_FORMAT_INVALID');

  const cleaned = toHalfWidth(raw.value).replace(INVISIBLE_CHARACTERS, '').trim().replace(TEXT_MARKERS, '');
  if (cleaned === '') return fail('PHONE_REQUIRED');
  if (SCIENTIFIC_NOTATION.test(cleaned.replace(/\s/g, ''))) return fail('PHONE_EXCEL_MANGLED');

  const whole = withoutDecimalZeros(cleaned);
  if (!whole.ok) return whole;
  const text = whole.value;

  const parsed = parseCleanText(text);
  if (parsed.ok || parsed.code !== 'PHONE_FORMAT_INVALID') return parsed;

  // 0512-65223456-801: a dash before the extension is common, but a dash also
  // groups digits, so the last group is tried as an extension only when the
  // whole text is not a number.
  const dashed = DASHED_EXTENSION.exec(text);
  if (!dashed) return parsed;
  const withoutExtension = parseCleanText(dashed[1] ?? '');
  if (!withoutExtension.ok || withoutExtension.value.extension !== undefined) return parsed;
  if (!acceptsExtension(withoutExtension.value)) return parsed;
  return ok({ ...withoutExtension.value, extension: dashed[2] ?? '' });
}

/** Parses text that is already half-width, trimmed and free of spreadsheet markers. */
function parseCleanText(text: string): PhoneParseResult {
  const compact = text.toUpperCase().replace(SEPARATORS, '');
  const extensionMatch = EXTENSION.exec(compact);
  const extension = extensionMatch?.[2];
  const main = (extensionMatch?.[1] ?? compact).replace(/^(\+|00)86\(0\)/, '+86').replace(BRACKETS, '');
  if (!/^\+?\d+$/.test(main)) return fail('PHONE_FORMAT_INVALID');

  const national = stripCountryCode(main);
  if (!national.ok) return national;

  const parsed = classifyNationalNumber(national.value.digits, national.value.international);
  if (!parsed.ok) return parsed;

  if (extension === undefined) return parsed;
  if (!acceptsExtension(parsed.value)) return fail('PHONE_FORMAT_INVALID');
  return ok({ ...parsed.value, extension });
}

/** Only switchboards have extensions: landlines and 400/800 numbers. */
function acceptsExtension(phone: PhoneNumber): boolean {
  return phone.kind === 'landline' || NATIONWIDE_SERVICE.test(phone.e164.slice(CHINA.length));
}

/**
 * Removes +86, 0086 or the bare 86 that people put before a mobile number.
 * Any other country code is unsupported: people and places in Cordon have
 * Chinese numbers, and a foreign number cannot be checked here.
 */
function stripCountryCode(
  main: string,
): { ok: true; value: { digits: string; international: boolean } } | { ok: false; code: PhoneErrorCode } {
  if (main.startsWith('+')) {
    if (!main.startsWith('+86')) return fail('PHONE_COUNTRY_UNSUPPORTED');
    return ok({ digits: main.slice(3), international: true });
  }

  // No Chinese area code starts with 00, so 00 is always the international prefix.
  if (main.startsWith('00')) {
    if (!main.startsWith('0086')) return fail('PHONE_COUNTRY_UNSUPPORTED');
    return ok({ digits: main.slice(4), international: true });
  }

  if (/^861\d{10}$/.test(main)) return ok({ digits: main.slice(2), international: true });
  return ok({ digits: main, international: false });
}

/**
 * Classifies digits dialled inside China. A landline without its leading 0
 * is accepted where the number cannot be anything else. After +86 the 0 is
 * dropped by convention. A 10- or 11-digit number without it is what Excel
 * leaves of a landline stored as a number.
 */
function classifyNationalNumber(digits: string, international: boolean): PhoneParseResult {
  if (digits === '') return fail('PHONE_FORMAT_INVALID');

  if (SHORT_SERVICE.test(digits)) return ok({ kind: 'service', e164: CHINA + digits, national: digits });
  if (NATIONWIDE_SERVICE.test(digits)) {
    const national = `${digits.slice(0, 3)}-${digits.slice(3, 6)}-${digits.slice(6)}`;
    return ok({ kind: 'service', e164: CHINA + digits, national });
  }

  const mobile = /^0?(1\d{10})$/.exec(digits)?.[1];
  if (mobile !== undefined) {
    if (!/^1[3-9]/.test(mobile)) return fail('PHONE_MOBILE_PREFIX_INVALID');
    return ok({ kind: 'mobile', e164: CHINA + mobile, national: mobile });
  }

  if (digits.startsWith('0')) return parseLandline(digits);
  if (international || digits.length === 10 || digits.length === 11) return parseLandline(`0${digits}`);

  if (/^[2-9]\d{6,7}$/.test(digits)) return fail('PHONE_AREA_CODE_MISSING');
  return fail('PHONE_FORMAT_INVALID');
}

/** Parses an area code and a local number, or an area code and a local service number (0512-12345). */
function parseLandline(digits: string): PhoneParseResult {
  const match = AREA_CODE.exec(digits);
  if (!match) return fail('PHONE_FORMAT_INVALID');

  const areaCode = match[1] ?? '';
  const local = match[2] ?? '';
  const e164 = CHINA + areaCode.slice(1) + local;
  const national = `${areaCode}-${local}`;

  const localPattern = areaCode.length === 3 ? LOCAL_NUMBER_AFTER_SHORT_AREA_CODE : LOCAL_NUMBER_AFTER_LONG_AREA_CODE;
  if (localPattern.test(local)) return ok({ kind: 'landline', e164, national, areaCode });
  if (SHORT_SERVICE.test(local)) return ok({ kind: 'service', e164, national, areaCode });
  return fail('PHONE_FORMAT_INVALID');
}
