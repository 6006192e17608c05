import { describe, expect, it } from 'vitest';
import { MAX_SLOTS, slotsAt, slotsEvery } from './slots.js';

const at = (iso: string) => new Date(iso);
const iso = (dates: Date[]) => dates.map((date) => date.toISOString());

describe('slotsAt', () => {
  it('return Shanghai times as UTC instants', () => {
    const slots = slotsAt(['10:00', '17:00'])(at('2026-12-04T00:00:00Z'), at('2026-12-05T12:00:00Z'));
    expect(iso(slots)).toEqual([
      '2026-12-04T02:00:00.000Z',
      '2026-12-04T09:00:00.000Z',
      '2026-12-05T02:00:00.000Z',
      '2026-12-05T09:00:00.000Z',
    ]);
  });

  it('exclude after and include until', () => {
    const slots = slotsAt(['10:00', '17:00'])(at('2026-12-04T02:00:00Z'), at('2026-12-04T09:00:00Z'));
    expect(iso(slots)).toEqual(['2026-12-04T09:00:00.000Z']);
  });

  it('place an early Shanghai time on the previous UTC day', () => {
    const slots = slotsAt(['00:30'])(at('2026-12-04T16:00:00Z'), at('2026-12-04T17:00:00Z'));
    expect(iso(slots)).toEqual(['2026-12-04T16:30:00.000Z']);
  });

  it('cross the end of a month and a year', () => {
    const slots = slotsAt(['23:59', '00:00'])(at('2026-12-31T12:00:00Z'), at('2027-01-01T16:30:00Z'));
    expect(iso(slots)).toEqual([
      '2026-12-31T15:59:00.000Z',
      '2026-12-31T16:00:00.000Z',
      '2027-01-01T15:59:00.000Z',
      '2027-01-01T16:00:00.000Z',
    ]);
  });

  it('sort and deduplicate the times', () => {
    const slots = slotsAt(['17:00', '10:00', '17:00'])(at('2026-12-04T00:00:00Z'), at('2026-12-04T12:00:00Z'));
    expect(iso(slots)).toEqual(['2026-12-04T02:00:00.000Z', '2026-12-04T09:00:00.000Z']);
  });

  it('return nothing for an empty range', () => {
    expect(slotsAt(['10:00'])(at('2026-12-04T03:00:00Z'), at('2026-12-04T03:00:00Z'))).toEqual([]);
    expect(slotsAt(['10:00'])(at('2026-12-05T03:00:00Z'), at('2026-12-04T03:00:00Z'))).toEqual([]);
  });

  it('keep the latest slots of a long range', () => {
    const slots = slotsAt(['10:00', '17:00'])(at('2020-01-01T00:00:00Z'), at('2026-12-04T12:00:00Z'));
    expect(slots).toHaveLength(MAX_SLOTS);
    expect(slots.at(-1)?.toISOString()).toBe('2026-12-04T09:00:00.000Z');
  });

  it('reject a malformed time', () => {
    for (const time of ['24:00', '7:00', '10:60', '10.00', '']) {
      expect(() => slotsAt([time]), time).toThrow(/not a time of day/);
    }
    expect(() => slotsAt([])).toThrow(/at least one time/);
  });
});

describe('slotsEvery', () => {
  it('align slots to the epoch', () => {
    const slots = slotsEvery(5 * 60_000)(at('2026-12-05T01:02:00Z'), at('2026-12-05T01:20:00Z'));
    expect(iso(slots)).toEqual([
      '2026-12-05T01:05:00.000Z',
      '2026-12-05T01:10:00.000Z',
      '2026-12-05T01:15:00.000Z',
      '2026-12-05T01:20:00.000Z',
    ]);
  });

  it('exclude a slot equal to after', () => {
    const slots = slotsEvery(5 * 60_000)(at('2026-12-05T01:05:00Z'), at('2026-12-05T01:09:59Z'));
    expect(slots).toEqual([]);
  });

  it('keep the latest slots of a long range', () => {
    const slots = slotsEvery(1000)(at('2026-12-04T00:00:00Z'), at('2026-12-05T00:00:00.500Z'));
    expect(slots).toHaveLength(MAX_SLOTS);
    expect(slots.at(-1)?.toISOString()).toBe('2026-12-05T00:00:00.000Z');
    expect(slots[0]?.toISOString()).toBe('2026-12-04T23:43:21.000Z');
  });

  it('reject an interval under a second or fractional', () => {
    for (const interval of [0, 999, 1500.5, Number.NaN]) {
      expect(() => slotsEvery(interval), String(interval)).toThrow(/at least 1000/);
    }
  });
});
