import { describe, expect, it } from 'vitest';
import {
  emptyVisitorDraft,
  isFever,
  parseRoomAddress,
  purposeOf,
  sameNumber,
  statusViewOf,
  validateVisitor,
  visitorRequestOf,
} from './visitor-form.js';

/** A made-up resident ID with a valid check digit (姑苏区, 1985-03-15, male). */
const RESIDENT_ID = '320508198503151230';

function completeDraft() {
  return {
    ...emptyVisitorDraft(),
    name: ' 李四 ',
    documentNumber: RESIDENT_ID,
    phone: '13912345678',
    hostRoomId: 'room-1',
    hostRoomText: '1幢1单元101室',
    purpose: 'family' as const,
    purposeText: '看望父母',
    temperature: '36.5',
  };
}

describe('parseRoomAddress', () => {
  it.each([
    ['1-1-101', { building: '1', unit: '1', room: '101' }],
    [' 3 / 2 / 1202 ', { building: '3', unit: '2', room: '1202' }],
    ['１－１－１０１', { building: '1', unit: '1', room: '101' }],
    ['1 1 101', { building: '1', unit: '1', room: '101' }],
    ['1幢2单元301室', { building: '1', unit: '2', room: '301' }],
    ['12栋1单元1102', { building: '12', unit: '1', room: '1102' }],
    ['a-1-101', { building: 'A', unit: '1', room: '101' }],
  ])('reads %s', (text, expected) => {
    expect(parseRoomAddress(text)).toEqual(expected);
  });

  it.each(['', '101', '1-101', '1-1-101-2', '一幢一单元101'])('rejects %s', (text) => {
    expect(parseRoomAddress(text)).toBeUndefined();
  });
});

describe('sameNumber', () => {
  it('ignores leading zeros and case', () => {
    expect(sameNumber('01', '1')).toBe(true);
    expect(sameNumber('a', 'A')).toBe(true);
    expect(sameNumber('0', '0')).toBe(true);
    expect(sameNumber('101', '102')).toBe(false);
  });
});

describe('purposeOf', () => {
  it('joins label and detail', () => {
    expect(purposeOf('探亲', ' 看望父母 ')).toBe('探亲：看望父母');
    expect(purposeOf('送货', '')).toBe('送货');
    expect(purposeOf('', '修水管')).toBe('修水管');
  });
});

describe('validateVisitor', () => {
  it('accepts a complete draft', () => {
    expect(validateVisitor(completeDraft())).toEqual({});
  });

  it('names every missing field', () => {
    const problems = validateVisitor(emptyVisitorDraft());
    expect(Object.keys(problems).sort()).toEqual(['documentNumber', 'hostRoomId', 'name', 'phone', 'purpose', 'temperature']);
  });

  it('reports a bad check digit with the parser code', () => {
    const problems = validateVisitor({ ...completeDraft(), documentNumber: '320508198503151231' });
    expect(problems.documentNumber).toMatchObject({ field: 'documentNumber' });
  });

  it('reports an invalid phone', () => {
    expect(validateVisitor({ ...completeDraft(), phone: '1391234' }).phone).toBeDefined();
  });

  it('needs a text for the other purpose', () => {
    expect(validateVisitor({ ...completeDraft(), purpose: 'other', purposeText: ' ' }).purpose).toEqual({
      key: 'gatePhone.errors.otherPurpose',
    });
  });

  it.each(['34.9', '42.1', '36.55', 'abc'])('rejects temperature %s', (temperature) => {
    expect(validateVisitor({ ...completeDraft(), temperature }).temperature).toMatchObject({ key: 'gatePhone.errors.temperature' });
  });
});

describe('visitorRequestOf', () => {
  it('trims and builds the purpose', () => {
    expect(visitorRequestOf(completeDraft(), 'compound-1', '探亲')).toEqual({
      compoundId: 'compound-1',
      name: '李四',
      documentType: 'resident_id',
      documentNumber: RESIDENT_ID,
      phone: '13912345678',
      hostRoomId: 'room-1',
      purpose: '探亲：看望父母',
      temperature: 36.5,
    });
  });
});

describe('visitorRequestOf passport', () => {
  it('sends the issuing country', () => {
    const draft = { ...completeDraft(), documentType: 'passport' as const, documentNumber: 'E12345678', nationality: ' usa ' };
    expect(visitorRequestOf(draft, 'compound-1', '探亲').nationality).toBe('USA');
  });

  it('sends no country for a resident ID', () => {
    expect(visitorRequestOf({ ...completeDraft(), nationality: 'USA' }, 'compound-1', '探亲').nationality).toBeUndefined();
  });
});

describe('isFever', () => {
  it('starts at 37.3', () => {
    expect(isFever('37.2')).toBe(false);
    expect(isFever('37.3')).toBe(true);
    expect(isFever('')).toBe(false);
    expect(isFever('45')).toBe(false);
  });
});

describe('statusViewOf', () => {
  it.each([
    ['waiting', 'waiting', false],
    ['confirmed', 'pass', true],
    ['declined', 'stop', true],
    ['refused', 'stop', true],
    ['expired', 'stop', true],
  ] as const)('%s is %s', (status, tone, final) => {
    expect(statusViewOf(status)).toEqual({ tone, final });
  });
});
