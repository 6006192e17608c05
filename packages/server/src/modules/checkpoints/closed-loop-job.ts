import type { ServiceContext } from '../../context/types.js';
import { slotsEvery } from '../../jobs/slots.js';
import type { JobDefinition } from '../../jobs/types.js';
import { closeArrivalLoop } from './closed-loop.js';
import { listRegistrationsAwaitingLoop } from './closed-loop-repository.js';

/** A registration younger than this is left to the request that stored it, which runs the loop itself. */
export const LOOP_RETRY_AFTER_MS = 60_000;
/**
 * Registrations received longer ago are not retried. A destination that
 * never resolves (a code of another level, an address deleted since) would
 * otherwise be queried every minute for ever.
 */
export const LOOP_RETRY_WINDOW_MS = 48 * 3_600_000;
/** Registrations retried per run; the next run takes the rest. */
export const LOOP_RETRY_BATCH = 100;

/**
 * Runs the closed loop again for registrations that have a destination and
 * no task yet, because the run after their commit failed. Throws after
 * trying every one when any failed, so the scheduler logs the run as failed.
 */
export async function runClosedLoopRetry(ctx: ServiceContext): Promise<void> {
  const now = ctx.clock().getTime();
  const ids = await listRegistrationsAwaitingLoop(
    ctx.db,
    new Date(now - LOOP_RETRY_WINDOW_MS).toISOString(),
    new Date(now - LOOP_RETRY_AFTER_MS).toISOString(),
    LOOP_RETRY_BATCH,
  );

  const failed: string[] = [];
  for (const id of ids) {
    try {
      await closeArrivalLoop(ctx, id);
    } catch {
      failed.push(id);
    }
  }
  if (failed.length > 0) {
    throw new Error(
      `closed loop failed again for ${failed.length} checkpoint registrations, first ${failed[0]}; the next run retries them`,
    );
  }
}

export const closedLoopRetryJob: JobDefinition = {
  name: 'checkpoint-closed-loop-retry',
  slots: slotsEvery(60_000),
  run: (ctx) => runClosedLoopRetry(ctx),
};

export const checkpointJobs: JobDefinition[] = [closedLoopRetryJob];
