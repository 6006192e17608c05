import { currentDivisionRecords, lookupCounty, type RegionRecord } from '@cordon/core';

/** A province, city or county offered by the region search, with its names from the province down. */
export interface RegionOption {
  code: string;
  name: string;
  path: string[];
}

// Grouping units (市辖区, 省直辖县级行政区划) are never a place that someone comes from.
const GROUPING = /^(市辖区|县|省直辖县级行政区划|自治区直辖县级行政区划)$/;

const LEVEL_RANK: Record<string, number> = { province: 0, city: 1, county: 2 };

let records: RegionRecord[] | undefined;

function rank(record: RegionRecord, text: string): number {
  return (record.name.startsWith(text) ? 0 : 10) + (LEVEL_RANK[record.level] ?? 3);
}

function searchableRecords(): RegionRecord[] {
  records ??= currentDivisionRecords().filter((record) => !GROUPING.test(record.name));
  return records;
}

/**
 * Finds provinces, cities and counties of core's division table by a part of
 * the name (武汉, 江夏) or the start of the code (4201). It runs on the phone,
 * so an officer can pick an origin or a travel stop without a network.
 * Exact name starts come first, then higher levels first.
 */
export function searchRegions(query: string, limit = 20): RegionOption[] {
  const text = query.trim();
  if (text === '') return [];

  const byCode = /^\d{2,6}$/.test(text);
  const hits = searchableRecords().filter((record) => (byCode ? record.code.startsWith(text) : record.name.includes(text)));
  hits.sort((a, b) => rank(a, text) - rank(b, text) || a.code.localeCompare(b.code));

  return hits
    .slice(0, limit)
    .map((record) => ({ code: record.code, name: record.name, path: lookupCounty(record.code)?.path ?? [record.name] }));
}
