import { parseIdentityDocument } from '@cordon/core';
import type { HouseholdRole } from '../../../api/persons.js';
import {
  MAX_TEMPERATURE,
  MIN_TEMPERATURE,
  type RoomPerson,
  type Symptom,
  type VisitOutcome,
  type VisitPersonRequest,
  type VisitRequest,
} from '../../../api/screening.js';

/** Temperature and symptoms of a person who is present. */
export interface Measurement {
  /** Text from the keypad, such as "36.5"; empty when not measured. */
  temperature: string;
  symptoms: Symptom[];
}

export interface FilePersonEntry extends Measurement {
  personId: string;
  name: string;
  documentMasked: string;
  present: boolean;
}

export interface NewPersonEntry extends Measurement {
  /** Key for the list on the page; never sent. */
  key: number;
  name: string;
  documentNumber: string;
  phone: string;
  householdRole: HouseholdRole | '';
  arrivalDate: string;
  originRegionCode: string;
}

export interface VisitForm {
  /** Empty until the worker chooses one; a save needs an explicit choice. */
  outcome: VisitOutcome | '';
  filePersons: FilePersonEntry[];
  newPersons: NewPersonEntry[];
  revisitOn: string;
  notes: string;
}

export function filePersonEntryOf(person: RoomPerson): FilePersonEntry {
  return { personId: person.id, name: person.name, documentMasked: person.documentMasked, present: false, temperature: '', symptoms: [] };
}

export function emptyNewPerson(key: number): NewPersonEntry {
  return {
    key,
    name: '',
    documentNumber: '',
    phone: '',
    householdRole: '',
    arrivalDate: '',
    originRegionCode: '',
    temperature: '',
    symptoms: [],
  };
}

/** Adds whole days to a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + days);
  return next.toISOString().slice(0, 10);
}

/** Today in China (UTC+8, no daylight saving time), YYYY-MM-DD, as the server counts revisit days. */
export function chinaToday(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** Parses keypad text as a temperature; undefined when empty, NaN when not a valid one-decimal value in range. */
export function parseTemperature(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  if (!/^\d{2}(\.\d)?$/.test(trimmed)) return Number.NaN;
  const value = Number(trimmed);
  return value < MIN_TEMPERATURE || value > MAX_TEMPERATURE ? Number.NaN : value;
}

/** Ticking "none" clears the symptoms, and ticking a symptom clears "none". */
export function toggleSymptom(current: Symptom[], symptom: Symptom): Symptom[] {
  if (current.includes(symptom)) return current.filter((item) => item !== symptom);
  if (symptom === 'none') return ['none'];
  return [...current.filter((item) => item !== 'none'), symptom];
}

/** The person a form problem is about: a file by its name, or a new person by its number on the page (1 for the first). */
export type ProblemPerson = { name: string } | { newPersonNumber: number };

/**
 * The first problem the phone can find before saving, as a locale key with
 * its parameters. `field` is a locale key to translate, and `person` fills
 * the `{person}` placeholder.
 */
export interface FormProblem {
  key: string;
  params?: Record<string, string>;
  person?: ProblemPerson;
}

const TEMPERATURE_RANGE = { min: MIN_TEMPERATURE.toFixed(1), max: MAX_TEMPERATURE.toFixed(1) };

/** Returns the range message for keypad text that is not a valid temperature, or undefined for empty or valid text. */
export function temperatureProblem(text: string): FormProblem | undefined {
  return Number.isNaN(parseTemperature(text)) ? { key: 'screening.room.temperatureInvalid', params: TEMPERATURE_RANGE } : undefined;
}

/** Checks the temperature and the symptom choice that a present person needs, as the server does. */
function measurementProblem(entry: Measurement, person: ProblemPerson): FormProblem | undefined {
  const temperature = parseTemperature(entry.temperature);
  if (temperature === undefined) return { key: 'screening.room.personTemperatureRequired', params: TEMPERATURE_RANGE, person };
  if (Number.isNaN(temperature)) return { key: 'screening.room.personTemperatureInvalid', params: TEMPERATURE_RANGE, person };
  if (entry.symptoms.length === 0) return { key: 'screening.room.personSymptomsRequired', person };
  return undefined;
}

function newPersonProblem(entry: NewPersonEntry, person: ProblemPerson): FormProblem | undefined {
  if (entry.name.trim() === '') return { key: 'screening.room.personRequired', params: { field: 'screening.room.name' }, person };
  if (entry.documentNumber.trim() === '') {
    return { key: 'screening.room.personRequired', params: { field: 'screening.room.documentNumber' }, person };
  }
  const document = describeDocument(entry.documentNumber);
  if (document && !document.ok) return { key: 'screening.room.personDocumentInvalid', params: { code: document.code }, person };
  return measurementProblem(entry, person);
}

/**
 * Finds the first problem that the server would reject, in page order. The
 * outcome has no default, and a completed screening needs at least one person
 * present, each with a temperature and a symptom choice.
 */
export function findFormProblem(form: VisitForm): FormProblem | undefined {
  if (form.outcome === '') return { key: 'screening.room.outcomeRequired' };
  if (form.outcome !== 'screened') return undefined;

  for (const entry of form.filePersons) {
    if (!entry.present) continue;
    const problem = measurementProblem(entry, { name: entry.name });
    if (problem) return problem;
  }
  for (const [index, entry] of form.newPersons.entries()) {
    const name = entry.name.trim();
    const problem = newPersonProblem(entry, name ? { name } : { newPersonNumber: index + 1 });
    if (problem) return problem;
  }
  // New persons are always present, because the worker adds only the persons met at the door.
  const anyPresent = form.newPersons.length > 0 || form.filePersons.some((entry) => entry.present);
  if (!anyPresent) return { key: 'screening.room.presentRequired' };
  return undefined;
}

function measurementOf(entry: Measurement): Pick<VisitPersonRequest, 'temperature' | 'symptoms'> {
  const temperature = parseTemperature(entry.temperature);
  return {
    ...(temperature !== undefined ? { temperature } : {}),
    ...(entry.symptoms.length > 0 ? { symptoms: [...entry.symptoms] } : {}),
  };
}

/** Builds the request the queue stores and the server receives; only a completed screening lists persons. */
export function buildVisitRequest(form: VisitForm, roomId: string, id: string, now: Date): VisitRequest {
  if (form.outcome === '') throw new Error('the visit outcome is not chosen; call findFormProblem before building the request');
  const request: VisitRequest = { id, roomId, visitedAt: now.toISOString(), outcome: form.outcome, persons: [] };
  const notes = form.notes.trim();
  if (notes) request.notes = notes;
  if (form.outcome === 'nobody_home' && form.revisitOn) request.revisitOn = form.revisitOn;
  if (form.outcome !== 'screened') return request;

  for (const entry of form.filePersons) {
    request.persons.push({ personId: entry.personId, present: entry.present, ...(entry.present ? measurementOf(entry) : {}) });
  }
  for (const entry of form.newPersons) {
    const person = {
      name: entry.name.trim(),
      documentNumber: entry.documentNumber.trim(),
      ...(entry.phone.trim() ? { phone: entry.phone.trim() } : {}),
      ...(entry.householdRole ? { householdRole: entry.householdRole } : {}),
    };
    request.persons.push({
      person,
      present: true,
      ...measurementOf(entry),
      ...(entry.arrivalDate ? { arrivalDate: entry.arrivalDate } : {}),
      ...(entry.originRegionCode.trim() ? { originRegionCode: entry.originRegionCode.trim() } : {}),
    });
  }
  return request;
}

/** Fills the form back from a queued request, to correct a visit the server returned. */
export function formOfRequest(request: VisitRequest, filePersons: FilePersonEntry[]): VisitForm {
  let key = 0;
  const byId = new Map(request.persons.filter((entry) => entry.personId).map((entry) => [entry.personId, entry]));
  return {
    outcome: request.outcome,
    revisitOn: request.revisitOn ?? '',
    notes: request.notes ?? '',
    filePersons: filePersons.map((entry) => {
      const sent = byId.get(entry.personId);
      if (!sent) return entry;
      return { ...entry, present: sent.present, temperature: sent.temperature?.toFixed(1) ?? '', symptoms: sent.symptoms ?? [] };
    }),
    newPersons: request.persons
      .filter((entry) => entry.person)
      .map((entry) => ({
        key: key++,
        name: entry.person?.name ?? '',
        documentNumber: entry.person?.documentNumber ?? '',
        phone: entry.person?.phone ?? '',
        householdRole: entry.person?.householdRole ?? '',
        arrivalDate: entry.arrivalDate ?? '',
        originRegionCode: entry.originRegionCode ?? '',
        temperature: entry.temperature?.toFixed(1) ?? '',
        symptoms: entry.symptoms ?? [],
      })),
  };
}

/** Describes a document number as it is typed: birth date, sex and region, or the parser's error code. */
export function describeDocument(number: string) {
  if (number.trim() === '') return undefined;
  const parsed = parseIdentityDocument(number);
  if (!parsed.ok) return { ok: false as const, code: parsed.code };
  const { birthDate, sex, regionName } = parsed.value;
  return { ok: true as const, birthDate, sex, region: regionName?.join('') };
}
