import { describe, expect, it } from 'vitest';
import { MAX_CARD_INPUT_LENGTH, normalizeCardNumber } from './card-number.js';

describe('normalizeCardNumber', () => {
  it('drops separators and upper-cases', () => {
    expect(normalizeCardNumber('a1:b2:c3:d4')).toBe('A1B2C3D4');
    expect(normalizeCardNumber('0012 3456-78')).toBe('0012345678');
  });

  it('folds full-width and compatibility digits', () => {
    expect(normalizeCardNumber('０００0１２３４５６')).toBe('0000123456');
    expect(normalizeCardNumber('𝟎𝟎𝟎𝟎𝟏𝟐𝟑𝟒𝟓𝟔')).toBe('0000123456');
    expect(normalizeCardNumber('ＡＢ：ＣＤ')).toBe('ABCD');
  });

  it('accepts 32 characters with separators', () => {
    const typed = 'AB:'.repeat(13) + 'C';
    expect(typed.length).toBeLessThanOrEqual(MAX_CARD_INPUT_LENGTH);
    expect(normalizeCardNumber(typed)).toBe('AB'.repeat(13) + 'C');
  });

  it('rejects too short, too long and other characters', () => {
    expect(normalizeCardNumber('A1B')).toBeNull();
    expect(normalizeCardNumber('1'.repeat(33))).toBeNull();
    expect(normalizeCardNumber(`${' '.repeat(MAX_CARD_INPUT_LENGTH)}1234`)).toBeNull();
    expect(normalizeCardNumber('卡1234')).toBeNull();
  });
});
