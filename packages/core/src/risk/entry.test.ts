import { describe, expect, test } from 'vitest';
import { validateRiskEntry, type RiskEntry } from './entry.js';

const base: RiskEntry = { id: 'r1', kind: 'region', value: '420100', level: 'high', effectiveFrom: '2022-03-01' };

describe('validateRiskEntry', () => {
  test.each([
    [{ value: '420100' }, '420100'],
    [{ value: '42' }, '420000'],
    [{ value: '4201' }, '420100'],
    [{ value: '420106000000' }, '420106'],
    [{ value: '420106001' }, '420106001'],
    [{ value: '420106001001' }, '420106001001'],
    [{ kind: 'plate_prefix', value: '鄂' }, '鄂'],
    [{ kind: 'plate_prefix', value: '鄂A' }, '鄂A'],
    [{ kind: 'plate_prefix', value: ' 鄂ａ ' }, '鄂A'],
  ] as const)('accepts %j as %s', (override, value) => {
    const result = validateRiskEntry({ ...base, ...override });
    expect(result).toEqual({ ok: true, value: { ...base, ...override, value, effectiveTo: null } });
  });

  test('keeps an end date and note', () => {
    const entry = { ...base, effectiveTo: '2022-03-01', note: '武汉市' };
    expect(validateRiskEntry(entry)).toEqual({ ok: true, value: entry });
  });

  test.each([
    [{ kind: 'area' }, 'RISK_ENTRY_KIND_INVALID'],
    [{ level: 'severe' }, 'RISK_ENTRY_LEVEL_INVALID'],
    [{ value: '' }, 'RISK_ENTRY_VALUE_INVALID'],
    [{ value: '4201A' }, 'RISK_ENTRY_VALUE_INVALID'],
    [{ value: '鄂A' }, 'RISK_ENTRY_VALUE_INVALID'],
    [{ value: '999999' }, 'RISK_ENTRY_REGION_NOT_FOUND'],
    [{ value: '320502' }, 'RISK_ENTRY_REGION_NOT_FOUND'],
    [{ kind: 'plate_prefix', value: '420100' }, 'RISK_ENTRY_VALUE_INVALID'],
    [{ kind: 'plate_prefix', value: '鄂AB' }, 'RISK_ENTRY_VALUE_INVALID'],
    [{ kind: 'plate_prefix', value: 'A' }, 'RISK_ENTRY_VALUE_INVALID'],
    [{ kind: 'plate_prefix', value: '使' }, 'RISK_ENTRY_VALUE_INVALID'],
    [{ effectiveFrom: '2022-02-30' }, 'RISK_ENTRY_DATES_INVALID'],
    [{ effectiveFrom: '2022/03/01' }, 'RISK_ENTRY_DATES_INVALID'],
    [{ effectiveTo: '2022-3-5' }, 'RISK_ENTRY_DATES_INVALID'],
    [{ effectiveTo: '2022-02-28' }, 'RISK_ENTRY_DATE_ORDER_INVALID'],
  ])('rejects %j with %s', (override, code) => {
    expect(validateRiskEntry({ ...base, ...override } as RiskEntry)).toEqual({ ok: false, code });
  });
});

describe('validateRiskEntry plate prefixes', () => {
  const plate = { ...base, kind: 'plate_prefix' } as const;

  test.each([
    ['鄂O', '鄂O'],
    ['苏0', '苏O'],
    ['苏E·', '苏E'],
    ['\u200e鄂A\u200f', '鄂A'],
    ['\ufeff鄂\u200ba', '鄂A'],
    ['粤Z', '粤Z'],
  ])('accepts %j as %s', (value, expected) => {
    expect(validateRiskEntry({ ...plate, value })).toMatchObject({ ok: true, value: { value: expected } });
  });

  test.each([
    ['I, never an issuing letter', '鄂I'],
    ['lower-case i', '鄂i'],
    ['letter the province does not use', '京Z'],
    ['traditional character', '蘇'],
    ['province character only in the plate list', '台'],
    ['33 characters', '鄂A'.padEnd(33, ' ')],
    ['1 MB', '鄂'.repeat(1 << 20)],
  ])('rejects %s', (_case, value) => {
    expect(validateRiskEntry({ ...plate, value })).toEqual({ ok: false, code: 'RISK_ENTRY_VALUE_INVALID' });
  });
});

describe('validateRiskEntry values from JavaScript callers', () => {
  test.each([
    ['null', null],
    ['undefined', undefined],
    ['string', '420100'],
    ['number', 420100],
    ['array', [base]],
  ])('%s entry has no kind', (_case, entry) => {
    expect(validateRiskEntry(entry as unknown as RiskEntry)).toEqual({ ok: false, code: 'RISK_ENTRY_KIND_INVALID' });
  });

  test.each([
    ['null region', { value: null }],
    ['object region', { value: {} }],
    ['array region', { value: ['420100'] }],
    ['negative region', { value: '-420100' }],
    ['1 MB region', { value: '4'.repeat(1 << 20) }],
    ['number plate prefix', { kind: 'plate_prefix', value: 42 }],
    ['null plate prefix', { kind: 'plate_prefix', value: null }],
  ])('rejects %s', (_case, override) => {
    expect(validateRiskEntry({ ...base, ...override } as unknown as RiskEntry)).toEqual({
      ok: false,
      code: 'RISK_ENTRY_VALUE_INVALID',
    });
  });

  test.each([
    ['number', 420100, '420100'],
    ['apostrophe', "'420100", '420100'],
    ['decimal zeros', '420100.0', '420100'],
  ])('reads a region code given as %s', (_case, value, expected) => {
    const result = validateRiskEntry({ ...base, value } as unknown as RiskEntry);

    expect(result).toMatchObject({ ok: true, value: { value: expected } });
  });

  test.each([
    ['number start', { effectiveFrom: 20220301 }],
    ['Date start', { effectiveFrom: new Date('2022-03-01') }],
    ['null start', { effectiveFrom: null }],
    ['number end', { effectiveTo: 0 }],
    ['object end', { effectiveTo: {} }],
  ])('rejects %s', (_case, override) => {
    expect(validateRiskEntry({ ...base, ...override } as unknown as RiskEntry)).toEqual({
      ok: false,
      code: 'RISK_ENTRY_DATES_INVALID',
    });
  });
});
