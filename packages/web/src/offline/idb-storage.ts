import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import type { CacheRecord, OfflineCacheStorage } from './building-cache.js';
import type { QueuedVisit, QueueStorage } from './visit-queue.js';

const DATABASE_NAME = 'cordon-offline';
// Version 1 had the visit queue only; version 2 adds the screening cache.
const DATABASE_VERSION = 2;

interface OfflineSchema extends DBSchema {
  visits: { key: string; value: QueuedVisit };
  cache: { key: string; value: CacheRecord };
}

let database: Promise<IDBPDatabase<OfflineSchema>> | null = null;

/** Opens the phone's offline database once per page, creating or upgrading its stores. */
function openOfflineDatabase(): Promise<IDBPDatabase<OfflineSchema>> {
  database ??= openDB<OfflineSchema>(DATABASE_NAME, DATABASE_VERSION, {
    upgrade(upgraded, oldVersion) {
      if (oldVersion < 1) upgraded.createObjectStore('visits', { keyPath: 'id' });
      if (oldVersion < 2) upgraded.createObjectStore('cache', { keyPath: 'key' });
    },
  });
  return database;
}

/** The queue in the browser's IndexedDB, so saved visits survive a closed tab or a restarted phone. */
export class IndexedDbQueueStorage implements QueueStorage {
  async list(): Promise<QueuedVisit[]> {
    return (await openOfflineDatabase()).getAll('visits');
  }

  async put(visit: QueuedVisit): Promise<void> {
    // IndexedDB stores structured clones; a Vue proxy cannot be cloned, so plain data goes in.
    await (await openOfflineDatabase()).put('visits', JSON.parse(JSON.stringify(visit)) as QueuedVisit);
  }

  async delete(id: string): Promise<void> {
    await (await openOfflineDatabase()).delete('visits', id);
  }
}

/** The screening cache in the browser's IndexedDB, so a reload without a network still finds the buildings. */
export class IndexedDbCacheStorage implements OfflineCacheStorage {
  async list(): Promise<CacheRecord[]> {
    return (await openOfflineDatabase()).getAll('cache');
  }

  async get(key: string): Promise<CacheRecord | undefined> {
    return (await openOfflineDatabase()).get('cache', key);
  }

  async put(record: CacheRecord): Promise<void> {
    await (await openOfflineDatabase()).put('cache', record);
  }

  async delete(key: string): Promise<void> {
    await (await openOfflineDatabase()).delete('cache', key);
  }

  async clear(): Promise<void> {
    await (await openOfflineDatabase()).clear('cache');
  }
}
