import { describe, expect, it } from 'vitest';
import { ConfigError } from '../config.js';
import { DEFAULT_STALE_AFTER_MS, DEFAULT_TICK_MS } from './scheduler.js';
import { readSchedulerSettings } from './settings.js';

describe('scheduler settings', () => {
  it('default to 30 seconds and 30 minutes', () => {
    expect(readSchedulerSettings({})).toEqual({ tickMs: DEFAULT_TICK_MS, staleAfterMs: DEFAULT_STALE_AFTER_MS });
    expect(DEFAULT_TICK_MS).toBe(30_000);
  });

  it('read both variables', () => {
    expect(readSchedulerSettings({ CORDON_JOB_TICK_SECONDS: '5', CORDON_JOB_STALE_MINUTES: '90' })).toEqual({
      tickMs: 5000,
      staleAfterMs: 90 * 60_000,
    });
  });

  it('accept 0 to turn the scheduler off', () => {
    expect(readSchedulerSettings({ CORDON_JOB_TICK_SECONDS: '0' }).tickMs).toBe(0);
  });

  it('reject values out of range', () => {
    expect(() => readSchedulerSettings({ CORDON_JOB_TICK_SECONDS: '-1' })).toThrow(ConfigError);
    expect(() => readSchedulerSettings({ CORDON_JOB_TICK_SECONDS: '2.5' })).toThrow(
      /CORDON_JOB_TICK_SECONDS must be a whole number from 0 to 3600, got "2.5"/,
    );
    expect(() => readSchedulerSettings({ CORDON_JOB_STALE_MINUTES: '0' })).toThrow(/CORDON_JOB_STALE_MINUTES/);
  });
});
