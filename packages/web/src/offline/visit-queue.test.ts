import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/request.js';
import type { BatchItemResult, VisitRequest } from '../api/screening.js';
import { backoffDelay, isFinalRejection, MemoryQueueStorage, type QueuedVisit, selectBatch, VisitQueue } from './visit-queue.js';
import { VisitSender } from './visit-sender.js';

function visitBody(id: string): VisitRequest {
  return { id, roomId: `room-${id}`, visitedAt: '2026-02-10T02:00:00.000Z', outcome: 'screened', persons: [] };
}

function queued(id: string, userId = 'user-1', queuedAt = 0): Omit<QueuedVisit, 'state' | 'queuedAt'> & { queuedAt: number } {
  return { id, userId, body: visitBody(id), addressText: `room ${id}`, buildingId: 'building-1', queuedAt };
}

async function queueWith(...visits: Array<ReturnType<typeof queued>>) {
  const queue = new VisitQueue(new MemoryQueueStorage());
  for (const { queuedAt, ...visit } of visits) await queue.enqueue(visit, queuedAt);
  return queue;
}

describe('visit queue', () => {
  it('removes visits only on 200 or 201', async () => {
    const queue = await queueWith(queued('a', 'user-1', 1), queued('b', 'user-1', 2), queued('c', 'user-1', 3), queued('d', 'user-1', 4));
    const sent = await queue.list();
    const results: BatchItemResult[] = [
      { id: 'a', status: 201 },
      { id: 'b', status: 200 },
      { id: 'c', status: 503 },
      { id: 'd', status: 429 },
    ];
    const counts = await queue.applyResults(sent, results);
    expect(counts).toEqual({ stored: 2, rejected: 0 });
    const left = await queue.list();
    expect(left.map((visit) => [visit.id, visit.state])).toEqual([
      ['c', 'pending'],
      ['d', 'pending'],
    ]);
  });

  it('keeps rejected visits with the error', async () => {
    const queue = await queueWith(queued('a'));
    const error = { code: 'SCREENING_TEMPERATURE_OUT_OF_RANGE', message: '体温应在35.0至42.0 °C之间', field: 'persons.0.temperature' };
    await queue.applyResults(await queue.list(), [{ id: 'a', status: 400, error }]);
    const [visit] = await queue.list();
    expect(visit?.state).toBe('rejected');
    expect(visit?.error).toEqual(error);
  });

  it('leaves visits whose result id does not match', async () => {
    const queue = await queueWith(queued('a'));
    await queue.applyResults(await queue.list(), [{ id: 'other', status: 201 }]);
    expect((await queue.list()).map((visit) => visit.id)).toEqual(['a']);
  });

  it('replaces a rejected visit with its correction', async () => {
    const queue = await queueWith(queued('a'));
    await queue.applyResults(await queue.list(), [{ id: 'a', status: 409 }]);
    const { queuedAt: _queuedAt, ...correction } = queued('a2');
    await queue.replace('a', correction, 5);
    const visits = await queue.list();
    expect(visits.map((visit) => [visit.id, visit.state])).toEqual([['a2', 'pending']]);
  });

  it('notifies subscribers after each change', async () => {
    const queue = new VisitQueue(new MemoryQueueStorage());
    const seen: number[] = [];
    queue.subscribe((visits) => seen.push(visits.length));
    const { queuedAt, ...visit } = queued('a');
    await queue.enqueue(visit, queuedAt);
    await queue.remove('a');
    expect(seen).toEqual([1, 0]);
  });
});

describe('queue helpers', () => {
  it('selects pending visits of the user, oldest first', () => {
    const visits: QueuedVisit[] = [
      { ...queued('late', 'user-1', 30), state: 'pending' },
      { ...queued('early', 'user-1', 10), state: 'pending' },
      { ...queued('rejected', 'user-1', 5), state: 'rejected' },
      { ...queued('other-user', 'user-2', 1), state: 'pending' },
      { ...queued('middle', 'user-1', 20), state: 'pending' },
    ];
    expect(selectBatch(visits, 'user-1', 2).map((visit) => visit.id)).toEqual(['early', 'middle']);
  });

  it('final rejections are client errors except retryable ones', () => {
    expect([400, 404, 409, 422].map(isFinalRejection)).toEqual([true, true, true, true]);
    expect([401, 403, 408, 429, 500, 503, 200].map(isFinalRejection)).toEqual([false, false, false, false, false, false, false]);
  });

  it('backoff doubles up to the maximum', () => {
    expect([0, 1, 2, 3, 10, 100].map((attempt) => backoffDelay(attempt, 1000, 30_000))).toEqual([1000, 2000, 4000, 8000, 30_000, 30_000]);
  });
});

describe('visit sender', () => {
  function setup(queue: VisitQueue, send: (visits: VisitRequest[]) => Promise<BatchItemResult[]>) {
    const timers: Array<{ callback: () => void; ms: number }> = [];
    const state = { online: true, userId: 'user-1' as string | null, unauthorized: 0 };
    const sender = new VisitSender({
      queue,
      send,
      currentUserId: () => state.userId,
      isOnline: () => state.online,
      batchSize: 2,
      baseDelayMs: 1000,
      maxDelayMs: 8000,
      setTimer: (callback, ms) => timers.push({ callback, ms }),
      clearTimer: () => undefined,
      onUnauthorized: () => {
        state.unauthorized += 1;
      },
    });
    return { sender, timers, state };
  }

  const storeAll = async (visits: VisitRequest[]) => visits.map((visit) => ({ id: visit.id, status: 201 }));

  it('sends the queue in batches until it is empty', async () => {
    const queue = await queueWith(queued('a', 'user-1', 1), queued('b', 'user-1', 2), queued('c', 'user-1', 3));
    const batches: string[][] = [];
    const { sender } = setup(queue, async (visits) => {
      batches.push(visits.map((visit) => visit.id));
      return storeAll(visits);
    });
    await sender.flush();
    expect(batches).toEqual([['a', 'b'], ['c']]);
    expect(await queue.list()).toEqual([]);
  });

  it('sends nothing while offline or signed out', async () => {
    const queue = await queueWith(queued('a'));
    let calls = 0;
    const { sender, state } = setup(queue, async (visits) => {
      calls += 1;
      return storeAll(visits);
    });
    state.online = false;
    await sender.flush();
    state.online = true;
    state.userId = null;
    await sender.flush();
    expect(calls).toBe(0);
    expect(await queue.list()).toHaveLength(1);
  });

  it('retries a failed send with growing delays', async () => {
    const queue = await queueWith(queued('a'));
    let failuresLeft = 2;
    const { sender, timers } = setup(queue, async (visits) => {
      if (failuresLeft > 0) {
        failuresLeft -= 1;
        throw new Error('network down');
      }
      return storeAll(visits);
    });

    await sender.flush();
    expect(timers.map((timer) => timer.ms)).toEqual([1000]);
    timers[0]?.callback();
    await sender.flush();
    expect(timers.map((timer) => timer.ms)).toEqual([1000, 2000]);
    timers[1]?.callback();
    await sender.flush();
    expect(await queue.list()).toEqual([]);
    expect(timers).toHaveLength(2);
  });

  it('a batch sent twice after a lost answer is removed once', async () => {
    const queue = await queueWith(queued('a', 'user-1', 1), queued('b', 'user-1', 2));
    const serverStore = new Set<string>();
    let loseAnswer = true;
    const { sender, timers } = setup(queue, async (visits) => {
      const results = visits.map((visit) => {
        const status = serverStore.has(visit.id) ? 200 : 201;
        serverStore.add(visit.id);
        return { id: visit.id, status };
      });
      if (loseAnswer) {
        loseAnswer = false;
        throw new Error('connection reset after the server stored the batch');
      }
      return results;
    });

    await sender.flush();
    expect(await queue.list()).toHaveLength(2);
    timers[0]?.callback();
    await sender.flush();
    expect(await queue.list()).toEqual([]);
    expect([...serverStore]).toEqual(['a', 'b']);
  });

  it('keeps rejected visits and sends the rest', async () => {
    const queue = await queueWith(queued('bad', 'user-1', 1), queued('good', 'user-1', 2));
    const { sender } = setup(queue, async (visits) =>
      visits.map((visit) =>
        visit.id === 'bad' ? { id: visit.id, status: 400, error: { code: 'X', message: 'invalid' } } : { id: visit.id, status: 201 },
      ),
    );
    await sender.flush();
    const left = await queue.list();
    expect(left.map((visit) => [visit.id, visit.state])).toEqual([['bad', 'rejected']]);
  });

  it('expired session keeps the queue without retries', async () => {
    const queue = await queueWith(queued('a'));
    let expired = true;
    const { sender, timers, state } = setup(queue, async (visits) => {
      if (expired) throw new ApiError({ code: 'AUTH_SESSION_EXPIRED', message: 'expired', status: 401 });
      return storeAll(visits);
    });

    await sender.flush();
    expect(state.unauthorized).toBe(1);
    expect(timers).toEqual([]);
    expect((await queue.list()).map((visit) => visit.id)).toEqual(['a']);

    expired = false;
    await sender.flush();
    expect(await queue.list()).toEqual([]);
  });
});
