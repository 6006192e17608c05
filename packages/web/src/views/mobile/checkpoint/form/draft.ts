import { normalizeRegionCode, parseIdentityDocument, parsePhoneNumber, parsePlate, type DocumentType } from '@cordon/core';
import {
  MAX_OCCUPANTS,
  type Disposition,
  type OccupantRequest,
  type OccupantRole,
  type PhoneContext,
  type RegistrationMode,
  type RegistrationRequest,
  type TravelPurpose,
} from '../../../../api/checkpoint-phone.js';
import type { Symptom } from '../../../../api/screening.js';
import { addDays, chinaToday, parseTemperature } from '../../screening/visit-form.js';

/** Body of the form's save event. The phone shell adds the id, the time and the checkpoint. */
export type RegistrationInput = Omit<RegistrationRequest, 'id' | 'registeredAt' | 'checkpointId'>;

export interface OccupantDraft {
  /** Key for the list on the page; never sent. */
  key: number;
  role: OccupantRole;
  name: string;
  documentType: DocumentType;
  documentNumber: string;
  /** Issuing country of a passport, ISO 3166-1 alpha-3 (USA); the parser needs it to read the number. */
  nationality: string;
  phone: string;
  /** Text from the keypad, such as "36.5"; empty when not measured. */
  temperature: string;
  symptoms: Symptom[];
}

export interface TravelStopDraft {
  key: number;
  regionCode: string;
  /** YYYY-MM-DD or empty. */
  from: string;
  to: string;
}

export interface DestinationDraft {
  communityCode: string;
  /** Shown on the page; the server derives the name itself. */
  communityName: string;
  roomId: string;
  placeId: string;
  text: string;
}

/**
 * Everything the officer has typed for one car, in both modes. Switching
 * between quick and detailed mode keeps the whole draft; `draftToRequest`
 * decides what the chosen mode sends.
 */
export interface RegistrationDraft {
  plate: string;
  /** The officer marked the plate as new-energy, so the plate keyboard waits for 8 characters. */
  newEnergyPlate: boolean;
  /** The first occupant is the driver when a plate is given; quick mode uses only this one. */
  occupants: OccupantDraft[];
  originRegionCode: string;
  destination: DestinationDraft;
  purpose: TravelPurpose | '';
  travelHistory: TravelStopDraft[];
  notes: string;
  disposition: Disposition;
  dispositionReason: string;
  siteId: string;
  /** Officer on duty chosen by the phone shell; empty when the shell sends none. */
  officerId: string;
}

export const MAX_NAME_LENGTH = 50;
export const MAX_DESTINATION_TEXT_LENGTH = 200;
export const MAX_NOTES_LENGTH = 500;
export const MAX_DISPOSITION_REASON_LENGTH = 200;
export const MAX_TRAVEL_STOPS = 20;
/** Travel history covers the 14 days before the registration, today included. */
export const TRAVEL_HISTORY_DAYS = 14;

let nextKey = 1;

/** Returns a key unique on this page, for lists of occupants and travel stops. */
export function nextDraftKey(): number {
  return nextKey++;
}

export function emptyOccupant(role: OccupantRole): OccupantDraft {
  return {
    key: nextDraftKey(),
    role,
    name: '',
    documentType: 'resident_id',
    documentNumber: '',
    nationality: '',
    phone: '',
    temperature: '',
    symptoms: [],
  };
}

export function emptyTravelStop(): TravelStopDraft {
  return { key: nextDraftKey(), regionCode: '', from: '', to: '' };
}

export function emptyDraft(): RegistrationDraft {
  return {
    plate: '',
    newEnergyPlate: false,
    occupants: [emptyOccupant('driver')],
    originRegionCode: '',
    destination: { communityCode: '', communityName: '', roomId: '', placeId: '', text: '' },
    purpose: '',
    travelHistory: [],
    notes: '',
    disposition: 'pass',
    dispositionReason: '',
    siteId: '',
    officerId: '',
  };
}

/** Counts code points as JSON Schema's maxLength does, so a character outside the BMP (𠮷) counts once. */
function characterCount(text: string): number {
  return Array.from(text).length;
}

function hasPlate(draft: RegistrationDraft): boolean {
  return draft.plate.trim() !== '';
}

/** Returns the occupants that a mode sends: quick mode sends the first one only. */
export function occupantsOfMode(draft: RegistrationDraft, mode: RegistrationMode): OccupantDraft[] {
  return mode === 'quick' ? draft.occupants.slice(0, 1) : draft.occupants;
}

/** Picks an occupant's role. The first one drives a car with a plate, and is a passenger at a station without one. */
function roleOf(draft: RegistrationDraft, occupant: OccupantDraft, index: number, mode: RegistrationMode): OccupantRole {
  if (mode === 'quick') return hasPlate(draft) ? 'driver' : 'passenger';
  return index === 0 && hasPlate(draft) ? 'driver' : occupant.role;
}

function occupantRequestOf(draft: RegistrationDraft, occupant: OccupantDraft, index: number, mode: RegistrationMode): OccupantRequest {
  const request: OccupantRequest = {
    role: roleOf(draft, occupant, index, mode),
    documentType: occupant.documentType,
    documentNumber: occupant.documentNumber.trim(),
  };
  const nationality = normalizeNationality(occupant.nationality);
  if (occupant.documentType === 'passport' && nationality) request.nationality = nationality;
  const name = occupant.name.trim();
  if (name) request.name = name;
  const phone = occupant.phone.trim();
  if (phone) request.phone = phone;
  if (mode === 'quick') return request;

  const temperature = parseTemperature(occupant.temperature);
  if (temperature !== undefined && !Number.isNaN(temperature)) request.temperature = temperature;
  if (occupant.symptoms.length > 0) request.symptoms = [...occupant.symptoms];
  return request;
}

function destinationOf(draft: RegistrationDraft): RegistrationRequest['destination'] {
  const { communityCode, roomId, placeId } = draft.destination;
  const text = draft.destination.text.trim();
  const destination: NonNullable<RegistrationRequest['destination']> = {};
  if (communityCode) destination.communityCode = communityCode;
  if (roomId) destination.roomId = roomId;
  if (placeId) destination.placeId = placeId;
  if (text) destination.text = text;
  return Object.keys(destination).length > 0 ? destination : undefined;
}

/**
 * Builds the request body that the form emits on save. Quick mode sends the
 * plate, the first occupant's document and phone, and the disposition. What
 * the officer typed in detailed mode stays in the draft but is not sent.
 * Call validateDraft first, because this function sends values as typed.
 */
export function draftToRequest(draft: RegistrationDraft, mode: RegistrationMode): RegistrationInput {
  const request: RegistrationInput = {
    mode,
    occupants: occupantsOfMode(draft, mode).map((occupant, index) => occupantRequestOf(draft, occupant, index, mode)),
    disposition: draft.disposition,
  };
  const plate = draft.plate.trim();
  if (plate) request.plate = plate;
  if (draft.officerId) request.officerId = draft.officerId;
  if (draft.disposition === 'turned_back') request.dispositionReason = draft.dispositionReason.trim();
  if (draft.disposition === 'transferred') request.siteId = draft.siteId;
  if (mode === 'quick') return request;

  if (draft.originRegionCode) request.originRegionCode = draft.originRegionCode;
  const destination = destinationOf(draft);
  if (destination) request.destination = destination;
  if (draft.purpose) request.purpose = draft.purpose;
  if (draft.travelHistory.length > 0) {
    request.travelHistory = draft.travelHistory.map((stop) => ({
      regionCode: stop.regionCode,
      ...(stop.from ? { from: stop.from } : {}),
      ...(stop.to ? { to: stop.to } : {}),
    }));
  }
  const notes = draft.notes.trim();
  if (notes) request.notes = notes;
  return request;
}

/**
 * A problem with one field: a message of the checkpointForm namespace with
 * its parameters, or an error code of a core parser whose message
 * formatErrorMessage builds with the field's label.
 */
export type FieldProblem = { key: string; params?: Record<string, string | number> } | { code: string; field: string };

/** Problems keyed by the request's field path, such as `plate` or `occupants.1.documentNumber`. */
export type FieldProblems = Record<string, FieldProblem>;

function required(label: string): FieldProblem {
  return { key: 'checkpointForm.errors.required', params: { field: `checkpointForm.fields.${label}` } };
}

function tooLong(label: string, max: number): FieldProblem {
  return { key: 'checkpointForm.errors.tooLong', params: { field: `checkpointForm.fields.${label}`, max } };
}

/** Checks a plate as the server will: required unless the checkpoint is a station. */
export function plateProblem(plate: string, context: PhoneContext): FieldProblem | undefined {
  if (plate.trim() === '') return context.checkpoint.type === 'station' ? undefined : { code: 'PLATE_REQUIRED', field: 'plate' };
  const parsed = parsePlate(plate);
  return parsed.ok ? undefined : { code: parsed.code, field: 'plate' };
}

/** Upper-cases an alpha-3 country code typed on the phone, full-width letters included. */
export function normalizeNationality(value: string): string {
  return value.normalize('NFKC').trim().toUpperCase();
}

/** Parses a document number as its chosen type; a passport is read with the issuing country the officer chose. */
export function parseOccupantDocument(occupant: Pick<OccupantDraft, 'documentNumber' | 'documentType' | 'nationality'>) {
  const countryCode = occupant.documentType === 'passport' ? { countryCode: normalizeNationality(occupant.nationality) } : {};
  return parseIdentityDocument(occupant.documentNumber, { type: occupant.documentType, ...countryCode });
}

export function documentProblem(
  occupant: Pick<OccupantDraft, 'documentNumber' | 'documentType' | 'nationality'>,
): FieldProblem | undefined {
  const parsed = parseOccupantDocument(occupant);
  return parsed.ok ? undefined : { code: parsed.code, field: 'documentNumber' };
}

/** Checks a phone number. An empty one is a problem only when `needed` is true, as for the driver. */
export function phoneProblem(phone: string, needed: boolean): FieldProblem | undefined {
  if (phone.trim() === '') return needed ? { code: 'PHONE_REQUIRED', field: 'phone' } : undefined;
  const parsed = parsePhoneNumber(phone);
  return parsed.ok ? undefined : { code: parsed.code, field: 'phone' };
}

function occupantProblems(draft: RegistrationDraft, mode: RegistrationMode, problems: FieldProblems): void {
  const occupants = occupantsOfMode(draft, mode);
  if (occupants.length === 0) problems.occupants = { key: 'checkpointForm.errors.occupantRequired' };
  if (occupants.length > MAX_OCCUPANTS)
    problems.occupants = { key: 'checkpointForm.errors.tooManyOccupants', params: { max: MAX_OCCUPANTS } };

  const roles = occupants.map((occupant, index) => roleOf(draft, occupant, index, mode));
  const drivers = roles.filter((role) => role === 'driver').length;
  if (hasPlate(draft) && drivers !== 1) problems.occupants = { key: 'checkpointForm.errors.oneDriver' };

  occupants.forEach((occupant, index) => {
    const path = `occupants.${index}`;
    const name = occupant.name.trim();
    if (mode === 'detailed' && name === '') problems[`${path}.name`] = required('name');
    if (characterCount(name) > MAX_NAME_LENGTH) problems[`${path}.name`] = tooLong('name', MAX_NAME_LENGTH);

    const document = documentProblem(occupant);
    // Without a valid issuing country the number cannot be read, so the country is the field to fix.
    if (document && 'code' in document && document.code === 'PASSPORT_COUNTRY_INVALID')
      problems[`${path}.nationality`] = { ...document, field: 'nationality' };
    else if (document) problems[`${path}.documentNumber`] = document;

    const phone = phoneProblem(occupant.phone, roles[index] === 'driver');
    if (phone) problems[`${path}.phone`] = phone;
    if (mode === 'quick') return;

    if (Number.isNaN(parseTemperature(occupant.temperature))) {
      problems[`${path}.temperature`] = { key: 'checkpointForm.errors.temperature', params: { min: '35.0', max: '42.0' } };
    }
    if (occupant.symptoms.includes('none') && occupant.symptoms.length > 1) {
      problems[`${path}.symptoms`] = { key: 'checkpointForm.errors.symptomsConflict' };
    }
  });
}

function travelProblems(draft: RegistrationDraft, now: Date, problems: FieldProblems): void {
  if (draft.travelHistory.length > MAX_TRAVEL_STOPS) {
    problems.travelHistory = { key: 'checkpointForm.errors.tooManyStops', params: { max: MAX_TRAVEL_STOPS } };
  }
  const today = chinaToday(now);
  const earliest = addDays(today, -(TRAVEL_HISTORY_DAYS - 1));
  const range = { from: earliest, to: today };

  draft.travelHistory.forEach((stop, index) => {
    const path = `travelHistory.${index}`;
    if (stop.regionCode === '') problems[`${path}.regionCode`] = required('travelRegion');
    else if (normalizeRegionCode(stop.regionCode) === undefined) problems[`${path}.regionCode`] = { key: 'checkpointForm.errors.region' };

    for (const end of ['from', 'to'] as const) {
      const date = stop[end];
      if (date && (date < earliest || date > today))
        problems[`${path}.${end}`] = { key: 'checkpointForm.errors.travelDate', params: range };
    }
    if (stop.from && stop.to && stop.from > stop.to) problems[`${path}.to`] = { key: 'checkpointForm.errors.travelDateOrder' };
  });
}

function detailProblems(draft: RegistrationDraft, now: Date, problems: FieldProblems): void {
  if (draft.originRegionCode && normalizeRegionCode(draft.originRegionCode) === undefined) {
    problems.originRegionCode = { key: 'checkpointForm.errors.region' };
  }
  if (characterCount(draft.destination.text.trim()) > MAX_DESTINATION_TEXT_LENGTH) {
    problems['destination.text'] = tooLong('destination', MAX_DESTINATION_TEXT_LENGTH);
  }
  travelProblems(draft, now, problems);
  if (characterCount(draft.notes.trim()) > MAX_NOTES_LENGTH) problems.notes = tooLong('notes', MAX_NOTES_LENGTH);
}

function dispositionProblems(draft: RegistrationDraft, context: PhoneContext, problems: FieldProblems): void {
  if (draft.disposition === 'turned_back') {
    const reason = draft.dispositionReason.trim();
    if (reason === '') problems.dispositionReason = required('dispositionReason');
    if (characterCount(reason) > MAX_DISPOSITION_REASON_LENGTH) {
      problems.dispositionReason = tooLong('dispositionReason', MAX_DISPOSITION_REASON_LENGTH);
    }
  }
  if (draft.disposition === 'transferred') {
    if (draft.siteId === '') problems.siteId = required('site');
    else if (!context.sites.some((site) => site.id === draft.siteId)) problems.siteId = { key: 'checkpointForm.errors.siteUnknown' };
  }
  if (draft.officerId && !context.officers.some((officer) => officer.id === draft.officerId)) {
    problems.officerId = { key: 'checkpointForm.errors.officerUnknown' };
  }
  // A shared phone records who was on duty; an officer's own session records the officer instead.
  if (!draft.officerId && context.device !== null && context.officers.length > 0) {
    problems.officerId = { key: 'checkpointForm.errors.officerRequired' };
  }
}

/**
 * Finds every problem that the server would reject in the request that
 * `draftToRequest(draft, mode)` builds, keyed by its field path. An empty
 * object means the draft can be saved. `now` sets the 14-day window of the
 * travel history.
 */
export function validateDraft(draft: RegistrationDraft, mode: RegistrationMode, context: PhoneContext, now = new Date()): FieldProblems {
  const problems: FieldProblems = {};
  const plate = plateProblem(draft.plate, context);
  if (plate) problems.plate = plate;

  occupantProblems(draft, mode, problems);
  if (mode === 'detailed') detailProblems(draft, now, problems);
  dispositionProblems(draft, context, problems);
  return problems;
}
