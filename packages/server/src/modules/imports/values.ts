import { buildCountyTree, currentDivisionRecords, lookupCounty, normalizeRegionCode, toHalfWidth } from '@cordon/core';
import { chinaToday } from '../persons/input.js';
import { type CellValue, cellText, isoDateOf } from './sheet-rows.js';

/** Excel's day 0 of the 1900 date system is 1899-12-30, because it counts 1900-02-29, a day that never was. */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;
/** Serial numbers of 1900-01-01 and 9999-12-31. */
const MIN_SERIAL = 1;
const MAX_SERIAL = 2_958_465;

function isoOf(year: number, month: number, day: number): string | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return isoDateOf(date);
}

function fromSerial(serial: number): string | undefined {
  if (!Number.isFinite(serial) || serial < MIN_SERIAL || serial > MAX_SERIAL) return undefined;
  return isoDateOf(new Date(EXCEL_EPOCH_MS + Math.floor(serial) * DAY_MS));
}

const FULL_DATE = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$/u;
const COMPACT_DATE = /^(\d{4})(\d{2})(\d{2})$/;
const MONTH_DAY = /^(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/u;
const SERIAL_TEXT = /^\d{5}(?:\.\d+)?$/;

export interface DateOptions {
  /**
   * How a date without a year ("2月3日") gets one. 'past' takes the latest
   * such day up to today in China (an arrival has happened), 'current' takes
   * this year (a lease may end later).
   */
  yearless: 'past' | 'current';
  today?: string;
}

/**
 * Reads a date as offices write it: a date cell, an Excel serial number
 * (43864), 2020/2/3, 2020-02-03, 2020.2.3, 2020年2月3日, 20200203, or 2月3日.
 * Returns YYYY-MM-DD, or undefined for anything else and for days that do not exist.
 */
export function parseSheetDate(cell: CellValue, options: DateOptions): string | undefined {
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? undefined : isoDateOf(cell);
  if (typeof cell === 'number') return fromSerial(cell);

  const text = toHalfWidth(cellText(cell)).trim();
  if (SERIAL_TEXT.test(text)) return fromSerial(Number(text));

  const full = FULL_DATE.exec(text) ?? COMPACT_DATE.exec(text);
  if (full) return isoOf(Number(full[1]), Number(full[2]), Number(full[3]));

  const monthDay = MONTH_DAY.exec(text);
  if (!monthDay) return undefined;
  const today = options.today ?? chinaToday();
  const year = Number(today.slice(0, 4));
  const thisYear = isoOf(year, Number(monthDay[1]), Number(monthDay[2]));
  if (options.yearless === 'current' || thisYear === undefined || thisYear <= today) return thisYear;
  return isoOf(year - 1, Number(monthDay[1]), Number(monthDay[2]));
}

/** Looks a label up in a table of labels (Chinese words or the English codes themselves), ignoring spaces and case. */
export function parseLabel(text: string, labels: Record<string, string>): string | undefined {
  const key = toHalfWidth(text).replace(/\s+/gu, '').toLowerCase();
  if (key === '') return undefined;
  for (const [label, value] of Object.entries(labels)) {
    if (label === key || value === key) return value;
  }
  return undefined;
}

/** Administrative suffixes dropped from names, so "湖北武汉" finds 湖北省武汉市. Longest first. */
const NAME_SUFFIXES = ['维吾尔自治区', '壮族自治区', '回族自治区', '特别行政区', '自治区', '自治州', '地区', '盟', '省', '市'];

function shortNameOf(name: string): string {
  for (const suffix of NAME_SUFFIXES) {
    if (name.endsWith(suffix) && name.length > suffix.length + 1) return name.slice(0, -suffix.length);
  }
  return name;
}

/** Region names (full and short, alone and after their parents' names) to codes; null marks an ambiguous name. */
let regionNames: Map<string, string | null> | undefined;

function addName(names: Map<string, string | null>, key: string, code: string): void {
  if (key === '') return;
  const known = names.get(key);
  if (known === undefined) names.set(key, code);
  else if (known !== code) names.set(key, null);
}

/** Names that group counties without naming a place, left out of the name paths. */
const GROUPING_NAME = /^(市辖区|县|省直辖县级行政区划|自治区直辖县级行政区划)$/u;

function buildRegionNames(): Map<string, string | null> {
  const tree = buildCountyTree();
  const names = new Map<string, string | null>();
  for (const record of currentDivisionRecords()) {
    const path = tree.pathOf(record.code).filter((node) => !GROUPING_NAME.test(node.name));
    const full = path.map((node) => node.name);
    const short = path.map((node) => shortNameOf(node.name));
    addName(names, record.name, record.code);
    addName(names, shortNameOf(record.name), record.code);
    for (let start = 0; start < path.length - 1; start++) {
      addName(names, full.slice(start).join(''), record.code);
      addName(names, short.slice(start).join(''), record.code);
    }
  }
  return names;
}

/**
 * Reads the region a person came from: a region code (420100, 4201), or a
 * name as offices write it ("湖北省武汉市", "湖北武汉", "武汉", "武汉市江汉区").
 * Text after a known region ("武汉市汉口火车站") is ignored. Returns the
 * 6-digit code, null for a name that several regions share, or undefined when no region matches.
 */
export function parseOriginRegionText(text: string): string | null | undefined {
  const compact = toHalfWidth(text).replace(/\s+/gu, '');
  if (compact === '') return undefined;
  if (/^\d+$/u.test(compact)) {
    const code = normalizeRegionCode(compact);
    return code !== undefined && lookupCounty(code.slice(0, 6)) ? code.slice(0, 6) : undefined;
  }

  regionNames ??= buildRegionNames();
  for (let length = Math.min(compact.length, 40); length >= 2; length--) {
    const code = regionNames.get(compact.slice(0, length));
    if (code !== undefined) return code;
  }
  return undefined;
}
