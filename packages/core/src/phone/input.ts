import { fail, ok, type ParseResult } from '../result.js';
import type { PhoneErrorCode } from './types.js';

/**
 * Characters that are invisible when printed, the same set that compactCode
 * removes: zero-width spaces and joiners, the byte-order mark, word joiner,
 * and the bidirectional marks, embeddings, overrides and isolates. The phone
 * parser cannot use compactCode because it needs the spaces and dashes to
 * find an extension.
 */
export const INVISIBLE_CHARACTERS = /[\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/gu;

/**
 * A whole number that a spreadsheet wrote with decimals (13800138000.0),
 * because the cell has a number format with decimal places.
 */
const DECIMAL_ZEROS = /^(\d+)\.0+$/;

/** Excel stores 15 significant digits of a number and turns the rest into zeros. */
const EXCEL_SIGNIFICANT_DIGITS = 15;

/**
 * Reads the raw text of a phone number from a JavaScript caller, which may
 * pass any value. Spreadsheet readers hand over a numeric cell as a number,
 * which is exact only up to Number.MAX_SAFE_INTEGER. A larger number has lost
 * digits, and a negative or fractional one is no phone number.
 */
export function readPhoneInput(input: unknown): ParseResult<string, PhoneErrorCode> {
  if (typeof input === 'string') return ok(input);
  if (input === null || input === undefined) return fail('PHONE_REQUIRED');
  if (typeof input === 'bigint') return input < 0n ? fail('PHONE_FORMAT_INVALID') : ok(String(input));
  if (typeof input !== 'number') return fail('PHONE_FORMAT_INVALID');

  if (!Number.isInteger(input) || input < 0) return fail('PHONE_FORMAT_INVALID');
  if (!Number.isSafeInteger(input)) return fail('PHONE_EXCEL_MANGLED');
  return ok(String(input));
}

/**
 * Drops the decimal zeros of a number written as 13800138000.0. Up to 15
 * significant digits survive Excel, so such a number is read as its digits,
 * and a longer one has lost digits.
 */
export function withoutDecimalZeros(text: string): ParseResult<string, PhoneErrorCode> {
  const digits = DECIMAL_ZEROS.exec(text)?.[1];
  if (digits === undefined) return ok(text);
  if (digits.replace(/^0+/, '').length > EXCEL_SIGNIFICANT_DIGITS) return fail('PHONE_EXCEL_MANGLED');
  return ok(digits);
}
