import { readChineseNumeral } from './numerals.js';

export type AddressPart = 'building' | 'unit' | 'room';

/** One number of a room address with the word that followed it, if any. */
export interface AddressSegment {
  value: string;
  /** Part named by the word after the number; undefined for a bare number such as the 2 in "3-2-1202". */
  part: AddressPart | undefined;
}

/**
 * A number (digits with an optional letter before or after, a lone letter, or
 * a Chinese numeral), the word that names its part, and an optional dash.
 * 号楼 comes before 号 so that "3号楼" is a building and "1202号" a room.
 */
const SEGMENT = /([A-Z]?\d+[A-Z]?|[A-Z]|[一二三四五六七八九十]+)(号楼|號樓|幢|栋|棟|楼|樓|座|#|单元|單元|室|号|號)?(-)?/uy;

const PART_OF_WORD: Record<string, AddressPart> = {
  号楼: 'building',
  號樓: 'building',
  幢: 'building',
  栋: 'building',
  棟: 'building',
  楼: 'building',
  樓: 'building',
  座: 'building',
  '#': 'building',
  单元: 'unit',
  單元: 'unit',
  室: 'room',
  号: 'room',
  號: 'room',
};

/** A room address has at most a building, a unit and a room. */
const MAX_SEGMENTS = 3;

/**
 * Splits compact room text (see compactRoomText) into its numbers. Returns
 * undefined when the text has anything else: other words, a leading,
 * trailing or doubled dash, or more than three numbers.
 */
export function splitSegments(text: string): AddressSegment[] | undefined {
  const segments: AddressSegment[] = [];
  let endsWithDash = false;
  SEGMENT.lastIndex = 0;

  while (SEGMENT.lastIndex < text.length) {
    const match = SEGMENT.exec(text);
    if (match === null || segments.length === MAX_SEGMENTS) return undefined;

    const [, value = '', word, dash] = match;
    segments.push({ value, part: word === undefined ? undefined : PART_OF_WORD[word] });
    endsWithDash = dash !== undefined;
  }

  return endsWithDash || segments.length === 0 ? undefined : segments;
}

/** Largest number of significant digits in each part, so that "99999999999-1" is no address. */
const MAX_DIGITS: Record<AddressPart, number> = { building: 4, unit: 2, room: 5 };

const LETTERS_AND_DIGITS = /^([A-Z]?)(\d*)([A-Z]?)$/;

/**
 * Writes the number of a part in canonical form: digits without leading
 * zeros, a Chinese numeral as digits. Returns undefined for a value that the
 * part cannot have: zero, too many digits, a Chinese numeral in a room
 * number, or a room number without digits.
 */
export function canonicalPartValue(part: AddressPart, value: string): string | undefined {
  const numeral = readChineseNumeral(value);
  if (numeral !== undefined) return part === 'room' ? undefined : String(numeral);

  const match = LETTERS_AND_DIGITS.exec(value);
  if (match === null) return undefined;

  const [, prefix = '', digits = '', suffix = ''] = match;
  if (digits === '') return part === 'room' || prefix === '' ? undefined : prefix;

  const significant = digits.replace(/^0+/, '');
  if (significant === '' || significant.length > MAX_DIGITS[part]) return undefined;
  return prefix + significant + suffix;
}
