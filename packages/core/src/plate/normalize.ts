import { compactCode } from '../text/normalize.js';

/**
 * Maximum raw input length in UTF-16 code units. The longest plate has 9
 * characters (WJ01·T1234), and the rest allows for spaces and separators.
 * Longer input is rejected before it is normalised.
 */
export const MAX_PLATE_INPUT_LENGTH = 32;

/**
 * Dots that people and plate cameras put between the issuer and the serial
 * (苏E·12345): full stop, middle dot, bullet, katakana middle dot, hyphenation
 * point, bullet operator, dot operator and the ideographic full stops.
 */
const PLATE_DOTS = /[.·•・‧∙⋅。｡]/gu;

/**
 * Converts typed or recognised plate text to the plain form that the parser
 * reads: half-width, upper case, without spaces, dashes, dots and invisible
 * characters. Letters that plates never use are left as typed; `readSerial`
 * and `readIssuingLetter` handle O/0 and I/1 by position. A value that is not
 * a string gives an empty string.
 */
export function normalizePlateInput(input: string): string {
  if (typeof input !== 'string') return '';
  return compactCode(input).replace(PLATE_DOTS, '');
}

/**
 * GA 36 never uses the letters I and O in a serial, so in a serial they can
 * only be misread or mistyped digits: O is read as 0 and I as 1.
 */
export function readSerial(serial: string): string {
  return serial.replace(/O/g, '0').replace(/I/g, '1');
}

/**
 * Issuing codes are always letters, so a 0 in that position is the letter O
 * that provinces use for their police bodies (贵0E1234 → 贵OE1234).
 */
export function readIssuingLetter(char: string): string {
  return char === '0' ? 'O' : char;
}
