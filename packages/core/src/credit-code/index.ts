export { computeCreditCodeCheckCharacter, computeOrganizationCodeCheckCharacter, CREDIT_CODE_CHARACTERS } from './checksum.js';
export { parseCreditCode } from './parse.js';
export { CREDIT_CODE_ERROR_CODES, type CreditCode, type CreditCodeErrorCode, type CreditCodeParseResult } from './types.js';
