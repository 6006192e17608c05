import { fail, ok, type ParseResult } from '../result.js';
import type { IdentityErrorCode } from './types.js';

/**
 * Reads the raw text of a document number from a JavaScript caller, which may
 * pass any value. Spreadsheet readers hand over a numeric cell as a number,
 * and a number is exact only up to Number.MAX_SAFE_INTEGER (16 digits). An
 * 18-digit number has already lost its last digits, so it is reported as
 * Excel damage and never read as a different, valid-looking number.
 */
export function readDocumentInput(input: unknown): ParseResult<string, IdentityErrorCode> {
  if (typeof input === 'string') return ok(input);
  if (input === null || input === undefined) return fail('ID_NUMBER_REQUIRED');
  if (typeof input === 'bigint') return input < 0n ? fail('ID_NUMBER_FORMAT_INVALID') : ok(String(input));
  if (typeof input !== 'number') return fail('ID_NUMBER_FORMAT_INVALID');

  if (!Number.isInteger(input) || input < 0) return fail('ID_NUMBER_FORMAT_INVALID');
  if (!Number.isSafeInteger(input)) return fail('ID_NUMBER_EXCEL_MANGLED');
  return ok(String(input));
}
