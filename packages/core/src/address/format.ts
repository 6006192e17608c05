import type { RoomAddress } from './types.js';

/**
 * Writes a room address in the canonical Chinese form, "3幢2单元1202室". Parts
 * that are missing or blank are left out, and so is the floor, which the room
 * number already shows. Never throws: a value that is not an object gives "".
 */
export function formatRoomAddress(address: RoomAddress): string {
  if (typeof address !== 'object' || address === null) return '';

  return [textOf(address.building, '幢'), textOf(address.unit, '单元'), textOf(address.room, '室')].join('');
}

function textOf(value: unknown, word: string): string {
  if (typeof value !== 'string') return '';
  const trimmed = value.trim();
  return trimmed === '' ? '' : trimmed + word;
}
