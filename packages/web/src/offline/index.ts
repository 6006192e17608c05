import { computed, effectScope, shallowRef, watch } from 'vue';
import { MAX_BATCH_VISITS, postVisitBatch } from '../api/screening.js';
import { clearSession, currentUser, refreshSession, sessionRecalledOffline } from '../stores/session.js';
import { IndexedDbQueueStorage } from './idb-storage.js';
import { offlineCache } from './offline-cache.js';
import { VisitQueue, type QueuedVisit } from './visit-queue.js';
import { VisitSender } from './visit-sender.js';

export { offlineCache } from './offline-cache.js';

const RETRY_BASE_MS = 2_000;
const RETRY_MAX_MS = 5 * 60_000;

/** The phone's queue of screening visits, shared by every screening page. */
export const visitQueue = new VisitQueue(new IndexedDbQueueStorage('visits'));

const queuedVisits = shallowRef<QueuedVisit[]>([]);
const online = shallowRef(typeof navigator === 'undefined' ? true : navigator.onLine);
const expired = shallowRef(false);
/** Last user seen on this page, so their queue stays on screen after the session expired. */
const lastUserId = shallowRef<string | null>(null);

visitQueue.subscribe((visits) => {
  queuedVisits.value = visits;
});

const queueOwnerId = computed(() => currentUser.value?.id ?? lastUserId.value);

/** Visits of the signed-in user (or of the user whose session expired) still in the queue, oldest first. */
export const myQueuedVisits = computed(() =>
  queuedVisits.value.filter((visit) => visit.userId === queueOwnerId.value).sort((a, b) => a.queuedAt - b.queuedAt),
);
export const pendingVisits = computed(() => myQueuedVisits.value.filter((visit) => visit.state === 'pending'));
export const rejectedVisits = computed(() => myQueuedVisits.value.filter((visit) => visit.state === 'rejected'));
export const isOnline = computed(() => online.value);
/** True after the server returned 401 for the queue: the visits wait until the user signs in again. */
export const sessionExpired = computed(() => expired.value);

function onSessionExpired(): void {
  expired.value = true;
  clearSession();
}

export const visitSender = new VisitSender({
  queue: visitQueue,
  send: postVisitBatch,
  // A session recalled from the phone's cache has no CSRF token, so nothing is sent before the server confirms it.
  currentUserId: () => (sessionRecalledOffline.value ? null : (currentUser.value?.id ?? null)),
  isOnline: () => navigator.onLine,
  batchSize: MAX_BATCH_VISITS,
  baseDelayMs: RETRY_BASE_MS,
  maxDelayMs: RETRY_MAX_MS,
  setTimer: (callback, ms) => setTimeout(callback, ms),
  clearTimer: (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
  onError: (error, retryInMs) => console.warn(`screening visits not sent, retrying in ${retryInMs} ms`, error),
  onUnauthorized: onSessionExpired,
});

/**
 * Sends the queue now. A session recalled offline is first confirmed with
 * the server, which also fetches a CSRF token. A 401 there means the session
 * expired while the phone was offline.
 */
export async function sendQueueNow(): Promise<void> {
  if (sessionRecalledOffline.value && navigator.onLine) {
    const user = await refreshSession().catch((error: unknown) => {
      console.warn('session not confirmed, visits stay queued', error);
      return undefined;
    });
    if (user === null) {
      onSessionExpired();
      return;
    }
  }
  await visitSender.flush();
}

let started = false;

/** Loads the queue and starts sending; the screening pages call it when they open. */
export function startVisitSync(): void {
  if (started) return;
  started = true;
  window.addEventListener('online', () => {
    online.value = true;
    void sendQueueNow();
  });
  window.addEventListener('offline', () => {
    online.value = false;
  });

  // A new sign-in after an expired session sends what waited. The detached
  // scope keeps this watcher alive when the page that called startVisitSync
  // unmounts, for example on the way to the sign-in page.
  effectScope(true).run(() =>
    watch(
      currentUser,
      (user) => {
        if (!user) return;
        lastUserId.value = user.id;
        if (!sessionRecalledOffline.value && expired.value) {
          expired.value = false;
          void visitSender.flush();
        }
      },
      { immediate: true },
    ),
  );

  offlineCache.pruneExpired().catch((error: unknown) => console.warn('expired offline data not deleted', error));
  void visitQueue.list().then((visits) => {
    queuedVisits.value = visits;
    return sendQueueNow();
  });
}
