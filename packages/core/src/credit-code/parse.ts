import { fail, ok } from '../result.js';
import { compactCode } from '../text/normalize.js';
import { computeCreditCodeCheckCharacter, computeOrganizationCodeCheckCharacter, CREDIT_CODE_CHARACTERS } from './checksum.js';
import type { CreditCodeParseResult } from './types.js';

/** Maximum length of raw input that is normalised. 18 characters with separators and quotes stay far below it. */
const MAX_INPUT_LENGTH = 64;

const TEXT_MARKERS = /^=?["'“”‘’]+|["'“”‘’]+$/gu;

/**
 * Parses a unified social credit code (GB 32100-2015). Accepts lower case,
 * full-width characters, spaces, dashes and invisible characters. Never
 * throws, whatever a JavaScript caller passes: a bad code is reported by its
 * error code. A number is rejected, not read as a code: Excel keeps only 15
 * of the 18 characters of a code made of digits.
 *
 * The letters O and I never occur in a code, so each is read as the digit it
 * is usually mistaken for (0 and 1). The reading is accepted only when the
 * check character then matches, and otherwise the code is reported as
 * containing an invalid character.
 */
export function parseCreditCode(input: string): CreditCodeParseResult {
  if (input === null || input === undefined) return fail('CREDIT_CODE_REQUIRED');
  if (typeof input !== 'string') return fail('CREDIT_CODE_FORMAT_INVALID');
  if (input.trim() === '') return fail('CREDIT_CODE_REQUIRED');
  if (input.length > MAX_INPUT_LENGTH) return fail('CREDIT_CODE_FORMAT_INVALID');

  const typed = compactCode(input).replace(TEXT_MARKERS, '');
  if (typed === '') return fail('CREDIT_CODE_REQUIRED');
  if (Array.from(typed).length !== 18) return fail('CREDIT_CODE_FORMAT_INVALID');

  const code = typed.replace(/O/g, '0').replace(/I/g, '1');
  const lookalikesReplaced = code !== typed;
  for (const character of code) {
    if (!CREDIT_CODE_CHARACTERS.includes(character)) return fail('CREDIT_CODE_CHARACTER_INVALID');
  }

  // GB 32100 writes the registering authority's region code in digits.
  const regionCode = code.slice(2, 8);
  if (!/^\d{6}$/.test(regionCode)) return fail('CREDIT_CODE_CHARACTER_INVALID');

  // NOTE: codes that Xiamen issued before 2016 are reported not to satisfy
  // this check character. They are rejected here like any other mismatch.
  if (computeCreditCodeCheckCharacter(code.slice(0, 17)) !== code[17]) {
    return fail(lookalikesReplaced ? 'CREDIT_CODE_CHARACTER_INVALID' : 'CREDIT_CODE_CHECKSUM_INVALID');
  }

  const organizationCode = code.slice(8, 17);
  return ok({
    code,
    registrationAuthority: code.slice(0, 1),
    organizationType: code.slice(1, 2),
    regionCode,
    organizationCode,
    organizationCodeValid: computeOrganizationCodeCheckCharacter(organizationCode.slice(0, 8)) === organizationCode[8],
  });
}
