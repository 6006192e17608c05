import { lookupCounty } from '../regions/index.js';

export interface RegionFields {
  regionCode: string;
  regionName: string[];
  regionRetired: boolean;
}

/**
 * Looks up a 6-digit GB/T 2260 code, current or retired, and returns the
 * region fields of an IdentityDocument, or undefined for an unknown code.
 */
export function describeRegion(code: string): RegionFields | undefined {
  if (!/^\d{6}$/.test(code)) return undefined;

  const county = lookupCounty(code);
  if (!county) return undefined;
  return { regionCode: county.code, regionName: county.path, regionRetired: county.retired };
}
