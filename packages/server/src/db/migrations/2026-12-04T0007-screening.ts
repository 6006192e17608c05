import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen in time: this file never imports application code.

export async function up(db: Kysely<any>): Promise<void> {
  const timestamp = db.getExecutor().adapter instanceof PostgresAdapter ? 'timestamptz' : 'text';

  // The id comes from the phone, so a visit sent again after a lost response
  // finds its first copy instead of being stored twice.
  await db.schema
    .createTable('screening_visits')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('room_id', 'text', (col) => col.references('rooms.id'))
    .addColumn('place_id', 'text', (col) => col.references('places.id'))
    .addColumn('building_id', 'text', (col) => col.references('buildings.id'))
    .addColumn('community_code', 'text', (col) => col.notNull().references('jurisdictions.code'))
    .addColumn('grid_code', 'text', (col) => col.references('jurisdictions.code'))
    .addColumn('visited_by', 'text', (col) => col.notNull().references('users.id'))
    .addColumn('visited_at', timestamp, (col) => col.notNull())
    .addColumn('outcome', 'text', (col) => col.notNull())
    // YYYY-MM-DD text, a calendar day in China, as the other date columns.
    .addColumn('revisit_on', 'text')
    .addColumn('notes', 'text')
    // Keyed hash of the request body, to tell a resent visit from a different one with the same id.
    .addColumn('request_hash', 'text', (col) => col.notNull())
    .addColumn('created_at', timestamp, (col) => col.notNull())
    // A visit is of a room or of a place, never both.
    .addCheckConstraint('screening_visits_address_check', sql`(room_id IS NULL) <> (place_id IS NULL)`)
    .execute();
  await db.schema.createIndex('screening_visits_room_id_idx').on('screening_visits').columns(['room_id', 'visited_at']).execute();
  await db.schema.createIndex('screening_visits_place_id_idx').on('screening_visits').columns(['place_id', 'visited_at']).execute();
  await db.schema.createIndex('screening_visits_building_id_idx').on('screening_visits').column('building_id').execute();
  await db.schema.createIndex('screening_visits_community_code_idx').on('screening_visits').column('community_code').execute();

  await db.schema
    .createTable('screening_visit_persons')
    .addColumn('visit_id', 'text', (col) => col.notNull().references('screening_visits.id'))
    .addColumn('person_id', 'text', (col) => col.notNull().references('persons.id'))
    // Index of the person in the visit's list, so a resent visit returns them in the same order.
    .addColumn('position', 'integer', (col) => col.notNull())
    .addColumn('present', 'integer', (col) => col.notNull())
    .addColumn('arrival_date', 'text')
    .addColumn('origin_region_code', 'text')
    // Degrees Celsius with one decimal, stored as tenths so that both databases compare it exactly.
    .addColumn('temperature_tenths', 'integer')
    // JSON array of symptom codes.
    .addColumn('symptoms', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('screening_visit_persons_pkey', ['visit_id', 'person_id'])
    .execute();
  await db.schema.createIndex('screening_visit_persons_person_id_idx').on('screening_visit_persons').column('person_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('screening_visit_persons').execute();
  await db.schema.dropTable('screening_visits').execute();
}
