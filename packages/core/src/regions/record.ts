import type { RegionLevel } from './codes.js';

/** One region of the tree, as the server stores it. `parentCode` is null for a province. */
export interface RegionRecord {
  code: string;
  name: string;
  parentCode: string | null;
  level: RegionLevel;
}

/**
 * Names of the XXXX00 units that only group counties: the districts and
 * counties of a municipality (市辖区, 县) and the counties that a province or
 * autonomous region governs directly. Paths shown to people leave them out
 * (北京市 东城区, not 北京市 市辖区 东城区).
 */
const GROUPING_NAMES = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划']);

export function isGroupingName(name: string): boolean {
  return GROUPING_NAMES.has(name);
}

/** Names of a path for display: every ancestor except grouping units, then the region itself. */
export function displayPathNames(ancestorNames: string[], name: string): string[] {
  return [...ancestorNames.filter((ancestor) => ancestor !== '' && !isGroupingName(ancestor)), name];
}
