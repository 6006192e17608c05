import { PLATE_PREFIXES, type PlatePrefixEntry } from './data/prefixes.js';
import { MAX_PLATE_INPUT_LENGTH, normalizePlateInput, readIssuingLetter } from './normalize.js';
import { PROVINCE_ABBREVIATIONS, isProvinceAbbreviation } from './provinces.js';
import type { PlatePrefixInfo } from './types.js';

const ENTRIES_BY_PREFIX: ReadonlyMap<string, PlatePrefixEntry> = new Map(PLATE_PREFIXES.map((entry) => [entry.prefix, entry]));

/** Finds the table entry of a normalised prefix such as 苏E. */
export function findPrefixEntry(prefix: string): PlatePrefixEntry | undefined {
  return ENTRIES_BY_PREFIX.get(prefix);
}

/**
 * Looks up a province character (鄂) or a province character with its issuing
 * letter (鄂A, 鄂a, 鄂·A). Returns undefined for an unknown province, a letter
 * that the province does not issue (I is never one, GA 36), a value that is
 * not a string, and input longer than a whole plate.
 */
export function lookupPlatePrefix(prefix: string): PlatePrefixInfo | undefined {
  if (typeof prefix !== 'string' || prefix.length > MAX_PLATE_INPUT_LENGTH) return undefined;

  const chars = Array.from(normalizePlateInput(prefix));
  const [provinceAbbr, rawLetter] = chars;
  if (chars.length > 2 || !isProvinceAbbreviation(provinceAbbr)) return undefined;

  const province = PROVINCE_ABBREVIATIONS[provinceAbbr];
  if (rawLetter === undefined) {
    return { prefix: provinceAbbr, provinceAbbr, province: province.name, regionCode: province.code };
  }

  const entry = findPrefixEntry(provinceAbbr + readIssuingLetter(rawLetter));
  if (!entry) return undefined;
  return describePrefixEntry(entry, provinceAbbr);
}

export function describePrefixEntry(entry: PlatePrefixEntry, provinceAbbr: string): PlatePrefixInfo {
  const info: PlatePrefixInfo = {
    prefix: entry.prefix,
    provinceAbbr,
    province: entry.province,
    regionCode: entry.regionCode,
  };
  if (entry.city !== undefined) info.city = entry.city;
  if (entry.note !== undefined) info.note = entry.note;
  return info;
}
