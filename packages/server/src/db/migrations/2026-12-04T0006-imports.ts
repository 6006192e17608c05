import { type Kysely, PostgresAdapter } from 'kysely';

// Frozen in time: this file never imports application code.

export async function up(db: Kysely<any>): Promise<void> {
  const timestamp = db.getExecutor().adapter instanceof PostgresAdapter ? 'timestamptz' : 'text';

  // One uploaded roster. Counts and the column mapping are plain; the rows
  // themselves live in import_rows, encrypted. `columns` is JSON text.
  await db.schema
    .createTable('imports')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('file_name', 'text', (col) => col.notNull())
    .addColumn('community_code', 'text', (col) => col.notNull().references('jurisdictions.code'))
    .addColumn('created_by', 'text', (col) => col.references('users.id'))
    // parsing → previewed → committed; expired once the staged rows are deleted.
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('columns', 'text', (col) => col.notNull())
    .addColumn('total_rows', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('valid_rows', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('invalid_rows', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('duplicate_rows', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('existing_rows', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('created_count', 'integer')
    .addColumn('updated_count', 'integer')
    .addColumn('unchanged_count', 'integer')
    .addColumn('created_at', timestamp, (col) => col.notNull())
    .addColumn('expires_at', timestamp, (col) => col.notNull())
    .addColumn('committed_at', timestamp)
    .addColumn('committed_by', 'text', (col) => col.references('users.id'))
    .execute();
  await db.schema.createIndex('imports_community_code_idx').on('imports').column('community_code').execute();
  await db.schema.createIndex('imports_expires_at_idx').on('imports').column('expires_at').execute();

  // A staged row of an import: its original cells, and for a valid row the
  // parsed values, as one encrypted JSON document. Invalid rows also hold their errors.
  await db.schema
    .createTable('import_rows')
    .addColumn('import_id', 'text', (col) => col.notNull().references('imports.id').onDelete('cascade'))
    .addColumn('row_number', 'integer', (col) => col.notNull())
    .addColumn('valid', 'integer', (col) => col.notNull())
    .addColumn('payload_enc', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('import_rows_pkey', ['import_id', 'row_number'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('import_rows').execute();
  await db.schema.dropTable('imports').execute();
}
