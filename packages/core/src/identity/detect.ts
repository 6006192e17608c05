import { GB11643_SHAPE } from './gb11643.js';
import { looksLikeChinesePassport } from './passport.js';
import { looksLikeTravelPermit } from './travel-permit.js';
import type { DocumentType } from './types.js';

/**
 * Detects the document type from the shape of a normalised number. The
 * shapes do not overlap, except that a passport of another state can look
 * like anything, so a passport is chosen only when `countryCode` is given or
 * the number has a Chinese passport format. Returns undefined when no shape
 * fits.
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
  if (permit) return permit;

  if (countryCode !== undefined || looksLikeChinesePassport(number)) return 'passport';
  return undefined;
}
