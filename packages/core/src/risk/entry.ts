import { lookupPlatePrefix } from '../plate/index.js';
import { lookupCounty, normalizeRegionCode } from '../regions/index.js';
import { fail, ok, type ParseResult } from '../result.js';
import { isCalendarDate } from './dates.js';

export const RISK_LEVELS = ['high', 'medium', 'low'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export const RISK_ENTRY_KINDS = ['region', 'plate_prefix'] as const;
export type RiskEntryKind = (typeof RISK_ENTRY_KINDS)[number];

/**
 * One line of the risk-region list that command HQ maintains. `value` is a
 * region code at any level for `region`, or a plate prefix for
 * `plate_prefix`: a province character (鄂) or a province character and an
 * issuing letter that the plate prefix table lists (鄂A). The entry counts from `effectiveFrom`
 * through `effectiveTo`, both inclusive China calendar dates; no end date
 * means it counts until someone sets one.
 */
export interface RiskEntry {
  id: string;
  kind: RiskEntryKind;
  value: string;
  level: RiskLevel;
  effectiveFrom: string;
  effectiveTo?: string | null;
  note?: string;
}

export const RISK_ERROR_CODES = [
  'RISK_ENTRY_KIND_INVALID',
  'RISK_ENTRY_LEVEL_INVALID',
  'RISK_ENTRY_VALUE_INVALID',
  'RISK_ENTRY_REGION_NOT_FOUND',
  'RISK_ENTRY_DATES_INVALID',
  'RISK_ENTRY_DATE_ORDER_INVALID',
] as const;
export type RiskErrorCode = (typeof RISK_ERROR_CODES)[number];

/**
 * Brings a plate prefix to the stored form (鄂a → 鄂A, 鄂·A → 鄂A, 苏0 → 苏O).
 * Returns undefined unless it is a province character of a civil plate, alone
 * or with an issuing letter that the plate prefix table lists: GA 36 never
 * issues I, and O is listed for every province's police bodies. Plates that
 * open with another mark, such as embassy plates (使) or armed police plates
 * (WJ), never match a plate_prefix entry.
 */
export function normalizePlatePrefix(input: string): string | undefined {
  return lookupPlatePrefix(input)?.prefix;
}

/**
 * Checks a risk entry and returns it with its value in canonical form: a
 * 6-, 9- or 12-digit region code, or an upper-case plate prefix. A province,
 * city or county code must be a current division. A subdistrict or community
 * code is only checked for its shape, because core does not contain that data.
 * A value that is not an object, such as null in a list read from JSON, is
 * reported as RISK_ENTRY_KIND_INVALID because it has no kind.
 */
export function validateRiskEntry(entry: RiskEntry): ParseResult<RiskEntry, RiskErrorCode> {
  if (typeof entry !== 'object' || entry === null) return fail('RISK_ENTRY_KIND_INVALID');
  if (!RISK_ENTRY_KINDS.includes(entry.kind)) return fail('RISK_ENTRY_KIND_INVALID');
  if (!RISK_LEVELS.includes(entry.level)) return fail('RISK_ENTRY_LEVEL_INVALID');

  const value = normalizeEntryValue(entry);
  if (!value.ok) return value;

  const effectiveTo = entry.effectiveTo ?? null;
  if (!isCalendarDate(entry.effectiveFrom)) return fail('RISK_ENTRY_DATES_INVALID');
  if (effectiveTo !== null && !isCalendarDate(effectiveTo)) return fail('RISK_ENTRY_DATES_INVALID');
  if (effectiveTo !== null && effectiveTo < entry.effectiveFrom) return fail('RISK_ENTRY_DATE_ORDER_INVALID');

  return ok({ ...entry, value: value.value, effectiveTo });
}

// normalizePlatePrefix and normalizeRegionCode accept any value and cap its length.
function normalizeEntryValue(entry: RiskEntry): ParseResult<string, RiskErrorCode> {
  if (entry.kind === 'plate_prefix') {
    const prefix = normalizePlatePrefix(entry.value);
    return prefix === undefined ? fail('RISK_ENTRY_VALUE_INVALID') : ok(prefix);
  }

  const code = normalizeRegionCode(entry.value);
  if (code === undefined) return fail('RISK_ENTRY_VALUE_INVALID');

  if (code.length === 6) {
    const division = lookupCounty(code);
    if (division === undefined || division.retired) return fail('RISK_ENTRY_REGION_NOT_FOUND');
  }
  return ok(code);
}
