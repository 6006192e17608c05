import { type Kysely, PostgresAdapter } from 'kysely';

// Frozen in time: this file never imports application code.

export async function up(db: Kysely<any>): Promise<void> {
  const timestamp = db.getExecutor().adapter instanceof PostgresAdapter ? 'timestamptz' : 'text';

  // Dates (birth, arrival) are YYYY-MM-DD text on both databases: they are
  // calendar days in China, and node-postgres would turn a date column into a
  // local-time Date object.
  await db.schema
    .createTable('persons')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('document_type', 'text', (col) => col.notNull())
    .addColumn('document_number_enc', 'text', (col) => col.notNull())
    .addColumn('document_index', 'text', (col) => col.notNull())
    .addColumn('document_masked', 'text', (col) => col.notNull())
    .addColumn('birth_date', 'text')
    .addColumn('sex', 'text')
    .addColumn('document_region_code', 'text')
    .addColumn('phone_enc', 'text')
    .addColumn('phone_index', 'text')
    .addColumn('phone_masked', 'text')
    .addColumn('nationality', 'text', (col) => col.notNull().defaultTo('CHN'))
    .addColumn('preferred_language', 'text', (col) => col.notNull().defaultTo('zh-CN'))
    .addColumn('community_code', 'text', (col) => col.notNull().references('jurisdictions.code'))
    .addColumn('grid_code', 'text', (col) => col.references('jurisdictions.code'))
    .addColumn('room_id', 'text', (col) => col.references('rooms.id'))
    .addColumn('place_id', 'text', (col) => col.references('places.id'))
    .addColumn('household_role', 'text')
    .addColumn('origin_region_code', 'text')
    .addColumn('arrival_date', 'text')
    .addColumn('travel_mode', 'text')
    .addColumn('travel_number', 'text')
    .addColumn('key_person', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('key_person_reason', 'text')
    .addColumn('close_contact', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('close_contact_reason', 'text')
    .addColumn('source', 'text', (col) => col.notNull())
    .addColumn('created_at', timestamp, (col) => col.notNull())
    .addColumn('updated_at', timestamp, (col) => col.notNull())
    // One file per identity document: the blind index of type and number.
    .addUniqueConstraint('persons_document_index_key', ['document_index'])
    .execute();
  await db.schema.createIndex('persons_phone_index_idx').on('persons').column('phone_index').execute();
  await db.schema.createIndex('persons_community_code_idx').on('persons').column('community_code').execute();
  await db.schema.createIndex('persons_grid_code_idx').on('persons').column('grid_code').execute();
  await db.schema.createIndex('persons_name_idx').on('persons').column('name').execute();

  // The reason a user gave for revealing a personal field. Rows written
  // before this column have null, and the hash covers the reason only when
  // it is not null, so their hashes stay valid.
  await db.schema.alterTable('audit_log').addColumn('reason', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('audit_log').dropColumn('reason').execute();
  await db.schema.dropTable('persons').execute();
}
