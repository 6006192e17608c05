import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen in time: this file never imports application code.

export async function up(db: Kysely<any>): Promise<void> {
  const timestamp = db.getExecutor().adapter instanceof PostgresAdapter ? 'timestamptz' : 'text';

  // A lease of one room or one place from a landlord to a tenant. Dates are
  // YYYY-MM-DD text, like the dates of persons; end_date is null while the
  // lease runs with no end agreed.
  await db.schema
    .createTable('tenancies')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('room_id', 'text', (col) => col.references('rooms.id'))
    .addColumn('place_id', 'text', (col) => col.references('places.id'))
    .addColumn('landlord_person_id', 'text', (col) => col.notNull().references('persons.id'))
    .addColumn('tenant_person_id', 'text', (col) => col.notNull().references('persons.id'))
    .addColumn('start_date', 'text', (col) => col.notNull())
    .addColumn('end_date', 'text')
    .addColumn('community_code', 'text', (col) => col.notNull().references('jurisdictions.code'))
    .addColumn('created_at', timestamp, (col) => col.notNull())
    .addColumn('updated_at', timestamp, (col) => col.notNull())
    .addColumn('ended_reason', 'text')
    .addCheckConstraint('tenancies_room_or_place_check', sql`(room_id is null) <> (place_id is null)`)
    .execute();
  await db.schema.createIndex('tenancies_room_id_idx').on('tenancies').column('room_id').execute();
  await db.schema.createIndex('tenancies_place_id_idx').on('tenancies').column('place_id').execute();
  await db.schema.createIndex('tenancies_landlord_person_id_idx').on('tenancies').column('landlord_person_id').execute();
  await db.schema.createIndex('tenancies_tenant_person_id_idx').on('tenancies').column('tenant_person_id').execute();
  await db.schema.createIndex('tenancies_community_code_idx').on('tenancies').column('community_code').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('tenancies').execute();
}
