import { checkpointJobs } from '../modules/checkpoints/closed-loop-job.js';
import { declarationJobs } from '../modules/declarations/jobs.js';
import { gateJobs } from '../modules/gates/jobs.js';
import { notifierJobs } from '../modules/notifier/jobs.js';
import { quarantineJobs } from '../modules/quarantine/jobs.js';
import type { JobDefinition } from './types.js';

/** Lists every job the server's scheduler runs. A module keeps its jobs in its own jobs.ts, and this list includes them. */
export function listScheduledJobs(): JobDefinition[] {
  return [...declarationJobs, ...quarantineJobs, ...checkpointJobs, ...gateJobs, ...notifierJobs];
}
