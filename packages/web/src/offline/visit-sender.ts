import { isApiError } from '../api/request.js';
import type { BatchItemResult, VisitRequest } from '../api/screening.js';
import { backoffDelay, selectBatch, type VisitQueue } from './visit-queue.js';

export interface SenderOptions {
  queue: VisitQueue;
  send(visits: VisitRequest[]): Promise<BatchItemResult[]>;
  /** Id of the signed-in user, or null when nobody is signed in and nothing may be sent. */
  currentUserId(): string | null;
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
   * Reports a 401: the session expired or was revoked. The sender then
   * schedules no retry, because only a new sign-in can help, and the visits
   * stay in the queue.
   */
  onUnauthorized?(): void;
}

/**
 * Sends the queue in batches while the phone is online. A failed attempt
 * (no network, server error) is retried with exponential backoff; `flush`
 * also runs at once when the browser reports it is online. An expired
 * session stops sending until the next `flush`, after a new sign-in.
 */
export class VisitSender {
  private running: Promise<void> | null = null;
  private timer: unknown = null;
  private failures = 0;

  constructor(private readonly options: SenderOptions) {}

  /** Sends every pending visit of the current user; parallel calls share one run. */
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
      const userId = this.options.currentUserId();
      if (userId === null || !this.options.isOnline()) return;
      const batch = selectBatch(await queue.list(), userId, batchSize);
      if (batch.length === 0) return;

      let results: BatchItemResult[];
      try {
        results = await this.options.send(batch.map((visit) => visit.body));
      } catch (error) {
        if (isApiError(error) && error.status === 401) {
          this.options.onUnauthorized?.();
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
