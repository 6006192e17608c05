import type { ParseResult } from '../result.js';

/**
 * Identity documents that a person file can hold. `resident_id_legacy` exists
 * only as an input type: a 15-digit number is converted and returned as
 * `resident_id`.
 */
export const IDENTITY_DOCUMENT_TYPES = [
  'resident_id',
  'resident_id_legacy',
  'hk_mo_tw_residence_permit',
  'foreign_permanent_residence_card',
  'mainland_travel_permit_hk_mo',
  'mainland_travel_permit_tw',
  'passport',
] as const;

export type DocumentType = (typeof IDENTITY_DOCUMENT_TYPES)[number];

/** Type of a parsed document: every input type except `resident_id_legacy`. */
export type ParsedDocumentType = Exclude<DocumentType, 'resident_id_legacy'>;

export const IDENTITY_ERROR_CODES = [
  'ID_NUMBER_REQUIRED',
  'ID_NUMBER_FORMAT_INVALID',
  'ID_NUMBER_CHECKSUM_INVALID',
  'ID_NUMBER_DATE_INVALID',
  'ID_NUMBER_REGION_UNKNOWN',
  'ID_NUMBER_COUNTRY_UNKNOWN',
  'ID_NUMBER_EXCEL_MANGLED',
  'ID_NUMBER_TYPE_MISMATCH',
  'ID_DOCUMENT_TYPE_UNKNOWN',
  'PASSPORT_COUNTRY_INVALID',
  'PASSPORT_NUMBER_INVALID',
  'PERMIT_NUMBER_INVALID',
] as const;

export type IdentityErrorCode = (typeof IDENTITY_ERROR_CODES)[number];

export interface IdentityDocument {
  type: ParsedDocumentType;
  /** Normalised number: half-width, upper case, without separators. */
  number: string;
  /** Birth date as YYYY-MM-DD, for the types whose number encodes it. */
  birthDate?: string;
  sex?: 'male' | 'female';
  /**
   * GB/T 2260 code of the county that issued a resident ID, kept even after
   * the county was merged. A residence permit has 810000 (Hong Kong), 820000
   * (Macao) or 830000 (Taiwan). A permanent residence card has the province
   * (2023 format) or city (older format) that accepted the application.
   */
  regionCode?: string;
  /** Region names from the province down to `regionCode`. */
  regionName?: string[];
  /** True when `regionCode` no longer exists in the current division codes. */
  regionRetired?: boolean;
  /** ISO 3166-1 alpha-3 code (or ICAO Doc 9303 code) of the nationality or issuing state. */
  countryCode?: string;
  /** The 15-digit number that a resident ID was converted from. */
  convertedFrom?: string;
  /**
   * True for a number that is valid but ends in 000, the shape Excel leaves
   * after it drops every digit past the 15th. If sequence codes were spread
   * evenly, 1 valid number in 1,100 would end that way (1 in 100 sequence
   * endings times 1 in 11 check characters), so the parser accepts it. An
   * import that also finds ID_NUMBER_EXCEL_MANGLED rows in the same column
   * should reject this row too.
   */
  possiblyExcelMangled?: true;
}

export interface ParseIdentityOptions {
  /** Expected document type. When omitted, the type is detected from the shape of the number. */
  type?: DocumentType;
  /** Reference date for "birth date in the future". Defaults to now. */
  today?: Date;
  /** ISO 3166-1 alpha-3 code of the issuing state, required for a passport. */
  countryCode?: string;
}

export type IdentityParseResult = ParseResult<IdentityDocument, IdentityErrorCode>;
