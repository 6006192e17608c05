import { describe, expect, it } from 'vitest';
import { MIN_REFRESH_MS, millisecondsLeft, refreshDelayMs, remainingFraction, secondsLeft } from './countdown.js';

const NOW = Date.parse('2026-12-05T08:00:00.000Z');
const in12s = new Date(NOW + 12_000).toISOString();

describe('countdown', () => {
  it('counts the seconds left, rounded up', () => {
    expect(secondsLeft(in12s, 30, NOW)).toBe(12);
    expect(secondsLeft(in12s, 30, NOW + 11_100)).toBe(1);
    expect(secondsLeft(in12s, 30, NOW + 12_000)).toBe(0);
  });

  it('clamps to the step and to zero', () => {
    expect(millisecondsLeft(new Date(NOW + 600_000).toISOString(), 30, NOW)).toBe(30_000);
    expect(millisecondsLeft(new Date(NOW - 5_000).toISOString(), 30, NOW)).toBe(0);
    expect(millisecondsLeft('not a time', 30, NOW)).toBe(0);
  });

  it('gives the share of the step left', () => {
    expect(remainingFraction(new Date(NOW + 15_000).toISOString(), 30, NOW)).toBe(0.5);
    expect(remainingFraction(in12s, 0, NOW)).toBe(0);
  });
});

describe('refreshDelayMs', () => {
  it('asks one second before the step ends', () => {
    expect(refreshDelayMs(in12s, 30, NOW, false)).toBe(11_000);
  });

  it('asks after the end when the step did not change', () => {
    expect(refreshDelayMs(in12s, 30, NOW + 11_000, true)).toBe(MIN_REFRESH_MS + 300);
  });

  it('never asks sooner than the minimum', () => {
    expect(refreshDelayMs(in12s, 30, NOW + 20_000, false)).toBe(MIN_REFRESH_MS);
  });
});
