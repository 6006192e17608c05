import { slotsEvery } from '../../jobs/slots.js';
import type { JobDefinition } from '../../jobs/types.js';
import { deliverDue } from './delivery.js';

/** Posts the pending webhook deliveries and their retries; a slot every 15 s is due at every scheduler tick. */
const deliveryJob: JobDefinition = {
  name: 'notifier-deliveries',
  slots: slotsEvery(15_000),
  run: async (ctx) => {
    await deliverDue(ctx);
  },
};

export const notifierJobs: JobDefinition[] = [deliveryJob];
