import { cleanName, toHalfWidth } from '../text/normalize.js';

/** Hyphen-like characters that people type between numbers: hyphen, dashes, minus sign, small hyphen-minus. */
const DASHES = /[‐‑‒–—―−﹣]/gu;

/**
 * Normalises a free-form address (a village house, a shop, an enterprise
 * premises) for storage and search: full-width letters, digits and spaces
 * become ASCII, dashes become "-", invisible and control characters are
 * removed, and runs of spaces are folded to one. Letter case is kept, so
 * searches should compare case-insensitively. Returns an empty string for
 * blank text and for a value that is not a string.
 */
export function normalizeAddressText(input: string): string {
  if (typeof input !== 'string') return '';
  return cleanName(toHalfWidth(input).replace(DASHES, '-'));
}

const LOOSE_SPACES = /\s*-\s*/gu;
const SPACE_BETWEEN_NUMBERS = /(?<=[A-Z0-9])\s+(?=[A-Z0-9])/gu;
const SPACES = /\s+/gu;

/**
 * Prepares a room address for the tokenizer: normalised, upper case, and
 * without spaces. A space between two numbers separates them like a dash
 * ("3 2 1202" is "3-2-1202"), every other space is dropped ("3 幢" is "3幢").
 */
export function compactRoomText(input: string): string {
  return normalizeAddressText(input).toUpperCase().replace(LOOSE_SPACES, '-').replace(SPACE_BETWEEN_NUMBERS, '-').replace(SPACES, '');
}
