import { type Kysely, PostgresAdapter } from 'kysely';

// Frozen in time once landed: this file never imports application code.

export async function up(db: Kysely<any>): Promise<void> {
  const timestamp = db.getExecutor().adapter instanceof PostgresAdapter ? 'timestamptz' : 'text';

  // A personal declaration link (channel sms_link), or the short session a
  // resident gets after entering a one-time code (channel code). Only a keyed
  // hash of the token is stored, so the table cannot be used to declare.
  await db.schema
    .createTable('declaration_links')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('person_id', 'text', (col) => col.notNull().references('persons.id'))
    .addColumn('channel', 'text', (col) => col.notNull())
    .addColumn('token_hash', 'text', (col) => col.notNull().unique())
    .addColumn('created_by', 'text', (col) => col.references('users.id'))
    .addColumn('created_at', timestamp, (col) => col.notNull())
    .addColumn('expires_at', timestamp, (col) => col.notNull())
    .addColumn('revoked_at', timestamp)
    .addColumn('revoked_by', 'text', (col) => col.references('users.id'))
    .addColumn('last_used_at', timestamp)
    .execute();
  await db.schema.createIndex('declaration_links_person_id_idx').on('declaration_links').column('person_id').execute();

  // One-time codes sent to a phone. Phone and code are kept as keyed hashes.
  await db.schema
    .createTable('declaration_codes')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('phone_hash', 'text', (col) => col.notNull())
    .addColumn('code_hash', 'text', (col) => col.notNull())
    .addColumn('created_at', timestamp, (col) => col.notNull())
    .addColumn('expires_at', timestamp, (col) => col.notNull())
    .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('consumed_at', timestamp)
    .execute();
  await db.schema.createIndex('declaration_codes_phone_hash_idx').on('declaration_codes').columns(['phone_hash', 'created_at']).execute();

  // One declaration per person and window ("2026-12-05/1": the day in China and the window's number).
  await db.schema
    .createTable('declarations')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('person_id', 'text', (col) => col.notNull().references('persons.id'))
    .addColumn('window_key', 'text', (col) => col.notNull())
    .addColumn('window_day', 'text', (col) => col.notNull())
    .addColumn('community_code', 'text', (col) => col.notNull().references('jurisdictions.code'))
    .addColumn('grid_code', 'text', (col) => col.references('jurisdictions.code'))
    // Tenths of a degree Celsius, as screening stores it.
    .addColumn('temperature_tenths', 'integer', (col) => col.notNull())
    // JSON array of symptom codes; ["none"] when the resident has none.
    .addColumn('symptoms', 'text', (col) => col.notNull())
    .addColumn('location', 'text')
    .addColumn('late', 'integer', (col) => col.notNull())
    .addColumn('abnormal', 'integer', (col) => col.notNull())
    .addColumn('link_id', 'text', (col) => col.references('declaration_links.id'))
    .addColumn('declared_at', timestamp, (col) => col.notNull())
    .addColumn('updated_at', timestamp, (col) => col.notNull())
    .addColumn('revision', 'integer', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('declarations_person_window_idx').on('declarations').columns(['person_id', 'window_key']).unique().execute();
  await db.schema.createIndex('declarations_community_window_idx').on('declarations').columns(['community_code', 'window_key']).execute();
  await db.schema.createIndex('declarations_window_day_idx').on('declarations').column('window_day').execute();

  // Reminders sent, one per person and window, which is also their rate limit.
  await db.schema
    .createTable('declaration_reminders')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('person_id', 'text', (col) => col.notNull().references('persons.id'))
    .addColumn('window_key', 'text', (col) => col.notNull())
    .addColumn('sent_by', 'text', (col) => col.references('users.id'))
    .addColumn('sent_at', timestamp, (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex('declaration_reminders_person_window_idx')
    .on('declaration_reminders')
    .columns(['person_id', 'window_key'])
    .unique()
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('declaration_reminders').execute();
  await db.schema.dropTable('declarations').execute();
  await db.schema.dropTable('declaration_codes').execute();
  await db.schema.dropTable('declaration_links').execute();
}
