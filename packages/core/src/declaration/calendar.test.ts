import { describe, expect, test } from 'vitest';
import { chinaDayOf, parseWindowKey, windowKeyOf, windowsAt } from './calendar.js';
import { DEFAULT_DECLARATION_WINDOWS } from './windows.js';

const windows = DEFAULT_DECLARATION_WINDOWS;
/** Instants are given in UTC, as a server whose clock is UTC sees them: Shanghai is 8 hours ahead. */
const at = (iso: string) => new Date(iso);

describe('chinaDayOf', () => {
  test('23:59 Shanghai is still the day', () => {
    expect(chinaDayOf(at('2026-12-05T15:59:59Z'))).toBe('2026-12-05');
  });

  test('00:00 Shanghai is the next day', () => {
    expect(chinaDayOf(at('2026-12-05T16:00:00Z'))).toBe('2026-12-06');
  });

  test('year end crosses at 16:00 UTC', () => {
    expect(chinaDayOf(at('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
  });
});

describe('windowsAt', () => {
  test('09:59:59 Shanghai is inside the morning window', () => {
    const state = windowsAt(windows, at('2026-12-05T01:59:59Z'));

    expect(state.day).toBe('2026-12-05');
    expect(state.open?.key).toBe('2026-12-05/1');
    expect(state.open?.closesAt).toBe('2026-12-05T02:00:00.000Z');
    expect(state.next.key).toBe('2026-12-05/2');
    expect(state.lastClosed.key).toBe('2026-12-04/2');
  });

  test('10:00:00 Shanghai closes the morning window', () => {
    const state = windowsAt(windows, at('2026-12-05T02:00:00Z'));

    expect(state.open).toBeNull();
    expect(state.lastClosed.key).toBe('2026-12-05/1');
    expect(state.next.key).toBe('2026-12-05/2');
    expect(state.next.opensAt).toBe('2026-12-05T06:00:00.000Z');
  });

  test('07:00:00 Shanghai opens the morning window', () => {
    const state = windowsAt(windows, at('2026-12-04T23:00:00Z'));

    expect(state.day).toBe('2026-12-05');
    expect(state.open?.key).toBe('2026-12-05/1');
    expect(state.open?.opensAt).toBe('2026-12-04T23:00:00.000Z');
  });

  test('06:59:59 Shanghai falls back to yesterday', () => {
    const state = windowsAt(windows, at('2026-12-04T22:59:59Z'));

    expect(state.open).toBeNull();
    expect(state.lastClosed.key).toBe('2026-12-04/2');
    expect(state.next.key).toBe('2026-12-05/1');
  });

  test('23:59 and 00:00 Shanghai around midnight', () => {
    const before = windowsAt(windows, at('2026-12-05T15:59:00Z'));
    const after = windowsAt(windows, at('2026-12-05T16:00:00Z'));

    expect(before.lastClosed.key).toBe('2026-12-05/2');
    expect(before.next.key).toBe('2026-12-06/1');
    expect(after.day).toBe('2026-12-06');
    expect(after.lastClosed.key).toBe('2026-12-05/2');
    expect(after.next.key).toBe('2026-12-06/1');
  });

  test('window ending at 24:00 closes at midnight', () => {
    const late = [{ start: '20:00', end: '24:00' }];

    expect(windowsAt(late, at('2026-12-05T15:59:59Z')).open?.key).toBe('2026-12-05/1');
    expect(windowsAt(late, at('2026-12-05T16:00:00Z')).open).toBeNull();
    expect(windowsAt(late, at('2026-12-05T16:00:00Z')).lastClosed.key).toBe('2026-12-05/1');
  });

  test('result ignores the TZ of the process', () => {
    const before = process.env.TZ;
    process.env.TZ = 'America/New_York';
    try {
      expect(windowsAt(windows, at('2026-12-05T01:59:59Z')).open?.key).toBe('2026-12-05/1');
    } finally {
      process.env.TZ = before;
    }
  });
});

describe('window keys', () => {
  test('key numbers windows from 1', () => {
    expect(windowKeyOf('2026-12-05', 0)).toBe('2026-12-05/1');
    expect(parseWindowKey('2026-12-05/2')).toEqual({ day: '2026-12-05', index: 1 });
  });

  test.each(['2026-12-05/0', '2026-12-05', '2026-12-05/x', '05-12-2026/1'])('malformed key %s', (key) => {
    expect(parseWindowKey(key)).toBeUndefined();
  });
});
