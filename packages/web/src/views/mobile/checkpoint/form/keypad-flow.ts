import { parsePhoneNumber } from '@cordon/core';
import { MOBILE_NUMBER_LENGTH, RESIDENT_ID_LENGTH } from '../../../../components/keyboards/digit-keys.js';
import { isPlateComplete } from '../../../../components/keyboards/plate-keys.js';
import type { RegistrationMode } from '../../../../api/checkpoint-phone.js';
import { documentProblem, occupantsOfMode, type RegistrationDraft } from './draft.js';

/** The value an on-screen keyboard is typing: the plate, or an occupant's document or phone. */
export type KeypadTarget = { field: 'plate' } | { field: 'document' | 'phone'; index: number } | null;

/** Tells whether a resident ID is finished: 18 characters that the parser accepts. */
export function isDocumentComplete(draft: RegistrationDraft, index: number): boolean {
  const occupant = draft.occupants[index];
  if (!occupant || occupant.documentType !== 'resident_id') return false;
  return occupant.documentNumber.length === RESIDENT_ID_LENGTH && documentProblem(occupant) === undefined;
}

/** Tells whether a phone is finished: 11 digits of a valid mobile number. A landline ends with the done key. */
export function isPhoneComplete(draft: RegistrationDraft, index: number): boolean {
  const phone = draft.occupants[index]?.phone ?? '';
  if (phone.length !== MOBILE_NUMBER_LENGTH) return false;
  const parsed = parsePhoneNumber(phone);
  return parsed.ok && parsed.value.kind === 'mobile';
}

/** Tells whether the keyboard of `target` has typed a whole value, so the form may move on by itself. */
export function isTargetComplete(draft: RegistrationDraft, target: NonNullable<KeypadTarget>): boolean {
  if (target.field === 'plate') return isPlateComplete(draft.plate, draft.newEnergyPlate);
  return target.field === 'document' ? isDocumentComplete(draft, target.index) : isPhoneComplete(draft, target.index);
}

/**
 * Picks the keyboard to open after `from` is finished: plate, then the first
 * occupant's ID number, then that occupant's phone. It skips values already
 * finished and a document typed on the system keyboard (a passport or
 * permit). It skips the plate when `plateExpected` is false (a station).
 * Null means every keypad value is done and the save button is next.
 */
export function nextKeypadTarget(draft: RegistrationDraft, mode: RegistrationMode, from: KeypadTarget, plateExpected = true): KeypadTarget {
  const occupantCount = occupantsOfMode(draft, mode).length;
  const order: NonNullable<KeypadTarget>[] = plateExpected ? [{ field: 'plate' }] : [];
  for (let index = 0; index < occupantCount; index += 1) {
    order.push({ field: 'document', index }, { field: 'phone', index });
  }

  const position = from === null ? -1 : order.findIndex((target) => sameTarget(target, from));
  for (const target of order.slice(position + 1)) {
    if (target.field === 'document' && draft.occupants[target.index]?.documentType !== 'resident_id') continue;
    // In detailed mode each occupant is typed in its own card; the flow ends with the occupant it started in.
    if (from !== null && from.field !== 'plate' && target.field !== 'plate' && target.index !== from.index) return null;
    if (!isTargetComplete(draft, target)) return target;
  }
  return null;
}

export function sameTarget(a: KeypadTarget, b: KeypadTarget): boolean {
  if (a === null || b === null) return a === b;
  if (a.field === 'plate' || b.field === 'plate') return a.field === b.field;
  return a.field === b.field && a.index === b.index;
}
