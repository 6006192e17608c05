import { addCalendarDays, chinaCalendarDate } from '@cordon/core';
import type { ServiceContext } from '../../context/types.js';
import { slotsAt } from '../../jobs/slots.js';
import type { JobDefinition } from '../../jobs/types.js';
import { createTask } from '../tasks/create.js';
import { listActiveEndingOn } from './repository.js';

/** Time of day in Shanghai when the job looks for quarantines that end tomorrow. */
export const QUARANTINE_ENDING_TIME = '08:00';

/** Returns the due time of the release check: noon, Shanghai time (UTC+8), of the planned end day. */
function dueAtOf(plannedEndOn: string): string {
  return `${plannedEndOn}T04:00:00.000Z`;
}

/**
 * Creates a release-check task for the community doctor for every active
 * quarantine that ends tomorrow, by the slot's day in Shanghai. Quarantines
 * ending on the slot's own day are included too, so one that was started or
 * extended after yesterday's run still gets its task. The source key contains
 * the planned end, so a run repeated for the same slot creates nothing new,
 * and an extended quarantine gets a task for its new end.
 * NOTE: the task of the old end stays open after an extension, release or early end; staff close it.
 */
export async function runQuarantineEndingJob(ctx: ServiceContext, slot: Date): Promise<void> {
  const today = chinaCalendarDate(slot);
  const tomorrow = addCalendarDays(today, 1);
  const ending = await listActiveEndingOn(ctx.db, [today, tomorrow]);
  if (ending.length === 0) return;

  const now = ctx.clock().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    for (const quarantine of ending) {
      const task = {
        kind: 'quarantine_ending',
        assigneeRole: 'doctor' as const,
        nodeCode: quarantine.community_code,
        personId: quarantine.person_id,
        dueAt: dueAtOf(quarantine.planned_end_on),
        sourceKey: `quarantine-end:${quarantine.id}:${quarantine.planned_end_on}`,
        details: { quarantineId: quarantine.id, plannedEndOn: quarantine.planned_end_on },
      };
      await createTask(trx, task, now);
    }
  });
}

export const quarantineEndingJob: JobDefinition = {
  name: 'quarantine-ending',
  slots: slotsAt([QUARANTINE_ENDING_TIME]),
  run: runQuarantineEndingJob,
};

export const quarantineJobs: JobDefinition[] = [quarantineEndingJob];
