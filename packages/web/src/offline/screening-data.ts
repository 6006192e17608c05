import { getRoom } from '../api/addresses.js';
import { isApiError } from '../api/request.js';
import { type BuildingDetail, type BuildingProgress, getBuildingDetail, getBuildingProgress } from '../api/screening.js';
import { type CachedRoom, findRoomInBuilding, type Loaded, loadWithCache } from './building-cache.js';
import { offlineCache } from './offline-cache.js';

// TODO: one page of up to 200 buildings; a grid or community with more shows only the first 200.
const BUILDINGS_PAGE_SIZE = 200;

/** Buildings fetched from the server during this page load, so a room opens without another request. */
const fetchedBuildings = new Map<string, BuildingDetail>();

function warnNotCached(error: unknown): void {
  console.warn('screening data not saved for offline use', error);
}

/** Loads the user's buildings with their progress, from the cache when the server is unreachable. */
export function loadBuildingList(userId: string): Promise<Loaded<BuildingProgress[]>> {
  return loadWithCache({
    fetch: async () => (await getBuildingProgress({ pageSize: BUILDINGS_PAGE_SIZE })).items,
    save: (buildings) => offlineCache.saveBuildings(userId, buildings),
    readCache: () => offlineCache.loadBuildings(userId),
    onSaveError: warnNotCached,
  });
}

/**
 * Loads a building with its rooms and persons, from the cache when the
 * server is unreachable. A 404 also deletes the cached copy, because the
 * building is gone or no longer in the user's area.
 */
export async function loadBuilding(userId: string, buildingId: string): Promise<Loaded<BuildingDetail>> {
  try {
    return await loadWithCache({
      fetch: async () => {
        const building = await getBuildingDetail(buildingId);
        fetchedBuildings.set(building.id, building);
        return building;
      },
      save: (building) => offlineCache.saveBuilding(userId, building),
      readCache: () => offlineCache.loadBuilding(userId, buildingId),
      onSaveError: warnNotCached,
    });
  } catch (error) {
    if (isApiError(error) && error.status === 404) {
      fetchedBuildings.delete(buildingId);
      await offlineCache.removeBuilding(userId, buildingId).catch(warnNotCached);
    }
    throw error;
  }
}

/**
 * Loads a room with its building: from a building fetched during this page
 * load, else from the server, else from the cache when the server is
 * unreachable.
 */
export async function loadRoom(userId: string, roomId: string): Promise<Loaded<CachedRoom>> {
  for (const building of fetchedBuildings.values()) {
    const found = findRoomInBuilding(building, roomId);
    if (found) return { value: found, cachedAt: null };
  }

  const loaded = await loadWithCache<CachedRoom | undefined>({
    fetch: async () => {
      const room = await getRoom(roomId);
      const building = await getBuildingDetail(room.buildingId);
      fetchedBuildings.set(building.id, building);
      return findRoomInBuilding(building, roomId);
    },
    save: async (found) => {
      if (found) await offlineCache.saveBuilding(userId, found.building);
    },
    readCache: () => offlineCache.findRoom(userId, roomId),
    onSaveError: warnNotCached,
  });
  if (!loaded.value) throw new Error(`room ${roomId} is missing from its building's layout`);
  return { value: loaded.value, cachedAt: loaded.cachedAt };
}
