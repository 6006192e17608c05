import { describe, expect, test } from 'vitest';
import type { RiskEntry } from './entry.js';
import {
  evaluatePersonRisk,
  evaluatePlateRisk,
  highestRiskLevel,
  isRiskEntryEffective,
  type PersonRegions,
  type PlateRiskSubject,
} from './evaluate.js';

const wuhan: RiskEntry = {
  id: 'wuhan',
  kind: 'region',
  value: '420100',
  level: 'high',
  effectiveFrom: '2022-03-01',
  effectiveTo: '2022-03-14',
};
const hubei: RiskEntry = { id: 'hubei', kind: 'region', value: '42', level: 'medium', effectiveFrom: '2022-03-01' };
const gusu: RiskEntry = { id: 'gusu', kind: 'region', value: '320508', level: 'low', effectiveFrom: '2022-03-01' };
const suzhou: RiskEntry = {
  id: 'suzhou',
  kind: 'region',
  value: '320500',
  level: 'medium',
  effectiveFrom: '2022-03-01',
};
const plateE: RiskEntry = { id: 'e', kind: 'plate_prefix', value: '鄂', level: 'medium', effectiveFrom: '2022-03-01' };
const plateEA: RiskEntry = { id: 'ea', kind: 'plate_prefix', value: '鄂A', level: 'high', effectiveFrom: '2022-03-01' };

// Instants in UTC: a China calendar day D runs from (D-1)T16:00Z to DT15:59:59.999Z.
const chinaDayStart = (day: string) => new Date(`${day}T00:00:00+08:00`);
const chinaDayEnd = (day: string) => new Date(`${day}T23:59:59.999+08:00`);

describe('isRiskEntryEffective', () => {
  test.each([
    ['last instant before start', new Date('2022-02-28T15:59:59.999Z'), false],
    ['first instant of start day', new Date('2022-02-28T16:00:00.000Z'), true],
    ['start day in China', chinaDayStart('2022-03-01'), true],
    ['last instant of end day', chinaDayEnd('2022-03-14'), true],
    ['first instant after end day', new Date('2022-03-14T16:00:00.000Z'), false],
  ])('%s', (_, at, expected) => {
    expect(isRiskEntryEffective(wuhan, at)).toBe(expected);
  });

  test('no end date counts forever', () => {
    expect(isRiskEntryEffective(hubei, new Date('2030-01-01T00:00:00Z'))).toBe(true);
    expect(isRiskEntryEffective({ ...hubei, effectiveTo: null }, new Date('2030-01-01T00:00:00Z'))).toBe(true);
  });

  test('one-day entry', () => {
    const oneDay = { effectiveFrom: '2022-03-05', effectiveTo: '2022-03-05' };
    expect(isRiskEntryEffective(oneDay, chinaDayStart('2022-03-05'))).toBe(true);
    expect(isRiskEntryEffective(oneDay, chinaDayEnd('2022-03-05'))).toBe(true);
    expect(isRiskEntryEffective(oneDay, chinaDayEnd('2022-03-04'))).toBe(false);
    expect(isRiskEntryEffective(oneDay, chinaDayStart('2022-03-06'))).toBe(false);
  });
});

describe('evaluatePersonRisk', () => {
  const entries = [wuhan, hubei, gusu, suzhou];
  const at = chinaDayStart('2022-03-10');

  test('document region matches city and province entries', () => {
    const matches = evaluatePersonRisk({ documentRegion: '420106' }, entries, at);
    expect(matches).toEqual([
      { entry: wuhan, subject: 'documentRegion', regionCode: '420106' },
      { entry: hubei, subject: 'documentRegion', regionCode: '420106' },
    ]);
  });

  test('each subject is reported in order', () => {
    const matches = evaluatePersonRisk({ documentRegion: '320508', originRegion: '429004', currentRegion: '320508018001' }, entries, at);
    expect(matches.map((match) => [match.subject, match.entry.id, match.regionCode])).toEqual([
      ['documentRegion', 'gusu', '320508'],
      ['documentRegion', 'suzhou', '320508'],
      ['originRegion', 'hubei', '429004'],
      ['currentRegion', 'gusu', '320508018001'],
      ['currentRegion', 'suzhou', '320508018001'],
    ]);
  });

  test('retired code matches by its city', () => {
    const matches = evaluatePersonRisk({ documentRegion: '320502' }, entries, at);
    expect(matches.map((match) => match.entry.id)).toEqual(['suzhou']);
  });

  test('padded and short codes are normalised', () => {
    const matches = evaluatePersonRisk({ originRegion: '420100000000' }, [wuhan], at);
    expect(matches).toEqual([{ entry: wuhan, subject: 'originRegion', regionCode: '420100' }]);
  });

  test('entry ends at end of its last China day', () => {
    expect(evaluatePersonRisk({ originRegion: '420106' }, [wuhan], chinaDayEnd('2022-03-14'))).toHaveLength(1);
    expect(evaluatePersonRisk({ originRegion: '420106' }, [wuhan], chinaDayStart('2022-03-15'))).toEqual([]);
  });

  test('entry starts at start of its first China day', () => {
    expect(evaluatePersonRisk({ originRegion: '420106' }, [wuhan], chinaDayEnd('2022-02-28'))).toEqual([]);
    expect(evaluatePersonRisk({ originRegion: '420106' }, [wuhan], chinaDayStart('2022-03-01'))).toHaveLength(1);
  });

  test('missing, empty and invalid regions match nothing', () => {
    expect(evaluatePersonRisk({}, entries, at)).toEqual([]);
    expect(evaluatePersonRisk({ documentRegion: '', originRegion: null, currentRegion: 'abc' }, entries, at)).toEqual([]);
  });

  test('region outside every entry matches nothing', () => {
    expect(evaluatePersonRisk({ documentRegion: '330106' }, entries, at)).toEqual([]);
  });

  test('plate prefix entries never match a person', () => {
    expect(evaluatePersonRisk({ documentRegion: '420106' }, [plateE, plateEA], at)).toEqual([]);
  });

  test('invalid entries are skipped', () => {
    const broken: RiskEntry = { ...wuhan, id: 'broken', effectiveFrom: 'soon' };
    const unknown: RiskEntry = { ...wuhan, id: 'unknown', value: '429999' };
    expect(evaluatePersonRisk({ documentRegion: '420106' }, [broken, unknown], at)).toEqual([]);
  });
});

describe('evaluatePlateRisk', () => {
  const entries = [plateE, plateEA, hubei, wuhan];
  const at = chinaDayStart('2022-03-10');

  test('鄂A plate matches 鄂, 鄂A and its region', () => {
    const matches = evaluatePlateRisk({ prefix: '鄂A', regionCode: '420100' }, entries, at);
    expect(matches).toEqual([
      { entry: plateE, subject: 'platePrefix', value: '鄂A' },
      { entry: plateEA, subject: 'platePrefix', value: '鄂A' },
      { entry: hubei, subject: 'plateRegion', value: '420100' },
      { entry: wuhan, subject: 'plateRegion', value: '420100' },
    ]);
  });

  test('鄂B plate matches 鄂 but not 鄂A', () => {
    const matches = evaluatePlateRisk({ prefix: '鄂B' }, entries, at);
    expect(matches.map((match) => match.entry.id)).toEqual(['e']);
  });

  test('prefix 鄂 alone does not match 鄂A', () => {
    const matches = evaluatePlateRisk({ prefix: '鄂' }, entries, at);
    expect(matches.map((match) => match.entry.id)).toEqual(['e']);
  });

  test('full plate and lower case are accepted', () => {
    const matches = evaluatePlateRisk({ prefix: '鄂a12345' }, [plateEA], at);
    expect(matches).toEqual([{ entry: plateEA, subject: 'platePrefix', value: '鄂A' }]);
  });

  test('region 420000 entry matches by region code only', () => {
    const matches = evaluatePlateRisk({ prefix: '苏E', regionCode: '420500' }, [hubei], at);
    expect(matches).toEqual([{ entry: hubei, subject: 'plateRegion', value: '420500' }]);
    expect(evaluatePlateRisk({ prefix: '鄂E' }, [hubei], at)).toEqual([]);
  });

  test('other province matches nothing', () => {
    expect(evaluatePlateRisk({ prefix: '苏E', regionCode: '320500' }, entries, at)).toEqual([]);
  });

  test('entries outside their dates do not match', () => {
    const before = chinaDayEnd('2022-02-28');
    expect(evaluatePlateRisk({ prefix: '鄂A', regionCode: '420100' }, entries, before)).toEqual([]);
    const afterWuhan = chinaDayStart('2022-03-15');
    const ids = evaluatePlateRisk({ prefix: '鄂A', regionCode: '420100' }, entries, afterWuhan).map((m) => m.entry.id);
    expect(ids).toEqual(['e', 'ea', 'hubei']);
  });

  test('prefix entry stored in lower case still matches', () => {
    const lower: RiskEntry = { ...plateEA, value: '鄂a' };
    expect(evaluatePlateRisk({ prefix: '鄂A' }, [lower], at)).toHaveLength(1);
  });

  test('prefix without a province matches nothing', () => {
    expect(evaluatePlateRisk({ prefix: 'WJ' }, entries, at)).toEqual([]);
    expect(evaluatePlateRisk({ prefix: '' }, entries, at)).toEqual([]);
  });
});

describe('risk evaluation with bad data', () => {
  const at = chinaDayStart('2022-03-10');
  const entries = [wuhan, plateEA];

  test.each([
    ['null', null],
    ['undefined', undefined],
    ['number', 420100],
    ['string', '420100'],
    ['empty object', {}],
    ['region of wrong type', { ...wuhan, value: {} }],
    ['region that is too long', { ...wuhan, value: '4'.repeat(1 << 20) }],
    ['plate prefix of wrong type', { ...plateEA, value: 42 }],
    ['plate prefix with I', { ...plateEA, value: '鄂I' }],
    ['start date of wrong type', { ...wuhan, effectiveFrom: 20220301 }],
  ])('%s entry is skipped', (_case, broken) => {
    const list = [broken, ...entries] as unknown as RiskEntry[];

    expect(evaluatePersonRisk({ documentRegion: '420106' }, list, at).map((match) => match.entry.id)).toEqual(['wuhan']);
    expect(evaluatePlateRisk({ prefix: '鄂A' }, list, at).map((match) => match.entry.id)).toEqual(['ea']);
  });

  test('region entry given as a number matches', () => {
    const numeric = { ...wuhan, id: 'numeric', value: 420100 } as unknown as RiskEntry;

    const matches = evaluatePersonRisk({ documentRegion: '420106' }, [numeric], at);

    expect(matches).toEqual([{ entry: numeric, subject: 'documentRegion', regionCode: '420106' }]);
  });

  test.each([
    ['number', 420106, ['wuhan']],
    ['apostrophe', "'420106", ['wuhan']],
    ['bidi marks', '\u200e420106\u200f', ['wuhan']],
    ['negative', '-420106', []],
    ['negative number', -420106, []],
    ['array', ['420106'], []],
    ['object', {}, []],
    ['boolean', true, []],
    ['1 MB', '4'.repeat(1 << 20), []],
  ])('person region as %s', (_case, region, ids) => {
    const regions = { currentRegion: region } as unknown as PersonRegions;

    expect(evaluatePersonRisk(regions, entries, at).map((match) => match.entry.id)).toEqual(ids);
  });

  test.each([[null], [undefined], ['420106'], [42]])('person regions %j match nothing', (regions) => {
    expect(evaluatePersonRisk(regions as unknown as PersonRegions, entries, at)).toEqual([]);
  });

  test.each([[null], [undefined], [{}], ['entries'], [42]])('entries %j match nothing', (list) => {
    expect(evaluatePersonRisk({ documentRegion: '420106' }, list as unknown as RiskEntry[], at)).toEqual([]);
    expect(evaluatePlateRisk({ prefix: '鄂A' }, list as unknown as RiskEntry[], at)).toEqual([]);
  });

  test.each([
    ['number prefix', { prefix: 5 }, []],
    ['null prefix', { prefix: null }, []],
    ['1 MB prefix', { prefix: '鄂'.repeat(1 << 20) }, []],
    ['prefix with bidi marks', { prefix: '\u200e鄂A\u200f' }, ['ea']],
    ['number region code', { prefix: '', regionCode: 420100 }, ['wuhan']],
    ['object region code', { prefix: '', regionCode: {} }, []],
  ])('plate with %s', (_case, plate, ids) => {
    const matches = evaluatePlateRisk(plate as unknown as PlateRiskSubject, entries, at);

    expect(matches.map((match) => match.entry.id)).toEqual(ids);
  });

  test.each([[null], [undefined], ['鄂A'], [42]])('plate subject %j matches nothing', (plate) => {
    expect(evaluatePlateRisk(plate as unknown as PlateRiskSubject, entries, at)).toEqual([]);
  });

  test('plate prefix 鄂I matches only its province', () => {
    const matches = evaluatePlateRisk({ prefix: '鄂I' }, [plateE, plateEA], at);

    expect(matches).toEqual([{ entry: plateE, subject: 'platePrefix', value: '鄂' }]);
  });

  test.each([
    ['invalid Date', new Date('nope')],
    ['date string', '2022-03-10'],
    ['null', null],
  ])('%s instant throws even without entries', (_case, instant) => {
    const when = instant as unknown as Date;

    expect(() => evaluatePersonRisk({ documentRegion: '420106' }, [], when)).toThrow(RangeError);
    expect(() => evaluatePlateRisk({ prefix: '鄂A' }, [], when)).toThrow(RangeError);
    expect(() => isRiskEntryEffective(wuhan, when)).toThrow(RangeError);
  });

  test.each([[null], [undefined], ['entry']])('entry %j is never effective', (entry) => {
    expect(isRiskEntryEffective(entry as unknown as RiskEntry, at)).toBe(false);
  });
});

describe('highestRiskLevel', () => {
  test.each([
    ['no matches', [], undefined],
    ['low only', [{ entry: gusu }], 'low'],
    ['low and medium', [{ entry: gusu }, { entry: suzhou }], 'medium'],
    ['high among others', [{ entry: suzhou }, { entry: wuhan }, { entry: gusu }], 'high'],
  ] as const)('%s gives %s', (_, matches, level) => {
    expect(highestRiskLevel(matches)).toBe(level);
  });
});
