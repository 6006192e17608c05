/** Weights of positions 1–17 in ISO 7064 MOD 11-2 as GB 11643-1999 applies it: 2^(18-i) mod 11. */
const MOD_11_2_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** Check characters indexed by the weighted sum mod 11; X stands for 10. */
const MOD_11_2_CHECK_CHARACTERS = '10X98765432';

/**
 * Computes the check character (0–9 or X) of a GB 11643 number from its
 * first 17 digits. Resident IDs, Hong Kong/Macao/Taiwan residence permits and
 * 2023 permanent residence cards all use it. Returns undefined unless `body`
 * is a string of exactly 17 ASCII digits.
 */
export function computeGb11643CheckDigit(body: string): string | undefined {
  if (typeof body !== 'string' || !/^\d{17}$/.test(body)) return undefined;

  let sum = 0;
  for (let index = 0; index < 17; index += 1) {
    sum += Number(body[index]) * (MOD_11_2_WEIGHTS[index] ?? 0);
  }
  return MOD_11_2_CHECK_CHARACTERS[sum % 11];
}

/** Checks whether the 18th character of a GB 11643 number matches its first 17 digits. */
export function hasValidGb11643CheckDigit(number: string): boolean {
  return typeof number === 'string' && number.length === 18 && computeGb11643CheckDigit(number.slice(0, 17)) === number[17];
}

const ICAO_9303_WEIGHTS = [7, 3, 1];

/**
 * Computes the ICAO Doc 9303 check digit (weights 7, 3, 1 repeating, digits
 * at face value, A–Z as 10–35, sum mod 10). Returns undefined when `text`
 * is not a string or contains anything but ASCII digits and capital letters.
 */
export function computeIcao9303CheckDigit(text: string): string | undefined {
  if (typeof text !== 'string' || !/^[0-9A-Z]*$/.test(text)) return undefined;

  let sum = 0;
  for (let index = 0; index < text.length; index += 1) {
    const character = text.charCodeAt(index);
    const value = character <= 57 ? character - 48 : character - 55;
    sum += value * (ICAO_9303_WEIGHTS[index % 3] ?? 0);
  }
  return String(sum % 10);
}
