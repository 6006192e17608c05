export { computeGb11643CheckDigit, computeIcao9303CheckDigit, hasValidGb11643CheckDigit } from './checksum.js';
export { maskIdentityNumber } from './mask.js';
export { parseIdentityDocument } from './parse.js';
export {
  IDENTITY_DOCUMENT_TYPES,
  IDENTITY_ERROR_CODES,
  type DocumentType,
  type IdentityDocument,
  type IdentityErrorCode,
  type IdentityParseResult,
  type ParseIdentityOptions,
  type ParsedDocumentType,
} from './types.js';
