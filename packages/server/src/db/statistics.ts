import { type Kysely, sql } from 'kysely';
import { databaseKindOf } from './dialect.js';
import type { Database } from './schema.js';

/** Rows written by one operation from which the planner statistics are refreshed at once. */
export const STATISTICS_REFRESH_ROWS = 1000;

/**
 * Refreshes PostgreSQL's planner statistics of tables after a bulk write.
 * Autovacuum does this in time on most servers, but not where it is off or
 * behind, and stale statistics from an almost empty table make the planner
 * scan a million person files for every page of an export. SQLite's plans
 * are chosen without statistics (see persons/repository.ts), so it is left as is.
 */
export async function refreshPlannerStatistics(db: Kysely<Database>, tables: ReadonlyArray<keyof Database>): Promise<void> {
  if (databaseKindOf(db) !== 'postgres') return;
  for (const table of tables) await sql`ANALYZE ${sql.table(table)}`.execute(db);
}
