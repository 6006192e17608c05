import { compactCode, toHalfWidth } from '../text/normalize.js';

/**
 * Maximum length of raw input that is normalised. A 12-digit code with
 * separators, quotes and stray spaces stays far below it. Longer input is
 * rejected without reading it.
 */
export const MAX_REGION_CODE_INPUT_LENGTH = 64;

/**
 * Spreadsheet text markers around a code: an Excel leading apostrophe, a CSV
 * formula wrapper such as ="320505", and straight or curly quotes.
 */
const TEXT_MARKER_PREFIX = /^(?:=?["'“”‘’]+|=)/u;
const TEXT_MARKER_SUFFIX = /["'“”‘’]+$/u;
const TEXT_MARKER_CHARACTER = /^[="'“”‘’]$/u;

/** Dashes that compactCode removes as separators. Before the first digit they are a minus sign. */
const DASH = /^[-‐‑‒–—―−]$/u;

/** A whole number that a spreadsheet wrote with decimals (320505.0). Region codes have at most 12 digits, so none lost precision. */
const DECIMAL_ZEROS = /^(\d+)\.0+$/;

/**
 * Reads a region code typed, imported or passed by a JavaScript caller, and
 * returns it compacted (half-width, without separators, invisible characters,
 * text markers or decimal zeros) for the shape checks. A number (a numeric
 * spreadsheet cell) is read as its digits when it is a non-negative safe
 * integer. Returns undefined for any other value, for input longer than
 * MAX_REGION_CODE_INPUT_LENGTH and for a code with a minus sign (-320505).
 */
export function readRegionCodeInput(input: unknown): string | undefined {
  if (typeof input === 'number') return Number.isSafeInteger(input) && input >= 0 ? String(input) : undefined;
  if (typeof input !== 'string' || input.length > MAX_REGION_CODE_INPUT_LENGTH) return undefined;
  if (startsWithMinus(input)) return undefined;

  const compact = compactCode(input).replace(TEXT_MARKER_PREFIX, '').replace(TEXT_MARKER_SUFFIX, '');
  return DECIMAL_ZEROS.exec(compact)?.[1] ?? compact;
}

/**
 * Tells whether a dash comes before the first digit or letter, looking past
 * spaces, invisible characters and text markers. compactCode removes dashes
 * anywhere, so this is checked on the raw input.
 */
function startsWithMinus(input: string): boolean {
  for (const character of input) {
    const halfWidth = toHalfWidth(character);
    if (DASH.test(halfWidth)) return true;
    if (compactCode(halfWidth) !== '' && !TEXT_MARKER_CHARACTER.test(halfWidth)) return false;
  }
  return false;
}
