/** State of a queued item: waiting to be sent, or rejected by the server and waiting for a correction. */
export type QueuedItemState = 'pending' | 'rejected';

/** The server's translated error for one item of a batch. */
export interface ItemError {
  code: string;
  message: string;
  field?: string;
}

/**
 * An item saved on the phone and not yet confirmed by the server. The body is
 * what the batch endpoint receives; its `id` is the client id the server
 * stores once, so a resend never makes a duplicate.
 */
export interface QueuedItem<TBody extends { id: string } = { id: string }> {
  id: string;
  body: TBody;
  /** Milliseconds since the epoch; the queue sends the oldest first. */
  queuedAt: number;
  state: QueuedItemState;
  error?: ItemError;
}

/** One entry of a batch endpoint's `results`, in the order the items were sent. */
export interface BatchResult {
  id: string | null;
  status: number;
  error?: ItemError;
}

/** An item the server stored, with the result it returned. */
export interface StoredItem<T extends QueuedItem, R extends BatchResult> {
  item: T;
  result: R;
}

/** Persistence of a queue: IndexedDB on the phone, a Map in unit tests. */
export interface QueueStorage<T extends QueuedItem> {
  list(): Promise<T[]>;
  put(item: T): Promise<void>;
  delete(id: string): Promise<void>;
}

export class MemoryQueueStorage<T extends QueuedItem> implements QueueStorage<T> {
  private readonly items = new Map<string, T>();

  async list(): Promise<T[]> {
    return [...this.items.values()].map((item) => structuredClone(item));
  }

  async put(item: T): Promise<void> {
    this.items.set(item.id, structuredClone(item));
  }

  async delete(id: string): Promise<void> {
    this.items.delete(id);
  }
}

/** Item as a caller passes it to the queue, without the fields the queue sets. */
export type NewQueuedItem<T extends QueuedItem> = Omit<T, 'state' | 'queuedAt' | 'error'>;

/**
 * Statuses that mean the server will never accept this body: validation
 * errors, a missing room, a conflict. 408 and 429 are worth a retry, and so
 * are 401 and 403, which a new sign-in may cure.
 */
export function isFinalRejection(status: number): boolean {
  return status >= 400 && status < 500 && ![401, 403, 408, 429].includes(status);
}

/** Pending items that `accept` lets through, oldest first, at most `limit`. */
export function selectPending<T extends QueuedItem>(items: T[], accept: (item: T) => boolean, limit: number): T[] {
  return items
    .filter((item) => item.state === 'pending' && accept(item))
    .sort((a, b) => a.queuedAt - b.queuedAt)
    .slice(0, limit);
}

/** Delay before retry number `attempt` (0 for the first): doubling from `baseMs`, capped at `maxMs`. */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 30));
}

/**
 * A queue of items saved on the phone. A save always lands here first; an
 * item leaves only when the server returned 200 or 201 for its id.
 */
export class SyncQueue<T extends QueuedItem, R extends BatchResult = BatchResult> {
  private readonly listeners = new Set<(items: T[]) => void>();
  private readonly storedListeners = new Set<(stored: StoredItem<T, R>[]) => void>();

  constructor(private readonly storage: QueueStorage<T>) {}

  /** Calls `listener` with every item after each change. */
  subscribe(listener: (items: T[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Calls `listener` with the items of each batch that the server stored, and its results, once they left the queue. */
  onStored(listener: (stored: StoredItem<T, R>[]) => void): () => void {
    this.storedListeners.add(listener);
    return () => this.storedListeners.delete(listener);
  }

  list(): Promise<T[]> {
    return this.storage.list();
  }

  async enqueue(item: NewQueuedItem<T>, queuedAt = Date.now()): Promise<void> {
    await this.storage.put({ ...item, state: 'pending', queuedAt } as T);
    await this.notify();
  }

  /**
   * Replaces a rejected item with its correction. The correction is a new
   * item with a new id, because the old id may be stored on the server with
   * the body that conflicted.
   */
  async replace(oldId: string, correction: NewQueuedItem<T>, queuedAt = Date.now()): Promise<void> {
    await this.storage.put({ ...correction, state: 'pending', queuedAt } as T);
    if (oldId !== correction.id) await this.storage.delete(oldId);
    await this.notify();
  }

  async remove(id: string): Promise<void> {
    await this.storage.delete(id);
    await this.notify();
  }

  /**
   * Applies the server's response to a sent batch: 200 and 201 remove the
   * item, a final rejection keeps it with the error for correction, and any
   * other status leaves it pending for the next attempt.
   */
  async applyResults(sent: T[], results: R[]): Promise<{ stored: number; rejected: number }> {
    const stored: StoredItem<T, R>[] = [];
    let rejected = 0;
    for (const [index, item] of sent.entries()) {
      const result = results[index];
      // The server returns results in the order the items were sent; a mismatch leaves the item for the next attempt.
      if (!result || result.id !== item.id) continue;
      if (result.status === 200 || result.status === 201) {
        await this.storage.delete(item.id);
        stored.push({ item, result });
      } else if (isFinalRejection(result.status)) {
        await this.storage.put({ ...item, state: 'rejected', ...(result.error ? { error: result.error } : {}) });
        rejected += 1;
      }
    }
    await this.notify();
    if (stored.length > 0) for (const listener of this.storedListeners) listener(stored);
    return { stored: stored.length, rejected };
  }

  private async notify(): Promise<void> {
    if (this.listeners.size === 0) return;
    const items = await this.storage.list();
    for (const listener of this.listeners) listener(items);
  }
}
