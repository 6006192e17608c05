import { computed, effectScope, shallowRef, watch } from 'vue';
import {
  getPhoneContext,
  MAX_BATCH_REGISTRATIONS,
  type PhoneContext,
  postRegistrationBatch,
  type RegistrationBatchResult,
} from '../api/checkpoint-phone.js';
import { isApiError } from '../api/request.js';
import { clearSession, currentUser, refreshSession, sessionRecalledOffline } from '../stores/session.js';
import { isNetworkFailure, type Loaded } from './building-cache.js';
import { CheckpointStore, type EnrolmentRecord, type QueuedRegistration, type SentRegistration, sentEntryOf } from './checkpoint-store.js';
import { IndexedDbDeviceStorage, IndexedDbQueueStorage } from './idb-storage.js';
import { SyncQueue } from './sync-queue.js';
import { QueueSender } from './sync-sender.js';

const RETRY_BASE_MS = 2_000;
const RETRY_MAX_MS = 5 * 60_000;

/** Error code of a 401 for an unknown or revoked device key. */
export const DEVICE_KEY_INVALID = 'DEVICE_KEY_INVALID';

/** The phone's queue of checkpoint registrations. */
export const registrationQueue = new SyncQueue<QueuedRegistration, RegistrationBatchResult>(new IndexedDbQueueStorage('registrations'));
export const checkpointStore = new CheckpointStore(new IndexedDbDeviceStorage());

const queued = shallowRef<QueuedRegistration[]>([]);
const enrolment = shallowRef<EnrolmentRecord | null>(null);
const sent = shallowRef<SentRegistration[]>([]);
/** Checkpoints the signed-in officer is assigned to, from the last context the server returned. */
const officerCheckpointIds = shallowRef<string[]>([]);
const online = shallowRef(typeof navigator === 'undefined' ? true : navigator.onLine);
const expired = shallowRef(false);

registrationQueue.subscribe((items) => {
  queued.value = items;
});

export const queuedRegistrations = computed(() => [...queued.value].sort((a, b) => a.queuedAt - b.queuedAt));
export const pendingRegistrations = computed(() => queuedRegistrations.value.filter((item) => item.state === 'pending'));
export const rejectedRegistrations = computed(() => queuedRegistrations.value.filter((item) => item.state === 'rejected'));
export const sentToday = computed(() => sent.value);
export const phoneEnrolment = computed(() => enrolment.value);
export const isOnline = computed(() => online.value);
/** True after the server returned DEVICE_KEY_INVALID for this phone's key. */
export const deviceKeyRevoked = computed(() => enrolment.value !== null && enrolment.value.revokedAt !== null);
/** True after the officer's session returned 401; the queue waits for a new sign-in. */
export const officerSessionExpired = computed(() => expired.value);

/** Checkpoint officer whose session the phone may send with, once the server confirmed it; null otherwise. */
export const officerUser = computed(() => {
  const user = currentUser.value;
  if (!user || user.role !== 'checkpoint_officer' || sessionRecalledOffline.value || expired.value) return null;
  return user;
});

/** Returns the key to send as X-Device-Key: the stored one, unless the server revoked it. Null means the officer's session is used. */
export function usableDeviceKey(): string | null {
  const record = enrolment.value;
  return record && record.revokedAt === null ? record.deviceKey : null;
}

/** True when the page may load its context and send: a usable device key or an officer session. */
export const hasCredentials = computed(() => usableDeviceKey() !== null || officerUser.value !== null);

/**
 * Returns which queued registrations the current credentials may send. A
 * device key sends those of its own checkpoint. An officer sends those of the
 * checkpoints assigned to him, or of the enrolled checkpoint until a context lists them.
 */
function sendableRegistrations(): ((item: QueuedRegistration) => boolean) | null {
  const record = enrolment.value;
  if (usableDeviceKey() !== null && record) return (item) => item.body.checkpointId === record.checkpoint.id;
  if (officerUser.value === null) return null;

  const allowed = new Set(officerCheckpointIds.value);
  if (allowed.size === 0 && record) allowed.add(record.checkpoint.id);
  return (item) => allowed.has(item.body.checkpointId);
}

async function onDeviceKeyInvalid(): Promise<void> {
  enrolment.value = (await checkpointStore.markRevoked()) ?? null;
}

/** Handles a 401 of a phone request: a revoked key, or an expired officer session. */
async function onUnauthorized(error: unknown): Promise<void> {
  if (isApiError(error) && error.code === DEVICE_KEY_INVALID) {
    await onDeviceKeyInvalid();
    // An officer already signed in on this phone takes over. This runs inside
    // the sender's current run, which a flush here would join, so the new run starts after it.
    if (officerUser.value !== null) setTimeout(() => void registrationSender.flush(), 0);
    return;
  }
  expired.value = true;
  clearSession();
}

export const registrationSender = new QueueSender<QueuedRegistration, RegistrationBatchResult>({
  queue: registrationQueue,
  send: (bodies) => postRegistrationBatch(usableDeviceKey(), bodies),
  sendable: sendableRegistrations,
  isOnline: () => navigator.onLine,
  batchSize: MAX_BATCH_REGISTRATIONS,
  baseDelayMs: RETRY_BASE_MS,
  maxDelayMs: RETRY_MAX_MS,
  setTimer: (callback, ms) => setTimeout(callback, ms),
  clearTimer: (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
  onError: (error, retryInMs) => console.warn(`checkpoint registrations not sent, retrying in ${retryInMs} ms`, error),
  onUnauthorized,
});

// Each write reads the list first, so writes run one after another: two batches stored in a row must not drop entries.
let sentWrites: Promise<void> = Promise.resolve();

registrationQueue.onStored((stored) => {
  const entries = stored.map(({ item, result }) => sentEntryOf(item.body, result));
  sentWrites = sentWrites
    .then(() => checkpointStore.addSent(entries))
    .then((items) => {
      sent.value = items;
    })
    .catch((error: unknown) => console.warn('sent registrations not listed', error));
});

/**
 * Sends the queue now. A session recalled from the phone's cache is first
 * confirmed with the server, which also fetches a CSRF token; a device key
 * needs neither.
 */
export async function sendRegistrationsNow(): Promise<void> {
  if (usableDeviceKey() === null && sessionRecalledOffline.value && navigator.onLine) {
    const user = await refreshSession().catch((error: unknown) => {
      console.warn('session not confirmed, registrations stay queued', error);
      return undefined;
    });
    if (user === null) {
      expired.value = true;
      return;
    }
  }
  await registrationSender.flush();
}

/** Stores the key of a new enrolment; the queue is kept, and waiting registrations of the same checkpoint go out with the new key. */
export async function rememberEnrolment(record: Omit<EnrolmentRecord, 'key' | 'enrolledAt' | 'revokedAt'>): Promise<void> {
  enrolment.value = await checkpointStore.saveEnrolment(record);
}

/**
 * Loads the phone's context from the server and caches it. When the server
 * is unreachable, or the key was revoked and no officer is signed in, returns
 * the cached copy with the time it was saved. The phone so keeps registering
 * into its queue, which waits for the network or an officer.
 */
export async function loadPhoneContext(checkpointId?: string): Promise<Loaded<PhoneContext>> {
  try {
    const context = await fetchContext(checkpointId);
    officerCheckpointIds.value = context.assignedCheckpoints.map((checkpoint) => checkpoint.id);
    await checkpointStore.saveContext(context).catch((error: unknown) => console.warn('checkpoint context not cached', error));
    return { value: context, cachedAt: null };
  } catch (error) {
    const revoked = deviceKeyRevoked.value && isApiError(error) && error.status === 401;
    if (!isNetworkFailure(error) && !revoked) throw error;
    const cached = await checkpointStore.loadContext();
    if (!cached) throw error;
    return { value: cached.value, cachedAt: cached.savedAt };
  }
}

async function fetchContext(checkpointId: string | undefined): Promise<PhoneContext> {
  const deviceKey = usableDeviceKey();
  if (deviceKey !== null) {
    try {
      return await getPhoneContext(deviceKey);
    } catch (error) {
      if (!isApiError(error) || error.code !== DEVICE_KEY_INVALID) throw error;
      await onDeviceKeyInvalid();
      if (officerUser.value === null) throw error;
    }
  }
  return getPhoneContext(null, checkpointId ?? enrolment.value?.checkpoint.id);
}

let started: Promise<void> | null = null;

/** Loads the enrolment, the queue and today's list, and starts sending; the checkpoint pages call it when they open. */
export function startCheckpointSync(): Promise<void> {
  started ??= start();
  return started;
}

async function start(): Promise<void> {
  window.addEventListener('online', () => {
    online.value = true;
    void sendRegistrationsNow();
  });
  window.addEventListener('offline', () => {
    online.value = false;
  });

  // A sign-in after a revoked key or an expired session sends what waited.
  // The detached scope keeps the watcher alive when the page unmounts on the way to the sign-in page.
  effectScope(true).run(() =>
    watch(officerUser, (user) => {
      if (user) void registrationSender.flush();
    }),
  );
  effectScope(true).run(() =>
    watch(currentUser, (user) => {
      if (user && !sessionRecalledOffline.value) expired.value = false;
    }),
  );

  const [record, items, today] = await Promise.all([
    checkpointStore.loadEnrolment(),
    registrationQueue.list(),
    checkpointStore.loadSentToday(),
  ]);
  enrolment.value = record ?? null;
  queued.value = items;
  sent.value = today;
  void sendRegistrationsNow();
}
