import type { ServiceContext } from '../context/types.js';

/**
 * A scheduled job. The scheduler computes the slots a job was due at from
 * `slots`, runs the latest missed slot once (so a server that was down catches
 * up once, not once per slot), and on PostgreSQL runs each job on one
 * instance at a time.
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
