import { parsePlate } from '@cordon/core';
import { describe, expect, it } from 'vitest';
import type { KeyboardKey } from './keys.js';
import {
  appendPlateKey,
  defaultPlateLayout,
  isPlateComplete,
  isPlateKeyAllowed,
  plateKeyboardRows,
  provinceKeysMissing,
  PROVINCE_KEY_ORDER,
} from './plate-keys.js';

function typeKeys(keys: string[], newEnergy = false): string {
  return keys.reduce((value, key) => appendPlateKey(value, key, newEnergy), '');
}

function enabledChars(rows: KeyboardKey[][]): string[] {
  return rows
    .flat()
    .filter((key) => key.kind === 'char' && !key.disabled)
    .map((key) => key.value);
}

describe('plate keyboard', () => {
  it('has a key for each of the 31 provinces', () => {
    expect(provinceKeysMissing()).toEqual([]);
    expect(new Set(PROVINCE_KEY_ORDER).size).toBe(31);
  });

  it('opens on provinces and special openings', () => {
    expect(defaultPlateLayout('')).toBe('province');
    const keys = enabledChars(plateKeyboardRows('', 'province', false));
    expect(keys).toContain('鄂');
    expect(keys).toContain('使');
    expect(keys).toContain('WJ');
    expect(keys).toContain('应急');
  });

  it('switches to letters after the province', () => {
    expect(defaultPlateLayout('鄂')).toBe('alphanumeric');
    expect(defaultPlateLayout('应急')).toBe('province');
  });

  it('issuing letter: only letters the province issues', () => {
    expect(isPlateKeyAllowed('鄂', 'A', false)).toBe(true);
    expect(isPlateKeyAllowed('鄂', 'O', false)).toBe(true);
    expect(isPlateKeyAllowed('鄂', 'I', false)).toBe(false);
    expect(isPlateKeyAllowed('鄂', '1', false)).toBe(false);
    expect(isPlateKeyAllowed('鄂', '0', false)).toBe(false);
  });

  it('serial skips I and O', () => {
    expect(isPlateKeyAllowed('鄂A', 'I', false)).toBe(false);
    expect(isPlateKeyAllowed('鄂A', 'O', false)).toBe(false);
    expect(isPlateKeyAllowed('鄂A', '0', false)).toBe(true);
    expect(isPlateKeyAllowed('鄂A', 'B', false)).toBe(true);
  });

  it('closing marks only in the last position', () => {
    expect(isPlateKeyAllowed('苏E123', '挂', false)).toBe(false);
    expect(isPlateKeyAllowed('苏E1234', '挂', false)).toBe(true);
    expect(isPlateKeyAllowed('苏E1234', '学', false)).toBe(true);
    expect(isPlateKeyAllowed('苏E1234', '警', false)).toBe(true);
  });

  it('港 and 澳 only after 粤Z', () => {
    expect(isPlateKeyAllowed('粤Z1234', '港', false)).toBe(true);
    expect(isPlateKeyAllowed('粤Z1234', '澳', false)).toBe(true);
    expect(isPlateKeyAllowed('苏E1234', '港', false)).toBe(false);
  });

  it('last key must make a valid plate', () => {
    expect(isPlateKeyAllowed('苏E1234', '5', false)).toBe(true);
    expect(isPlateKeyAllowed('苏E1234', '5', true)).toBe(true);
    // 苏ED1234 + 5 is a small new-energy plate; + Z is not.
    expect(isPlateKeyAllowed('苏ED1234', '5', true)).toBe(true);
    expect(isPlateKeyAllowed('苏ED1234', 'Z', true)).toBe(false);
  });

  it('stops at 7 characters, 8 for new energy', () => {
    expect(isPlateKeyAllowed('鄂A12345', '6', false)).toBe(false);
    expect(typeKeys(Array.from('鄂A123456'))).toBe('鄂A12345');
    expect(typeKeys(Array.from('苏AD12345'), true)).toBe('苏AD12345');
  });

  it('ignores keys not allowed at a position', () => {
    expect(typeKeys(['鄂', '1', 'A', 'I', 'O', '1'])).toBe('鄂A1');
  });

  it('typed plates parse', () => {
    for (const [keys, newEnergy, number] of [
      [['鄂', 'A', '1', '2', '3', '4', '5'], false, '鄂A12345'],
      [['苏', 'E', 'D', '1', '2', '3', '4', '5'], true, '苏ED12345'],
      [['苏', 'E', '1', '2', '3', '4', '挂'], false, '苏E1234挂'],
      [['粤', 'Z', '1', '2', '3', '4', '港'], false, '粤Z1234港'],
      [['使', '0', '1', '4', '5', '7', '8'], false, '使014578'],
      [['苏', 'X', '1', '2', '3', '4', '应急'], false, '苏X1234应急'],
      [['V', 'A', '1', '2', '3', '4', '5'], false, 'VA12345'],
    ] as const) {
      const value = typeKeys([...keys], newEnergy);
      expect(value, keys.join('')).toBe(number);
      expect(parsePlate(value).ok, number).toBe(true);
    }
  });

  it('WJ takes a province or digits', () => {
    expect(isPlateKeyAllowed('WJ', '苏', false)).toBe(true);
    expect(isPlateKeyAllowed('WJ', '0', false)).toBe(true);
    expect(typeKeys(['WJ', '苏', '1', '2', '3', '4', '5'])).toBe('WJ苏12345');
  });

  it('complete at the expected length', () => {
    expect(isPlateComplete('鄂A12345', false)).toBe(true);
    expect(isPlateComplete('鄂A1234', false)).toBe(false);
    // 苏AD1234 is valid as ordinary, but a new-energy plate needs one more character.
    expect(isPlateComplete('苏AD1234', false)).toBe(true);
    expect(isPlateComplete('苏AD1234', true)).toBe(false);
    expect(isPlateComplete('苏AD12345', true)).toBe(true);
    expect(isPlateComplete('苏E1234挂', true)).toBe(true);
    expect(isPlateComplete('使014578', false)).toBe(true);
  });

  it('armed-police plates wait for done', () => {
    expect(parsePlate('WJ12345').ok).toBe(true);
    expect(isPlateComplete('WJ12345', false)).toBe(false);
  });

  it('rows have test ids and action keys', () => {
    const rows = plateKeyboardRows('鄂A', 'alphanumeric', false);
    const ids = rows.flat().map((key) => key.testId);
    expect(ids).toContain('plate-key-A');
    expect(ids).toContain('plate-key-1');
    expect(ids).toContain('plate-key-挂');
    expect(ids).toContain('plate-key-delete');
    expect(ids).toContain('plate-key-done');
    expect(ids).toContain('plate-key-layout');
    expect(ids).toContain('plate-key-new-energy');
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('service marks after WJ', () => {
    const marks = plateKeyboardRows('WJ粤1234', 'alphanumeric', false)
      .flat()
      .map((key) => key.value);
    expect(marks).toContain('消');
    expect(marks).not.toContain('挂');
  });

  it('new-energy key shows its state', () => {
    const toggle = plateKeyboardRows('', 'province', true)
      .flat()
      .find((key) => key.kind === 'toggle');
    expect(toggle?.active).toBe(true);
  });
});
