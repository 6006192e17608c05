import type { ServiceContext } from '../context/types.js';

/**
 * A scheduled job. The scheduler computes the due slots from `slots` and runs
 * only the latest missed one, so a server that was down catches up once. On
 * PostgreSQL each job runs on one instance at a time.
 */
export interface JobDefinition {
  /** Stable name, the key of job_runs. */
  name: string;
  /**
   * The slots (due times) between `after` (exclusive) and `until` (inclusive),
   * oldest first; e.g. every 5 minutes, or 10:00 and 17:00 Shanghai time.
   */
  slots(after: Date, until: Date): Date[];
  run(ctx: ServiceContext, slot: Date): Promise<void>;
}
