import { fail } from '../result.js';
import { chinaDateOf } from './dates.js';
import { detectDocumentType } from './detect.js';
import { isScientificNotation, MAX_INPUT_LENGTH, normalizeDocumentNumber } from './normalize.js';
import { parsePassport } from './passport.js';
import { parsePermanentResidenceCard } from './permanent-residence.js';
import { parseResidencePermit } from './residence-permit.js';
import { parseResidentId } from './resident-id.js';
import { parseHongKongMacaoTravelPermit, parseTaiwanTravelPermit } from './travel-permit.js';
import type { IdentityParseResult, ParseIdentityOptions } from './types.js';

/**
 * Parses and validates an identity document number, typed or imported from a
 * spreadsheet. Never throws: a bad number is reported by its error code.
 *
 * Without `options.type` the type is detected from the shape of the number.
 * A passport needs `options.countryCode`, except that Chinese passport
 * formats are recognised and get CHN.
 */
export function parseIdentityDocument(input: string, options: ParseIdentityOptions = {}): IdentityParseResult {
  const raw = inputText(input);
  if (raw.trim() === '') return fail('ID_NUMBER_REQUIRED');
  if (raw.length > MAX_INPUT_LENGTH) return fail('ID_NUMBER_FORMAT_INVALID');

  const number = normalizeDocumentNumber(raw);
  if (number === '') return fail('ID_NUMBER_REQUIRED');
  if (isScientificNotation(number)) return fail('ID_NUMBER_EXCEL_MANGLED');

  const type = options.type ?? detectDocumentType(number, options.countryCode);
  const todayInChina = chinaDateOf(options.today ?? new Date());

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
      const detectedCountry = options.type === undefined ? 'CHN' : undefined;
      return parsePassport(number, options.countryCode ?? detectedCountry);
    }
    default:
      // Digits of the wrong length are most likely a resident ID with a digit missing or extra.
      return fail(/^\d+X?$/.test(number) ? 'ID_NUMBER_FORMAT_INVALID' : 'ID_DOCUMENT_TYPE_UNKNOWN');
  }
}

/** Text of an input that spreadsheet readers and JavaScript callers may hand over as a number or null. */
function inputText(input: unknown): string {
  if (typeof input === 'string') return input;
  if (input === null || input === undefined) return '';
  return String(input);
}
