import { compactCode } from '../text/normalize.js';

/**
 * Card numbers as readers send them: decimal (0012345678) or hexadecimal
 * (A1B2C3D4) UIDs of 4 to 32 characters once compacted.
 */
export const MIN_CARD_NUMBER_LENGTH = 4;
export const MAX_CARD_NUMBER_LENGTH = 32;

/**
 * Maximum length of a card number as typed or sent, before spaces, dashes
 * and colons are dropped: a 32-character UID copied from a label with
 * separators still fits. Pass forms, the pass API and device formats all
 * accept input up to this length.
 */
export const MAX_CARD_INPUT_LENGTH = 40;

const CARD_NUMBER = new RegExp(`^[0-9A-Z]{${MIN_CARD_NUMBER_LENGTH},${MAX_CARD_NUMBER_LENGTH}}$`);

/**
 * Returns the stored form of a card number, or null when the input is not one.
 * The input is NFKC-normalised, spaces, dashes and colons that a typist copies
 * from a label are dropped and letters are upper-cased, so a reader's value
 * matches the stored one.
 */
export function normalizeCardNumber(input: string): string | null {
  if (input.length > MAX_CARD_INPUT_LENGTH) return null;
  // NFKC folds compatibility digits and letters (mathematical digits, circled forms) that the full-width mapping misses.
  const compact = compactCode(input.normalize('NFKC')).replace(/[:]/g, '');
  return CARD_NUMBER.test(compact) ? compact : null;
}
