import { type DocumentType, parseIdentityDocument, parsePhoneNumber, type RiskLevel } from '@cordon/core';
import type { PersonDetail, UpdatePersonRequest } from '../../api/persons.js';
import { PERSON_FORM_FIELDS, type PersonForm, preferredLanguageOf } from './data.js';

/**
 * The edit form of a person file. The document number arrives masked, so the
 * form starts with it empty, and an empty number keeps the stored document.
 */
export interface PersonEditForm extends PersonForm {
  /** Room or place linked as the current address; both empty when none. */
  roomId: string;
  placeId: string;
  /** Text of the linked address, shown in the address search box. */
  addressText: string;
}

export type PersonEditField = keyof PersonEditForm;

/** Fields a server error may name: the shared ones and the address, but not its display text. */
export const PERSON_EDIT_FIELDS: readonly PersonEditField[] = [...PERSON_FORM_FIELDS, 'roomId', 'placeId'];

/** Fills the edit form from a file. The phone also arrives masked, so it starts empty and an empty phone keeps the stored one. */
export function editFormOf(person: PersonDetail): PersonEditForm {
  return {
    name: person.name,
    documentType: person.documentType as DocumentType,
    documentNumber: '',
    phone: '',
    communityCode: person.communityCode,
    roomId: person.roomId ?? '',
    placeId: person.placeId ?? '',
    addressText: person.addressText ?? '',
    householdRole: person.householdRole ?? '',
    preferredLanguage: preferredLanguageOf(person.preferredLanguage),
    originRegionCode: person.originRegionCode ?? '',
    arrivalDate: person.arrivalDate ?? '',
    travelMode: person.travelMode ?? '',
    travelNumber: person.travelNumber ?? '',
    keyPerson: person.keyPerson,
    keyPersonReason: person.keyPersonReason ?? '',
    closeContact: person.closeContact,
    closeContactReason: person.closeContactReason ?? '',
    notes: person.notes ?? '',
  };
}

/** Returns the trimmed text, or null for blank text, which clears the field. */
function textOrNull(text: string): string | null {
  const trimmed = text.trim();
  return trimmed === '' ? null : trimmed;
}

/**
 * Builds a PATCH body with only the fields that differ from the stored file.
 * Blank optional fields become null, which clears them. A marker is sent with
 * its reason whenever either changed, but a marker switched off sends no reason.
 */
export function updateRequestOf(form: PersonEditForm, person: PersonDetail): UpdatePersonRequest {
  const request: UpdatePersonRequest = {};
  const name = form.name.trim();
  if (name !== person.name) request.name = name;

  const documentNumber = form.documentNumber.trim();
  if (documentNumber !== '') {
    request.documentType = form.documentType;
    request.documentNumber = documentNumber;
  }
  const phone = form.phone.trim();
  if (phone !== '') request.phone = phone;

  if (form.communityCode !== person.communityCode) request.communityCode = form.communityCode;
  const roomId = textOrNull(form.roomId);
  const placeId = textOrNull(form.placeId);
  if (roomId !== person.roomId) request.roomId = roomId;
  if (placeId !== person.placeId) request.placeId = placeId;

  const householdRole = form.householdRole === '' ? null : form.householdRole;
  if (householdRole !== person.householdRole) request.householdRole = householdRole;
  if (form.preferredLanguage !== person.preferredLanguage) request.preferredLanguage = form.preferredLanguage;
  const originRegionCode = textOrNull(form.originRegionCode);
  if (originRegionCode !== person.originRegionCode) request.originRegionCode = originRegionCode;
  const arrivalDate = textOrNull(form.arrivalDate);
  if (arrivalDate !== person.arrivalDate) request.arrivalDate = arrivalDate;
  const travelMode = form.travelMode === '' ? null : form.travelMode;
  if (travelMode !== person.travelMode) request.travelMode = travelMode;
  const travelNumber = textOrNull(form.travelNumber);
  if (travelNumber !== person.travelNumber) request.travelNumber = travelNumber;

  const keyPersonReason = form.keyPerson ? textOrNull(form.keyPersonReason) : null;
  if (form.keyPerson !== person.keyPerson || keyPersonReason !== person.keyPersonReason) {
    request.keyPerson = form.keyPerson;
    if (form.keyPerson) request.keyPersonReason = keyPersonReason;
  }
  const closeContactReason = form.closeContact ? textOrNull(form.closeContactReason) : null;
  if (form.closeContact !== person.closeContact || closeContactReason !== person.closeContactReason) {
    request.closeContact = form.closeContact;
    if (form.closeContact) request.closeContactReason = closeContactReason;
  }

  // Only the ends are trimmed: the server cleans each line and keeps the line breaks.
  const notes = textOrNull(form.notes);
  if (notes !== person.notes) request.notes = notes;
  return request;
}

/** Preview of a typed document number: birth date, sex and issuing region, or the parser's error code. */
export type DocumentPreview =
  { ok: true; type: string; birthDate: string | null; sex: 'male' | 'female' | null; region: string | null } | { ok: false; code: string };

/** Parses a typed document number as the server will, for live feedback; undefined while the box is empty. */
export function previewDocument(number: string, type: DocumentType): DocumentPreview | undefined {
  if (number.trim() === '') return undefined;
  const parsed = parseIdentityDocument(number, { type });
  if (!parsed.ok) return { ok: false, code: parsed.code };
  const { birthDate, sex, regionName } = parsed.value;
  return {
    ok: true,
    type: parsed.value.type,
    birthDate: birthDate ?? null,
    sex: sex ?? null,
    region: regionName && regionName.length > 0 ? regionName.join(' / ') : null,
  };
}

/** Parses a typed phone number for live feedback: the number as dialled in China, or the parser's error code. */
export function previewPhone(input: string): { ok: true; national: string } | { ok: false; code: string } | undefined {
  if (input.trim() === '') return undefined;
  const parsed = parsePhoneNumber(input);
  return parsed.ok ? { ok: true, national: parsed.value.national } : { ok: false, code: parsed.code };
}

/** Element Plus tag type of a risk level: red for high, orange for medium, grey for low. */
export function riskTagType(level: RiskLevel): 'danger' | 'warning' | 'info' {
  if (level === 'high') return 'danger';
  if (level === 'medium') return 'warning';
  return 'info';
}
