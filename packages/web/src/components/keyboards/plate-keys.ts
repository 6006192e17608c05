import { PROVINCE_ABBREVIATIONS, isProvinceAbbreviation, lookupPlatePrefix, normalizePlateInput, parsePlate } from '@cordon/core';
import { actionKey, charKey, type KeyboardKey } from './keys.js';

const TEST_ID_PREFIX = 'plate';

/**
 * Province characters in the order of the plate keyboards that drivers know
 * from parking and traffic apps: municipalities first, then roughly north to
 * south and east to west.
 */
export const PROVINCE_KEY_ORDER = Array.from('京津沪渝冀晋辽吉黑苏浙皖闽赣鲁豫鄂湘粤琼川贵云陕甘青蒙桂宁新藏');

/** Openings of plates that do not start with a province character: embassy (使), armed police (WJ), emergency motorcycles (应急). */
export const SPECIAL_OPENINGS = ['使', 'WJ', '应急'] as const;

const DIGITS = Array.from('1234567890');
const LETTER_ROWS = [Array.from('QWERTYUIOP'), Array.from('ASDFGHJKL'), Array.from('ZXCVBNM')];

/**
 * Red characters that close a plate: trailer, coach, police, Hong Kong,
 * Macau, consulate and emergency plates. 试 and 超 are left out because
 * parsePlate rejects them.
 */
export const CLOSING_MARKS = ['挂', '学', '警', '港', '澳', '领', '应急'] as const;

/** Service marks that close an armed-police plate (WJ粤1234消). */
export const ARMED_POLICE_MARKS = Array.from('消边通森金电');

/** Most characters of any plate (WJ01·12345 without the dot). */
export const MAX_PLATE_CHARACTERS = 9;

export type PlateLayout = 'province' | 'alphanumeric';

/** Number of characters of an ordinary (7) or new-energy (8) plate. */
export function civilianPlateLength(newEnergy: boolean): number {
  return newEnergy ? 8 : 7;
}

/** Picks the layout a plate keyboard opens with: province characters for an empty plate and after 应急, letters and digits elsewhere. */
export function defaultPlateLayout(value: string): PlateLayout {
  const compact = normalizePlateInput(value);
  return compact === '' || compact === '应急' ? 'province' : 'alphanumeric';
}

/**
 * Tells whether a plate is finished, so the form can move on to the next
 * field without a tap. A civilian plate is finished at 7 characters, or 8
 * when the officer marked it as new-energy, because 苏AD1234 is a valid
 * ordinary plate and also the start of the new-energy plate 苏AD12345.
 * Embassy, military and emergency-motorcycle plates have a single length.
 * Armed-police plates never finish by themselves, because WJ12345 and
 * WJ123456 are both valid; the officer presses the done key.
 */
export function isPlateComplete(value: string, newEnergy: boolean): boolean {
  const parsed = parsePlate(value);
  if (!parsed.ok) return false;

  const plate = parsed.value;
  if (plate.kind === 'armed_police') return false;
  if (plate.kind === 'ordinary') return !newEnergy;
  if (plate.kind === 'new_energy') return newEnergy;
  return true;
}

function civilianKeyAllowed(chars: string[], key: string, newEnergy: boolean): boolean {
  const index = chars.length;
  const lastIndex = civilianPlateLength(newEnergy) - 1;
  const isMark = (CLOSING_MARKS as readonly string[]).includes(key);

  // X and S are also the team codes of emergency-rescue plates (苏X1234应急).
  if (index === 1) return !/[0-9]/.test(key) && (lookupPlatePrefix(`${chars[0]}${key}`) !== undefined || key === 'X' || key === 'S');
  if (isMark || index >= lastIndex) return parsePlate(chars.join('') + key).ok;
  // GA 36 serials never use I and O, and parsePlate would read them as 1 and 0.
  return key !== 'I' && key !== 'O';
}

function specialKeyAllowed(compact: string, key: string): boolean {
  const chars = Array.from(compact);
  if (chars.length + Array.from(key).length > MAX_PLATE_CHARACTERS) return false;
  if (compact.startsWith('WJ')) return key !== 'I' && key !== 'O';
  if (compact.startsWith('使')) return /[0-9]/.test(key) && chars.length < 7;
  if (compact.startsWith('应急')) return chars.length === 5 ? key === 'X' || key === 'S' : /[0-9]/.test(key) && chars.length < 5;

  // Military plates (VA12345) and trailing-使 embassy plates (014578使) open with a letter or a digit.
  const first = chars[0] ?? '';
  if (/[A-Z]/.test(first)) return chars.length < 2 ? /[A-Z]/.test(key) : /[0-9]/.test(key) && chars.length < 7;
  if (/[0-9]/.test(first)) return chars.length < 6 ? /[0-9]/.test(key) : key === '使' && chars.length === 6;
  return false;
}

/**
 * Tells whether typing `key` after `value` can still lead to a valid plate.
 * Province-first plates are checked strictly: the issuing letter must be one
 * that the province issues, serials skip I and O, and the last character
 * must make the whole plate valid. Other plates get looser checks and are
 * validated by parsePlate when finished.
 */
export function isPlateKeyAllowed(value: string, key: string, newEnergy: boolean): boolean {
  const compact = normalizePlateInput(value);
  const chars = Array.from(compact);

  if (chars.length === 0)
    return isProvinceAbbreviation(key) || (SPECIAL_OPENINGS as readonly string[]).includes(key) || /^[A-Z0-9]$/.test(key);
  if (compact === '应急') return isProvinceAbbreviation(key);
  if (compact === 'WJ') return isProvinceAbbreviation(key) || /^[0-9]$/.test(key);
  if (isProvinceAbbreviation(chars[0])) {
    if (chars.length >= civilianPlateLength(newEnergy)) return false;
    return civilianKeyAllowed(chars, key, newEnergy);
  }
  return specialKeyAllowed(compact, key);
}

/** Appends a key's text to a plate, or returns the plate unchanged when the key is not allowed there. */
export function appendPlateKey(value: string, key: string, newEnergy: boolean): string {
  const compact = normalizePlateInput(value);
  return isPlateKeyAllowed(compact, key, newEnergy) ? compact + key : compact;
}

function rowOf(keys: string[], value: string, newEnergy: boolean): KeyboardKey[] {
  return keys.map((key) => charKey(key, TEST_ID_PREFIX, !isPlateKeyAllowed(value, key, newEnergy)));
}

/**
 * Rows of the plate keyboard for the plate typed so far. The province layout
 * has the 31 province characters, 使, WJ and 应急. The other layout has
 * digits, letters and the closing marks (with the service marks after WJ).
 * Both end with a layout switch, the new-energy switch, delete and done.
 */
export function plateKeyboardRows(value: string, layout: PlateLayout, newEnergy: boolean): KeyboardKey[][] {
  const compact = normalizePlateInput(value);
  const rows: KeyboardKey[][] = [];

  if (layout === 'province') {
    // Nine keys a row leave the last row four provinces and the three special openings.
    for (let start = 0; start < PROVINCE_KEY_ORDER.length; start += 9) {
      rows.push(rowOf(PROVINCE_KEY_ORDER.slice(start, start + 9), compact, newEnergy));
    }
    rows[rows.length - 1]?.push(...rowOf([...SPECIAL_OPENINGS], compact, newEnergy));
  } else {
    rows.push(rowOf(DIGITS, compact, newEnergy));
    for (const letters of LETTER_ROWS) rows.push(rowOf(letters, compact, newEnergy));
    const marks = compact.startsWith('WJ') ? ARMED_POLICE_MARKS.concat('警') : [...CLOSING_MARKS];
    rows.push(rowOf(marks, compact, newEnergy));
  }

  const newEnergyKey: KeyboardKey = { ...actionKey('toggle', TEST_ID_PREFIX, 'checkpointForm.keyboard.newEnergy', 2), active: newEnergy };
  newEnergyKey.testId = 'plate-key-new-energy';
  rows.push([
    actionKey(
      'layout',
      TEST_ID_PREFIX,
      layout === 'province' ? 'checkpointForm.keyboard.toLetters' : 'checkpointForm.keyboard.toProvinces',
      2,
    ),
    newEnergyKey,
    actionKey('delete', TEST_ID_PREFIX, 'checkpointForm.keyboard.delete', 2),
    actionKey('done', TEST_ID_PREFIX, 'checkpointForm.keyboard.done', 2),
  ]);
  return rows;
}

/** Lists the province characters of core's table that have no key. A test expects none. */
export function provinceKeysMissing(): string[] {
  return Object.keys(PROVINCE_ABBREVIATIONS).filter((abbr) => !PROVINCE_KEY_ORDER.includes(abbr));
}
