/** The 31 characters of GB 32100-2015: digits and capital letters without I, O, S, V and Z. */
export const CREDIT_CODE_CHARACTERS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** Weights of characters 1–17: 3^(i-1) mod 31. */
const CREDIT_CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** Weights of the 8 body characters of a GB 11714 organization code. */
const ORGANIZATION_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/**
 * Computes the check character of a unified social credit code from its
 * first 17 characters: 31 minus the weighted sum mod 31, as a character of
 * the code set. Returns undefined unless `body` is a string of 17 characters
 * of the set.
 */
export function computeCreditCodeCheckCharacter(body: string): string | undefined {
  if (typeof body !== 'string' || body.length !== 17) return undefined;

  let sum = 0;
  for (let index = 0; index < 17; index += 1) {
    const value = CREDIT_CODE_CHARACTERS.indexOf(body[index] ?? '');
    if (value < 0) return undefined;
    sum += value * (CREDIT_CODE_WEIGHTS[index] ?? 0);
  }
  return CREDIT_CODE_CHARACTERS[(31 - (sum % 31)) % 31];
}

/**
 * Computes the check character of a GB 11714 organization code from its
 * first 8 characters (digits, and capital letters counted as A=10 to Z=35):
 * 11 minus the weighted sum mod 11, with X for 10 and 0 for 11. Returns
 * undefined unless `body` is a string of 8 such characters.
 */
export function computeOrganizationCodeCheckCharacter(body: string): string | undefined {
  if (typeof body !== 'string' || !/^[0-9A-Z]{8}$/.test(body)) return undefined;

  let sum = 0;
  for (let index = 0; index < 8; index += 1) {
    const character = body.charCodeAt(index);
    const value = character <= 57 ? character - 48 : character - 55;
    sum += value * (ORGANIZATION_CODE_WEIGHTS[index] ?? 0);
  }

  const check = 11 - (sum % 11);
  if (check === 10) return 'X';
  return check === 11 ? '0' : String(check);
}
