import type { Me } from '../api/auth.js';
import { OfflineCache } from './building-cache.js';
import { IndexedDbCacheStorage } from './idb-storage.js';

/**
 * The phone's screening cache. It lives apart from index.ts because the
 * session store uses it, and index.ts imports the session store.
 */
export const offlineCache = new OfflineCache(new IndexedDbCacheStorage());

/** Stores the user of a session the server confirmed. A failure is logged and the page carries on online. */
export function rememberSignedInUser(user: Me): void {
  offlineCache.rememberUser(user).catch((error: unknown) => console.warn('signed-in user not saved for offline use', error));
}

/** Returns the last user the server confirmed on this phone, or undefined when none is stored or it expired. */
export async function recallSignedInUser(): Promise<Me | undefined> {
  try {
    return (await offlineCache.recallUser())?.value;
  } catch (error) {
    console.warn('offline user not read', error);
    return undefined;
  }
}

/** Deletes the remembered user and the cached buildings. The visit queue is kept, so no saved visit is lost. */
export async function forgetOfflineData(): Promise<void> {
  try {
    await offlineCache.forgetAll();
  } catch (error) {
    console.warn('offline cache not cleared', error);
  }
}
