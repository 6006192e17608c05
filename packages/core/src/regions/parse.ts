import { fail, ok, type ParseResult } from '../result.js';
import { normalizeRegionCode, type RegionErrorCode } from './codes.js';

/**
 * Parses a region code from user input into canonical form
 * (normalizeRegionCode). With `known`, such as a RegionTree or the server's
 * region table, the code must also exist there. Whatever normalizeRegionCode
 * rejects, including a value that is not a string, gives REGION_CODE_INVALID.
 */
export function parseRegionCode(input: string, known?: { get(code: string): unknown }): ParseResult<string, RegionErrorCode> {
  const code = normalizeRegionCode(input);
  if (code === undefined) return fail('REGION_CODE_INVALID');
  if (known !== undefined && known !== null && known.get(code) === undefined) return fail('REGION_NOT_FOUND');
  return ok(code);
}
