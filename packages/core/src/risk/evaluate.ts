import { normalizePlateInput } from '../plate/index.js';
import { MAX_PLATE_INPUT_LENGTH } from '../plate/normalize.js';
import { isRegionInside, normalizeRegionCode } from '../regions/index.js';
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
 *
 * Bad data never stops the evaluation: an entry that validateRiskEntry
 * rejects (null, a value of the wrong type, a bad date) is skipped, and so is
 * a region that normalizeRegionCode rejects. A number is read as a code, as
 * normalizeRegionCode does. Validate entries with validateRiskEntry when they
 * are stored, so that none is skipped unnoticed. Throws a RangeError when
 * `at` is not a valid Date, which is a caller bug (chinaCalendarDate).
 */
export function evaluatePersonRisk(regions: PersonRegions, entries: readonly RiskEntry[], at: Date): RiskMatch[] {
  const regionEntries = effectiveEntries(entries, at).filter(({ entry }) => entry.kind === 'region');
  const matches: RiskMatch[] = [];
  const known: PersonRegions = typeof regions === 'object' && regions !== null ? regions : {};

  for (const subject of PERSON_SUBJECTS) {
    const input = known[subject];
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
 *
 * A prefix whose letter the plate prefix table does not list (鄂I) matches as
 * its province character alone. Entries that validateRiskEntry rejects and
 * plate values that are not strings or codes are skipped, as in
 * evaluatePersonRisk. Throws a RangeError when `at` is not a valid Date.
 */
export function evaluatePlateRisk(plate: PlateRiskSubject, entries: readonly RiskEntry[], at: Date): PlateRiskMatch[] {
  const inEffect = effectiveEntries(entries, at);
  const matches: PlateRiskMatch[] = [];
  const subject: Partial<PlateRiskSubject> = typeof plate === 'object' && plate !== null ? plate : {};

  const prefix = platePrefixOf(subject.prefix);
  if (prefix !== undefined) {
    for (const { entry, value } of inEffect) {
      if (entry.kind === 'plate_prefix' && prefix.startsWith(value)) {
        matches.push({ entry, subject: 'platePrefix', value: prefix });
      }
    }
  }

  const regionCode = subject.regionCode ? normalizeRegionCode(subject.regionCode) : undefined;
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
 * An entry that is not an object is never effective. Throws a RangeError
 * when `at` is not a valid Date.
 */
export function isRiskEntryEffective(entry: Pick<RiskEntry, 'effectiveFrom' | 'effectiveTo'>, at: Date): boolean {
  const day = chinaCalendarDate(at);
  if (typeof entry !== 'object' || entry === null) return false;
  return isEffectiveOn(entry, day);
}

function isEffectiveOn(entry: Pick<RiskEntry, 'effectiveFrom' | 'effectiveTo'>, day: string): boolean {
  if (day < entry.effectiveFrom) return false;
  return entry.effectiveTo === undefined || entry.effectiveTo === null || day <= entry.effectiveTo;
}

// Matches carry the caller's entry object, but compare on the normalised
// value so that an entry stored as "鄂a" or "3205" still matches. The date is
// computed first, so an invalid `at` throws even when the list is empty.
function effectiveEntries(entries: readonly RiskEntry[], at: Date): { entry: RiskEntry; value: string }[] {
  const day = chinaCalendarDate(at);
  const effective: { entry: RiskEntry; value: string }[] = [];
  if (!Array.isArray(entries)) return effective;

  for (const entry of entries) {
    const validated = validateRiskEntry(entry);
    if (validated.ok && isEffectiveOn(validated.value, day)) {
      effective.push({ entry, value: validated.value.value });
    }
  }
  return effective;
}

/**
 * Prefix of a plate prefix or whole plate number, as a plate_prefix entry
 * stores it: 鄂A for 鄂a or 鄂A12345, 鄂 for 鄂I. Undefined for a value that
 * is not a string, is longer than a plate or opens with no province character.
 */
function platePrefixOf(input: unknown): string | undefined {
  if (typeof input !== 'string' || input.length > MAX_PLATE_INPUT_LENGTH) return undefined;

  const compact = normalizePlateInput(input);
  return normalizePlatePrefix(compact.slice(0, 2)) ?? normalizePlatePrefix(compact.slice(0, 1));
}
