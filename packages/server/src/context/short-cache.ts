import { performance } from 'node:perf_hooks';

/**
 * Values read on hot request paths, kept in this process for a few seconds.
 * A writer on this process calls `clear()` after its commit, so its change
 * shows here at once. A change made by another instance shows when the entry
 * expires, so `ttlMs` bounds how stale a value can be. A load that started
 * before a `clear()` does not store its result, because it may have read the
 * row before the change committed.
 */
export class ShortCache<V> {
  private readonly entries = new Map<string, { value: V; expiresAt: number }>();
  private generation = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
  ) {}

  /** Returns the cached value of `key`, or calls `load` and keeps its result unless it is undefined. */
  async get(key: string, load: () => Promise<V | undefined>): Promise<V | undefined> {
    const now = performance.now();
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt > now) return entry.value;
    this.entries.delete(key);

    const generation = this.generation;
    const value = await load();
    if (value !== undefined && generation === this.generation) {
      if (this.entries.size >= this.maxEntries) {
        // Map keeps insertion order, so the first key is the oldest entry.
        const oldest = this.entries.keys().next().value;
        if (oldest !== undefined) this.entries.delete(oldest);
      }
      this.entries.set(key, { value, expiresAt: now + this.ttlMs });
    }
    return value;
  }

  clear(): void {
    this.entries.clear();
    this.generation += 1;
  }
}

const cachesByOwner = new WeakMap<object, Map<string, ShortCache<unknown>>>();

/**
 * Returns the cache named `name` of one database handle. Caches belong to the
 * handle, because tests run several servers with different databases in one
 * process. The first call for a name fixes its TTL and size.
 */
export function shortCacheOf<V>(owner: object, name: string, ttlMs: number, maxEntries: number): ShortCache<V> {
  let caches = cachesByOwner.get(owner);
  if (!caches) {
    caches = new Map();
    cachesByOwner.set(owner, caches);
  }
  let cache = caches.get(name);
  if (!cache) {
    cache = new ShortCache<unknown>(ttlMs, maxEntries);
    caches.set(name, cache);
  }
  return cache as ShortCache<V>;
}
