import { describe, expect, it } from 'vitest';
import type { Tenancy } from '../../api/households.js';
import {
  buildEndTenancyFormRules,
  buildTenancyFormRules,
  chinaToday,
  emptyTenancyForm,
  householdCounts,
  latestEndDateOf,
  placeEditRequestOf,
  roomEditRequestOf,
  tenancyRequestOf,
  tenancyStatusTagType,
} from './household.js';

const t = (key: string) => key;

/** Runs the custom validators of a rule list and returns the first error message, or undefined. */
function validate(rules: { validator?: unknown }[], value: unknown): string | undefined {
  for (const rule of rules) {
    if (typeof rule.validator !== 'function') continue;
    let message: string | undefined;
    rule.validator(rule, value, (error?: Error) => {
      message = error?.message;
    });
    if (message) return message;
  }
  return undefined;
}

describe('household helpers', () => {
  it('chinaToday uses UTC+8', () => {
    expect(chinaToday(new Date('2026-03-14T16:00:00Z'))).toBe('2026-03-15');
    expect(chinaToday(new Date('2026-03-14T15:59:59Z'))).toBe('2026-03-14');
  });

  it('tenancyStatusTagType maps each status', () => {
    expect(tenancyStatusTagType('active')).toBe('success');
    expect(tenancyStatusTagType('upcoming')).toBe('warning');
    expect(tenancyStatusTagType('ended')).toBe('info');
  });

  it('latestEndDateOf allows the start of an upcoming tenancy', () => {
    expect(latestEndDateOf('2026-01-01', '2026-03-15')).toBe('2026-03-15');
    expect(latestEndDateOf('2026-04-01', '2026-03-15')).toBe('2026-04-01');
  });

  it('tenancyRequestOf sets one address and drops an empty end', () => {
    const form = { ...emptyTenancyForm('2026-03-15'), landlordPersonId: 'l', tenantPersonId: 't' };
    expect(tenancyRequestOf({ type: 'room', id: 'r1' }, form)).toEqual({
      roomId: 'r1',
      landlordPersonId: 'l',
      tenantPersonId: 't',
      startDate: '2026-03-15',
    });
    expect(tenancyRequestOf({ type: 'place', id: 'p1' }, { ...form, endDate: '2026-12-31' })).toEqual({
      placeId: 'p1',
      landlordPersonId: 'l',
      tenantPersonId: 't',
      startDate: '2026-03-15',
      endDate: '2026-12-31',
    });
  });

  it('tenancy rules reject the landlord as tenant', () => {
    const form = { ...emptyTenancyForm('2026-03-15'), landlordPersonId: 'same' };
    const rules = buildTenancyFormRules(t, form);
    expect(validate(rules.tenantPersonId, 'same')).toBe('households.tenancyForm.samePerson');
    expect(validate(rules.tenantPersonId, 'other')).toBeUndefined();
  });

  it('tenancy rules reject an end before the start', () => {
    const rules = buildTenancyFormRules(t, emptyTenancyForm('2026-03-15'));
    expect(validate(rules.endDate, '2026-03-14')).toBe('households.tenancyForm.endBeforeStart');
    expect(validate(rules.endDate, '2026-03-15')).toBeUndefined();
    expect(validate(rules.endDate, '')).toBeUndefined();
  });

  it('end rules limit the end date', () => {
    const rules = buildEndTenancyFormRules(t, '2026-01-01', '2026-03-15');
    expect(validate(rules.endDate, '2026-03-15')).toBeUndefined();
    expect(validate(rules.endDate, '2026-03-16')).toBe('households.endForm.endTooLate');
    expect(validate(rules.endDate, '2025-12-31')).toBe('households.tenancyForm.endBeforeStart');
  });

  it('roomEditRequestOf sends changed fields only', () => {
    const room = { number: '1202', floor: 12 };
    expect(roomEditRequestOf(room, { number: ' 1202 ', floor: 12 })).toEqual({});
    expect(roomEditRequestOf(room, { number: '1302', floor: 12 })).toEqual({ number: '1302' });
    expect(roomEditRequestOf(room, { number: '1202', floor: -1 })).toEqual({ floor: -1 });
  });

  it('placeEditRequestOf sends changed fields only', () => {
    const place = { kind: 'shop' as const, text: '平江路1号' };
    expect(placeEditRequestOf(place, { kind: 'shop', text: '平江路1号 ' })).toEqual({});
    expect(placeEditRequestOf(place, { kind: 'enterprise', text: '平江路2号' })).toEqual({ kind: 'enterprise', text: '平江路2号' });
  });

  it('householdCounts leaves out ended tenancies', () => {
    const tenancy = (status: Tenancy['status']) => ({ status }) as Tenancy;
    expect(householdCounts({ occupants: [], tenancies: [tenancy('active'), tenancy('upcoming'), tenancy('ended')] })).toEqual({
      occupants: 0,
      openTenancies: 2,
    });
  });
});
