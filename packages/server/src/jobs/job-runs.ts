import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

/** Values of job_runs.last_status. */
export type JobRunStatus = 'running' | 'succeeded' | 'failed';

export async function findJobRun(db: Kysely<Database>, name: string) {
  return db
    .selectFrom('job_runs')
    .select(['name', 'last_started_at', 'last_finished_at', 'last_slot', 'last_status', 'last_error'])
    .where('name', '=', name)
    .executeTakeFirst();
}

export async function markJobRunStarted(db: Kysely<Database>, name: string, startedAt: string): Promise<void> {
  const values = { last_started_at: startedAt, last_finished_at: null, last_status: 'running', last_error: null };
  await db
    .insertInto('job_runs')
    .values({ name, last_slot: null, ...values })
    .onConflict((conflict) => conflict.column('name').doUpdateSet(values))
    .execute();
}

export async function markJobRunSucceeded(db: Kysely<Database>, name: string, slot: string, finishedAt: string): Promise<void> {
  await db
    .updateTable('job_runs')
    .set({ last_finished_at: finishedAt, last_slot: slot, last_status: 'succeeded', last_error: null })
    .where('name', '=', name)
    .execute();
}

/** Records a failed run; last_slot keeps the last slot that succeeded, so the failed slot is due again. */
export async function markJobRunFailed(db: Kysely<Database>, name: string, error: string, finishedAt: string): Promise<void> {
  await db
    .updateTable('job_runs')
    .set({ last_finished_at: finishedAt, last_status: 'failed', last_error: error })
    .where('name', '=', name)
    .execute();
}
