import { computed, shallowRef } from 'vue';
import { MAX_BATCH_VISITS, postVisitBatch } from '../api/screening.js';
import { currentUser } from '../stores/session.js';
import { IndexedDbQueueStorage } from './idb-storage.js';
import { VisitQueue, type QueuedVisit } from './visit-queue.js';
import { VisitSender } from './visit-sender.js';

const RETRY_BASE_MS = 2_000;
const RETRY_MAX_MS = 5 * 60_000;

/** The phone's queue of screening visits, shared by every screening page. */
export const visitQueue = new VisitQueue(new IndexedDbQueueStorage());

const queuedVisits = shallowRef<QueuedVisit[]>([]);
const online = shallowRef(typeof navigator === 'undefined' ? true : navigator.onLine);

visitQueue.subscribe((visits) => {
  queuedVisits.value = visits;
});

/** Visits of the signed-in user still in the queue, oldest first. */
export const myQueuedVisits = computed(() =>
  queuedVisits.value.filter((visit) => visit.userId === currentUser.value?.id).sort((a, b) => a.queuedAt - b.queuedAt),
);
export const pendingVisits = computed(() => myQueuedVisits.value.filter((visit) => visit.state === 'pending'));
export const rejectedVisits = computed(() => myQueuedVisits.value.filter((visit) => visit.state === 'rejected'));
export const isOnline = computed(() => online.value);

export const visitSender = new VisitSender({
  queue: visitQueue,
  send: postVisitBatch,
  currentUserId: () => currentUser.value?.id ?? null,
  isOnline: () => navigator.onLine,
  batchSize: MAX_BATCH_VISITS,
  baseDelayMs: RETRY_BASE_MS,
  maxDelayMs: RETRY_MAX_MS,
  setTimer: (callback, ms) => setTimeout(callback, ms),
  clearTimer: (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
  onError: (error, retryInMs) => console.warn(`screening visits not sent, retrying in ${retryInMs} ms`, error),
});

let started = false;

/** Loads the queue and starts sending; the screening pages call it when they open. */
export function startVisitSync(): void {
  if (started) return;
  started = true;
  window.addEventListener('online', () => {
    online.value = true;
    void visitSender.flush();
  });
  window.addEventListener('offline', () => {
    online.value = false;
  });
  void visitQueue.list().then((visits) => {
    queuedVisits.value = visits;
    return visitSender.flush();
  });
}
