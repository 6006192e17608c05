import type { JobDefinition } from '../../jobs/types.js';

// TODO: the declarations helper adds its scheduled jobs here.
export const declarationJobs: JobDefinition[] = [];
