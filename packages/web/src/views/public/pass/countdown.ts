/** Time before a code's step ends at which the page requests the next code. */
export const REFRESH_LEAD_MS = 1_000;
/** Wait after the step's end before asking again when the server still returned the ending step's code. */
export const STEP_GRACE_MS = 300;
/** Shortest wait between two code requests, so a phone whose clock is far off does not ask in a loop. */
export const MIN_REFRESH_MS = 1_000;

/** Milliseconds left of a code, between 0 and its step; `expiresAt` is ISO 8601. */
export function millisecondsLeft(expiresAt: string, stepSeconds: number, now: number): number {
  const left = Date.parse(expiresAt) - now;
  if (Number.isNaN(left)) return 0;
  return Math.min(Math.max(left, 0), stepSeconds * 1000);
}

/** Whole seconds shown on the countdown, rounded up, so "1" shows until the step ends. */
export function secondsLeft(expiresAt: string, stepSeconds: number, now: number): number {
  return Math.ceil(millisecondsLeft(expiresAt, stepSeconds, now) / 1000);
}

/** Share of the step still left, from 1 (new code) to 0 (step over), for the countdown ring. */
export function remainingFraction(expiresAt: string, stepSeconds: number, now: number): number {
  if (stepSeconds <= 0) return 0;
  return millisecondsLeft(expiresAt, stepSeconds, now) / (stepSeconds * 1000);
}

/**
 * Returns the delay until the next code request. The page requests the
 * next code REFRESH_LEAD_MS before the step ends. When that request returned
 * the same step again (`sameStep`), the server has not moved on yet, so the
 * page requests again just after the step's end. The gate accepts the
 * previous step's code too, so the shown code stays valid meanwhile.
 * NOTE: the times come from the phone's clock. A phone whose clock runs
 * ahead of the server requests a code every MIN_REFRESH_MS, and one whose
 * clock runs behind shows each code up to one step late, which the gate
 * still accepts.
 */
export function refreshDelayMs(expiresAt: string, stepSeconds: number, now: number, sameStep: boolean): number {
  const left = millisecondsLeft(expiresAt, stepSeconds, now);
  const delay = sameStep ? left + STEP_GRACE_MS : left - REFRESH_LEAD_MS;
  return Math.max(delay, MIN_REFRESH_MS);
}
