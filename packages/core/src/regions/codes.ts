import { readRegionCodeInput } from './input.js';

/**
 * Level of a region in the statistical division codes. `subdistrict` covers
 * every 9-digit unit (街道, 镇, 乡, 苏木), `community` every 12-digit one
 * (社区居委会, 村委会).
 */
export type RegionLevel = 'province' | 'city' | 'county' | 'subdistrict' | 'community';

export const REGION_ERROR_CODES = ['REGION_CODE_INVALID', 'REGION_NOT_FOUND'] as const;
export type RegionErrorCode = (typeof REGION_ERROR_CODES)[number];

const DIGITS = /^\d+$/;

/**
 * Brings a region code to its canonical form: 6 digits for a province, city
 * or county (320000, 320500, 320505), 9 for a subdistrict or town
 * (320505001), 12 for a community or village (320505001001).
 *
 * Accepts the short forms 32 and 3205, and codes padded with zeros to 9 or 12
 * digits (320505000000 → 320505, 320505001000 → 320505001). Reads spreadsheet
 * forms too: '320505, ="320505", 320505.0 and a number such as 320505. Returns
 * undefined for anything else, including a zero province part, a county under
 * a zero city part (320005), a minus sign (-320505), a value that is neither
 * a string nor a number and input longer than 64 characters. Never throws.
 * Whether the code exists is checked by the lookups.
 */
export function normalizeRegionCode(input: string): string | undefined {
  const digits = readRegionCodeInput(input);
  if (digits === undefined || !DIGITS.test(digits)) return undefined;

  let code: string;
  switch (digits.length) {
    case 2:
      code = `${digits}0000`;
      break;
    case 4:
      code = `${digits}00`;
      break;
    case 6:
      code = digits;
      break;
    case 9:
      code = trimPadding(digits, 3);
      break;
    case 12:
      code = trimPadding(trimPadding(digits, 3), 3);
      break;
    default:
      return undefined;
  }

  return isWellFormed(code) ? code : undefined;
}

function trimPadding(code: string, width: number): string {
  const tail = code.slice(-width);
  return code.length > 6 && /^0+$/.test(tail) ? code.slice(0, -width) : code;
}

function isWellFormed(code: string): boolean {
  const province = code.slice(0, 2);
  const city = code.slice(2, 4);
  const county = code.slice(4, 6);
  if (province[0] === '0' || province === '00') return false;
  if (city === '00' && county !== '00') return false;
  if (code.length >= 9 && county === '00' && city === '00') return false;
  if (code.length === 12 && code.slice(6, 9) === '000') return false;
  return true;
}

/**
 * Level of a canonical code, read from its shape: 9 digits is a subdistrict,
 * 12 a community, and of the 6-digit codes XX0000 is a province, XXXX00 a
 * city, anything else a county. Returns undefined for a non-canonical code.
 */
export function regionLevelOf(code: string): RegionLevel | undefined {
  const canonical = normalizeRegionCode(code);
  if (canonical === undefined || canonical !== code) return undefined;
  if (code.length === 12) return 'community';
  if (code.length === 9) return 'subdistrict';
  if (code.endsWith('0000')) return 'province';
  if (code.endsWith('00')) return 'city';
  return 'county';
}

/**
 * Parent of a canonical code by the structure of the codes: a community's
 * parent is its subdistrict, a subdistrict's is the county or, for a city
 * without counties (东莞 441900, 中山 442000, 儋州 460400), the city. A
 * county's parent is its XXXX00 unit, which for municipalities is 市辖区 or
 * 县 (110101 → 110100) and for counties governed by the province directly is
 * the grouping 省直辖县级行政区划 (429004 → 429000). Returns undefined for a
 * province or a non-canonical code.
 */
export function parentRegionCode(code: string): string | undefined {
  const level = regionLevelOf(code);
  switch (level) {
    case 'community':
    case 'subdistrict':
      return code.slice(0, -3);
    case 'county':
      return `${code.slice(0, 4)}00`;
    case 'city':
      return `${code.slice(0, 2)}0000`;
    default:
      return undefined;
  }
}

/** Canonical codes of the ancestors of a canonical code, from the province down, without the code itself. */
export function ancestorRegionCodes(code: string): string[] {
  const ancestors: string[] = [];
  for (let parent = parentRegionCode(code); parent !== undefined; parent = parentRegionCode(parent)) {
    ancestors.unshift(parent);
  }
  return ancestors;
}

/**
 * Tells whether `code` lies inside `ancestorCode` or is the same region. Both
 * accept any form that normalizeRegionCode accepts; an invalid code is inside
 * nothing.
 */
export function isRegionInside(code: string, ancestorCode: string): boolean {
  const child = normalizeRegionCode(code);
  const ancestor = normalizeRegionCode(ancestorCode);
  if (child === undefined || ancestor === undefined) return false;
  return child.startsWith(prefixOfCanonicalCode(ancestor));
}

/**
 * Returns the digits that every code inside a region starts with, the region
 * itself included: 32 for the province 320000, 3205 for the city 320500, the
 * whole code for a county, subdistrict or community. Usable as a SQL `LIKE`
 * prefix. Takes any form that normalizeRegionCode accepts, and returns
 * undefined for an invalid code, never a prefix that would match everything.
 */
export function regionCodePrefix(code: string): string | undefined {
  const canonical = normalizeRegionCode(code);
  return canonical === undefined ? undefined : prefixOfCanonicalCode(canonical);
}

function prefixOfCanonicalCode(canonicalCode: string): string {
  if (canonicalCode.length > 6) return canonicalCode;
  if (canonicalCode.endsWith('0000')) return canonicalCode.slice(0, 2);
  if (canonicalCode.endsWith('00')) return canonicalCode.slice(0, 4);
  return canonicalCode;
}
