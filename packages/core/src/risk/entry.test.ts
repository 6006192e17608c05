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
