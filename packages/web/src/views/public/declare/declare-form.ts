import {
  DECLARATION_TEMPERATURE_RANGE,
  checkDeclarationSymptoms,
  parseDeclarationTemperature,
  toHalfWidth,
  type DeclarationSymptom,
} from '@cordon/core';
import { MAX_LOCATION_LENGTH, type Declaration, type DeclarationRequest } from '../../../api/public-declare.js';

/** Text and choices the resident has entered. */
export interface DeclarationForm {
  /** Keypad text such as "36.6"; full-width digits are allowed. */
  temperature: string;
  symptoms: DeclarationSymptom[];
  location: string;
}

export const DECLARATION_FIELDS = ['temperature', 'symptoms', 'location'] as const;
export type DeclarationField = (typeof DECLARATION_FIELDS)[number];

/** A message to show next to a field: a locale key and its parameters. */
export interface FieldProblem {
  key: string;
  params?: Record<string, string | number>;
}

export type FieldProblems = Partial<Record<DeclarationField, FieldProblem>>;

export function emptyDeclarationForm(): DeclarationForm {
  return { temperature: '', symptoms: [], location: '' };
}

/** Fills the form from a declaration made earlier in the window, so the resident can change it. */
export function formOfDeclaration(declaration: Declaration): DeclarationForm {
  return {
    temperature: declaration.temperature.toFixed(1),
    symptoms: [...declaration.symptoms],
    location: declaration.location ?? '',
  };
}

/** Ticking "none" clears the symptoms, and ticking a symptom clears "none". */
export function toggleSymptom(current: readonly DeclarationSymptom[], symptom: DeclarationSymptom): DeclarationSymptom[] {
  if (current.includes(symptom)) return current.filter((item) => item !== symptom);
  if (symptom === 'none') return ['none'];
  return [...current.filter((item) => item !== 'none'), symptom];
}

/**
 * Returns true for text that is not a temperature yet but becomes one with
 * more digits: "3", "4", and "36." up to "42.". Live checks pass these, so
 * no error shows halfway through typing "36.6".
 */
function isTemperatureBeingTyped(text: string): boolean {
  if (/^[34]$/.test(text)) return true;
  const match = /^(\d{2})\.$/.exec(text);
  if (!match) return false;
  const whole = Number(match[1]) * 10;
  return whole >= 350 && whole <= 420;
}

/**
 * Checks the temperature with the server's rules (core's parser): a decimal
 * number of 35.0–42.0 °C with at most one decimal. While `typing`, an empty
 * field and an unfinished number pass; on submit both are errors.
 */
export function temperatureProblem(text: string, options: { typing: boolean }): FieldProblem | undefined {
  const trimmed = toHalfWidth(text).trim();
  if (trimmed === '')
    return options.typing ? undefined : { key: 'declare.form.temperatureRequired', params: DECLARATION_TEMPERATURE_RANGE };
  if (options.typing && isTemperatureBeingTyped(trimmed)) return undefined;

  const parsed = parseDeclarationTemperature(trimmed);
  if (parsed.ok) return undefined;
  if (parsed.code === 'DECLARATION_TEMPERATURE_INVALID') {
    return { key: 'declare.form.temperatureInvalid', params: DECLARATION_TEMPERATURE_RANGE };
  }
  return { key: 'declare.form.temperatureOutOfRange', params: DECLARATION_TEMPERATURE_RANGE };
}

export function symptomsProblem(symptoms: readonly DeclarationSymptom[]): FieldProblem | undefined {
  return checkDeclarationSymptoms(symptoms).ok ? undefined : { key: 'declare.form.symptomsRequired' };
}

/** Counts code points, as the server's length limit does, so an emoji counts once. */
export function locationProblem(location: string): FieldProblem | undefined {
  const length = Array.from(location.trim()).length;
  if (length <= MAX_LOCATION_LENGTH) return undefined;
  return { key: 'declare.form.locationTooLong', params: { max: MAX_LOCATION_LENGTH, length } };
}

/** Checks every field as on submit; an empty result means the form can be sent. */
export function validateDeclarationForm(form: DeclarationForm): FieldProblems {
  const problems: FieldProblems = {};
  const temperature = temperatureProblem(form.temperature, { typing: false });
  if (temperature) problems.temperature = temperature;
  const symptoms = symptomsProblem(form.symptoms);
  if (symptoms) problems.symptoms = symptoms;
  const location = locationProblem(form.location);
  if (location) problems.location = location;
  return problems;
}

/** Builds the request body; call it only for a form that validateDeclarationForm accepts. */
export function buildDeclarationRequest(form: DeclarationForm, personIndex?: number): DeclarationRequest {
  const parsed = parseDeclarationTemperature(toHalfWidth(form.temperature).trim());
  if (!parsed.ok) throw new Error(`temperature "${form.temperature}" is invalid; call validateDeclarationForm before building the request`);

  const request: DeclarationRequest = { temperature: parsed.value / 10, symptoms: [...form.symptoms] };
  const location = form.location.trim();
  if (location) request.location = location;
  if (personIndex !== undefined) request.personIndex = personIndex;
  return request;
}

/**
 * Maps the field of a server error to the form field it concerns. Schema
 * errors name nested paths such as "symptoms.3", which belong to "symptoms".
 */
export function formFieldOf(serverField: string | undefined): DeclarationField | undefined {
  const head = serverField?.split('.')[0];
  return DECLARATION_FIELDS.find((field) => field === head);
}
