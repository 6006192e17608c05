export { maskPhoneNumber } from './mask.js';
export { parsePhoneNumber } from './parse.js';
export { PHONE_ERROR_CODES, type PhoneErrorCode, type PhoneKind, type PhoneNumber, type PhoneParseResult } from './types.js';
