import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import type { CacheRecord, OfflineCacheStorage } from './building-cache.js';
import type { DeviceRecord, DeviceStorage, QueuedRegistration } from './checkpoint-store.js';
import type { QueueStorage } from './sync-queue.js';
import type { QueuedVisit } from './visit-queue.js';

const DATABASE_NAME = 'cordon-offline';
// Version 1 had the visit queue only, and version 2 adds the screening cache.
// Version 3 adds the checkpoint registration queue and the checkpoint phone's device records.
const DATABASE_VERSION = 3;

interface OfflineSchema extends DBSchema {
  visits: { key: string; value: QueuedVisit };
  cache: { key: string; value: CacheRecord };
  registrations: { key: string; value: QueuedRegistration };
  device: { key: string; value: DeviceRecord };
}

type QueueStoreName = 'visits' | 'registrations';

let database: Promise<IDBPDatabase<OfflineSchema>> | null = null;

/** Opens the phone's offline database once per page, creating or upgrading its stores. */
function openOfflineDatabase(): Promise<IDBPDatabase<OfflineSchema>> {
  database ??= openDB<OfflineSchema>(DATABASE_NAME, DATABASE_VERSION, {
    upgrade(upgraded, oldVersion) {
      if (oldVersion < 1) upgraded.createObjectStore('visits', { keyPath: 'id' });
      if (oldVersion < 2) upgraded.createObjectStore('cache', { keyPath: 'key' });
      if (oldVersion < 3) {
        upgraded.createObjectStore('registrations', { keyPath: 'id' });
        upgraded.createObjectStore('device', { keyPath: 'key' });
      }
    },
  });
  return database;
}

/**
 * A queue in the browser's IndexedDB, so saved visits and registrations
 * survive a closed tab or a restarted phone.
 */
export class IndexedDbQueueStorage<S extends QueueStoreName> implements QueueStorage<OfflineSchema[S]['value']> {
  constructor(private readonly storeName: S) {}

  async list(): Promise<OfflineSchema[S]['value'][]> {
    return (await openOfflineDatabase()).getAll(this.storeName);
  }

  async put(item: OfflineSchema[S]['value']): Promise<void> {
    // IndexedDB stores structured clones; a Vue proxy cannot be cloned, so plain data goes in.
    await (await openOfflineDatabase()).put(this.storeName, JSON.parse(JSON.stringify(item)) as OfflineSchema[S]['value']);
  }

  async delete(id: string): Promise<void> {
    await (await openOfflineDatabase()).delete(this.storeName, id);
  }
}

/** The checkpoint phone's device key and cached data; kept apart from the screening cache, which a sign-out clears. */
export class IndexedDbDeviceStorage implements DeviceStorage {
  async get(key: DeviceRecord['key']): Promise<DeviceRecord | undefined> {
    return (await openOfflineDatabase()).get('device', key);
  }

  async put(record: DeviceRecord): Promise<void> {
    await (await openOfflineDatabase()).put('device', JSON.parse(JSON.stringify(record)) as DeviceRecord);
  }

  async delete(key: DeviceRecord['key']): Promise<void> {
    await (await openOfflineDatabase()).delete('device', key);
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
