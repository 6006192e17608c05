import { ancestorRegionCodes, normalizeRegionCode, parentRegionCode, regionLevelOf } from './codes.js';
import { DIVISION_LINES } from './data/divisions.js';
import { displayPathNames, type RegionRecord } from './record.js';

/** A province, city or county from the built-in division table. */
export interface CountyInfo {
  code: string;
  name: string;
  /** Names from the province down to this region, without grouping units such as 市辖区. */
  path: string[];
  /** True when the code is missing from the current statistical codes but appeared in a GB/T 2260 revision. */
  retired: boolean;
  /** For a retired code, the last GB/T 2260 revision (yyyymm) that listed it. */
  lastRevision?: string;
}

interface Division {
  name: string;
  lastRevision?: string;
  /** Province and city names of the last revision listing a retired code. */
  revisionAncestorNames?: string[];
}

let divisionTable: Map<string, Division> | undefined;

// The table is parsed on first use so that importing core stays cheap in the
// browser for pages that never look up a region.
function divisions(): Map<string, Division> {
  if (divisionTable) return divisionTable;

  const table = new Map<string, Division>();
  for (const line of DIVISION_LINES.split('\n')) {
    const [code = '', name = '', lastRevision, ancestors] = line.split('\t');
    if (lastRevision === undefined) {
      table.set(code, { name });
    } else {
      table.set(code, { name, lastRevision, revisionAncestorNames: ancestors ? ancestors.split('/') : [] });
    }
  }

  divisionTable = table;
  return table;
}

/**
 * Looks up a province, city or county code, current or retired, in any form
 * that normalizeRegionCode accepts. Returns undefined for an invalid code, a
 * subdistrict or community code, and a code that no table lists.
 */
export function lookupCounty(code: string): CountyInfo | undefined {
  const canonical = normalizeRegionCode(code);
  if (canonical === undefined || canonical.length !== 6) return undefined;

  const division = divisions().get(canonical);
  if (!division) return undefined;

  if (division.lastRevision !== undefined) {
    return {
      code: canonical,
      name: division.name,
      path: displayPathNames(division.revisionAncestorNames ?? [], division.name),
      retired: true,
      lastRevision: division.lastRevision,
    };
  }

  const ancestorNames = ancestorRegionCodes(canonical).map((ancestor) => divisions().get(ancestor)?.name ?? '');
  return { code: canonical, name: division.name, path: displayPathNames(ancestorNames, division.name), retired: false };
}

/** Records of every current province, city and county, parents before children. */
export function currentDivisionRecords(): RegionRecord[] {
  const records: RegionRecord[] = [];
  for (const [code, division] of divisions()) {
    if (division.lastRevision !== undefined) continue;
    const level = regionLevelOf(code);
    if (level === undefined) continue;
    records.push({ code, name: division.name, parentCode: parentRegionCode(code) ?? null, level });
  }
  return records.sort(compareParentFirst);
}

/** Orders records so that every parent comes before its children: by code length, then code. */
export function compareParentFirst(a: { code: string }, b: { code: string }): number {
  if (a.code.length !== b.code.length) return a.code.length - b.code.length;
  if (a.code === b.code) return 0;
  return a.code < b.code ? -1 : 1;
}
