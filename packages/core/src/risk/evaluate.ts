import { isRegionInside, normalizeRegionCode } from '../regions/index.js';
import { compactCode } from '../text/normalize.js';
import { chinaCalendarDate } from './dates.js';
import { normalizePlatePrefix, validateRiskEntry, type RiskEntry, type RiskLevel } from './entry.js';

/** Regions known about a person: from the identity document, where they came from, and where they are now. */
export interface PersonRegions {
  documentRegion?: string | null;
  originRegion?: string | null;
  currentRegion?: string | null;
}

export type PersonRiskSubject = keyof PersonRegions;

/** A person's region that lies inside a region entry. `regionCode` is the person's code in canonical form. */
export interface RiskMatch {
  entry: RiskEntry;
  subject: PersonRiskSubject;
  regionCode: string;
}

/** A plate to check: its prefix (鄂 or 鄂A) and, when resolved, the region code of the issuing office. */
export interface PlateRiskSubject {
  prefix: string;
  regionCode?: string | null;
}

/**
 * A plate that matched an entry: `platePrefix` when a plate_prefix entry
 * matched the prefix, `plateRegion` when a region entry contains the plate's
 * region code.
 */
export interface PlateRiskMatch {
  entry: RiskEntry;
  subject: 'platePrefix' | 'plateRegion';
  value: string;
}

const PERSON_SUBJECTS: PersonRiskSubject[] = ['documentRegion', 'originRegion', 'currentRegion'];

const LEVEL_RANK: Record<RiskLevel, number> = { low: 1, medium: 2, high: 3 };

/**
 * Matches a person's regions against the region entries in effect at `at`.
 * A region matches an entry when it lies inside the entry's region or is the
 * same, so a document code 420106 matches entries for 420000, 420100 and
 * 420106. Retired codes match by their digits, so 320502 (沧浪区, merged in
 * 2012) still falls inside an entry for 320500. Returns matches in the order
 * documentRegion, originRegion, currentRegion, then the order of `entries`.
 * Invalid region values and invalid entries never match: validate entries
 * with validateRiskEntry when they are stored.
 */
export function evaluatePersonRisk(regions: PersonRegions, entries: readonly RiskEntry[], at: Date): RiskMatch[] {
  const regionEntries = effectiveEntries(entries, at).filter(({ entry }) => entry.kind === 'region');
  const matches: RiskMatch[] = [];

  for (const subject of PERSON_SUBJECTS) {
    const input = regions[subject];
    const regionCode = input ? normalizeRegionCode(input) : undefined;
    if (regionCode === undefined) continue;

    for (const { entry, value } of regionEntries) {
      if (isRegionInside(regionCode, value)) matches.push({ entry, subject, regionCode });
    }
  }

  return matches;
}

/**
 * Matches a plate against the entries in effect at `at`. A plate_prefix
 * entry of one character matches every plate of that province, so 鄂 matches
 * 鄂A and 鄂B. An entry with a letter matches only plates of that city, so a
 * plate whose prefix is only 鄂 does not match 鄂A. A region entry matches
 * when it contains the plate's region code. Returns prefix matches first,
 * each group in the order of `entries`.
 */
export function evaluatePlateRisk(plate: PlateRiskSubject, entries: readonly RiskEntry[], at: Date): PlateRiskMatch[] {
  const inEffect = effectiveEntries(entries, at);
  const matches: PlateRiskMatch[] = [];

  const compact = compactCode(plate.prefix);
  const prefix = normalizePlatePrefix(compact.slice(0, 2)) ?? normalizePlatePrefix(compact.slice(0, 1));
  if (prefix !== undefined) {
    for (const { entry, value } of inEffect) {
      if (entry.kind === 'plate_prefix' && prefix.startsWith(value)) {
        matches.push({ entry, subject: 'platePrefix', value: prefix });
      }
    }
  }

  const regionCode = plate.regionCode ? normalizeRegionCode(plate.regionCode) : undefined;
  if (regionCode !== undefined) {
    for (const { entry, value } of inEffect) {
      if (entry.kind === 'region' && isRegionInside(regionCode, value)) {
        matches.push({ entry, subject: 'plateRegion', value: regionCode });
      }
    }
  }

  return matches;
}

/** Returns the highest level among the matches (high, then medium, then low), or undefined when there are none. */
export function highestRiskLevel(matches: ReadonlyArray<{ entry: Pick<RiskEntry, 'level'> }>): RiskLevel | undefined {
  let highest: RiskLevel | undefined;
  for (const { entry } of matches) {
    if (highest === undefined || LEVEL_RANK[entry.level] > LEVEL_RANK[highest]) highest = entry.level;
  }
  return highest;
}

/**
 * Tells whether an entry counts at `at`: its China calendar date (UTC+8) lies
 * in [effectiveFrom, effectiveTo], both ends inclusive, with no end when
 * effectiveTo is missing. Dates in YYYY-MM-DD compare correctly as strings.
 */
export function isRiskEntryEffective(entry: Pick<RiskEntry, 'effectiveFrom' | 'effectiveTo'>, at: Date): boolean {
  const day = chinaCalendarDate(at);
  if (day < entry.effectiveFrom) return false;
  return entry.effectiveTo === undefined || entry.effectiveTo === null || day <= entry.effectiveTo;
}

// Matches carry the caller's entry object, but compare on the normalised
// value so that an entry stored as "鄂a" or "3205" still matches.
function effectiveEntries(entries: readonly RiskEntry[], at: Date): { entry: RiskEntry; value: string }[] {
  const effective: { entry: RiskEntry; value: string }[] = [];
  for (const entry of entries) {
    const validated = validateRiskEntry(entry);
    if (validated.ok && isRiskEntryEffective(validated.value, at)) {
      effective.push({ entry, value: validated.value.value });
    }
  }
  return effective;
}
