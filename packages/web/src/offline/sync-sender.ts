import { isApiError } from '../api/request.js';
import { backoffDelay, type BatchResult, type QueuedItem, selectPending, type SyncQueue } from './sync-queue.js';

export interface QueueSenderOptions<T extends QueuedItem, R extends BatchResult = BatchResult> {
  queue: SyncQueue<T, R>;
  send(bodies: T['body'][]): Promise<R[]>;
  /**
   * Returns which items the current credentials may send, or null when
   * nothing may be sent (no session and no usable device key).
   */
  sendable(): ((item: T) => boolean) | null;
  isOnline(): boolean;
  batchSize: number;
  /** First retry delay; each failed attempt doubles it up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
  setTimer(callback: () => void, ms: number): unknown;
  clearTimer(timer: unknown): void;
  /** Reports a failed attempt, with the delay before the next. */
  onError?(error: unknown, retryInMs: number): void;
  /**
   * Reports a 401: the session expired or the device key was revoked. The
   * sender then schedules no retry, because only new credentials can help,
   * and the items stay in the queue. A returned promise is awaited before `flush` resolves.
   */
  onUnauthorized?(error: unknown): void | Promise<void>;
}

/**
 * Sends a queue in batches while the phone is online. A failed attempt (no
 * network, server error) is retried with exponential backoff; `flush` also
 * runs at once when the browser reports it is online. A 401 stops sending
 * until the next `flush`, after new credentials.
 */
export class QueueSender<T extends QueuedItem, R extends BatchResult = BatchResult> {
  private running: Promise<void> | null = null;
  private timer: unknown = null;
  private failures = 0;

  constructor(private readonly options: QueueSenderOptions<T, R>) {}

  /** Sends every pending item the current credentials may send; parallel calls share one run. */
  flush(): Promise<void> {
    this.running ??= this.sendAll().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** Cancels a scheduled retry. */
  stop(): void {
    if (this.timer !== null) this.options.clearTimer(this.timer);
    this.timer = null;
  }

  private async sendAll(): Promise<void> {
    this.stop();
    const { queue, batchSize } = this.options;
    for (;;) {
      const accept = this.options.sendable();
      if (accept === null || !this.options.isOnline()) return;
      const batch = selectPending(await queue.list(), accept, batchSize);
      if (batch.length === 0) return;

      let results: R[];
      try {
        results = await this.options.send(batch.map((item) => item.body));
      } catch (error) {
        if (isApiError(error) && error.status === 401) {
          await this.options.onUnauthorized?.(error);
          return;
        }
        this.scheduleRetry(error);
        return;
      }
      this.failures = 0;
      const { stored, rejected } = await queue.applyResults(batch, results);
      // A batch where nothing moved would be sent again at once, forever.
      if (stored + rejected === 0) {
        this.scheduleRetry(new Error('the server stored none of the batch'));
        return;
      }
    }
  }

  private scheduleRetry(error: unknown): void {
    const delay = backoffDelay(this.failures, this.options.baseDelayMs, this.options.maxDelayMs);
    this.failures += 1;
    this.options.onError?.(error, delay);
    this.timer = this.options.setTimer(() => {
      this.timer = null;
      void this.flush();
    }, delay);
  }
}
