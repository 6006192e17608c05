import type { ParseResult } from '../result.js';

export const PHONE_ERROR_CODES = [
  'PHONE_REQUIRED',
  'PHONE_FORMAT_INVALID',
  'PHONE_COUNTRY_UNSUPPORTED',
  'PHONE_MOBILE_PREFIX_INVALID',
  'PHONE_AREA_CODE_MISSING',
  'PHONE_EXCEL_MANGLED',
] as const;

export type PhoneErrorCode = (typeof PHONE_ERROR_CODES)[number];

export type PhoneKind = 'mobile' | 'landline' | 'service';

export interface PhoneNumber {
  kind: PhoneKind;
  /**
   * +86 followed by the national number without its leading 0, and without
   * the extension. Short service numbers (110, 12345, 95588) cannot be dialled
   * from abroad, so for them this is only a storage key in the same form.
   */
  e164: string;
  /** Number as dialled inside China: 13800000000, 0512-65223456, 12345, 400-123-4567. */
  national: string;
  /** Area code with its leading 0 (010, 0512), for landlines and local service numbers. */
  areaCode?: string;
  /** Extension digits after 转, ext, x or #. */
  extension?: string;
}

export type PhoneParseResult = ParseResult<PhoneNumber, PhoneErrorCode>;
