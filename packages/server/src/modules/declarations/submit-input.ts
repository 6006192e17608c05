import { checkDeclarationSymptoms, type DeclarationSymptom, parseDeclarationTemperature } from '@cordon/core';
import { AppError } from '../../errors/app-error.js';

/** Maximum length of a location, in characters (code points). */
export const MAX_LOCATION_LENGTH = 100;

/** Control characters and line separators, which become spaces. */
const CONTROL = /[\p{Cc}\u2028\u2029]/gu;
/** Format characters that print as nothing (zero-width spaces, bidirectional controls, the BOM), except the zero-width joiner inside emoji sequences. */
const INVISIBLE = /(?!\u200D)\p{Cf}/gu;
/** Lone UTF-16 surrogates: JSON can carry them, but they have no UTF-8 form, so SQLite would store invalid bytes. */
const LONE_SURROGATE = /\p{Cs}/gu;

export interface CheckedDeclaration {
  temperatureTenths: number;
  symptoms: DeclarationSymptom[];
  location: string | null;
}

/** Converts the temperature to tenths of a degree or throws the core's error naming `temperature`. */
export function requireTemperature(input: unknown): number {
  const parsed = parseDeclarationTemperature(input);
  if (!parsed.ok) throw new AppError(parsed.code, 'temperature', parsed.params);
  return parsed.value;
}

export function requireSymptoms(input: readonly unknown[]): DeclarationSymptom[] {
  const checked = checkDeclarationSymptoms(input);
  if (!checked.ok) throw new AppError(checked.code, 'symptoms', checked.params);
  return checked.value;
}

/**
 * Cleans the location a resident typed: NFC form, lone surrogates and
 * invisible characters removed, control characters made spaces, runs of
 * spaces folded. Emoji and other characters outside the BMP stay. A blank
 * location is null.
 */
export function cleanLocation(input: string | undefined | null): string | null {
  if (input === undefined || input === null) return null;
  const cleaned = input
    .replace(LONE_SURROGATE, '')
    .normalize('NFC')
    .replace(CONTROL, ' ')
    .replace(INVISIBLE, '')
    .replace(/\s+/gu, ' ')
    .trim();
  if (cleaned === '') return null;
  if (Array.from(cleaned).length > MAX_LOCATION_LENGTH) throw new AppError('FIELD_TOO_LONG', 'location', { limit: MAX_LOCATION_LENGTH });
  return cleaned;
}

export function checkDeclarationInput(input: {
  temperature: unknown;
  symptoms: readonly unknown[];
  location?: string | null;
}): CheckedDeclaration {
  return {
    temperatureTenths: requireTemperature(input.temperature),
    symptoms: requireSymptoms(input.symptoms),
    location: cleanLocation(input.location),
  };
}
