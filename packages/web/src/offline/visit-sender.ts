import type { BatchItemResult, VisitRequest } from '../api/screening.js';
import { QueueSender, type QueueSenderOptions } from './sync-sender.js';
import type { QueuedVisit } from './visit-queue.js';

export interface SenderOptions extends Omit<QueueSenderOptions<QueuedVisit>, 'send' | 'sendable' | 'onUnauthorized'> {
  send(visits: VisitRequest[]): Promise<BatchItemResult[]>;
  /** Id of the signed-in user, or null when nobody is signed in and nothing may be sent. */
  currentUserId(): string | null;
  /** Reports a 401: the session expired or was revoked, and the visits wait for a new sign-in. */
  onUnauthorized?(): void;
}

/** Sends the signed-in user's screening visits; see QueueSender for the retry rules. */
export class VisitSender extends QueueSender<QueuedVisit> {
  constructor(options: SenderOptions) {
    const { currentUserId, onUnauthorized, ...rest } = options;
    super({
      ...rest,
      sendable: () => {
        const userId = currentUserId();
        return userId === null ? null : (visit) => visit.userId === userId;
      },
      onUnauthorized: () => onUnauthorized?.(),
    });
  }
}
