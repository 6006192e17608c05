import { fail, ok, type ParseResult } from '../result.js';
import { isCalendarDate } from '../risk/dates.js';

/** Half-days of the medical observation: a doctor records at most one observation in each. */
export const OBSERVATION_PERIODS = ['morning', 'afternoon'] as const;
export type ObservationPeriod = (typeof OBSERVATION_PERIODS)[number];

/** Symptoms a doctor records; 'none' excludes the others. The same codes as screening and declarations. */
export const OBSERVATION_SYMPTOMS = [
  'fever',
  'cough',
  'sore_throat',
  'fatigue',
  'shortness_of_breath',
  'diarrhoea',
  'loss_of_smell_or_taste',
  'none',
] as const;
export type ObservationSymptom = (typeof OBSERVATION_SYMPTOMS)[number];

export const MIN_OBSERVATION_TEMPERATURE = 35.0;
export const MAX_OBSERVATION_TEMPERATURE = 42.0;

export type ObservationErrorCode =
  | 'QUARANTINE_TEMPERATURE_OUT_OF_RANGE'
  | 'QUARANTINE_SYMPTOMS_CONFLICT'
  | 'QUARANTINE_SYMPTOMS_REQUIRED'
  | 'QUARANTINE_OBSERVATION_DAY_OUTSIDE';

/**
 * Converts degrees Celsius to tenths of a degree. Accepts 35.0 to 42.0 with at
 * most one decimal; 36.65 is rejected rather than rounded, because a doctor
 * reads one decimal from the thermometer.
 */
export function temperatureTenthsOf(celsius: number): ParseResult<number, ObservationErrorCode> {
  if (typeof celsius !== 'number' || !Number.isFinite(celsius)) return fail('QUARANTINE_TEMPERATURE_OUT_OF_RANGE');
  const tenths = Math.round(celsius * 10);
  // Binary floating point makes 36.6 * 10 a hair off 366, so compare with a tolerance far below a hundredth.
  if (Math.abs(tenths - celsius * 10) > 1e-6) return fail('QUARANTINE_TEMPERATURE_OUT_OF_RANGE');
  if (tenths < MIN_OBSERVATION_TEMPERATURE * 10 || tenths > MAX_OBSERVATION_TEMPERATURE * 10)
    return fail('QUARANTINE_TEMPERATURE_OUT_OF_RANGE');
  return ok(tenths);
}

/** Checks a symptom list: at least one code, and 'none' only alone. Duplicates are dropped. */
export function checkSymptoms(symptoms: readonly ObservationSymptom[]): ParseResult<ObservationSymptom[], ObservationErrorCode> {
  const unique = [...new Set(symptoms)];
  if (unique.length === 0) return fail('QUARANTINE_SYMPTOMS_REQUIRED');
  if (unique.includes('none') && unique.length > 1) return fail('QUARANTINE_SYMPTOMS_CONFLICT');
  return ok(unique);
}

/**
 * Checks the day of an observation: from the start day to the last day of the
 * quarantine (the day it ended, or the planned end while active), and not
 * after today. Records of past days may be entered late from paper.
 */
export function checkObservationDay(
  day: string,
  period: { startOn: string; plannedEndOn: string; endedOn: string | null },
  today: string,
): ParseResult<string, ObservationErrorCode> {
  if (!isCalendarDate(day)) return fail('QUARANTINE_OBSERVATION_DAY_OUTSIDE');
  const lastDay = period.endedOn ?? period.plannedEndOn;
  const latest = lastDay < today ? lastDay : today;
  if (day < period.startOn || day > latest) return fail('QUARANTINE_OBSERVATION_DAY_OUTSIDE');
  return ok(day);
}

/** True when a temperature of 37.3 °C or more, or any symptom, calls for the doctor's attention. */
export function isObservationAbnormal(temperatureTenths: number, symptoms: readonly string[]): boolean {
  return temperatureTenths >= 373 || symptoms.some((symptom) => symptom !== 'none');
}
