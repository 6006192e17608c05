import type { VisitRequest } from '../api/screening.js';
import { type QueuedItem, selectPending, SyncQueue } from './sync-queue.js';

export { backoffDelay, isFinalRejection, MemoryQueueStorage } from './sync-queue.js';

/** A screening visit saved on the phone and not yet confirmed by the server. */
export interface QueuedVisit extends QueuedItem<VisitRequest> {
  /** User who recorded the visit; the sender sends only the signed-in user's visits. */
  userId: string;
  /** Address shown in the queue list, such as "金色里程1幢1单元101室". */
  addressText: string;
  buildingId: string | null;
}

/** Pending visits of a user, oldest first, at most `limit`. */
export function selectBatch(visits: QueuedVisit[], userId: string, limit: number): QueuedVisit[] {
  return selectPending(visits, (visit) => visit.userId === userId, limit);
}

/** The queue of screening visits saved on the phone. */
export class VisitQueue extends SyncQueue<QueuedVisit> {}
