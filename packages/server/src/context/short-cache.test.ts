import { describe, expect, it } from 'vitest';
import { ShortCache, shortCacheOf } from './short-cache.js';

describe('ShortCache', () => {
  it('keeps a loaded value', async () => {
    const cache = new ShortCache<string>(60_000, 10);
    let loads = 0;
    const load = async () => {
      loads += 1;
      return `value ${loads}`;
    };
    expect(await cache.get('a', load)).toBe('value 1');
    expect(await cache.get('a', load)).toBe('value 1');
    expect(loads).toBe(1);
  });

  it('reloads an expired value', async () => {
    const cache = new ShortCache<number>(0, 10);
    let loads = 0;
    const load = async () => ++loads;
    await cache.get('a', load);
    await new Promise((resolve) => setTimeout(resolve, 2));
    expect(await cache.get('a', load)).toBe(2);
  });

  it('does not keep undefined', async () => {
    const cache = new ShortCache<string>(60_000, 10);
    let loads = 0;
    const load = async () => {
      loads += 1;
      return undefined;
    };
    await cache.get('missing', load);
    await cache.get('missing', load);
    expect(loads).toBe(2);
  });

  it('clear drops every value', async () => {
    const cache = new ShortCache<string>(60_000, 10);
    await cache.get('a', async () => 'old');
    cache.clear();
    expect(await cache.get('a', async () => 'new')).toBe('new');
  });

  it('load racing a clear is not kept', async () => {
    const cache = new ShortCache<string>(60_000, 10);
    let release: () => void = () => {};
    const pending = cache.get('a', () => new Promise<string>((resolve) => (release = () => resolve('read before the change'))));
    cache.clear();
    release();
    expect(await pending).toBe('read before the change');
    expect(await cache.get('a', async () => 'read after the change')).toBe('read after the change');
  });

  it('full cache drops its oldest entry', async () => {
    const cache = new ShortCache<string>(60_000, 2);
    await cache.get('a', async () => 'a1');
    await cache.get('b', async () => 'b1');
    await cache.get('c', async () => 'c1');
    expect(await cache.get('a', async () => 'a2')).toBe('a2');
    expect(await cache.get('c', async () => 'c2')).toBe('c1');
  });

  it('caches are separate per owner', async () => {
    const first = shortCacheOf<string>({}, 'name', 60_000, 10);
    const second = shortCacheOf<string>({}, 'name', 60_000, 10);
    await first.get('a', async () => 'first');
    expect(await second.get('a', async () => 'second')).toBe('second');
  });
});
