import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen in time: this file never imports application code.

export async function up(db: Kysely<any>): Promise<void> {
  // Name searches match the beginning of the name. PostgreSQL uses a plain
  // index for LIKE 'prefix%' only under the C collation; text_pattern_ops
  // makes it usable under any. SQLite searches with GLOB on persons_name_idx.
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`CREATE INDEX persons_name_prefix_idx ON persons (name text_pattern_ops)`.execute(db);
  }

  // Lists show the most recently changed files first.
  await db.schema.createIndex('persons_updated_at_idx').on('persons').columns(['updated_at', 'id']).execute();

  // Free text that staff keep on a file (备注), also where an import keeps the columns of a roster it has no field for.
  await db.schema.alterTable('persons').addColumn('notes', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('persons').dropColumn('notes').execute();
  await db.schema.dropIndex('persons_updated_at_idx').execute();
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await db.schema.dropIndex('persons_name_prefix_idx').execute();
  }
}
