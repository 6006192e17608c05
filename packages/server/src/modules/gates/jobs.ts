import type { ServiceContext } from '../../context/types.js';
import { slotsAt } from '../../jobs/slots.js';
import type { JobDefinition } from '../../jobs/types.js';

/** Time of day in Shanghai when old gate pictures are deleted, outside the gates' busy hours. */
export const GATE_PICTURE_PURGE_TIME = '03:30';

/** Deletes the gate pictures older than CORDON_GATE_PICTURE_DAYS; the events themselves are kept. */
export async function runGatePicturePurge(ctx: ServiceContext, slot: Date): Promise<void> {
  const cutoff = new Date(slot.getTime() - ctx.config.gatePictureDays * 86_400_000).toISOString();
  await ctx.db.deleteFrom('gate_pictures').where('created_at', '<', cutoff).execute();
}

export const gatePicturePurgeJob: JobDefinition = {
  name: 'gate-picture-purge',
  slots: slotsAt([GATE_PICTURE_PURGE_TIME]),
  run: runGatePicturePurge,
};

export const gateJobs: JobDefinition[] = [gatePicturePurgeJob];
