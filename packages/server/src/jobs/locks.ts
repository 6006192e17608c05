import { createHash } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.js';

/**
 * First key of the two-key advisory locks of scheduled jobs ("CJob" in ASCII).
 * The PostgreSQL manual (Advisory Lock Functions) states that the two-key and
 * the one-key spaces do not overlap, so these never collide with the audit
 * log's one-key lock.
 */
const JOB_LOCK_CLASS = 0x434a6f62;

/** Second key: the first 32 bits of SHA-256 of the job name, as a signed integer. */
function jobLockKey(name: string): number {
  return createHash('sha256').update(name).digest().readInt32BE(0);
}

/**
 * Runs `fn` while holding the job's advisory lock, or returns `undefined` at
 * once when another session holds it. The lock is a transaction lock, so
 * PostgreSQL releases it when the transaction ends, and also when the
 * connection dies with the process: no lock outlives its run. The transaction
 * does no other work; `fn` writes through its own connections.
 */
export async function withPostgresJobLock<T>(db: Kysely<Database>, name: string, fn: () => Promise<T>): Promise<{ result: T } | undefined> {
  return db.transaction().execute(async (trx) => {
    const { rows } = await sql<{
      locked: boolean;
    }>`select pg_try_advisory_xact_lock(${JOB_LOCK_CLASS}::int, ${jobLockKey(name)}::int) as locked`.execute(trx);
    if (rows[0]?.locked !== true) return undefined;
    return { result: await fn() };
  });
}

// Jobs running in this process, by name. An installation on SQLite runs one
// server process (several instances need PostgreSQL), so a set in memory is
// enough. NOTE: two servers started on one SQLite file could both run a job.
const runningInProcess = new Set<string>();

/** Runs `fn` unless the job already runs in this process, and returns `undefined` in that case. */
export async function withProcessJobGuard<T>(name: string, fn: () => Promise<T>): Promise<{ result: T } | undefined> {
  if (runningInProcess.has(name)) return undefined;
  runningInProcess.add(name);
  try {
    return { result: await fn() };
  } finally {
    runningInProcess.delete(name);
  }
}
