import { describe, expect, it } from 'vitest';
import { appendDigitKey, digitKeypadRows, ID_KEYPAD, isDigitKeyAllowed, PHONE_KEYPAD } from './digit-keys.js';
import { deleteLastCharacter } from './keys.js';

function typeKeys(keys: string, spec = ID_KEYPAD): string {
  return Array.from(keys).reduce((value, key) => appendDigitKey(value, key, spec), '');
}

describe('digit keypads', () => {
  it('X only as the 18th character', () => {
    expect(isDigitKeyAllowed('', 'X', ID_KEYPAD)).toBe(false);
    expect(isDigitKeyAllowed('1'.repeat(16), 'X', ID_KEYPAD)).toBe(false);
    expect(isDigitKeyAllowed('1'.repeat(17), 'X', ID_KEYPAD)).toBe(true);
    expect(typeKeys('42010119900307X')).toBe('42010119900307');
  });

  it('lowercase x types X', () => {
    expect(appendDigitKey('42010119900307123', 'x', ID_KEYPAD)).toBe('42010119900307123X');
  });

  it('stops at the maximum length', () => {
    expect(typeKeys('4201011990030712345')).toBe('420101199003071234');
    expect(typeKeys('1380000000012345', PHONE_KEYPAD)).toBe('138000000001');
    expect(isDigitKeyAllowed('42010119900307123X', '1', ID_KEYPAD)).toBe(false);
  });

  it('phone keypad has no X', () => {
    expect(isDigitKeyAllowed('1'.repeat(11), 'X', PHONE_KEYPAD)).toBe(false);
    const ids = digitKeypadRows('', PHONE_KEYPAD)
      .flat()
      .map((key) => key.testId);
    expect(ids).not.toContain('phone-key-X');
    expect(ids).toContain('phone-key-0');
    expect(ids).toContain('phone-key-done');
  });

  it('ID keypad test ids', () => {
    const keys = digitKeypadRows('1'.repeat(17), ID_KEYPAD).flat();
    const ids = keys.map((key) => key.testId);
    for (const id of ['id-key-1', 'id-key-9', 'id-key-0', 'id-key-X', 'id-key-delete', 'id-key-done']) expect(ids).toContain(id);
    expect(keys.find((key) => key.testId === 'id-key-X')?.disabled).toBe(false);
  });

  it('delete removes one character', () => {
    expect(deleteLastCharacter('鄂A1')).toBe('鄂A');
    expect(deleteLastCharacter('王𠮷')).toBe('王');
    expect(deleteLastCharacter('')).toBe('');
  });
});
