import { GB11643_SHAPE } from './gb11643.js';
import { looksLikeChinesePassport } from './passport.js';
import { looksLikeTravelPermit } from './travel-permit.js';
import type { DocumentType } from './types.js';

/**
 * Detects the document type from the shape of a normalised number, or
 * returns undefined when no shape fits. A passport of another state can look
 * like anything, so a passport is chosen only when `countryCode` is given or
 * the number has a Chinese passport format. A Taiwan travel permit of 8 or
 * 10 bare digits is not detected either, because a resident ID with digits
 * missing has the same shape. Only the older form with a bracketed office
 * code is distinctive enough.
 */
export function detectDocumentType(number: string, countryCode: string | undefined): DocumentType | undefined {
  if (GB11643_SHAPE.test(number)) {
    if (number.startsWith('9')) return 'foreign_permanent_residence_card';
    if (/^8[1-3]0000/.test(number)) return 'hk_mo_tw_residence_permit';
    return 'resident_id';
  }
  if (/^\d{15}$/.test(number)) return 'resident_id_legacy';
  if (/^[A-Z]{3}\d{12}$/.test(number)) return 'foreign_permanent_residence_card';

  const permit = looksLikeTravelPermit(number);
  if (permit === 'mainland_travel_permit_hk_mo') return permit;
  if (permit === 'mainland_travel_permit_tw' && number.endsWith(')')) return permit;

  if (countryCode !== undefined || looksLikeChinesePassport(number)) return 'passport';
  return undefined;
}
