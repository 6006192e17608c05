import { type Kysely, PostgresAdapter } from 'kysely';

// Frozen in time once landed: this file never imports application code.

export async function up(db: Kysely<any>): Promise<void> {
  const timestamp = db.getExecutor().adapter instanceof PostgresAdapter ? 'timestamptz' : 'text';

  // Text messages kept by the local outbox gateway instead of going to a
  // provider. The phone number and the body are encrypted like persons'
  // numbers, because a body can contain a live declaration link or a one-time
  // code: the table alone cannot be used to declare for someone.
  await db.schema
    .createTable('sms_outbox')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('template', 'text', (col) => col.notNull())
    .addColumn('locale', 'text', (col) => col.notNull())
    .addColumn('node_code', 'text', (col) => col.notNull().references('jurisdictions.code'))
    .addColumn('phone_enc', 'text', (col) => col.notNull())
    // Blind index of the kind persons.phone_index uses, so a person's messages can be found without decrypting.
    .addColumn('phone_index', 'text', (col) => col.notNull())
    .addColumn('phone_masked', 'text', (col) => col.notNull())
    .addColumn('body_enc', 'text', (col) => col.notNull())
    // sent_locally for the outbox gateway; a provider gateway would add its own states.
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('created_at', timestamp, (col) => col.notNull())
    .execute();
  await db.schema.createIndex('sms_outbox_node_code_created_at_idx').on('sms_outbox').columns(['node_code', 'created_at']).execute();
  await db.schema.createIndex('sms_outbox_created_at_idx').on('sms_outbox').column('created_at').execute();
  await db.schema.createIndex('sms_outbox_phone_index_idx').on('sms_outbox').column('phone_index').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('sms_outbox').execute();
}
