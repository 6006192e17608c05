import type { RiskEntry } from '@cordon/core';
import { describe, expect, it } from 'vitest';
import type { PhoneContext } from '../../../../api/checkpoint-phone.js';
import { draftToRequest, emptyDraft, emptyOccupant, emptyTravelStop, validateDraft, type RegistrationDraft } from './draft.js';
import { ageOn, assessRisk, documentFactsOf, plateFactsOf } from './facts.js';
import { searchRegions } from './region-search.js';

const NOW = new Date('2026-02-10T02:30:00.000Z');
/** A resident ID with a correct check digit: 苏州市姑苏区, born 1990-01-01, male. */
const DRIVER_ID = '32050819900101103X';
const PHONE = '13800000000';
/** Another valid resident ID: born 1985-06-15, female. */
const PASSENGER_ID = '320508198506152028';

function context(overrides: Partial<PhoneContext> = {}): PhoneContext {
  return {
    checkpoint: { id: 'cp-1', name: '苏州东卡口', type: 'highway_exit', location: 'G2', nodeCode: '320508' },
    device: { id: 'dev-1', name: '手机 1' },
    officer: null,
    officers: [{ id: 'off-1', displayName: '张警官' }],
    assignedCheckpoints: [],
    riskEntries: [],
    sites: [{ id: 'site-1', name: '城东隔离点', type: 'quarantine_site' }],
    ...overrides,
  };
}

function quickDraft(overrides: Partial<RegistrationDraft> = {}): RegistrationDraft {
  const draft = emptyDraft();
  draft.plate = '鄂A12345';
  Object.assign(draft.occupants[0]!, { documentNumber: DRIVER_ID, phone: PHONE });
  return { ...draft, officerId: 'off-1', ...overrides };
}

function detailedDraft(): RegistrationDraft {
  const draft = quickDraft();
  draft.occupants[0]!.name = '阿依古丽·买买提';
  draft.occupants[0]!.temperature = '36.6';
  draft.occupants[0]!.symptoms = ['none'];
  const passenger = emptyOccupant('passenger');
  Object.assign(passenger, { name: '𠮷田', documentNumber: PASSENGER_ID, temperature: '37.0', symptoms: ['cough'] });
  draft.occupants.push(passenger);
  draft.originRegionCode = '420100';
  draft.destination = {
    communityCode: '320508001001',
    communityName: '金色社区',
    roomId: 'room-1',
    placeId: '',
    text: '金色里程3幢2单元1202室',
  };
  draft.purpose = 'return_home';
  draft.travelHistory = [{ ...emptyTravelStop(), regionCode: '420100', from: '2026-02-01', to: '2026-02-09' }];
  draft.notes = ' 后备箱已查 ';
  return draft;
}

describe('registration draft', () => {
  it('empty draft lets pass with a driver', () => {
    const draft = emptyDraft();
    expect(draft.disposition).toBe('pass');
    expect(draft.occupants).toHaveLength(1);
    expect(draft.occupants[0]?.role).toBe('driver');
    expect(draft.occupants[0]?.documentType).toBe('resident_id');
  });

  it('quick request sends the three values', () => {
    expect(draftToRequest(quickDraft({ officerId: 'off-1' }), 'quick')).toEqual({
      mode: 'quick',
      plate: '鄂A12345',
      officerId: 'off-1',
      occupants: [{ role: 'driver', documentType: 'resident_id', documentNumber: DRIVER_ID, phone: PHONE }],
      disposition: 'pass',
    });
  });

  it('quick request leaves out detailed fields', () => {
    const request = draftToRequest(detailedDraft(), 'quick');
    expect(request.occupants).toHaveLength(1);
    expect(request.occupants[0]?.temperature).toBeUndefined();
    expect(request.originRegionCode).toBeUndefined();
    expect(request.destination).toBeUndefined();
    expect(request.travelHistory).toBeUndefined();
    expect(request.notes).toBeUndefined();
  });

  it('detailed request keeps everything typed', () => {
    const request = draftToRequest(detailedDraft(), 'detailed');
    expect(request).toEqual({
      mode: 'detailed',
      plate: '鄂A12345',
      officerId: 'off-1',
      occupants: [
        {
          role: 'driver',
          name: '阿依古丽·买买提',
          documentType: 'resident_id',
          documentNumber: DRIVER_ID,
          phone: PHONE,
          temperature: 36.6,
          symptoms: ['none'],
        },
        {
          role: 'passenger',
          name: '𠮷田',
          documentType: 'resident_id',
          documentNumber: PASSENGER_ID,
          temperature: 37,
          symptoms: ['cough'],
        },
      ],
      originRegionCode: '420100',
      destination: { communityCode: '320508001001', roomId: 'room-1', text: '金色里程3幢2单元1202室' },
      purpose: 'return_home',
      travelHistory: [{ regionCode: '420100', from: '2026-02-01', to: '2026-02-09' }],
      notes: '后备箱已查',
      disposition: 'pass',
    });
  });

  it('turned back sends its reason, transferred its site', () => {
    const turned = draftToRequest(quickDraft({ disposition: 'turned_back', dispositionReason: ' 无通行证明 ', siteId: 'site-1' }), 'quick');
    expect(turned.dispositionReason).toBe('无通行证明');
    expect(turned.siteId).toBeUndefined();
    const transferred = draftToRequest(quickDraft({ disposition: 'transferred', siteId: 'site-1', dispositionReason: 'x' }), 'quick');
    expect(transferred.siteId).toBe('site-1');
    expect(transferred.dispositionReason).toBeUndefined();
  });

  it('station registration without plate', () => {
    const draft = quickDraft({ plate: '' });
    draft.occupants[0]!.phone = '';
    const station = context({ checkpoint: { ...context().checkpoint, type: 'station' } });
    expect(validateDraft(draft, 'quick', station, NOW)).toEqual({});
    expect(draftToRequest(draft, 'quick').occupants[0]?.role).toBe('passenger');
    expect(validateDraft(draft, 'quick', context(), NOW).plate).toEqual({ code: 'PLATE_REQUIRED', field: 'plate' });
  });

  it('valid drafts have no problems', () => {
    expect(validateDraft(quickDraft(), 'quick', context(), NOW)).toEqual({});
    expect(validateDraft(detailedDraft(), 'detailed', context(), NOW)).toEqual({});
  });

  it('parser errors keyed by field path', () => {
    const draft = quickDraft({ plate: '鄂I12345' });
    draft.occupants[0]!.documentNumber = '320508199001011031';
    draft.occupants[0]!.phone = '12800000000';
    const problems = validateDraft(draft, 'quick', context(), NOW);
    expect(problems.plate).toEqual({ code: 'PLATE_ISSUER_UNKNOWN', field: 'plate' });
    expect(problems['occupants.0.documentNumber']).toEqual({ code: 'ID_NUMBER_CHECKSUM_INVALID', field: 'documentNumber' });
    expect(problems['occupants.0.phone']).toEqual({ code: 'PHONE_MOBILE_PREFIX_INVALID', field: 'phone' });
  });

  it('shared phone needs the officer on duty', () => {
    const draft = quickDraft({ officerId: '' });
    expect(validateDraft(draft, 'quick', context(), NOW).officerId).toEqual({ key: 'checkpointForm.errors.officerRequired' });
    expect(validateDraft(draft, 'quick', context({ device: null, officer: { id: 'off-1', displayName: '张警官' } }), NOW)).toEqual({});
  });

  it('driver phone is required', () => {
    const draft = quickDraft();
    draft.occupants[0]!.phone = '';
    expect(validateDraft(draft, 'quick', context(), NOW)['occupants.0.phone']).toEqual({ code: 'PHONE_REQUIRED', field: 'phone' });
  });

  it('a passport needs its issuing country, which goes with the request', () => {
    const draft = quickDraft();
    draft.occupants[0]!.documentType = 'passport';
    draft.occupants[0]!.documentNumber = 'X1234567';
    expect(validateDraft(draft, 'quick', context(), NOW)['occupants.0.nationality']).toMatchObject({ code: 'PASSPORT_COUNTRY_INVALID' });

    draft.occupants[0]!.nationality = 'ｕｓａ';
    expect(validateDraft(draft, 'quick', context(), NOW)).toEqual({});
    expect(draftToRequest(draft, 'quick').occupants[0]).toMatchObject({ documentType: 'passport', nationality: 'USA' });
  });

  it('detailed mode requires names', () => {
    const draft = detailedDraft();
    draft.occupants[1]!.name = '  ';
    expect(validateDraft(draft, 'detailed', context(), NOW)['occupants.1.name']).toEqual({
      key: 'checkpointForm.errors.required',
      params: { field: 'checkpointForm.fields.name' },
    });
    expect(validateDraft(draft, 'quick', context(), NOW)['occupants.1.name']).toBeUndefined();
  });

  it('name length counts characters', () => {
    const draft = detailedDraft();
    draft.occupants[0]!.name = '𠮷'.repeat(50);
    expect(validateDraft(draft, 'detailed', context(), NOW)['occupants.0.name']).toBeUndefined();
    draft.occupants[0]!.name = '𠮷'.repeat(51);
    expect(validateDraft(draft, 'detailed', context(), NOW)['occupants.0.name']).toMatchObject({ key: 'checkpointForm.errors.tooLong' });
  });

  it('only the first occupant drives', () => {
    const draft = detailedDraft();
    draft.occupants[1]!.role = 'driver';
    expect(validateDraft(draft, 'detailed', context(), NOW).occupants).toEqual({ key: 'checkpointForm.errors.oneDriver' });
  });

  it('temperature and symptoms checked in detail', () => {
    const draft = detailedDraft();
    draft.occupants[0]!.temperature = '42.1';
    draft.occupants[1]!.symptoms = ['none', 'cough'];
    const problems = validateDraft(draft, 'detailed', context(), NOW);
    expect(problems['occupants.0.temperature']).toMatchObject({ key: 'checkpointForm.errors.temperature' });
    expect(problems['occupants.1.symptoms']).toEqual({ key: 'checkpointForm.errors.symptomsConflict' });
  });

  it('travel dates within 14 days', () => {
    const draft = detailedDraft();
    draft.travelHistory = [
      { ...emptyTravelStop(), regionCode: '420100', from: '2026-01-27', to: '2026-02-10' },
      { ...emptyTravelStop(), regionCode: '', from: '2026-02-05', to: '2026-02-04' },
      { ...emptyTravelStop(), regionCode: '99x', from: '', to: '2026-02-11' },
    ];
    const problems = validateDraft(draft, 'detailed', context(), NOW);
    expect(problems['travelHistory.0.from']).toEqual({
      key: 'checkpointForm.errors.travelDate',
      params: { from: '2026-01-28', to: '2026-02-10' },
    });
    expect(problems['travelHistory.0.to']).toBeUndefined();
    expect(problems['travelHistory.1.regionCode']).toMatchObject({ key: 'checkpointForm.errors.required' });
    expect(problems['travelHistory.1.to']).toEqual({ key: 'checkpointForm.errors.travelDateOrder' });
    expect(problems['travelHistory.2.regionCode']).toEqual({ key: 'checkpointForm.errors.region' });
    expect(problems['travelHistory.2.to']).toMatchObject({ key: 'checkpointForm.errors.travelDate' });
  });

  it('disposition needs reason or site', () => {
    expect(validateDraft(quickDraft({ disposition: 'turned_back' }), 'quick', context(), NOW).dispositionReason).toMatchObject({
      key: 'checkpointForm.errors.required',
    });
    expect(validateDraft(quickDraft({ disposition: 'transferred' }), 'quick', context(), NOW).siteId).toMatchObject({
      key: 'checkpointForm.errors.required',
    });
    expect(validateDraft(quickDraft({ disposition: 'transferred', siteId: 'gone' }), 'quick', context(), NOW).siteId).toEqual({
      key: 'checkpointForm.errors.siteUnknown',
    });
  });

  it('officer must be on the roster', () => {
    expect(validateDraft(quickDraft({ officerId: 'off-9' }), 'quick', context(), NOW).officerId).toEqual({
      key: 'checkpointForm.errors.officerUnknown',
    });
  });

  it('long texts rejected', () => {
    const draft = detailedDraft();
    draft.notes = '备'.repeat(501);
    draft.destination.text = '址'.repeat(201);
    const problems = validateDraft(draft, 'detailed', context(), NOW);
    expect(problems.notes).toMatchObject({ key: 'checkpointForm.errors.tooLong', params: { max: 500 } });
    expect(problems['destination.text']).toMatchObject({ key: 'checkpointForm.errors.tooLong', params: { max: 200 } });
  });

  it('too many occupants', () => {
    const draft = detailedDraft();
    while (draft.occupants.length < 10) draft.occupants.push({ ...emptyOccupant('passenger'), name: '李', documentNumber: DRIVER_ID });
    expect(validateDraft(draft, 'detailed', context(), NOW).occupants).toEqual({
      key: 'checkpointForm.errors.tooManyOccupants',
      params: { max: 9 },
    });
  });
});

describe('derived facts', () => {
  it('plate province and city', () => {
    expect(plateFactsOf('鄂a·12345')).toMatchObject({ number: '鄂A12345', province: '湖北省', city: '武汉市', regionCode: '420100' });
    expect(plateFactsOf('鄂A1234')).toBeUndefined();
  });

  it('document region, age and sex', () => {
    const facts = documentFactsOf({ documentNumber: DRIVER_ID, documentType: 'resident_id', nationality: '' }, '2026-02-10');
    expect(facts).toMatchObject({ number: DRIVER_ID, regionCode: '320508', birthDate: '1990-01-01', age: 36, sex: 'male' });
    expect(facts?.region).toContain('姑苏区');
  });

  it('age counts birthdays', () => {
    expect(ageOn('1990-02-10', '2026-02-09')).toBe(35);
    expect(ageOn('1990-02-10', '2026-02-10')).toBe(36);
  });

  it('risk from plate, document, origin and travel', () => {
    const entries: RiskEntry[] = [
      { id: 'r1', kind: 'plate_prefix', value: '鄂A', level: 'medium', effectiveFrom: '2026-02-01' },
      { id: 'r2', kind: 'region', value: '320508', level: 'low', effectiveFrom: '2026-02-01' },
      { id: 'r3', kind: 'region', value: '420100', level: 'high', effectiveFrom: '2026-02-01' },
    ];
    const quick = assessRisk(quickDraft(), 'quick', entries, NOW);
    // The plate 鄂A lies in 420100 too, so both the prefix and the region entry match it.
    expect(quick.level).toBe('high');
    expect(quick.reasons.map((reason) => reason.subject)).toEqual(['plate', 'plate', 'document']);

    const detailed = assessRisk(detailedDraft(), 'detailed', entries, NOW);
    expect(detailed.reasons.filter((reason) => reason.subject === 'origin')).toHaveLength(1);
    expect(detailed.reasons.filter((reason) => reason.subject === 'travel')).toHaveLength(1);
  });

  it('no risk without entries', () => {
    expect(assessRisk(quickDraft(), 'quick', [], NOW)).toEqual({ level: null, reasons: [] });
  });

  it('region search by name and code', () => {
    expect(searchRegions('武汉')[0]).toMatchObject({ code: '420100', name: '武汉市' });
    expect(searchRegions('4201').every((option) => option.code.startsWith('4201'))).toBe(true);
    expect(searchRegions('市辖区')).toEqual([]);
    expect(searchRegions('  ')).toEqual([]);
  });
});
