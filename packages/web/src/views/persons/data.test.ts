import { describe, expect, it } from 'vitest';
import { buildPersonEditRules, buildPersonFormRules, emptyPersonForm, markerQueryOf, registerRequestOf, type PersonForm } from './data.js';

function formWith(overrides: Partial<PersonForm>): PersonForm {
  return { ...emptyPersonForm(), name: ' 张三 ', documentNumber: ' 11010519491231002X ', communityCode: '110105001001', ...overrides };
}

describe('registerRequestOf', () => {
  it('sends only required fields of a bare form', () => {
    expect(registerRequestOf(formWith({}))).toEqual({
      name: '张三',
      documentType: 'resident_id',
      documentNumber: '11010519491231002X',
      communityCode: '110105001001',
    });
  });

  it('sends a language other than Chinese', () => {
    expect(registerRequestOf(formWith({ preferredLanguage: 'ko' })).preferredLanguage).toBe('ko');
    expect(registerRequestOf(formWith({ preferredLanguage: 'zh-CN' })).preferredLanguage).toBeUndefined();
  });

  it('includes filled optional fields trimmed', () => {
    const request = registerRequestOf(
      formWith({
        phone: ' 13800138000 ',
        householdRole: 'tenant',
        originRegionCode: ' 420100 ',
        arrivalDate: '2026-12-01',
        travelMode: 'train',
        travelNumber: ' G1234 ',
        notes: ' 独居老人\n需送药 ',
      }),
    );
    expect(request.phone).toBe('13800138000');
    expect(request.householdRole).toBe('tenant');
    expect(request.originRegionCode).toBe('420100');
    expect(request.arrivalDate).toBe('2026-12-01');
    expect(request.travelMode).toBe('train');
    expect(request.travelNumber).toBe('G1234');
    expect(request.notes).toBe('独居老人\n需送药');
  });

  it('sends a marker reason only while the marker is on', () => {
    const off = registerRequestOf(formWith({ keyPersonReason: 'left over' }));
    expect(off.keyPerson).toBeUndefined();
    expect(off.keyPersonReason).toBeUndefined();

    const on = registerRequestOf(formWith({ closeContact: true, closeContactReason: ' same carriage ' }));
    expect(on.closeContact).toBe(true);
    expect(on.closeContactReason).toBe('same carriage');
  });
});

describe('markerQueryOf', () => {
  it('maps filter values to query booleans', () => {
    expect(markerQueryOf('')).toBeUndefined();
    expect(markerQueryOf('yes')).toBe(true);
    expect(markerQueryOf('no')).toBe(false);
  });
});

describe('person form rules', () => {
  const t = (key: string) => key;

  it('register form requires the document', () => {
    const rules = buildPersonFormRules(t, emptyPersonForm());
    expect(Object.keys(rules).sort()).toEqual([
      'closeContactReason',
      'communityCode',
      'documentNumber',
      'documentType',
      'keyPersonReason',
      'name',
    ]);
  });

  it('edit form leaves the document optional', () => {
    const rules = buildPersonEditRules(t, emptyPersonForm());
    expect(Object.keys(rules).sort()).toEqual(['closeContactReason', 'communityCode', 'keyPersonReason', 'name']);
    expect(rules.name).toHaveLength(1);
  });

  it('marker reason is required only while the marker is on', () => {
    const form = emptyPersonForm();
    const [rule] = buildPersonEditRules(t, form).keyPersonReason ?? [];
    const check = (value: string) => {
      let result: Error | undefined;
      rule?.validator?.(rule, value, (error?: string | Error) => (result = error as Error | undefined), {}, {});
      return result?.message;
    };

    expect(check('')).toBeUndefined();
    form.keyPerson = true;
    expect(check('  ')).toBe('persons.form.reasonRequired');
    expect(check('came back from Wuhan')).toBeUndefined();
  });
});
