import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import type { ServiceContext } from '../context/types.js';
import { type DatabaseHandle, openDatabase } from '../db/database.js';
import { randomBytes } from 'node:crypto';
import { deriveKeys } from '../crypto/keys.js';
import { createLocalEventBus } from '../events/bus.js';
import { createTestDatabase, describeEachDatabase, type TestDatabase, testConfig } from '../testing/harness.js';
import { findJobRun } from './job-runs.js';
import { createScheduler, type JobOutcome, type Scheduler } from './scheduler.js';
import { slotsAt, slotsEvery } from './slots.js';
import type { JobDefinition } from './types.js';

interface LogLine {
  level: 'info' | 'warn' | 'error';
  fields: Record<string, unknown>;
  message: string | undefined;
}

function captureLogger() {
  const lines: LogLine[] = [];
  const record = (level: LogLine['level']) => (fields: unknown, message?: string) => {
    lines.push({ level, fields: typeof fields === 'object' && fields !== null ? (fields as Record<string, unknown>) : {}, message });
  };
  return { lines, logger: { info: record('info'), warn: record('warn'), error: record('error') } as never };
}

/** Creates a promise the test resolves by hand, to hold a job run open while something else happens. */
function barrier() {
  let release = () => {};
  const promise = new Promise<void>((resolve) => {
    release = resolve;
  });
  return { promise, release };
}

/** Lets pending promise callbacks and database round trips run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

// 08:00 in Shanghai.
const START = new Date('2026-12-05T00:00:00.000Z');
const MINUTE = 60_000;

describeEachDatabase('job scheduler', (kind) => {
  let database: TestDatabase;
  /** The context of a server on the test database; the tests replace its clock. */
  let base: ServiceContext;
  let now: Date;
  let ctx: ServiceContext;
  let log: ReturnType<typeof captureLogger>;
  let jobCounter = 0;

  /** Creates a job with a fresh name that records the slots it ran for. */
  function recordingJob(slots: JobDefinition['slots'], run?: (slot: Date) => Promise<void>) {
    jobCounter += 1;
    const ran: string[] = [];
    const job: JobDefinition = {
      name: `test-job-${jobCounter}`,
      slots,
      async run(_ctx, slot) {
        ran.push(slot.toISOString());
        await run?.(slot);
      },
    };
    return { job, ran };
  }

  function schedulerOf(jobs: JobDefinition[], context: ServiceContext = ctx): Scheduler {
    return createScheduler({ ctx: context, jobs, logger: log.logger, tickMs: 60_000 });
  }

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    base = {
      db: database.handle.db,
      dbKind: kind,
      keys: deriveKeys(randomBytes(32)),
      config: testConfig(database.dataDir),
      events: createLocalEventBus(),
      sms: { send: () => Promise.reject(new Error('the scheduler tests send no SMS')) },
      clock: () => new Date(),
    };
  });

  afterAll(async () => {
    await database.drop();
  });

  beforeEach(() => {
    now = START;
    ctx = { ...base, clock: () => now };
    log = captureLogger();
  });

  it('first run covers an hour before start', async () => {
    // 07:30 Shanghai is 30 minutes before the start; 06:00 is two hours before.
    const recent = recordingJob(slotsAt(['07:30']));
    const old = recordingJob(slotsAt(['06:00']));
    const outcomes = await schedulerOf([recent.job, old.job]).tick();

    expect(outcomes.get(recent.job.name)).toBe('succeeded');
    expect(recent.ran).toEqual(['2026-12-04T23:30:00.000Z']);
    expect(outcomes.get(old.job.name)).toBe('idle');
    expect(old.ran).toEqual([]);
  });

  it('ignore slots outside the range', async () => {
    // Unsorted, with one slot in the future and one at the start of the range: only the latest due one counts.
    const slotsOf = (after: Date) => [
      new Date(START.getTime() - 20 * MINUTE),
      new Date(START.getTime() + 60 * MINUTE),
      new Date(START.getTime() - 5 * MINUTE),
      after,
    ];
    const { job, ran } = recordingJob((after) => slotsOf(after));
    await schedulerOf([job]).tick();

    expect(ran).toEqual([new Date(START.getTime() - 5 * MINUTE).toISOString()]);
  });

  it('record a run in job_runs', async () => {
    const { job } = recordingJob(slotsEvery(10 * MINUTE));
    await schedulerOf([job]).tick();

    const row = await findJobRun(base.db, job.name);
    expect(row?.last_status).toBe('succeeded');
    expect(row?.last_slot).toBe(START.toISOString());
    expect(row?.last_started_at).toBe(START.toISOString());
    expect(row?.last_finished_at).toBe(START.toISOString());
    expect(row?.last_error).toBeNull();
  });

  it('run a slot once', async () => {
    const { job, ran } = recordingJob(slotsEvery(10 * MINUTE));
    const scheduler = schedulerOf([job]);
    await scheduler.tick();
    now = new Date(START.getTime() + 5 * MINUTE);
    const second = await scheduler.tick();

    expect(second.get(job.name)).toBe('idle');
    expect(ran).toEqual([START.toISOString()]);
  });

  it('catch up after downtime once', async () => {
    const { job, ran } = recordingJob(slotsAt(['10:00', '17:00']));
    now = new Date('2026-12-05T02:30:00Z');
    await schedulerOf([job]).tick();
    expect(ran).toEqual(['2026-12-05T02:00:00.000Z']);

    // Three days later a new scheduler (a restarted server) finds six missed slots.
    now = new Date('2026-12-08T10:00:00Z');
    const restarted = schedulerOf([job]);
    const outcomes = await restarted.tick();
    await restarted.tick();

    expect(outcomes.get(job.name)).toBe('succeeded');
    expect(ran).toEqual(['2026-12-05T02:00:00.000Z', '2026-12-08T09:00:00.000Z']);
    const started = log.lines.find((line) => line.message === 'scheduled job started' && line.fields.slot === '2026-12-08T09:00:00.000Z');
    expect(started?.fields.skippedSlots).toBe(6);
  });

  it('retry a failed slot at the next tick', async () => {
    let attempts = 0;
    const { job, ran } = recordingJob(slotsEvery(10 * MINUTE), async () => {
      attempts += 1;
      if (attempts === 1) throw new Error('reminder batch failed');
    });
    const scheduler = schedulerOf([job]);

    const first = await scheduler.tick();
    expect(first.get(job.name)).toBe('failed');
    const failed = await findJobRun(base.db, job.name);
    expect(failed?.last_status).toBe('failed');
    expect(failed?.last_error).toBe('Error: reminder batch failed');
    expect(failed?.last_slot).toBeNull();
    const errorLine = log.lines.find((line) => line.level === 'error');
    expect(errorLine?.fields).toMatchObject({ job: job.name, slot: START.toISOString(), failures: 1 });

    now = new Date(START.getTime() + 30_000);
    const second = await scheduler.tick();
    expect(second.get(job.name)).toBe('succeeded');
    expect(ran).toEqual([START.toISOString(), START.toISOString()]);
    const succeeded = await findJobRun(base.db, job.name);
    expect(succeeded?.last_status).toBe('succeeded');
    expect(succeeded?.last_slot).toBe(START.toISOString());
    expect(succeeded?.last_error).toBeNull();
  });

  it('keep running other jobs after a failure', async () => {
    const failing = recordingJob(slotsEvery(10 * MINUTE), async () => {
      throw new Error('always fails');
    });
    const healthy = recordingJob(slotsEvery(10 * MINUTE));
    const outcomes = await schedulerOf([failing.job, healthy.job]).tick();

    expect(outcomes.get(failing.job.name)).toBe('failed');
    expect(outcomes.get(healthy.job.name)).toBe('succeeded');
  });

  it('leave a job that is running to its run', async () => {
    const started = barrier();
    const gate = barrier();
    const { job, ran } = recordingJob(slotsEvery(10 * MINUTE), () => {
      started.release();
      return gate.promise;
    });
    const first = schedulerOf([job]);
    const second = schedulerOf([job]);

    const running = first.tick();
    await started.promise;
    const concurrent = await second.tick();
    gate.release();
    const finished = await running;

    expect(concurrent.get(job.name)).toBe('busy');
    expect(finished.get(job.name)).toBe('succeeded');
    expect(ran).toEqual([START.toISOString()]);
  });

  it('treat a stale running row as failed', async () => {
    const { job, ran } = recordingJob(slotsEvery(10 * MINUTE));
    await base.db
      .insertInto('job_runs')
      .values({
        name: job.name,
        last_started_at: new Date(START.getTime() - 10 * MINUTE).toISOString(),
        last_finished_at: null,
        last_slot: new Date(START.getTime() - 10 * MINUTE).toISOString(),
        last_status: 'running',
        last_error: null,
      })
      .execute();
    const scheduler = schedulerOf([job]);

    if (kind === 'sqlite') {
      // Ten minutes may be another process's run: the row is left alone until it is 30 minutes old.
      expect((await scheduler.tick()).get(job.name)).toBe('busy');
      expect(ran).toEqual([]);
      now = new Date(START.getTime() + 25 * MINUTE);
    }
    // On PostgreSQL the advisory lock proves that no other session runs the job, whatever the row's age.
    const outcomes = await scheduler.tick();

    expect(outcomes.get(job.name)).toBe('succeeded');
    expect(ran).toEqual([new Date(now.getTime() - (now.getTime() % (10 * MINUTE))).toISOString()]);
    expect(log.lines.some((line) => line.level === 'warn' && line.fields.job === job.name)).toBe(true);
  });

  it('stop waits for the run in progress', async () => {
    const started = barrier();
    const gate = barrier();
    const { job } = recordingJob(slotsEvery(10 * MINUTE), () => {
      started.release();
      return gate.promise;
    });
    const scheduler = schedulerOf([job]);
    const running = scheduler.tick();
    await started.promise;

    let stopped = false;
    const stopping = scheduler.stop().then(() => {
      stopped = true;
    });
    await settle();
    expect(stopped).toBe(false);
    gate.release();
    await stopping;
    await running;

    expect((await findJobRun(base.db, job.name))?.last_status).toBe('succeeded');
    now = new Date(START.getTime() + 10 * MINUTE);
    expect((await scheduler.tick()).size).toBe(0);
  });

  it('reject two jobs of one name', () => {
    const { job } = recordingJob(slotsEvery(10 * MINUTE));
    expect(() => schedulerOf([job, job])).toThrow(/registered twice/);
  });

  it('two instances run each slot once', async () => {
    // A second connection pool on the same database acts as a second server instance.
    let second: DatabaseHandle;
    if (kind === 'postgres') {
      const schema = (await sql<{ schema: string }>`select current_schema() as schema`.execute(base.db)).rows[0]?.schema;
      second = openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir: database.dataDir, postgresSchema: schema, poolSize: 2 });
    } else {
      second = openDatabase({ dataDir: database.dataDir });
    }
    try {
      const { job, ran } = recordingJob(slotsEvery(10 * MINUTE), () => settle());
      const instanceA = schedulerOf([job]);
      const instanceB = schedulerOf([job], { ...ctx, db: second.db });
      const outcomes: JobOutcome[] = [];

      for (let slot = 0; slot < 5; slot += 1) {
        now = new Date(START.getTime() + slot * 10 * MINUTE + 30_000);
        const [a, b] = await Promise.all([instanceA.tick(), instanceB.tick()]);
        outcomes.push(a.get(job.name) as JobOutcome, b.get(job.name) as JobOutcome);
      }

      expect(ran).toHaveLength(5);
      expect(new Set(ran).size).toBe(5);
      expect(outcomes.filter((outcome) => outcome === 'succeeded')).toHaveLength(5);
    } finally {
      await second.close();
    }
  });
});
