import { describe, expect, test } from 'vitest';
import { formatRoomAddress, parseRoomAddress, type RoomAddress } from './index.js';

describe('parseRoomAddress reads', () => {
  test.each<[string, RoomAddress]>([
    ['3幢2单元1202', { building: '3', unit: '2', room: '1202', floor: 12 }],
    ['3幢2单元1202室', { building: '3', unit: '2', room: '1202', floor: 12 }],
    ['3栋2-1202', { building: '3', unit: '2', room: '1202', floor: 12 }],
    ['3号楼1202', { building: '3', room: '1202', floor: 12 }],
    ['3-2-1202', { building: '3', unit: '2', room: '1202', floor: 12 }],
    ['3#2单元1202室', { building: '3', unit: '2', room: '1202', floor: 12 }],
    ['三幢二单元1202', { building: '3', unit: '2', room: '1202', floor: 12 }],
    ['十二幢十单元302', { building: '12', unit: '10', room: '302', floor: 3 }],
    ['二十三栋1202', { building: '23', room: '1202', floor: 12 }],
    ['12栋1202', { building: '12', room: '1202', floor: 12 }],
    ['A座1202', { building: 'A', room: '1202', floor: 12 }],
    ['a座1202', { building: 'A', room: '1202', floor: 12 }],
    ['3幢', { building: '3' }],
    ['3幢2单元', { building: '3', unit: '2' }],
    ['1202室', { room: '1202', floor: 12 }],
    ['1202号', { room: '1202', floor: 12 }],
    ['1202', { room: '1202', floor: 12 }],
    ['302', { room: '302', floor: 3 }],
    ['12', { room: '12' }],
    ['2单元1202', { unit: '2', room: '1202', floor: 12 }],
    ['3-1202', { building: '3', room: '1202', floor: 12 }],
    ['3-2单元', { building: '3', unit: '2' }],
    ['3-2-1202室', { building: '3', unit: '2', room: '1202', floor: 12 }],
    ['3幢B102', { building: '3', room: 'B102', floor: 1 }],
    ['B102', { room: 'B102', floor: 1 }],
    ['3幢1202A室', { building: '3', room: '1202A', floor: 12 }],
    ['B2栋1202', { building: 'B2', room: '1202', floor: 12 }],
    ['3幢A单元101', { building: '3', unit: 'A', room: '101', floor: 1 }],
    ['10101', { room: '10101' }],
    ['3楼1202', { building: '3', room: '1202', floor: 12 }],
    ['3棟2單元1202', { building: '3', unit: '2', room: '1202', floor: 12 }],
    ['3號樓1202號', { building: '3', room: '1202', floor: 12 }],
  ])('%s', (input, expected) => {
    expect(parseRoomAddress(input)).toEqual({ ok: true, value: expected });
  });
});

describe('parseRoomAddress normalises', () => {
  test.each<[string, RoomAddress]>([
    ['03幢02单元0302室', { building: '3', unit: '2', room: '302', floor: 3 }],
    ['03-02-1202', { building: '3', unit: '2', room: '1202', floor: 12 }],
    ['３幢２单元１２０２室', { building: '3', unit: '2', room: '1202', floor: 12 }],
    ['３－２－１２０２', { building: '3', unit: '2', room: '1202', floor: 12 }],
    ['Ａ座１２０２', { building: 'A', room: '1202', floor: 12 }],
    ['3 幢 2 单元 1202 室', { building: '3', unit: '2', room: '1202', floor: 12 }],
    ['  3幢2单元1202  ', { building: '3', unit: '2', room: '1202', floor: 12 }],
    ['3\u3000幢\u30002单元', { building: '3', unit: '2' }],
    ['3 - 2 - 1202', { building: '3', unit: '2', room: '1202', floor: 12 }],
    ['3 2 1202', { building: '3', unit: '2', room: '1202', floor: 12 }],
    ['3–2—1202', { building: '3', unit: '2', room: '1202', floor: 12 }],
    ['3\u200b幢1202\ufeff', { building: '3', room: '1202', floor: 12 }],
    ['3幢\t2单元\n1202', { building: '3', unit: '2', room: '1202', floor: 12 }],
  ])('%j', (input, expected) => {
    expect(parseRoomAddress(input)).toEqual({ ok: true, value: expected });
  });
});

describe('parseRoomAddress floor', () => {
  test.each<[string, number | undefined]>([
    ['1202', 12],
    ['302', 3],
    ['B102', 1],
    ['0302', 3],
    ['2501', 25],
    ['100', 1],
    ['12', undefined],
    ['002', undefined],
    ['10101', undefined],
  ])('of room %s', (room, floor) => {
    const result = parseRoomAddress(`3幢${room}室`);

    expect(result.ok).toBe(true);
    expect(result.ok ? result.value.floor : 'failed').toBe(floor);
  });

  test('absent without room', () => {
    expect(parseRoomAddress('3幢2单元')).toEqual({ ok: true, value: { building: '3', unit: '2' } });
  });
});

describe('parseRoomAddress rejects', () => {
  test.each<[string, unknown]>([
    ['empty string', ''],
    ['spaces', '   '],
    ['ideographic spaces', '\u3000\u3000'],
    ['line breaks', '\n\t\r'],
    ['zero-width spaces', '\u200b\ufeff'],
    ['control characters', '\u0000\u0001'],
    ['null', null],
    ['undefined', undefined],
    ['number', 1202],
    ['NaN', Number.NaN],
    ['bigint', 1202n],
    ['boolean', true],
    ['object', { building: '3' }],
    ['array', ['3幢']],
    ['String object', new String('3幢')],
    ['symbol', Symbol('3幢')],
    ['function', () => '3幢'],
  ])('%s as required', (_name, input) => {
    expect(parseRoomAddress(input)).toEqual({ ok: false, code: 'ADDRESS_TEXT_REQUIRED' });
  });

  test.each<[string, string]>([
    ['1 MB string', '3'.repeat(1024 * 1024)],
    ['1 MB of spaces', ' '.repeat(1024 * 1024)],
    ['101 characters', '1'.repeat(101)],
    ['101 emoji', '🏠'.repeat(101)],
    ['valid address padded', `3幢2单元1202室${' '.repeat(100)}`],
  ])('%s as too long', (_name, input) => {
    expect(parseRoomAddress(input)).toEqual({ ok: false, code: 'ADDRESS_TEXT_TOO_LONG' });
  });

  test('100 characters within length limit', () => {
    const input = `${' '.repeat(91)}3幢2单元1202`;
    const result = parseRoomAddress(input);

    expect(input.length).toBe(100);

    expect(result).toEqual({ ok: true, value: { building: '3', unit: '2', room: '1202', floor: 12 } });
  });

  test('60 emoji within length limit', () => {
    // 60 code points take 120 UTF-16 code units: the limit counts characters.
    expect(parseRoomAddress('🏠'.repeat(60))).toEqual({ ok: false, code: 'ADDRESS_TEXT_UNRECOGNIZED' });
  });

  test.each<[string, string]>([
    ['zero building', '0幢'],
    ['zero unit', '3幢0单元'],
    ['zero room', '3幢0室'],
    ['zeros', '000-00-0000'],
    ['negative', '-1-2'],
    ['leading dash', '-3幢'],
    ['trailing dash', '3幢-'],
    ['doubled dash', '1--3'],
    ['dash only', '-'],
    ['long building', '99999999999-1'],
    ['five-digit building', '10000幢1202'],
    ['three-digit unit', '3幢100单元1202'],
    ['six-digit room', '3幢120201室'],
    ['four numbers', '3-2-12-02'],
    ['parts out of order', '1202室3幢'],
    ['unit before building', '2单元3幢'],
    ['two buildings', '3幢4栋'],
    ['room after marked room', '1202室5'],
    ['Chinese room number', '三幢二单元一二零二'],
    ['not a numeral', '三四幢'],
    ['ten ten', '十十幢'],
    ['letter room', '3幢A室'],
    ['words', '苏州市姑苏区'],
    ['compound name first', '阳光花园3幢1202'],
    ['street address', '人民路100号'],
    ['emoji', '🏠'],
    ['emoji with number', '🏠1202'],
    ['outside BMP', '𠀀幢1202'],
    ['lone surrogate', '\ud800幢1202'],
    ['punctuation', '。，！'],
    ['decimal', '3.5幢'],
    ['plus sign', '+3幢'],
    ['letters only', 'ABC'],
    ['two letters before building', 'AB座'],
    ['markers only', '幢单元室'],
    ['Arabic-Indic digits', '٣幢'],
    ['superscript digits', '³幢'],
  ])('%s as unrecognized', (_name, input) => {
    expect(parseRoomAddress(input)).toEqual({ ok: false, code: 'ADDRESS_TEXT_UNRECOGNIZED' });
  });
});

// Timings are measured by benchmarks, never asserted in tests: these cases
// only check that hostile lengths return an error code.
describe('parseRoomAddress hostile lengths', () => {
  test('1 MB string', () => {
    expect(parseRoomAddress('3-'.repeat(512 * 1024))).toEqual({ ok: false, code: 'ADDRESS_TEXT_TOO_LONG' });
  });

  test('near-limit hostile text', () => {
    const inputs = ['1'.repeat(100), '1-'.repeat(50), '十'.repeat(100), 'A1'.repeat(50), `${'3幢'.repeat(49)}!`];
    for (const input of inputs) expect(parseRoomAddress(input).ok, input.slice(0, 12)).toBeTypeOf('boolean');
  });
});

describe('parseRoomAddress fuzz', () => {
  // Numbers, words and separators in random order, plus characters that must never break the parser.
  const pieces = [
    '3',
    '03',
    '12',
    '1202',
    'B102',
    '0',
    '99999',
    'a',
    '三',
    '十二',
    '１２',
    '-',
    '–',
    ' ',
    '\u3000',
    '#',
    '幢',
    '栋',
    '号楼',
    '座',
    '单元',
    '室',
    '号',
    '🏠',
    '\ud800',
  ];

  // The MINSTD generator (Park and Miller) with a fixed seed keeps the cases the same on every run.
  let seed = 20220301;
  function nextIndex(length: number): number {
    seed = (seed * 48271) % 2147483647;
    return seed % length;
  }

  const inputs = Array.from({ length: 5000 }, () => {
    const size = 1 + nextIndex(6);
    return Array.from({ length: size }, () => pieces[nextIndex(pieces.length)]).join('');
  });

  test('random text never throws', () => {
    for (const input of inputs) {
      expect(() => parseRoomAddress(input)).not.toThrow();
    }
  });

  test('random successes format back', () => {
    let successes = 0;
    for (const input of inputs) {
      const parsed = parseRoomAddress(input);
      if (!parsed.ok) continue;

      successes += 1;
      expect(parseRoomAddress(formatRoomAddress(parsed.value)), input).toEqual(parsed);
    }

    expect(successes).toBeGreaterThan(100);
  });
});
