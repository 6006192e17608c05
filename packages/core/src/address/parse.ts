import { fail, ok } from '../result.js';
import { canonicalPartValue, splitSegments, type AddressPart, type AddressSegment } from './segments.js';
import { compactRoomText } from './text.js';
import { MAX_ADDRESS_TEXT_LENGTH, type RoomAddress, type RoomAddressParseResult } from './types.js';

const PARTS: readonly AddressPart[] = ['building', 'unit', 'room'];

/** A text made only of whitespace, control, format and default-ignorable characters is blank. */
const BLANK = /^[\s\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}]*$/u;

/**
 * Parses a room in a compound as offices and residents write it:
 * "3幢2单元1202室", "3栋2-1202", "3号楼1202", "3-2-1202", "3#2单元1202",
 * "三幢二单元1202", "A座1202", "3幢", "1202室". A bare number is a room, two
 * bare numbers are a building and a room ("3-1202"), three are building,
 * unit and room. Full-width characters and spaces are accepted. Never
 * throws: a value that is not a string gives ADDRESS_TEXT_REQUIRED.
 */
export function parseRoomAddress(input: unknown): RoomAddressParseResult {
  if (typeof input !== 'string') return fail('ADDRESS_TEXT_REQUIRED');
  if (isLongerThan(input, MAX_ADDRESS_TEXT_LENGTH)) return fail('ADDRESS_TEXT_TOO_LONG');
  if (BLANK.test(input)) return fail('ADDRESS_TEXT_REQUIRED');

  const segments = splitSegments(compactRoomText(input));
  const parts = segments === undefined ? undefined : assignParts(segments);
  if (segments === undefined || parts === undefined) return fail('ADDRESS_TEXT_UNRECOGNIZED');

  const address: RoomAddress = {};
  for (const [index, segment] of segments.entries()) {
    const part = parts[index] ?? 'room';
    const value = canonicalPartValue(part, segment.value);
    if (value === undefined) return fail('ADDRESS_TEXT_UNRECOGNIZED');
    address[part] = value;
  }

  const floor = address.room === undefined ? undefined : floorOfRoom(address.room);
  if (floor !== undefined) address.floor = floor;
  return ok(address);
}

/** Counts code points only as far as needed, so a megabyte of text costs no more than the limit. */
function isLongerThan(text: string, maxLength: number): boolean {
  if (text.length <= maxLength) return false;
  // A code point takes one or two UTF-16 code units.
  if (text.length > maxLength * 2) return true;

  let count = 0;
  for (const _char of text) {
    count += 1;
    if (count > maxLength) return true;
  }
  return false;
}

/**
 * Gives each segment its part. A word names the part of its number, and the
 * parts must come in the order building, unit, room. Bare numbers take the
 * parts left free between their neighbours, in order, except that the last
 * bare number of the address is the room when the room is still free: "3-1202"
 * is building 3, room 1202. Returns undefined when the parts cannot be given.
 */
function assignParts(segments: AddressSegment[]): AddressPart[] | undefined {
  const parts: AddressPart[] = [];
  let previous = -1;
  let index = 0;

  while (index < segments.length) {
    const segment = segments[index];
    if (segment === undefined) return undefined;

    if (segment.part !== undefined) {
      const position = PARTS.indexOf(segment.part);
      if (position <= previous) return undefined;
      parts.push(segment.part);
      previous = position;
      index += 1;
      continue;
    }

    // A run of bare numbers, up to the next number with a word or the end.
    let runEnd = index;
    while (runEnd < segments.length && segments[runEnd]?.part === undefined) runEnd += 1;
    const next = runEnd < segments.length ? PARTS.indexOf(segments[runEnd]?.part ?? 'room') : PARTS.length;
    const free = PARTS.slice(previous + 1, next);
    const runLength = runEnd - index;
    if (runLength > free.length) return undefined;

    const lastIsRoom = runEnd === segments.length && free.includes('room');
    const chosen = lastIsRoom ? [...free.slice(0, runLength - 1), 'room' as const] : free.slice(0, runLength);
    parts.push(...chosen);
    previous = PARTS.indexOf(chosen[chosen.length - 1] ?? 'room');
    index = runEnd;
  }

  return parts;
}

const ROOM_DIGITS = /\d+/;

/**
 * Reads the floor from a room number of 3 or 4 digits, where the last two
 * digits number the room on its floor: 1202 is on floor 12, B102 on floor 1.
 * Other room numbers give no floor.
 */
function floorOfRoom(room: string): number | undefined {
  const digits = ROOM_DIGITS.exec(room)?.[0] ?? '';
  if (digits.length < 3 || digits.length > 4) return undefined;
  return Number(digits.slice(0, -2));
}
