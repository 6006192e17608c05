import { fail, ok, type ParseResult } from '../result.js';
import { computeGb11643CheckDigit, hasValidGb11643CheckDigit } from './checksum.js';
import { validateBirthDate } from './dates.js';
import type { IdentityErrorCode } from './types.js';

/** 17 digits and a check character: the shape of every GB 11643 number. */
export const GB11643_SHAPE = /^\d{17}[\dX]$/;

export interface Gb11643Fields {
  birthDate: string;
  sex: 'male' | 'female';
  possiblyExcelMangled: boolean;
}

/**
 * Checks what resident IDs, Hong Kong/Macao/Taiwan residence permits and 2023
 * permanent residence cards share: the shape, the damage Excel does, the
 * birth date in digits 7–14 and the MOD 11-2 check character. Reads the sex
 * from digit 17, odd for male. The caller checks digits 1–6.
 */
export function checkGb11643Number(number: string, todayInChina: string): ParseResult<Gb11643Fields, IdentityErrorCode> {
  if (!GB11643_SHAPE.test(number)) return fail('ID_NUMBER_FORMAT_INVALID');

  const checksumValid = hasValidGb11643CheckDigit(number);
  const endsInZeros = number.endsWith('000');

  // Excel keeps 15 significant digits and turns digits 16–18 into zeros. A
  // damaged number fails the check 10 times in 11, and then the zeros set the
  // damage apart from a typing error. A damaged number that still passes looks
  // exactly like a real one, so it only gets a flag.
  if (endsInZeros && !checksumValid) return fail('ID_NUMBER_EXCEL_MANGLED');

  const birthDate = validateBirthDate(number.slice(6, 14), todayInChina);
  if (birthDate === undefined) return fail('ID_NUMBER_DATE_INVALID');

  if (!checksumValid) return fail('ID_NUMBER_CHECKSUM_INVALID');

  const sex = Number(number[16]) % 2 === 1 ? 'male' : 'female';
  return ok({ birthDate, sex, possiblyExcelMangled: endsInZeros });
}

/** Appends the MOD 11-2 check character to 17 digits. */
export function appendGb11643CheckDigit(body: string): string {
  return body + (computeGb11643CheckDigit(body) ?? '');
}
