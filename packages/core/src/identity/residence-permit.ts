import { fail, ok } from '../result.js';
import { checkGb11643Number } from './gb11643.js';
import { describeRegion } from './region.js';
import type { IdentityDocument, IdentityParseResult } from './types.js';

/**
 * Address codes of the residence permits for Hong Kong, Macao and Taiwan
 * residents (港澳台居民居住证, issued since 2018), with the GB/T 2260 code whose
 * names describe each. Taiwan permits use 830000 where GB/T 2260 lists Taiwan
 * as 710000.
 */
const PERMIT_REGIONS = new Map([
  ['810000', '810000'],
  ['820000', '820000'],
  ['830000', '710000'],
]);

/**
 * Parses a residence permit number: one of the address codes above, then a
 * birth date, sequence code and check character as in a resident ID.
 */
export function parseResidencePermit(number: string, todayInChina: string): IdentityParseResult {
  const checked = checkGb11643Number(number, todayInChina);
  if (!checked.ok) return checked;

  const regionCode = number.slice(0, 6);
  const namedRegionCode = PERMIT_REGIONS.get(regionCode);
  if (namedRegionCode === undefined) return fail('ID_NUMBER_TYPE_MISMATCH');

  const document: IdentityDocument = {
    type: 'hk_mo_tw_residence_permit',
    number,
    birthDate: checked.value.birthDate,
    sex: checked.value.sex,
    regionCode,
  };

  const region = describeRegion(namedRegionCode);
  if (region) document.regionName = region.regionName;
  if (checked.value.possiblyExcelMangled) document.possiblyExcelMangled = true;
  return ok(document);
}
