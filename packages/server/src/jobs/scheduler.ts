import type { BaseLogger } from 'pino';
import type { ServiceContext } from '../context/types.js';
import { findJobRun, markJobRunFailed, markJobRunStarted, markJobRunSucceeded } from './job-runs.js';
import { withPostgresJobLock, withProcessJobGuard } from './locks.js';
import type { JobDefinition } from './types.js';
import { describeError } from '../errors/describe-error.js';

export const DEFAULT_TICK_MS = 30_000;
export const DEFAULT_STALE_AFTER_MS = 30 * 60_000;
/** On its first run a job covers only slots after the scheduler's start minus this much. */
export const FIRST_RUN_LOOKBACK_MS = 60 * 60_000;
const MAX_ERROR_LENGTH = 500;

export type SchedulerLogger = Pick<BaseLogger, 'info' | 'warn' | 'error'>;

export interface SchedulerOptions {
  /** The context jobs run with; its clock decides which slots are due. */
  ctx: ServiceContext;
  jobs: readonly JobDefinition[];
  logger: SchedulerLogger;
  /** Milliseconds between ticks. */
  tickMs?: number;
  /** A run still marked running after this many milliseconds is recorded as failed (its process died). */
  staleAfterMs?: number;
}

/**
 * Result of a tick for one job: it ran (succeeded or failed), had no due slot
 * (idle), or was skipped because another run has its lock (busy).
 */
export type JobOutcome = 'succeeded' | 'failed' | 'idle' | 'busy';

export interface Scheduler {
  /** Starts ticking: one tick at once, then one every tickMs, on a timer that does not keep the process alive. */
  start(): void;
  /** Runs one pass over the jobs and returns what happened to each; a tick already in progress is awaited instead. */
  tick(): Promise<Map<string, JobOutcome>>;
  /** Stops ticking and waits for the run in progress, so that no run is cut in half. */
  stop(): Promise<void>;
}

function errorText(error: unknown): string {
  const { type, message } = describeError(error);
  return `${type}: ${message}`.slice(0, MAX_ERROR_LENGTH);
}

function latestOf(slots: Date[]): Date | undefined {
  let latest: Date | undefined;
  for (const slot of slots) {
    if (latest === undefined || slot > latest) latest = slot;
  }
  return latest;
}

function assertUniqueNames(jobs: readonly JobDefinition[]): void {
  const seen = new Set<string>();
  for (const job of jobs) {
    if (seen.has(job.name)) throw new Error(`scheduled job "${job.name}" is registered twice; job names are the keys of job_runs`);
    seen.add(job.name);
  }
}

/**
 * Creates the in-process job scheduler. At each tick it takes every job's
 * lock in turn: an advisory lock on PostgreSQL, so that one instance of
 * several runs the job, and a guard in this process on SQLite. It then calls
 * the job's `slots` for the slots due since the last slot that succeeded and
 * runs only the latest of them, once. A failed run keeps last_slot, so the
 * same slot is tried again at the next tick.
 */
export function createScheduler(options: SchedulerOptions): Scheduler {
  const { ctx, jobs, logger } = options;
  const tickMs = options.tickMs ?? DEFAULT_TICK_MS;
  const staleAfterMs = options.staleAfterMs ?? DEFAULT_STALE_AFTER_MS;
  assertUniqueNames(jobs);

  const firstRunAfter = new Date(ctx.clock().getTime() - FIRST_RUN_LOOKBACK_MS);
  const consecutiveFailures = new Map<string, number>();
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<Map<string, JobOutcome>> | undefined;
  let stopping = false;

  /** Records a run that a dead process left as running, so that its slot is due again. */
  async function closeAbandonedRun(job: JobDefinition, startedAt: string | null, exclusive: boolean): Promise<boolean> {
    const started = startedAt === null ? 0 : Date.parse(startedAt);
    // Without an exclusive lock (SQLite) a young "running" row may belong to another process.
    if (!exclusive && ctx.clock().getTime() - started < staleAfterMs) return false;
    logger.warn({ job: job.name, startedAt }, 'scheduled job run was cut short; recording it as failed');
    await markJobRunFailed(ctx.db, job.name, 'interrupted: the run never finished (server stopped or crashed)', ctx.clock().toISOString());
    return true;
  }

  async function runIfDue(job: JobDefinition, exclusive: boolean): Promise<JobOutcome> {
    const previous = await findJobRun(ctx.db, job.name);
    if (previous?.last_status === 'running' && !(await closeAbandonedRun(job, previous.last_started_at, exclusive))) return 'busy';

    const now = ctx.clock();
    const after = previous?.last_slot ? new Date(previous.last_slot) : firstRunAfter;
    // The range is checked here too, because a slot after `now` would become last_slot and hold the job back until then.
    const due = job.slots(after, now).filter((candidate) => candidate > after && candidate <= now);
    const slot = latestOf(due);
    if (slot === undefined) return 'idle';

    await markJobRunStarted(ctx.db, job.name, now.toISOString());
    logger.info({ job: job.name, slot: slot.toISOString(), skippedSlots: due.length - 1 }, 'scheduled job started');
    try {
      await job.run(ctx, slot);
    } catch (error) {
      const failures = (consecutiveFailures.get(job.name) ?? 0) + 1;
      consecutiveFailures.set(job.name, failures);
      logger.error(
        { job: job.name, slot: slot.toISOString(), failures, err: describeError(error) },
        'scheduled job failed; it runs again at the next tick',
      );
      await markJobRunFailed(ctx.db, job.name, errorText(error), ctx.clock().toISOString());
      return 'failed';
    }
    consecutiveFailures.delete(job.name);
    await markJobRunSucceeded(ctx.db, job.name, slot.toISOString(), ctx.clock().toISOString());
    logger.info({ job: job.name, slot: slot.toISOString() }, 'scheduled job finished');
    return 'succeeded';
  }

  async function runJob(job: JobDefinition): Promise<JobOutcome> {
    const locked =
      ctx.dbKind === 'postgres'
        ? await withPostgresJobLock(ctx.db, job.name, () => runIfDue(job, true))
        : await withProcessJobGuard(job.name, () => runIfDue(job, false));
    return locked?.result ?? 'busy';
  }

  // Jobs run one after another: a tick is short unless a job has work, and a
  // sequence keeps the database load of the scheduler to one job at a time.
  async function runTick(): Promise<Map<string, JobOutcome>> {
    const outcomes = new Map<string, JobOutcome>();
    for (const job of jobs) {
      if (stopping) break;
      try {
        outcomes.set(job.name, await runJob(job));
      } catch (error) {
        // The bookkeeping itself failed (database unreachable); the next tick tries again.
        logger.error({ job: job.name, err: describeError(error) }, 'scheduled job could not be started or recorded');
        outcomes.set(job.name, 'failed');
      }
    }
    return outcomes;
  }

  function tick(): Promise<Map<string, JobOutcome>> {
    current ??= runTick().finally(() => {
      current = undefined;
    });
    return current;
  }

  return {
    start() {
      if (timer || stopping) return;
      logger.info({ jobs: jobs.map((job) => job.name), tickMs }, 'job scheduler started');
      void tick();
      timer = setInterval(() => void tick(), tickMs);
      timer.unref();
    },
    tick,
    async stop() {
      stopping = true;
      if (timer) clearInterval(timer);
      timer = undefined;
      await current;
      logger.info('job scheduler stopped');
    },
  };
}
