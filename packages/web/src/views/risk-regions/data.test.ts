import { describe, expect, it } from 'vitest';
import type { RiskRegion } from '../../api/risk-regions.js';
import { emptyRiskRegionForm, riskRegionFormOf, riskRegionRequestOf } from './data.js';

describe('riskRegionRequestOf', () => {
  it('trims text and sends null for blank optional fields', () => {
    const form = { ...emptyRiskRegionForm('2026-12-04'), value: ' 420100 ', note: '  ' };
    expect(riskRegionRequestOf(form)).toEqual({
      kind: 'region',
      value: '420100',
      level: 'high',
      effectiveFrom: '2026-12-04',
      effectiveTo: null,
      note: null,
    });
  });

  it('round-trips a stored entry', () => {
    const entry: RiskRegion = {
      id: 'r1',
      kind: 'plate_prefix',
      value: '鄂A',
      valueName: [],
      level: 'medium',
      effectiveFrom: '2026-12-01',
      effectiveTo: '2026-12-14',
      note: '通报',
      effectiveToday: true,
      createdAt: '2026-12-01T00:00:00.000Z',
      updatedAt: '2026-12-01T00:00:00.000Z',
    };
    expect(riskRegionRequestOf(riskRegionFormOf(entry))).toEqual({
      kind: 'plate_prefix',
      value: '鄂A',
      level: 'medium',
      effectiveFrom: '2026-12-01',
      effectiveTo: '2026-12-14',
      note: '通报',
    });
  });
});
