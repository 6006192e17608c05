import { chinaCalendarDate, compactCode, isCalendarDate } from '@cordon/core';
import { AppError } from '../../errors/app-error.js';

/**
 * Card numbers as readers send them: decimal (0012345678) or hexadecimal
 * (A1B2C3D4) UIDs of 4 to 32 characters. Spaces, dashes and colons that a
 * typist copies from a label are dropped, and letters are upper-cased, so a
 * reader's value matches the stored one.
 */
const CARD_NUMBER = /^[0-9A-Z]{4,32}$/;

/** Returns the stored form of a card number, or null when the input is not one. */
export function normalizeCardNumber(input: string): string | null {
  const compact = compactCode(input).replace(/[:]/g, '');
  return CARD_NUMBER.test(compact) ? compact : null;
}

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
