import type { JobDefinition } from '../../jobs/types.js';

// TODO: the quarantine helper adds its scheduled jobs here.
export const quarantineJobs: JobDefinition[] = [];
