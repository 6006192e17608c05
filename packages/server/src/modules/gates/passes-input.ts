import { chinaCalendarDate, isCalendarDate, normalizeCardNumber } from '@cordon/core';
import { AppError } from '../../errors/app-error.js';

// The card number rules live in core, so the console form, the pass service
// and the device formats all accept the same cards.
export { MAX_CARD_INPUT_LENGTH, normalizeCardNumber } from '@cordon/core';

/** Reads an optional card number from a request: null or blank clears it, a bad one names the field. */
export function requireCardNumber(input: string | null | undefined): string | null {
  if (input === undefined || input === null || input.trim() === '') return null;
  const card = normalizeCardNumber(input);
  if (card === null) throw new AppError('PASS_CARD_NUMBER_INVALID', 'cardNumber');
  return card;
}

/** Reads an optional last day of validity: a calendar day from today (China) on. */
export function requireValidUntil(input: string | null | undefined, now: Date): string | null {
  if (input === undefined || input === null) return null;
  const today = chinaCalendarDate(now);
  if (!isCalendarDate(input) || input < today) throw new AppError('PASS_VALID_UNTIL_INVALID', 'validUntil', { today });
  return input;
}

/** True when a pass valid until that day (inclusive) is past it. */
export function isPastValidity(validUntil: string | null, now: Date): boolean {
  return validUntil !== null && validUntil < chinaCalendarDate(now);
}
