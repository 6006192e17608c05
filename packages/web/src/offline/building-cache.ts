import type { Me } from '../api/auth.js';
import { isApiError } from '../api/request.js';
import type { BuildingDetail, BuildingProgress, ScreeningRoom } from '../api/screening.js';

/**
 * Age after which cached screening data and the remembered user are no longer shown: 3 days.
 * NOTE: 3 days is a chosen value, not a measured one. After it, a reload without a network ends
 * on the sign-in page, which needs the network.
 */
export const CACHE_MAX_AGE_MS = 3 * 24 * 3_600_000;

/** A room with the building, unit and floor it is on. */
export interface CachedRoom {
  building: BuildingDetail;
  unitNumber: string;
  floor: number;
  room: ScreeningRoom;
}

/** A cached value and the time it was saved, in milliseconds since the epoch. */
export interface Cached<T> {
  value: T;
  savedAt: number;
}

interface RecordBase {
  key: string;
  /** Owner of the record; signing in as another user deletes the records of every other user. */
  userId: string;
  savedAt: number;
}

/**
 * One entry of the phone's screening cache: the last signed-in user, a
 * user's building list, or one building with its rooms and persons (masked
 * document and phone numbers only, as the server returns them).
 */
export type CacheRecord =
  | (RecordBase & { kind: 'user'; value: Me })
  | (RecordBase & { kind: 'buildings'; value: BuildingProgress[] })
  | (RecordBase & { kind: 'building'; value: BuildingDetail });

/** Persistence of the cache: IndexedDB on the phone, a Map in unit tests. */
export interface OfflineCacheStorage {
  list(): Promise<CacheRecord[]>;
  get(key: string): Promise<CacheRecord | undefined>;
  put(record: CacheRecord): Promise<void>;
  delete(key: string): Promise<void>;
  clear(): Promise<void>;
}

export class MemoryCacheStorage implements OfflineCacheStorage {
  private readonly records = new Map<string, CacheRecord>();

  async list(): Promise<CacheRecord[]> {
    return [...this.records.values()].map((record) => structuredClone(record));
  }

  async get(key: string): Promise<CacheRecord | undefined> {
    const record = this.records.get(key);
    return record && structuredClone(record);
  }

  async put(record: CacheRecord): Promise<void> {
    this.records.set(record.key, structuredClone(record));
  }

  async delete(key: string): Promise<void> {
    this.records.delete(key);
  }

  async clear(): Promise<void> {
    this.records.clear();
  }
}

const USER_KEY = 'user';

function buildingsKey(userId: string): string {
  return `buildings:${userId}`;
}

function buildingKey(userId: string, buildingId: string): string {
  return `building:${userId}:${buildingId}`;
}

/** Finds a room in a building's units and floors. */
export function findRoomInBuilding(building: BuildingDetail, roomId: string): CachedRoom | undefined {
  for (const unit of building.units) {
    for (const floor of unit.floors) {
      const room = floor.rooms.find((candidate) => candidate.id === roomId);
      if (room) return { building, unitNumber: unit.number, floor: floor.floor, room };
    }
  }
  return undefined;
}

/**
 * The screening data a phone keeps so that the pages open after a reload
 * without a network: the last signed-in user, each user's building list and
 * the buildings they opened. Records older than `maxAgeMs` are deleted when
 * read and never returned.
 */
export class OfflineCache {
  constructor(
    private readonly storage: OfflineCacheStorage,
    private readonly now: () => number = Date.now,
    private readonly maxAgeMs = CACHE_MAX_AGE_MS,
  ) {}

  /**
   * Stores the user of a session the server confirmed. When another user
   * signs in on the same phone, the previous user's cached buildings are
   * deleted first.
   */
  async rememberUser(user: Me): Promise<void> {
    for (const record of await this.storage.list()) {
      if (record.userId !== user.id) await this.storage.delete(record.key);
    }
    await this.put({ key: USER_KEY, kind: 'user', userId: user.id, savedAt: this.now(), value: user });
  }

  /** Returns the last user the server confirmed on this phone, unless that was more than `maxAgeMs` ago. */
  async recallUser(): Promise<Cached<Me> | undefined> {
    const record = await this.readFresh(USER_KEY);
    return record?.kind === 'user' ? { value: record.value, savedAt: record.savedAt } : undefined;
  }

  /** Deletes the user and every cached building, for a sign-out. */
  forgetAll(): Promise<void> {
    return this.storage.clear();
  }

  async saveBuildings(userId: string, buildings: BuildingProgress[]): Promise<void> {
    await this.put({ key: buildingsKey(userId), kind: 'buildings', userId, savedAt: this.now(), value: buildings });
  }

  async loadBuildings(userId: string): Promise<Cached<BuildingProgress[]> | undefined> {
    const record = await this.readFresh(buildingsKey(userId));
    return record?.kind === 'buildings' ? { value: record.value, savedAt: record.savedAt } : undefined;
  }

  async saveBuilding(userId: string, building: BuildingDetail): Promise<void> {
    await this.put({ key: buildingKey(userId, building.id), kind: 'building', userId, savedAt: this.now(), value: building });
  }

  async loadBuilding(userId: string, buildingId: string): Promise<Cached<BuildingDetail> | undefined> {
    const record = await this.readFresh(buildingKey(userId, buildingId));
    return record?.kind === 'building' ? { value: record.value, savedAt: record.savedAt } : undefined;
  }

  /** Deletes a building the server no longer shows to the user, such as one moved out of their grid. */
  async removeBuilding(userId: string, buildingId: string): Promise<void> {
    await this.storage.delete(buildingKey(userId, buildingId));
  }

  /** Finds a room in the user's cached buildings. */
  async findRoom(userId: string, roomId: string): Promise<Cached<CachedRoom> | undefined> {
    for (const record of await this.storage.list()) {
      if (record.kind !== 'building' || record.userId !== userId || this.isExpired(record)) continue;
      const found = findRoomInBuilding(record.value, roomId);
      if (found) return { value: found, savedAt: record.savedAt };
    }
    return undefined;
  }

  /** Deletes every record older than `maxAgeMs`. */
  async pruneExpired(): Promise<void> {
    for (const record of await this.storage.list()) {
      if (this.isExpired(record)) await this.storage.delete(record.key);
    }
  }

  private isExpired(record: CacheRecord): boolean {
    return this.now() - record.savedAt > this.maxAgeMs;
  }

  private async readFresh(key: string): Promise<CacheRecord | undefined> {
    const record = await this.storage.get(key);
    if (!record) return undefined;
    if (this.isExpired(record)) {
      await this.storage.delete(key);
      return undefined;
    }
    return record;
  }

  private put(record: CacheRecord): Promise<void> {
    // IndexedDB stores structured clones, and a Vue proxy cannot be cloned, so plain data goes in.
    return this.storage.put(JSON.parse(JSON.stringify(record)) as CacheRecord);
  }
}

/**
 * True for a failure that means "no server reachable": no network, or a
 * proxy's 502/503/504. Only these fall back to cached data. A 404 or 403
 * from Cordon itself means the data is gone or out of scope.
 */
export function isNetworkFailure(error: unknown): boolean {
  return isApiError(error) && (error.code === 'NETWORK_ERROR' || error.code === 'SERVER_UNAVAILABLE');
}

/** Data for a page: from the server (`cachedAt` null) or from the cache with the time it was saved. */
export interface Loaded<T> {
  value: T;
  cachedAt: number | null;
}

export interface LoadSteps<T> {
  fetch(): Promise<T>;
  save(value: T): Promise<void>;
  readCache(): Promise<Cached<T> | undefined>;
  /** Reports a failed save; the page still shows the fetched data. */
  onSaveError?(error: unknown): void;
}

/**
 * Loads from the server and saves the result in the cache. When the server
 * is unreachable, returns the cached copy instead; any other failure, or a
 * missing cache entry, rejects with the server's error.
 */
export async function loadWithCache<T>(steps: LoadSteps<T>): Promise<Loaded<T>> {
  let value: T;
  try {
    value = await steps.fetch();
  } catch (error) {
    if (!isNetworkFailure(error)) throw error;
    const cached = await steps.readCache();
    if (!cached) throw error;
    return { value: cached.value, cachedAt: cached.savedAt };
  }

  try {
    await steps.save(value);
  } catch (error) {
    steps.onSaveError?.(error);
  }
  return { value, cachedAt: null };
}
