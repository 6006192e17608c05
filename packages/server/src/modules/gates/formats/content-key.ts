import { createHash } from 'node:crypto';

/**
 * Source key of an event whose format carries no event id: a hash of what
 * identifies the capture, so that a device resending the same post is
 * caught as a replay.
 */
export function contentSourceKey(...parts: (string | number | null)[]): string {
  return `sha256:${createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 40)}`;
}
