import { fail, ok, type ParseResult } from '../result.js';
import { compactCode } from '../text/normalize.js';
import type { IdentityErrorCode } from './types.js';

/**
 * Maximum length of raw input that is normalised. The longest document number
 * has 18 characters, so even with separators, quotes and stray spaces a real
 * value stays far below it. Anything longer is rejected without further work.
 */
export const MAX_INPUT_LENGTH = 128;

/**
 * Spreadsheet text markers around a number: an Excel leading apostrophe, a CSV
 * formula wrapper such as ="420106…", and straight or curly quotes.
 */
const TEXT_MARKER_PREFIX = /^(?:=?["'“”‘’]+|=)/u;
const TEXT_MARKER_SUFFIX = /["'“”‘’]+$/u;

/**
 * Excel shows a long number in scientific notation (4.20106E+17) and a CSV
 * saved from it keeps that text, so every digit past the sixth significant
 * one may be lost.
 * Some locales write the decimal separator as a comma.
 */
const SCIENTIFIC_NOTATION = /^\d+(?:[.,]\d+)?E\+?\d+$/;

/**
 * A whole number that a spreadsheet wrote with decimals (110105491231002.0),
 * because the cell has a number format with decimal places.
 */
const DECIMAL_ZEROS = /^(\d+)\.0+$/;

/** Excel stores 15 significant digits of a number and turns the rest into zeros. */
const EXCEL_SIGNIFICANT_DIGITS = 15;

/**
 * Normalises a typed or imported document number: half-width, upper case,
 * without spaces, dashes, invisible characters (compactCode removes zero-width
 * and bidirectional marks) or spreadsheet text markers.
 */
export function normalizeDocumentNumber(input: string): string {
  return compactCode(input).replace(TEXT_MARKER_PREFIX, '').replace(TEXT_MARKER_SUFFIX, '');
}

/** Checks whether a normalised value is a number that Excel rewrote in scientific notation. */
export function isScientificNotation(normalized: string): boolean {
  return SCIENTIFIC_NOTATION.test(normalized);
}

/**
 * Drops the decimal zeros of a number written as 110105491231002.0. Up to 15
 * significant digits survive Excel, so such a number is read as its digits. A
 * longer one (an 18-digit number with .0) has lost its last digits.
 */
export function withoutDecimalZeros(normalized: string): ParseResult<string, IdentityErrorCode> {
  const digits = DECIMAL_ZEROS.exec(normalized)?.[1];
  if (digits === undefined) return ok(normalized);
  if (digits.replace(/^0+/, '').length > EXCEL_SIGNIFICANT_DIGITS) return fail('ID_NUMBER_EXCEL_MANGLED');
  return ok(digits);
}
