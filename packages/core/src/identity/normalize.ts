import { compactCode } from '../text/normalize.js';

/**
 * Maximum length of raw input that is normalised. The longest document number
 * has 18 characters, so even with separators, quotes and stray spaces a real
 * value stays far below it. Anything longer is rejected without further work.
 */
export const MAX_INPUT_LENGTH = 128;

/** Zero-width characters that survive copying from web pages and chat apps. */
const INVISIBLE_CHARACTERS = /[\u200B-\u200D\u2060\uFEFF]/gu;

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
 * Normalises a typed or imported document number: half-width, upper case,
 * without spaces, dashes, invisible characters or spreadsheet text markers.
 */
export function normalizeDocumentNumber(input: string): string {
  const compact = compactCode(input.replace(INVISIBLE_CHARACTERS, ''));
  return compact.replace(TEXT_MARKER_PREFIX, '').replace(TEXT_MARKER_SUFFIX, '');
}

/** Checks whether a normalised value is a number that Excel rewrote in scientific notation. */
export function isScientificNotation(normalized: string): boolean {
  return SCIENTIFIC_NOTATION.test(normalized);
}
