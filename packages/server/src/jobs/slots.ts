/** China Standard Time is UTC+8 all year: China has not observed daylight saving time since 1991. */
const SHANGHAI_OFFSET_MS = 8 * 60 * 60_000;
const DAY_MS = 24 * 60 * 60_000;

/**
 * Maximum slots a helper returns. The scheduler only runs the latest due slot,
 * so after a long downtime the older ones are dropped instead of filling memory.
 */
export const MAX_SLOTS = 1000;

export type SlotFunction = (after: Date, until: Date) => Date[];

const TIME_OF_DAY = /^([01]\d|2[0-3]):([0-5]\d)$/;

function minutesOfDay(time: string): number {
  const match = TIME_OF_DAY.exec(time);
  if (!match) throw new Error(`slotsAt: "${time}" is not a time of day; expected HH:MM from 00:00 to 23:59`);
  return Number(match[1]) * 60 + Number(match[2]);
}

function latest(slots: Date[]): Date[] {
  return slots.length > MAX_SLOTS ? slots.slice(-MAX_SLOTS) : slots;
}

/**
 * Slots at fixed times of day in Asia/Shanghai, e.g. `slotsAt(['10:00', '17:00'])`
 * for the ends of the declaration windows, whatever the server's time zone.
 * Returns the slots after `after` (exclusive) up to `until` (inclusive), oldest
 * first, at most the latest MAX_SLOTS.
 */
export function slotsAt(times: readonly string[]): SlotFunction {
  if (times.length === 0) throw new Error('slotsAt: expected at least one time of day');
  const minutes = [...new Set(times.map(minutesOfDay))].sort((a, b) => a - b);
  return (after, until) => {
    const slots: Date[] = [];
    const end = until.getTime();
    // Midnight in Shanghai, as a UTC instant, of the Shanghai day `after` falls in.
    const firstMidnight = Math.floor((after.getTime() + SHANGHAI_OFFSET_MS) / DAY_MS) * DAY_MS - SHANGHAI_OFFSET_MS;
    for (let midnight = firstMidnight; midnight <= end; midnight += DAY_MS) {
      for (const minute of minutes) {
        const slot = midnight + minute * 60_000;
        if (slot > after.getTime() && slot <= end) slots.push(new Date(slot));
      }
    }
    return latest(slots);
  };
}

/**
 * Slots every `intervalMs` milliseconds, counted from the Unix epoch, so that
 * every instance and every restart agree on them: `slotsEvery(5 * 60_000)` is
 * due at :00, :05, :10 and so on. A whole number of days falls on 00:00 UTC.
 * Returns at most the latest MAX_SLOTS.
 */
export function slotsEvery(intervalMs: number): SlotFunction {
  if (!Number.isInteger(intervalMs) || intervalMs < 1000) {
    throw new Error(`slotsEvery: the interval must be a whole number of milliseconds of at least 1000, got ${intervalMs}`);
  }
  return (after, until) => {
    const first = (Math.floor(after.getTime() / intervalMs) + 1) * intervalMs;
    const last = Math.floor(until.getTime() / intervalMs) * intervalMs;
    const slots: Date[] = [];
    for (let slot = Math.max(first, last - (MAX_SLOTS - 1) * intervalMs); slot <= last; slot += intervalMs) {
      slots.push(new Date(slot));
    }
    return slots;
  };
}
