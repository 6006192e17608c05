import { ABNORMAL_TEMPERATURE_TENTHS } from './temperature.js';
import { failed, passed, type DeclarationCheck } from './result.js';

/** Symptom codes of a declaration, in the order forms list them. "none" cannot be combined with another code. */
export const DECLARATION_SYMPTOMS = [
  'fever',
  'cough',
  'sore_throat',
  'fatigue',
  'shortness_of_breath',
  'diarrhoea',
  'loss_of_smell_or_taste',
  'none',
] as const;
export type DeclarationSymptom = (typeof DECLARATION_SYMPTOMS)[number];

export const DECLARATION_SYMPTOM_ERROR_CODES = [
  'DECLARATION_SYMPTOMS_REQUIRED',
  'DECLARATION_SYMPTOM_UNKNOWN',
  'DECLARATION_SYMPTOM_DUPLICATE',
  'DECLARATION_SYMPTOMS_CONFLICT',
] as const;
export type SymptomErrorCode = (typeof DECLARATION_SYMPTOM_ERROR_CODES)[number];

/** Characters of a rejected symptom that the error message repeats. */
const SHOWN_SYMPTOM_LENGTH = 40;

/**
 * Renders a rejected list item for the message: strings as typed, numbers,
 * booleans and null as JSON writes them, arrays and objects as "[…]" and
 * "{…}". Nested items are not serialised, because a request can nest arrays
 * deeper than JSON.stringify's recursion allows.
 */
function shownSymptom(value: unknown): string {
  let text: string;
  if (typeof value === 'string') text = value;
  else if (Array.isArray(value)) text = '[…]';
  else if (typeof value === 'object' && value !== null) text = '{…}';
  else text = String(value);
  return Array.from(text.slice(0, 2 * SHOWN_SYMPTOM_LENGTH))
    .slice(0, SHOWN_SYMPTOM_LENGTH)
    .join('');
}

export function isDeclarationSymptom(value: unknown): value is DeclarationSymptom {
  return (DECLARATION_SYMPTOMS as readonly unknown[]).includes(value);
}

/**
 * Checks a symptom list: at least one known code, none twice, and "none"
 * only on its own. Items of any type are accepted here, so that a number or
 * null gets the same message as an unknown code. A list longer than the
 * eight codes always fails on a duplicate or an unknown item, and the check
 * stops at the first one. Returns the codes in the order of DECLARATION_SYMPTOMS.
 */
export function checkDeclarationSymptoms(input: readonly unknown[]): DeclarationCheck<DeclarationSymptom[], SymptomErrorCode> {
  if (input.length === 0) return failed('DECLARATION_SYMPTOMS_REQUIRED');
  const seen = new Set<DeclarationSymptom>();
  for (const value of input) {
    if (!isDeclarationSymptom(value)) return failed('DECLARATION_SYMPTOM_UNKNOWN', { value: shownSymptom(value) });
    if (seen.has(value)) return failed('DECLARATION_SYMPTOM_DUPLICATE', { value });
    seen.add(value);
  }
  if (seen.has('none') && seen.size > 1) return failed('DECLARATION_SYMPTOMS_CONFLICT');
  return passed(DECLARATION_SYMPTOMS.filter((symptom) => seen.has(symptom)));
}

/** True for a declaration the doctor must follow up: 37.3 °C or more, or any symptom. */
export function isDeclarationAbnormal(temperatureTenths: number, symptoms: readonly string[]): boolean {
  return temperatureTenths >= ABNORMAL_TEMPERATURE_TENTHS || symptoms.some((symptom) => symptom !== 'none');
}
