import { fail, ok, type ParseResult } from '../result.js';
import { normalizeAddressText } from './text.js';
import type { AddressErrorCode } from './types.js';

/** Default maximum of numbers one range spec may produce, e.g. the rooms generated at once. */
export const DEFAULT_RANGE_MAX = 1000;

/**
 * Maximum length of a range spec in UTF-16 code units. Listing the numbers 1
 * to 1000 one by one, with commas, takes 3,892 characters, so a longer spec is
 * rejected as too large before it is read.
 * NOTE: the limit does not grow with `max`, so a spec that lists more than
 * about 2,000 numbers one by one is rejected even when `max` allows them.
 */
const MAX_RANGE_SPEC_LENGTH = 10_000;

/** Commas (ASCII, and the ideographic 、) and semicolons between the items of a list. */
const ITEM_SEPARATOR = /[,、;]/u;

/** A number, or two numbers joined by a dash, a tilde or 至 ("1-30", "1~30", "1至30"). */
const ITEM = /^(\d+)(?:\s*[-~〜至]\s*(\d+))?$/u;

/** Numbers of more digits than this may not be exact as JavaScript numbers. */
const MAX_DIGITS = 15;

export interface NumberRangeOptions {
  /** Maximum count of numbers the spec may produce. DEFAULT_RANGE_MAX applies when it is missing or not a non-negative integer. */
  max?: number;
}

interface Interval {
  start: number;
  end: number;
}

/**
 * Expands a range spec as offices type it for the room generator, such as
 * "1-30,32,35-36", into the positive integers it names, sorted and without
 * duplicates. Full-width characters, en and em dashes, 、 and spaces around
 * items are accepted. A malformed item, zero, or a range whose end is below
 * its start gives ADDRESS_RANGE_INVALID. More numbers than `max` (counted
 * before any array is built) or a spec over 10,000 characters give
 * ADDRESS_RANGE_TOO_LARGE. Never throws, whatever value `spec` has.
 */
export function expandNumberRange(spec: string, options?: NumberRangeOptions): ParseResult<number[], AddressErrorCode> {
  if (typeof spec !== 'string') return fail('ADDRESS_RANGE_INVALID');
  if (spec.length > MAX_RANGE_SPEC_LENGTH) return fail('ADDRESS_RANGE_TOO_LARGE');

  const intervals = readIntervals(normalizeAddressText(spec));
  if (intervals === undefined) return fail('ADDRESS_RANGE_INVALID');

  const merged = mergeIntervals(intervals);
  const max = maxOf(options);
  let count = 0;
  for (const { start, end } of merged) {
    count += end - start + 1;
    if (count > max) return fail('ADDRESS_RANGE_TOO_LARGE');
  }

  const numbers: number[] = [];
  for (const { start, end } of merged) {
    for (let value = start; value <= end; value += 1) numbers.push(value);
  }
  return ok(numbers);
}

function readIntervals(text: string): Interval[] | undefined {
  if (text === '') return undefined;

  const intervals: Interval[] = [];
  for (const item of text.split(ITEM_SEPARATOR)) {
    const match = ITEM.exec(item.trim());
    if (match === null) return undefined;

    const [, first = '', last = first] = match;
    if (first.length > MAX_DIGITS || last.length > MAX_DIGITS) return undefined;

    const start = Number(first);
    const end = Number(last);
    if (start < 1 || end < start) return undefined;
    intervals.push({ start, end });
  }
  return intervals;
}

/** Sorts intervals and joins those that overlap or touch, so that every number is counted once. */
function mergeIntervals(intervals: Interval[]): Interval[] {
  const sorted = [...intervals].sort((a, b) => a.start - b.start);
  const merged: Interval[] = [];

  for (const interval of sorted) {
    const last = merged[merged.length - 1];
    if (last !== undefined && interval.start <= last.end + 1) {
      last.end = Math.max(last.end, interval.end);
    } else {
      merged.push({ ...interval });
    }
  }
  return merged;
}

function maxOf(options: NumberRangeOptions | undefined): number {
  const max: unknown = typeof options === 'object' && options !== null ? options.max : undefined;
  return typeof max === 'number' && Number.isSafeInteger(max) && max >= 0 ? max : DEFAULT_RANGE_MAX;
}
