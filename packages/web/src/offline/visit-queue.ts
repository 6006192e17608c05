import type { BatchItemResult, VisitRequest } from '../api/screening.js';

/** State of a queued visit: waiting to be sent, or rejected by the server and waiting for a correction. */
export type QueuedVisitState = 'pending' | 'rejected';

/** A visit saved on the phone and not yet confirmed by the server. */
export interface QueuedVisit {
  id: string;
  /** User who recorded the visit; the sender sends only the signed-in user's visits. */
  userId: string;
  body: VisitRequest;
  /** Address shown in the queue list, such as "金色里程1幢1单元101室". */
  addressText: string;
  buildingId: string | null;
  /** Milliseconds since the epoch; the queue sends the oldest first. */
  queuedAt: number;
  state: QueuedVisitState;
  /** The server's translated error for a rejected visit. */
  error?: { code: string; message: string; field?: string };
}

/** Persistence of the queue: IndexedDB on the phone, a Map in unit tests. */
export interface QueueStorage {
  list(): Promise<QueuedVisit[]>;
  put(visit: QueuedVisit): Promise<void>;
  delete(id: string): Promise<void>;
}

export class MemoryQueueStorage implements QueueStorage {
  private readonly visits = new Map<string, QueuedVisit>();

  async list(): Promise<QueuedVisit[]> {
    return [...this.visits.values()].map((visit) => structuredClone(visit));
  }

  async put(visit: QueuedVisit): Promise<void> {
    this.visits.set(visit.id, structuredClone(visit));
  }

  async delete(id: string): Promise<void> {
    this.visits.delete(id);
  }
}

/**
 * Statuses that mean the server will never accept this body: validation
 * errors, a missing room, a conflict. 408 and 429 are worth a retry, and so
 * are 401 and 403, which a new sign-in may cure.
 */
export function isFinalRejection(status: number): boolean {
  return status >= 400 && status < 500 && ![401, 403, 408, 429].includes(status);
}

/** Pending visits of a user, oldest first, at most `limit`. */
export function selectBatch(visits: QueuedVisit[], userId: string, limit: number): QueuedVisit[] {
  return visits
    .filter((visit) => visit.state === 'pending' && visit.userId === userId)
    .sort((a, b) => a.queuedAt - b.queuedAt)
    .slice(0, limit);
}

/** Delay before retry number `attempt` (0 for the first): doubling from `baseMs`, capped at `maxMs`. */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 30));
}

/**
 * The queue of visits saved on the phone. A save always lands here first;
 * a visit leaves only when the server returned 200 or 201 for its id.
 */
export class VisitQueue {
  private readonly listeners = new Set<(visits: QueuedVisit[]) => void>();

  constructor(private readonly storage: QueueStorage) {}

  /** Calls `listener` with every visit after each change. */
  subscribe(listener: (visits: QueuedVisit[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  list(): Promise<QueuedVisit[]> {
    return this.storage.list();
  }

  async enqueue(visit: Omit<QueuedVisit, 'state' | 'queuedAt'>, queuedAt = Date.now()): Promise<void> {
    await this.storage.put({ ...visit, state: 'pending', queuedAt });
    await this.notify();
  }

  /**
   * Replaces a rejected visit with its correction. The correction is a new
   * visit with a new id, because the old id may be stored on the server with
   * the body that conflicted.
   */
  async replace(oldId: string, correction: Omit<QueuedVisit, 'state' | 'queuedAt'>, queuedAt = Date.now()): Promise<void> {
    await this.storage.put({ ...correction, state: 'pending', queuedAt });
    if (oldId !== correction.id) await this.storage.delete(oldId);
    await this.notify();
  }

  async remove(id: string): Promise<void> {
    await this.storage.delete(id);
    await this.notify();
  }

  /**
   * Applies the server's response to a sent batch: 200 and 201 remove the
   * visit, a final rejection keeps it with the error for correction, and
   * any other status leaves it pending for the next attempt.
   */
  async applyResults(sent: QueuedVisit[], results: BatchItemResult[]): Promise<{ stored: number; rejected: number }> {
    let stored = 0;
    let rejected = 0;
    for (const [index, visit] of sent.entries()) {
      const result = results[index];
      // The server returns results in the order the visits were sent; a mismatch leaves the visit for the next attempt.
      if (!result || result.id !== visit.id) continue;
      if (result.status === 200 || result.status === 201) {
        await this.storage.delete(visit.id);
        stored += 1;
      } else if (isFinalRejection(result.status)) {
        await this.storage.put({ ...visit, state: 'rejected', ...(result.error ? { error: result.error } : {}) });
        rejected += 1;
      }
    }
    await this.notify();
    return { stored, rejected };
  }

  private async notify(): Promise<void> {
    if (this.listeners.size === 0) return;
    const visits = await this.storage.list();
    for (const listener of this.listeners) listener(visits);
  }
}
