import { describe, expect, it } from 'vitest';
import { emptyDraft, emptyOccupant, type RegistrationDraft } from './draft.js';
import { isTargetComplete, nextKeypadTarget } from './keypad-flow.js';

const DRIVER_ID = '32050819900101103X';

function draftWith(values: { plate?: string; document?: string; phone?: string }): RegistrationDraft {
  const draft = emptyDraft();
  draft.plate = values.plate ?? '';
  draft.occupants[0]!.documentNumber = values.document ?? '';
  draft.occupants[0]!.phone = values.phone ?? '';
  return draft;
}

describe('keypad flow', () => {
  it('starts with the plate', () => {
    expect(nextKeypadTarget(emptyDraft(), 'quick', null)).toEqual({ field: 'plate' });
  });

  it('station starts with the document', () => {
    expect(nextKeypadTarget(emptyDraft(), 'quick', null, false)).toEqual({ field: 'document', index: 0 });
  });

  it('plate then ID then phone then save', () => {
    const afterPlate = draftWith({ plate: '鄂A12345' });
    expect(isTargetComplete(afterPlate, { field: 'plate' })).toBe(true);
    expect(nextKeypadTarget(afterPlate, 'quick', { field: 'plate' })).toEqual({ field: 'document', index: 0 });

    const afterDocument = draftWith({ plate: '鄂A12345', document: DRIVER_ID });
    expect(isTargetComplete(afterDocument, { field: 'document', index: 0 })).toBe(true);
    expect(nextKeypadTarget(afterDocument, 'quick', { field: 'document', index: 0 })).toEqual({ field: 'phone', index: 0 });

    const afterPhone = draftWith({ plate: '鄂A12345', document: DRIVER_ID, phone: '13800000000' });
    expect(isTargetComplete(afterPhone, { field: 'phone', index: 0 })).toBe(true);
    expect(nextKeypadTarget(afterPhone, 'quick', { field: 'phone', index: 0 })).toBeNull();
  });

  it('skips values already finished', () => {
    const draft = draftWith({ document: DRIVER_ID });
    draft.plate = '鄂A12345';
    expect(nextKeypadTarget(draft, 'quick', { field: 'plate' })).toEqual({ field: 'phone', index: 0 });
  });

  it('invalid ID at 18 does not advance', () => {
    expect(isTargetComplete(draftWith({ document: '320508199001011031' }), { field: 'document', index: 0 })).toBe(false);
  });

  it('landline waits for done', () => {
    expect(isTargetComplete(draftWith({ phone: '05126522345' }), { field: 'phone', index: 0 })).toBe(false);
  });

  it('new-energy plate waits for 8', () => {
    const draft = draftWith({ plate: '苏AD1234' });
    draft.newEnergyPlate = true;
    expect(isTargetComplete(draft, { field: 'plate' })).toBe(false);
    draft.plate = '苏AD12345';
    expect(isTargetComplete(draft, { field: 'plate' })).toBe(true);
  });

  it('passport typed on the system keyboard', () => {
    const draft = draftWith({ plate: '鄂A12345' });
    draft.occupants[0]!.documentType = 'passport';
    expect(nextKeypadTarget(draft, 'quick', { field: 'plate' })).toEqual({ field: 'phone', index: 0 });
  });

  it('detailed flow stays in one occupant', () => {
    const draft = draftWith({ plate: '鄂A12345', document: DRIVER_ID, phone: '13800000000' });
    draft.occupants.push(emptyOccupant('passenger'));
    expect(nextKeypadTarget(draft, 'detailed', { field: 'phone', index: 0 })).toBeNull();
    expect(nextKeypadTarget(draft, 'detailed', { field: 'document', index: 1 })).toEqual({ field: 'phone', index: 1 });
  });
});
