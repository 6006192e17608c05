import { ConfigError } from '../config.js';
import { DEFAULT_STALE_AFTER_MS, DEFAULT_TICK_MS } from './scheduler.js';

export interface SchedulerSettings {
  /** Milliseconds between ticks, or 0 to turn the scheduler off on this instance. */
  tickMs: number;
  staleAfterMs: number;
}

function readWholeNumber(env: NodeJS.ProcessEnv, name: string, min: number, max: number): number | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

/**
 * Reads CORDON_JOB_TICK_SECONDS (seconds between ticks, default 30; 0 turns
 * the scheduler off on this instance) and CORDON_JOB_STALE_MINUTES (minutes
 * after which a run still marked running counts as failed, default 30).
 */
export function readSchedulerSettings(env: NodeJS.ProcessEnv = process.env): SchedulerSettings {
  // TODO: move these two variables into Config (config.ts) with the other settings.
  const tickSeconds = readWholeNumber(env, 'CORDON_JOB_TICK_SECONDS', 0, 3600);
  const staleMinutes = readWholeNumber(env, 'CORDON_JOB_STALE_MINUTES', 1, 24 * 60);
  return {
    tickMs: tickSeconds === undefined ? DEFAULT_TICK_MS : tickSeconds * 1000,
    staleAfterMs: staleMinutes === undefined ? DEFAULT_STALE_AFTER_MS : staleMinutes * 60_000,
  };
}
