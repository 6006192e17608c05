import { actionKey, charKey, type KeyboardKey } from './keys.js';

/** Length of a resident ID number (GB 11643). */
export const RESIDENT_ID_LENGTH = 18;
/** Length of a mainland mobile number. */
export const MOBILE_NUMBER_LENGTH = 11;
/** Most digits of a landline with its area code (0512 and eight digits). */
export const MAX_PHONE_DIGITS = 12;

/** Settings of a digit keypad: the ID keypad has an X key, the phone keypad has none. */
export interface DigitKeypadSpec {
  testIdPrefix: string;
  maxLength: number;
  /** X, the check character of a resident ID; allowed only in the last position. */
  extraKey?: 'X';
}

export const ID_KEYPAD: DigitKeypadSpec = { testIdPrefix: 'id', maxLength: RESIDENT_ID_LENGTH, extraKey: 'X' };
export const PHONE_KEYPAD: DigitKeypadSpec = { testIdPrefix: 'phone', maxLength: MAX_PHONE_DIGITS };

export function isDigitKeyAllowed(value: string, key: string, spec: DigitKeypadSpec): boolean {
  if (value.length >= spec.maxLength || value.endsWith('X')) return false;
  if (key === spec.extraKey) return value.length === spec.maxLength - 1;
  return /^[0-9]$/.test(key);
}

/** Appends a key's character, or returns the value unchanged when the key is not allowed there. A lowercase x is typed as X. */
export function appendDigitKey(value: string, key: string, spec: DigitKeypadSpec): string {
  const character = key === 'x' ? 'X' : key;
  return isDigitKeyAllowed(value, character, spec) ? value + character : value;
}

/** Rows of a telephone-style keypad: 1–9 in three rows, then X (or an empty cell), 0 and delete, then done. */
export function digitKeypadRows(value: string, spec: DigitKeypadSpec): KeyboardKey[][] {
  const key = (digit: string) => charKey(digit, spec.testIdPrefix, !isDigitKeyAllowed(value, digit, spec));
  const rows = [
    ['1', '2', '3'],
    ['4', '5', '6'],
    ['7', '8', '9'],
  ].map((digits) => digits.map(key));

  const lastRow: KeyboardKey[] = [];
  if (spec.extraKey) lastRow.push(key(spec.extraKey));
  lastRow.push(key('0'), actionKey('delete', spec.testIdPrefix, 'checkpointForm.keyboard.delete', spec.extraKey ? 1 : 2));
  rows.push(lastRow);
  rows.push([actionKey('done', spec.testIdPrefix, 'checkpointForm.keyboard.done', 3)]);
  return rows;
}
