import { describe, expect, it } from 'vitest';
import type { Me } from '../api/auth.js';
import { ApiError } from '../api/request.js';
import type { BuildingDetail, BuildingProgress } from '../api/screening.js';
import { CACHE_MAX_AGE_MS, isNetworkFailure, loadWithCache, MemoryCacheStorage, OfflineCache } from './building-cache.js';

const HOUR = 3_600_000;

function user(id: string): Me {
  return {
    id,
    username: `grid.${id}`,
    displayName: '李网格',
    role: 'grid_worker',
    nodeCode: '320508018014001',
    nodeName: '第一网格',
    nodePath: [],
    mustChangePassword: false,
  };
}

function building(id: string, roomIds: string[]): BuildingDetail {
  return {
    id,
    number: '1',
    compoundId: 'compound-1',
    compoundName: '金色里程',
    communityCode: '320508018014',
    communityName: '察院场社区',
    gridCode: '320508018014001',
    today: '2026-02-10',
    units: [
      {
        id: `${id}-unit-1`,
        number: '1',
        floors: [
          {
            floor: 1,
            rooms: roomIds.map((roomId) => ({
              id: roomId,
              number: roomId,
              status: 'not_visited' as const,
              latestVisit: null,
              persons: [{ id: 'p-1', name: '王', documentMasked: '320508********1234', phoneMasked: '138****0000', householdRole: null }],
            })),
          },
        ],
      },
    ],
  };
}

function progress(id: string): BuildingProgress {
  return {
    id,
    number: '1',
    compoundId: 'compound-1',
    compoundName: '金色里程',
    communityCode: '320508018014',
    communityName: '察院场社区',
    gridCode: null,
    roomCount: 4,
    visitedCount: 0,
    screenedCount: 0,
    nobodyHomeCount: 0,
    refusedCount: 0,
    revisitDueCount: 0,
  };
}

function setup() {
  const clock = { now: 1_000_000 };
  const storage = new MemoryCacheStorage();
  const cache = new OfflineCache(storage, () => clock.now);
  return { clock, storage, cache };
}

describe('offline cache', () => {
  it('returns a saved building with its time', async () => {
    const { cache, clock } = setup();
    await cache.saveBuilding('u1', building('b1', ['r1']));
    clock.now += HOUR;
    const loaded = await cache.loadBuilding('u1', 'b1');
    expect(loaded?.value.id).toBe('b1');
    expect(loaded?.savedAt).toBe(1_000_000);
  });

  it('keeps each user apart', async () => {
    const { cache } = setup();
    await cache.saveBuildings('u1', [progress('b1')]);
    await cache.saveBuilding('u1', building('b1', ['r1']));
    expect(await cache.loadBuildings('u2')).toBeUndefined();
    expect(await cache.loadBuilding('u2', 'b1')).toBeUndefined();
    expect(await cache.findRoom('u2', 'r1')).toBeUndefined();
  });

  it('finds a room in a cached building', async () => {
    const { cache } = setup();
    await cache.saveBuilding('u1', building('b1', ['r1']));
    await cache.saveBuilding('u1', building('b2', ['r2', 'r3']));
    const found = await cache.findRoom('u1', 'r3');
    expect(found?.value.building.id).toBe('b2');
    expect(found?.value.unitNumber).toBe('1');
    expect(found?.value.floor).toBe(1);
    expect(found?.value.room.persons[0]?.documentMasked).toBe('320508********1234');
    expect(await cache.findRoom('u1', 'missing')).toBeUndefined();
  });

  it('drops records older than three days', async () => {
    const { cache, clock, storage } = setup();
    await cache.rememberUser(user('u1'));
    await cache.saveBuildings('u1', [progress('b1')]);
    await cache.saveBuilding('u1', building('b1', ['r1']));
    clock.now += CACHE_MAX_AGE_MS;
    expect(await cache.loadBuildings('u1')).toBeDefined();

    clock.now += 1;
    expect(await cache.findRoom('u1', 'r1')).toBeUndefined();
    expect(await cache.loadBuildings('u1')).toBeUndefined();
    expect(await cache.recallUser()).toBeUndefined();
    expect((await storage.list()).map((record) => record.kind)).toEqual(['building']);
    await cache.pruneExpired();
    expect(await storage.list()).toEqual([]);
  });

  it('recalls the last confirmed user', async () => {
    const { cache } = setup();
    expect(await cache.recallUser()).toBeUndefined();
    await cache.rememberUser(user('u1'));
    expect((await cache.recallUser())?.value.id).toBe('u1');
  });

  it('another user signing in clears the previous one', async () => {
    const { cache, storage } = setup();
    await cache.rememberUser(user('u1'));
    await cache.saveBuildings('u1', [progress('b1')]);
    await cache.saveBuilding('u1', building('b1', ['r1']));

    await cache.rememberUser(user('u2'));
    expect((await cache.recallUser())?.value.id).toBe('u2');
    expect(await storage.list()).toHaveLength(1);
    expect(await cache.loadBuilding('u1', 'b1')).toBeUndefined();
  });

  it('same user signing in keeps the buildings', async () => {
    const { cache } = setup();
    await cache.rememberUser(user('u1'));
    await cache.saveBuilding('u1', building('b1', ['r1']));
    await cache.rememberUser(user('u1'));
    expect((await cache.loadBuilding('u1', 'b1'))?.value.id).toBe('b1');
  });

  it('sign-out deletes everything', async () => {
    const { cache, storage } = setup();
    await cache.rememberUser(user('u1'));
    await cache.saveBuilding('u1', building('b1', ['r1']));
    await cache.forgetAll();
    expect(await storage.list()).toEqual([]);
  });

  it('removes one building', async () => {
    const { cache } = setup();
    await cache.saveBuilding('u1', building('b1', ['r1']));
    await cache.saveBuilding('u1', building('b2', ['r2']));
    await cache.removeBuilding('u1', 'b1');
    expect(await cache.loadBuilding('u1', 'b1')).toBeUndefined();
    expect(await cache.loadBuilding('u1', 'b2')).toBeDefined();
  });
});

describe('load with cache', () => {
  const networkDown = () => new ApiError({ code: 'NETWORK_ERROR', message: 'network', status: 0 });
  const proxyDown = () => new ApiError({ code: 'SERVER_UNAVAILABLE', message: 'bad gateway', status: 502 });
  const notFound = () => new ApiError({ code: 'BUILDING_NOT_FOUND', message: 'not found', status: 404 });

  it('saves what the server returns', async () => {
    const saved: string[] = [];
    const loaded = await loadWithCache({
      fetch: async () => 'fresh',
      save: async (value) => {
        saved.push(value);
      },
      readCache: async () => ({ value: 'old', savedAt: 5 }),
    });
    expect(loaded).toEqual({ value: 'fresh', cachedAt: null });
    expect(saved).toEqual(['fresh']);
  });

  it('falls back to the cache when unreachable', async () => {
    for (const failure of [networkDown, proxyDown]) {
      const loaded = await loadWithCache({
        fetch: async () => {
          throw failure();
        },
        save: async () => undefined,
        readCache: async () => ({ value: 'old', savedAt: 5 }),
      });
      expect(loaded).toEqual({ value: 'old', cachedAt: 5 });
    }
  });

  it('rejects a server error without the cache', async () => {
    const error = notFound();
    const load = loadWithCache({
      fetch: async () => {
        throw error;
      },
      save: async () => undefined,
      readCache: async () => ({ value: 'old', savedAt: 5 }),
    });
    await expect(load).rejects.toBe(error);
  });

  it('rejects when offline with nothing cached', async () => {
    const error = networkDown();
    const load = loadWithCache({
      fetch: async () => {
        throw error;
      },
      save: async () => undefined,
      readCache: async () => undefined,
    });
    await expect(load).rejects.toBe(error);
  });

  it('shows fresh data when the save fails', async () => {
    const failures: unknown[] = [];
    const loaded = await loadWithCache({
      fetch: async () => 'fresh',
      save: async () => {
        throw new Error('quota exceeded');
      },
      readCache: async () => undefined,
      onSaveError: (error) => failures.push(error),
    });
    expect(loaded).toEqual({ value: 'fresh', cachedAt: null });
    expect(failures).toHaveLength(1);
  });

  it('network failures are told from server errors', () => {
    expect(isNetworkFailure(networkDown())).toBe(true);
    expect(isNetworkFailure(proxyDown())).toBe(true);
    expect(isNetworkFailure(notFound())).toBe(false);
    expect(isNetworkFailure(new Error('x'))).toBe(false);
  });
});
