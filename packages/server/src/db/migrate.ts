import { type Kysely, type Migration, type MigrationResultSet, Migrator, sql } from 'kysely';
import { databaseKindOf } from './dialect.js';
import * as foundation from './migrations/2026-12-04T0001-foundation.js';
import * as settings from './migrations/2026-12-04T0002-settings.js';
import * as addresses from './migrations/2026-12-04T0003-addresses.js';
import * as persons from './migrations/2026-12-04T0004-persons.js';
import * as personDepth from './migrations/2026-12-04T0005-person-depth.js';
import * as imports from './migrations/2026-12-04T0006-imports.js';
import * as screening from './migrations/2026-12-04T0007-screening.js';
import * as households from './migrations/2026-12-04T0008-households.js';
import * as personSearch from './migrations/2026-12-04T0009-person-search.js';
import * as work from './migrations/2026-12-05T0010-work.js';
import * as declarations from './migrations/2026-12-05T0011-declarations.js';
import * as quarantine from './migrations/2026-12-05T0012-quarantine.js';
import * as sites from './migrations/2026-12-05T0013-sites.js';
import * as smsJobs from './migrations/2026-12-05T0014-sms-jobs.js';
import * as checkpoints from './migrations/2026-12-05T0015-checkpoints.js';
import * as gates from './migrations/2026-12-05T0016-gates.js';

// Listed in code rather than read from a folder, so the compiled server and
// the TypeScript tests run the same steps. Names sort in the order they run.
const MIGRATIONS: Record<string, Migration> = {
  '2026-12-04T0001-foundation': foundation,
  '2026-12-04T0002-settings': settings,
  '2026-12-04T0003-addresses': addresses,
  '2026-12-04T0004-persons': persons,
  '2026-12-04T0005-person-depth': personDepth,
  '2026-12-04T0006-imports': imports,
  '2026-12-04T0007-screening': screening,
  '2026-12-04T0008-households': households,
  '2026-12-04T0009-person-search': personSearch,
  '2026-12-05T0010-work': work,
  '2026-12-05T0011-declarations': declarations,
  '2026-12-05T0012-quarantine': quarantine,
  '2026-12-05T0013-sites': sites,
  '2026-12-05T0014-sms-jobs': smsJobs,
  '2026-12-05T0015-checkpoints': checkpoints,
  '2026-12-05T0016-gates': gates,
};

export class MigrationError extends Error {}

/** Runs every pending migration; throws MigrationError naming the failed step. */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  // Kysely looks for its bookkeeping tables in every schema unless given one,
  // so a second Cordon schema in the same database (tests, benchmarks, a
  // staging copy) would make it skip creating them. Name the current schema.
  let migrationTableSchema: string | undefined;
  if (databaseKindOf(db) === 'postgres') {
    const { rows } = await sql<{ schema: string }>`SELECT current_schema() AS schema`.execute(db);
    migrationTableSchema = rows[0]?.schema;
  }
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => MIGRATIONS },
    ...(migrationTableSchema ? { migrationTableSchema } : {}),
  });
  const result: MigrationResultSet = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((step) => step.status === 'Error');
    const cause = result.error instanceof Error ? result.error.message : String(result.error);
    throw new MigrationError(`migration ${failed?.migrationName ?? '(unknown)'} failed: ${cause}`);
  }
  return (result.results ?? []).filter((step) => step.status === 'Success').map((step) => step.migrationName);
}
