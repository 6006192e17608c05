import type { DocumentType } from '@cordon/core';
import { VISITOR_FEVER_TEMPERATURE, type VisitorRegistration, type VisitorStatus, type VisitPurpose } from '../../../api/visitors.js';
import { documentProblem, normalizeNationality, phoneProblem, type FieldProblem } from '../checkpoint/form/draft.js';
import { parseTemperature } from '../screening/visit-form.js';

/** Maximum length of a visitor's name, in characters (code points). */
export const MAX_VISITOR_NAME_LENGTH = 50;
/** Maximum length of the purpose text, chip label included, in characters. */
export const MAX_PURPOSE_LENGTH = 100;

/** Form state of one visitor, as the volunteer typed it. */
export interface VisitorDraft {
  name: string;
  documentType: DocumentType;
  documentNumber: string;
  /** Issuing country of a passport (ISO 3166-1 alpha-3); the parser needs it to read the number. */
  nationality: string;
  phone: string;
  /** Room the host lives in, found by the picker or by the typed "1-1-101". */
  hostRoomId: string;
  hostRoomText: string;
  purpose: VisitPurpose | '';
  purposeText: string;
  /** Text from the field, such as "36.5". */
  temperature: string;
}

export function emptyVisitorDraft(): VisitorDraft {
  return {
    name: '',
    documentType: 'resident_id',
    documentNumber: '',
    nationality: '',
    phone: '',
    hostRoomId: '',
    hostRoomText: '',
    purpose: '',
    purposeText: '',
    temperature: '',
  };
}

/** Building, unit and room numbers of a host room typed as "1-1-101". */
export interface RoomAddress {
  building: string;
  unit: string;
  room: string;
}

/**
 * Reads a room typed as building-unit-room: "1-1-101", "1 1 101",
 * "3/2/1202", full-width digits and dashes, or "1幢1单元101室" (also 栋,
 * 号楼, 座). Returns undefined for anything else.
 */
export function parseRoomAddress(text: string): RoomAddress | undefined {
  const normalized = text.normalize('NFKC').trim().toUpperCase();
  const written = /^([0-9A-Z]+)\s*(?:幢|栋|号楼|座)\s*([0-9A-Z]+)\s*单元\s*([0-9A-Z]+)\s*室?$/.exec(normalized);
  const separated = /^([0-9A-Z]+)\s*[-—–/\s]\s*([0-9A-Z]+)\s*[-—–/\s]\s*([0-9A-Z]+)$/.exec(normalized);
  const match = written ?? separated;
  if (!match) return undefined;
  const [, building = '', unit = '', room = ''] = match;
  return { building, unit, room };
}

/** Compares a typed number with a stored one, ignoring leading zeros ("01" is building 1). */
export function sameNumber(typed: string, stored: string): boolean {
  const strip = (value: string) =>
    value
      .normalize('NFKC')
      .trim()
      .toUpperCase()
      .replace(/^0+(?=.)/, '');
  return strip(typed) === strip(stored);
}

/** Purpose sent to the server: the chip's label in the volunteer's language, then the typed detail after a colon. */
export function purposeOf(label: string, detail: string): string {
  const text = detail.trim();
  if (label === '') return text;
  return text === '' ? label : `${label}：${text}`;
}

/** Problems keyed by the request field, such as `documentNumber`. */
export type VisitorProblems = Partial<
  Record<'name' | 'documentNumber' | 'nationality' | 'phone' | 'hostRoomId' | 'purpose' | 'temperature', FieldProblem>
>;

function required(field: string): FieldProblem {
  return { key: 'gatePhone.errors.required', params: { field: `gatePhone.fields.${field}` } };
}

/** Finds every problem the server would reject, so the save shows them at their fields; empty means the draft can be sent. */
export function validateVisitor(draft: VisitorDraft): VisitorProblems {
  const problems: VisitorProblems = {};
  const name = draft.name.trim();
  if (name === '') problems.name = required('name');
  else if (Array.from(name).length > MAX_VISITOR_NAME_LENGTH) {
    problems.name = { key: 'gatePhone.errors.tooLong', params: { field: 'gatePhone.fields.name', max: MAX_VISITOR_NAME_LENGTH } };
  }

  const document = documentProblem(draft);
  if (document && 'code' in document && document.code === 'PASSPORT_COUNTRY_INVALID')
    problems.nationality = { ...document, field: 'nationality' };
  else if (document) problems.documentNumber = document;

  const phone = phoneProblem(draft.phone, true);
  if (phone) problems.phone = phone;

  if (draft.hostRoomId === '') problems.hostRoomId = required('hostRoom');

  if (draft.purpose === '') problems.purpose = required('purpose');
  else if (draft.purpose === 'other' && draft.purposeText.trim() === '') problems.purpose = { key: 'gatePhone.errors.otherPurpose' };
  else if (Array.from(draft.purposeText.trim()).length > MAX_PURPOSE_LENGTH) {
    problems.purpose = { key: 'gatePhone.errors.tooLong', params: { field: 'gatePhone.fields.purpose', max: MAX_PURPOSE_LENGTH } };
  }

  const temperature = parseTemperature(draft.temperature);
  if (temperature === undefined) problems.temperature = required('temperature');
  else if (Number.isNaN(temperature)) problems.temperature = { key: 'gatePhone.errors.temperature', params: { min: '35.0', max: '42.0' } };
  return problems;
}

/** Builds the request of a draft that validateVisitor accepted; `purposeLabel` is the chosen chip's label. */
export function visitorRequestOf(draft: VisitorDraft, compoundId: string, purposeLabel: string): VisitorRegistration {
  const temperature = parseTemperature(draft.temperature);
  if (temperature === undefined || Number.isNaN(temperature)) throw new Error('the temperature is not valid; call validateVisitor first');
  const request: VisitorRegistration = {
    compoundId,
    name: draft.name.trim(),
    documentType: draft.documentType,
    documentNumber: draft.documentNumber.trim(),
    phone: draft.phone.trim(),
    hostRoomId: draft.hostRoomId,
    purpose: purposeOf(purposeLabel, draft.purposeText),
    temperature,
  };
  const nationality = normalizeNationality(draft.nationality);
  if (draft.documentType === 'passport' && nationality) request.nationality = nationality;
  return request;
}

/** Tells whether a typed temperature refuses the visitor, as the server does at 37.3 °C and above. */
export function isFever(text: string): boolean {
  const temperature = parseTemperature(text);
  return temperature !== undefined && !Number.isNaN(temperature) && temperature >= VISITOR_FEVER_TEMPERATURE;
}

/** Display of a status on the waiting screen: its colour, and whether the phone stops polling. */
export interface StatusView {
  tone: 'waiting' | 'pass' | 'stop';
  final: boolean;
}

export function statusViewOf(status: VisitorStatus): StatusView {
  switch (status) {
    case 'waiting':
      return { tone: 'waiting', final: false };
    case 'confirmed':
      return { tone: 'pass', final: true };
    case 'declined':
    case 'refused':
    case 'expired':
      return { tone: 'stop', final: true };
  }
}

/** Interval between two reads of the visitor's status on the waiting screen. */
export const STATUS_POLL_MS = 3_000;
