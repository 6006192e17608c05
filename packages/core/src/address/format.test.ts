import { expect, test } from 'vitest';
import { formatRoomAddress, parseRoomAddress, type RoomAddress } from './index.js';

test.each<[RoomAddress, string]>([
  [{ building: '3', unit: '2', room: '1202', floor: 12 }, '3幢2单元1202室'],
  [{ building: '3', room: '1202' }, '3幢1202室'],
  [{ building: '3', unit: '2' }, '3幢2单元'],
  [{ building: '3' }, '3幢'],
  [{ unit: '2', room: '1202' }, '2单元1202室'],
  [{ room: '1202' }, '1202室'],
  [{ building: 'A', room: 'B102' }, 'A幢B102室'],
  [{ building: ' 3 ', unit: '', room: '  ' }, '3幢'],
  [{}, ''],
])('format %j', (address, text) => {
  expect(formatRoomAddress(address)).toBe(text);
});

test.each([
  '3幢2单元1202',
  '3栋2-1202',
  '3号楼1202',
  '3-2-1202',
  '3#2单元1202室',
  '三幢二单元1202',
  '12栋1202',
  'A座1202',
  '3幢',
  '3幢2单元',
  '1202室',
  '3幢B102',
])('format of parsed %s parses back', (input) => {
  const parsed = parseRoomAddress(input);
  if (!parsed.ok) throw new Error(`${input} did not parse: ${parsed.code}`);

  expect(parseRoomAddress(formatRoomAddress(parsed.value))).toEqual(parsed);
});

test.each<[string, unknown]>([
  ['null', null],
  ['undefined', undefined],
  ['number', 3],
  ['string', '3幢'],
  ['numbers as parts', { building: 3, unit: 2, room: 1202 }],
  ['objects as parts', { building: {}, unit: [], room: null }],
])('format of %s', (_name, value) => {
  expect(formatRoomAddress(value as RoomAddress)).toBe('');
});
