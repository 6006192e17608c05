import { type Kysely, type Migration, type MigrationResultSet, Migrator } from 'kysely';
import * as foundation from './migrations/2026-12-04T0001-foundation.js';

// Listed in code rather than read from a folder, so the compiled server and
// the TypeScript tests run the same steps. Names sort in the order they run.
const MIGRATIONS: Record<string, Migration> = {
  '2026-12-04T0001-foundation': foundation,
};

export class MigrationError extends Error {}

/** Runs every pending migration; throws MigrationError naming the failed step. */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } });
  const result: MigrationResultSet = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((step) => step.status === 'Error');
    const cause = result.error instanceof Error ? result.error.message : String(result.error);
    throw new MigrationError(`migration ${failed?.migrationName ?? '(unknown)'} failed: ${cause}`);
  }
  return (result.results ?? []).filter((step) => step.status === 'Success').map((step) => step.migrationName);
}
