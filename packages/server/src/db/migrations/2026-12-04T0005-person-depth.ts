import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen in time: this file never imports application code.

export async function up(db: Kysely<any>): Promise<void> {
  const timestamp = db.getExecutor().adapter instanceof PostgresAdapter ? 'timestamptz' : 'text';

  // The risk-region list that command HQ maintains. `value` is a region code
  // (6, 9 or 12 digits) for kind 'region' or a plate prefix (鄂, 鄂A) for kind
  // 'plate_prefix'. The dates are inclusive China calendar days, YYYY-MM-DD
  // text for the same reason as the person dates, and no end date means open-ended.
  await db.schema
    .createTable('risk_regions')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('value', 'text', (col) => col.notNull())
    .addColumn('level', 'text', (col) => col.notNull())
    .addColumn('effective_from', 'text', (col) => col.notNull())
    .addColumn('effective_to', 'text')
    .addColumn('note', 'text')
    .addColumn('created_by', 'text', (col) => col.references('users.id'))
    .addColumn('created_at', timestamp, (col) => col.notNull())
    .addColumn('updated_by', 'text', (col) => col.references('users.id'))
    .addColumn('updated_at', timestamp, (col) => col.notNull())
    .execute();
  await db.schema.createIndex('risk_regions_effective_from_idx').on('risk_regions').column('effective_from').execute();

  // A merged file keeps its row, and so its document index, so that
  // registering its document again leads to the file it was merged into.
  await db.schema
    .alterTable('persons')
    .addColumn('merged_into_id', 'text', (col) => col.references('persons.id'))
    .execute();
  await db.schema.alterTable('persons').addColumn('merged_at', timestamp).execute();
  // Partial: it serves "which files were merged into this one". A full index
  // would hold every live file under null, and SQLite, without statistics,
  // would pick it for "merged_into_id IS NULL" in every list and read them all.
  await db.schema
    .createIndex('persons_merged_into_id_idx')
    .on('persons')
    .column('merged_into_id')
    .where(sql.ref('merged_into_id'), 'is not', null)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('persons_merged_into_id_idx').execute();
  await db.schema.alterTable('persons').dropColumn('merged_at').execute();
  await db.schema.alterTable('persons').dropColumn('merged_into_id').execute();
  await db.schema.dropTable('risk_regions').execute();
}
