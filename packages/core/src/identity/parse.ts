import { fail } from '../result.js';
import { chinaDateOf } from './dates.js';
import { detectDocumentType } from './detect.js';
import { readDocumentInput } from './input.js';
import { isScientificNotation, MAX_INPUT_LENGTH, normalizeDocumentNumber, withoutDecimalZeros } from './normalize.js';
import { parsePassport } from './passport.js';
import { parsePermanentResidenceCard } from './permanent-residence.js';
import { parseResidencePermit } from './residence-permit.js';
import { parseResidentId } from './resident-id.js';
import { parseHongKongMacaoTravelPermit, parseTaiwanTravelPermit } from './travel-permit.js';
import { IDENTITY_DOCUMENT_TYPES, type IdentityParseResult, type ParseIdentityOptions } from './types.js';

/**
 * Parses and validates an identity document number, typed or imported from a
 * spreadsheet. Never throws on a bad value, of the number or of an option,
 * from a JavaScript caller: each is reported by its error code.
 *
 * Without `options.type` the type is detected from the shape of the number.
 * A passport needs `options.countryCode`, except that Chinese passport
 * formats are recognised and get CHN. A number (a numeric spreadsheet cell)
 * is read as its digits when it is a safe integer and reported as
 * ID_NUMBER_EXCEL_MANGLED when it is too large to be exact.
 */
export function parseIdentityDocument(input: string, options: ParseIdentityOptions = {}): IdentityParseResult {
  const raw = readDocumentInput(input);
  if (!raw.ok) return raw;
  if (raw.value.trim() === '') return fail('ID_NUMBER_REQUIRED');
  if (raw.value.length > MAX_INPUT_LENGTH) return fail('ID_NUMBER_FORMAT_INVALID');

  const normalized = normalizeDocumentNumber(raw.value);
  if (normalized === '') return fail('ID_NUMBER_REQUIRED');
  if (isScientificNotation(normalized)) return fail('ID_NUMBER_EXCEL_MANGLED');

  const whole = withoutDecimalZeros(normalized);
  if (!whole.ok) return whole;
  const number = whole.value;

  // Options may come from JavaScript callers too: null options, a date string or an unknown type.
  const checkedOptions: ParseIdentityOptions = typeof options === 'object' && options !== null ? options : {};
  const { type: requestedType, today, countryCode } = checkedOptions;
  if (requestedType !== undefined && !IDENTITY_DOCUMENT_TYPES.includes(requestedType)) return fail('ID_DOCUMENT_TYPE_UNKNOWN');
  const type = requestedType ?? detectDocumentType(number, countryCode);
  const todayInChina = chinaDateOf(today instanceof Date ? today : new Date());

  switch (type) {
    case 'resident_id':
    case 'resident_id_legacy':
      return parseResidentId(number, todayInChina);
    case 'hk_mo_tw_residence_permit':
      return parseResidencePermit(number, todayInChina);
    case 'foreign_permanent_residence_card':
      return parsePermanentResidenceCard(number, todayInChina);
    case 'mainland_travel_permit_hk_mo':
      return parseHongKongMacaoTravelPermit(number);
    case 'mainland_travel_permit_tw':
      return parseTaiwanTravelPermit(number);
    case 'passport': {
      // Detection picks a passport without a country code only for a Chinese passport format.
      const detectedCountry = requestedType === undefined ? 'CHN' : undefined;
      return parsePassport(number, countryCode ?? detectedCountry);
    }
    default:
      // Digits of the wrong length are most likely a resident ID with a digit missing or extra.
      return fail(/^\d+X?$/.test(number) ? 'ID_NUMBER_FORMAT_INVALID' : 'ID_DOCUMENT_TYPE_UNKNOWN');
  }
}
