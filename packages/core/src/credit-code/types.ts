import type { ParseResult } from '../result.js';

export const CREDIT_CODE_ERROR_CODES = [
  'CREDIT_CODE_REQUIRED',
  'CREDIT_CODE_FORMAT_INVALID',
  'CREDIT_CODE_CHARACTER_INVALID',
  'CREDIT_CODE_CHECKSUM_INVALID',
] as const;

export type CreditCodeErrorCode = (typeof CREDIT_CODE_ERROR_CODES)[number];

/** The five parts of a unified social credit code (统一社会信用代码, GB 32100-2015). */
export interface CreditCode {
  /** Normalised 18-character code. */
  code: string;
  /** Character 1, the registration authority: 1 institutional establishment, 5 civil affairs, 9 market regulation, and so on. */
  registrationAuthority: string;
  /** Character 2, the organization type within that authority: after 9, 1 is an enterprise and 2 an individual business. */
  organizationType: string;
  /** Characters 3–8, the GB/T 2260 code of the registering authority (100000 for a national one). */
  regionCode: string;
  /** Characters 9–17, the organization code (组织机构代码, GB 11714) including its own check character. */
  organizationCode: string;
  /**
   * True when the organization code satisfies its own GB 11714 check. This is
   * reported, not enforced, because the check character of the whole code
   * already catches typing errors, and no source confirms that every issued
   * code satisfies the inner check.
   */
  organizationCodeValid: boolean;
}

export type CreditCodeParseResult = ParseResult<CreditCode, CreditCodeErrorCode>;
