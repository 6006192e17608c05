import type { ParseResult } from '../result.js';

/** Error codes of the address parsers. Each has a message in the address locale files. */
export const ADDRESS_ERROR_CODES = [
  'ADDRESS_TEXT_REQUIRED',
  'ADDRESS_TEXT_TOO_LONG',
  'ADDRESS_TEXT_UNRECOGNIZED',
  'ADDRESS_RANGE_INVALID',
  'ADDRESS_RANGE_TOO_LARGE',
] as const;

export type AddressErrorCode = (typeof ADDRESS_ERROR_CODES)[number];

/**
 * A room inside a compound: building (楼栋), unit (单元) and room (室). Numbers
 * are canonical strings without leading zeros and letters are upper case, so
 * "03幢" and "3幢" give the same building.
 */
export interface RoomAddress {
  /** Building number or name: "3", "12", "A", "B2". */
  building?: string;
  /** Unit (stairwell) of the building: "2", "A". */
  unit?: string;
  /** Room number, optionally with a letter: "1202", "B102". */
  room?: string;
  /** Floor read from a room number of 3 or 4 digits: 1202 is on floor 12, 302 on floor 3. */
  floor?: number;
}

export type RoomAddressParseResult = ParseResult<RoomAddress, AddressErrorCode>;

/** Maximum length of a room address in characters (code points), checked before the text is read. */
export const MAX_ADDRESS_TEXT_LENGTH = 100;
