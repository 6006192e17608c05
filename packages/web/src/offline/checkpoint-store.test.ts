import { describe, expect, it } from 'vitest';
import type { PhoneContext, RegistrationBatchResult, RegistrationRequest } from '../api/checkpoint-phone.js';
import { ApiError } from '../api/request.js';
import { CheckpointStore, MAX_SENT_ENTRIES, MemoryDeviceStorage, type QueuedRegistration, sentEntryOf } from './checkpoint-store.js';
import { MemoryQueueStorage, SyncQueue } from './sync-queue.js';
import { QueueSender } from './sync-sender.js';

// 2026-12-05 10:00 in China (UTC+8).
const MORNING = Date.parse('2026-12-05T02:00:00Z');
const NEXT_DAY = Date.parse('2026-12-05T16:30:00Z');

function registration(id: string, checkpointId = 'checkpoint-1'): RegistrationRequest {
  return {
    id,
    checkpointId,
    mode: 'quick',
    registeredAt: '2026-12-05T02:00:00.000Z',
    plate: '苏E12345',
    occupants: [{ role: 'driver', documentNumber: '320508198503150014', phone: '13800000000' }],
    disposition: 'pass',
  };
}

function queued(id: string, checkpointId = 'checkpoint-1', queuedAt = 0) {
  return { item: { id, body: registration(id, checkpointId), checkpointName: '苏州东卡口' }, queuedAt };
}

function stored(id: string, riskLevel: 'high' | null = null): RegistrationBatchResult {
  return {
    id,
    status: 201,
    registration: {
      id,
      checkpointId: 'checkpoint-1',
      checkpointName: '苏州东卡口',
      mode: 'quick',
      registeredAt: '2026-12-05T02:00:00.000Z',
      receivedAt: '2026-12-05T02:00:01.000Z',
      plateNumber: '苏E12345',
      plateProvince: '320000',
      plateCity: '320500',
      riskLevel,
      riskReasons: [],
      disposition: 'pass',
      dispositionReason: null,
      siteId: null,
      destinationCommunityCode: null,
      destinationCommunityName: null,
      taskId: null,
      occupants: [
        {
          position: 0,
          role: 'driver',
          documentType: 'resident_id',
          documentMasked: '3205**********0014',
          phoneMasked: '138****0000',
          regionCode: '320508',
          age: 41,
          sex: 'male',
          temperature: null,
          symptoms: [],
        },
      ],
    },
    duplicates: [],
  };
}

const CONTEXT: PhoneContext = {
  checkpoint: { id: 'checkpoint-1', name: '苏州东卡口', type: 'highway_exit', location: 'G2 苏州东出口', nodeCode: '320508' },
  device: { id: 'device-1', name: '一号手机' },
  officer: null,
  officers: [{ id: 'officer-1', displayName: '王警官' }],
  assignedCheckpoints: [],
  riskEntries: [],
  sites: [],
};

describe('checkpoint store', () => {
  it('saves and revokes the enrolment', async () => {
    let now = MORNING;
    const store = new CheckpointStore(new MemoryDeviceStorage(), () => now);
    expect(await store.loadEnrolment()).toBeUndefined();

    await store.saveEnrolment({
      deviceKey: 'cdk_test_key',
      device: { id: 'device-1', name: '一号手机' },
      checkpoint: { id: 'checkpoint-1', name: '苏州东卡口', location: 'G2 苏州东出口' },
    });
    expect((await store.loadEnrolment())?.revokedAt).toBeNull();

    now = MORNING + 60_000;
    const revoked = await store.markRevoked();
    expect(revoked?.revokedAt).toBe(MORNING + 60_000);
    expect(revoked?.deviceKey).toBe('cdk_test_key');

    // A second 401 keeps the time of the first.
    now = MORNING + 120_000;
    expect((await store.markRevoked())?.revokedAt).toBe(MORNING + 60_000);
  });

  it('new enrolment clears the revocation', async () => {
    const store = new CheckpointStore(new MemoryDeviceStorage(), () => MORNING);
    const enrolment = { deviceKey: 'old', device: { id: 'd1', name: 'a' }, checkpoint: { id: 'c1', name: 'b', location: 'c' } };
    await store.saveEnrolment(enrolment);
    await store.markRevoked();
    await store.saveEnrolment({ ...enrolment, deviceKey: 'new' });
    const record = await store.loadEnrolment();
    expect(record?.deviceKey).toBe('new');
    expect(record?.revokedAt).toBeNull();
  });

  it('caches the context with its save time', async () => {
    const store = new CheckpointStore(new MemoryDeviceStorage(), () => MORNING);
    await store.saveContext(CONTEXT);
    expect(await store.loadContext()).toEqual({ key: 'context', savedAt: MORNING, value: CONTEXT });
  });

  it('lists sent registrations of today only', async () => {
    let now = MORNING;
    const store = new CheckpointStore(new MemoryDeviceStorage(), () => now);
    await store.addSent([sentEntryOf(registration('a'), stored('a')), sentEntryOf(registration('b'), stored('b', 'high'))]);
    await store.addSent([sentEntryOf(registration('b'), stored('b', 'high'))]);

    const today = await store.loadSentToday();
    expect(today.map((entry) => entry.id)).toEqual(['b', 'a']);
    expect(today[0]).toMatchObject({ plateNumber: '苏E12345', documentMasked: '3205**********0014', riskLevel: 'high', occupantCount: 1 });

    now = NEXT_DAY;
    expect(await store.loadSentToday()).toEqual([]);
  });

  it('caps the sent list', async () => {
    const store = new CheckpointStore(new MemoryDeviceStorage(), () => MORNING);
    const entries = Array.from({ length: MAX_SENT_ENTRIES + 5 }, (_, index) => sentEntryOf(registration(`r${index}`), stored(`r${index}`)));
    const items = await store.addSent(entries);
    expect(items).toHaveLength(MAX_SENT_ENTRIES);
    expect(items[0]?.id).toBe(`r${MAX_SENT_ENTRIES + 4}`);
  });
});

describe('registration queue', () => {
  async function queueWith(...entries: Array<ReturnType<typeof queued>>) {
    const queue = new SyncQueue<QueuedRegistration, RegistrationBatchResult>(new MemoryQueueStorage());
    for (const { item, queuedAt } of entries) await queue.enqueue(item, queuedAt);
    return queue;
  }

  function sender(
    queue: SyncQueue<QueuedRegistration, RegistrationBatchResult>,
    send: (bodies: RegistrationRequest[]) => Promise<RegistrationBatchResult[]>,
  ) {
    const state = {
      accept: ((item: QueuedRegistration) => item.body.checkpointId === 'checkpoint-1') as ((item: QueuedRegistration) => boolean) | null,
      unauthorized: [] as unknown[],
    };
    const timers: number[] = [];
    const instance = new QueueSender<QueuedRegistration, RegistrationBatchResult>({
      queue,
      send,
      sendable: () => state.accept,
      isOnline: () => true,
      batchSize: 100,
      baseDelayMs: 1000,
      maxDelayMs: 8000,
      setTimer: (_callback, ms) => timers.push(ms),
      clearTimer: () => undefined,
      onUnauthorized: (error) => {
        state.unauthorized.push(error);
      },
    });
    return { instance, state, timers };
  }

  it('reports stored items with their results', async () => {
    const queue = await queueWith(queued('a', 'checkpoint-1', 1), queued('b', 'checkpoint-1', 2));
    const seen: string[] = [];
    queue.onStored((items) => seen.push(...items.map(({ item, result }) => `${item.id}:${result.status}`)));
    const { instance } = sender(queue, async (bodies) => bodies.map((body) => stored(body.id)));
    await instance.flush();
    expect(seen).toEqual(['a:201', 'b:201']);
    expect(await queue.list()).toEqual([]);
  });

  it('sends only the accepted checkpoint', async () => {
    const queue = await queueWith(queued('mine', 'checkpoint-1', 1), queued('other', 'checkpoint-2', 2));
    const sent: string[] = [];
    const { instance } = sender(queue, async (bodies) => {
      sent.push(...bodies.map((body) => body.id));
      return bodies.map((body) => stored(body.id));
    });
    await instance.flush();
    expect(sent).toEqual(['mine']);
    expect((await queue.list()).map((item) => item.id)).toEqual(['other']);
  });

  it('revoked key keeps the queue without retries', async () => {
    const queue = await queueWith(queued('a'));
    let revoked = true;
    const { instance, state, timers } = sender(queue, async (bodies) => {
      if (revoked) throw new ApiError({ code: 'DEVICE_KEY_INVALID', message: 'revoked', status: 401 });
      return bodies.map((body) => stored(body.id));
    });

    await instance.flush();
    expect(state.unauthorized).toHaveLength(1);
    expect((state.unauthorized[0] as ApiError).code).toBe('DEVICE_KEY_INVALID');
    expect(timers).toEqual([]);
    expect((await queue.list()).map((item) => item.id)).toEqual(['a']);

    // No credentials may send until an officer signs in, and then the same item goes out once.
    state.accept = null;
    await instance.flush();
    expect((await queue.list()).map((item) => item.id)).toEqual(['a']);
    revoked = false;
    state.accept = () => true;
    await instance.flush();
    expect(await queue.list()).toEqual([]);
  });

  it('conflict keeps the registration for correction', async () => {
    const queue = await queueWith(queued('a'));
    const error = { code: 'CHECKPOINT_REGISTRATION_CONFLICT', message: '登记编号已被另一条登记使用', field: 'id' };
    const { instance } = sender(queue, async (bodies) => bodies.map((body) => ({ id: body.id, status: 409, error })));
    await instance.flush();
    const [item] = await queue.list();
    expect(item?.state).toBe('rejected');
    expect(item?.error).toEqual(error);
  });
});
