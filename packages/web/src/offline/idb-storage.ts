import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import type { QueuedVisit, QueueStorage } from './visit-queue.js';

const DATABASE_NAME = 'cordon-offline';
const DATABASE_VERSION = 1;

interface OfflineSchema extends DBSchema {
  visits: { key: string; value: QueuedVisit };
}

/** The queue in the browser's IndexedDB, so saved visits survive a closed tab or a restarted phone. */
export class IndexedDbQueueStorage implements QueueStorage {
  private database: Promise<IDBPDatabase<OfflineSchema>> | null = null;

  private open(): Promise<IDBPDatabase<OfflineSchema>> {
    this.database ??= openDB<OfflineSchema>(DATABASE_NAME, DATABASE_VERSION, {
      upgrade(database) {
        database.createObjectStore('visits', { keyPath: 'id' });
      },
    });
    return this.database;
  }

  async list(): Promise<QueuedVisit[]> {
    return (await this.open()).getAll('visits');
  }

  async put(visit: QueuedVisit): Promise<void> {
    // IndexedDB stores structured clones; a Vue proxy cannot be cloned, so plain data goes in.
    await (await this.open()).put('visits', JSON.parse(JSON.stringify(visit)) as QueuedVisit);
  }

  async delete(id: string): Promise<void> {
    await (await this.open()).delete('visits', id);
  }
}
