import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen in time once landed: this file never imports application code.

export async function up(db: Kysely<any>): Promise<void> {
  const timestamp = db.getExecutor().adapter instanceof PostgresAdapter ? 'timestamptz' : 'text';

  // A home quarantine (居家隔离). Days are YYYY-MM-DD calendar days in China;
  // the start day is day 1 and planned_end_on is the last day of the period.
  await db.schema
    .createTable('home_quarantines')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('person_id', 'text', (col) => col.notNull().references('persons.id'))
    .addColumn('community_code', 'text', (col) => col.notNull().references('jurisdictions.code'))
    .addColumn('grid_code', 'text', (col) => col.references('jurisdictions.code'))
    .addColumn('start_on', 'text', (col) => col.notNull())
    .addColumn('planned_end_on', 'text', (col) => col.notNull())
    // active, released or ended_early.
    .addColumn('status', 'text', (col) => col.notNull())
    // Place of quarantine: a room, a free-form place, or a typed address when neither is on file.
    .addColumn('room_id', 'text', (col) => col.references('rooms.id'))
    .addColumn('place_id', 'text', (col) => col.references('places.id'))
    .addColumn('address_text', 'text')
    .addColumn('reason', 'text', (col) => col.notNull())
    .addColumn('started_by', 'text', (col) => col.references('users.id'))
    // Day of the release or early end in China, and who recorded it.
    .addColumn('ended_on', 'text')
    .addColumn('ended_at', timestamp)
    .addColumn('ended_by', 'text', (col) => col.references('users.id'))
    .addColumn('end_reason', 'text')
    // Document numbers of the home-quarantine notice (given at the start) and the release notice (given at the release).
    .addColumn('notice_number', 'text', (col) => col.unique())
    .addColumn('release_notice_number', 'text', (col) => col.unique())
    .addColumn('created_at', timestamp, (col) => col.notNull())
    .addColumn('updated_at', timestamp, (col) => col.notNull())
    .execute();
  // At most one active quarantine per person; ended ones stay as history.
  await db.schema
    .createIndex('home_quarantines_active_person_idx')
    .on('home_quarantines')
    .column('person_id')
    .unique()
    .where(sql.ref('status'), '=', 'active')
    .execute();
  await db.schema.createIndex('home_quarantines_person_id_idx').on('home_quarantines').column('person_id').execute();
  await db.schema
    .createIndex('home_quarantines_community_status_end_idx')
    .on('home_quarantines')
    .columns(['community_code', 'status', 'planned_end_on'])
    .execute();
  await db.schema.createIndex('home_quarantines_status_end_idx').on('home_quarantines').columns(['status', 'planned_end_on']).execute();
  await db.schema.createIndex('home_quarantines_ended_on_idx').on('home_quarantines').columns(['ended_on', 'status']).execute();

  // Daily medical observation (医学观察): at most one record per quarantine, day and half-day.
  await db.schema
    .createTable('quarantine_observations')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('quarantine_id', 'text', (col) => col.notNull().references('home_quarantines.id'))
    .addColumn('observed_on', 'text', (col) => col.notNull())
    // morning or afternoon.
    .addColumn('period', 'text', (col) => col.notNull())
    // Tenths of a degree Celsius (366 is 36.6 °C).
    .addColumn('temperature_tenths', 'integer', (col) => col.notNull())
    // JSON array of symptom codes; ["none"] when there are none.
    .addColumn('symptoms', 'text', (col) => col.notNull())
    .addColumn('observed_by', 'text', (col) => col.notNull().references('users.id'))
    .addColumn('note', 'text')
    .addColumn('created_at', timestamp, (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex('quarantine_observations_day_period_idx')
    .on('quarantine_observations')
    .columns(['quarantine_id', 'observed_on', 'period'])
    .unique()
    .execute();

  // Changes after the start: extensions keep the previous and the new end day with the reason.
  await db.schema
    .createTable('quarantine_changes')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('quarantine_id', 'text', (col) => col.notNull().references('home_quarantines.id'))
    // extended, ended_early or released.
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('previous_end_on', 'text', (col) => col.notNull())
    .addColumn('new_end_on', 'text', (col) => col.notNull())
    // Days added by an extension; null for the other kinds.
    .addColumn('days', 'integer')
    .addColumn('reason', 'text')
    .addColumn('changed_by', 'text', (col) => col.references('users.id'))
    .addColumn('changed_at', timestamp, (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex('quarantine_changes_quarantine_id_idx')
    .on('quarantine_changes')
    .columns(['quarantine_id', 'changed_at'])
    .execute();

  // Last document number given per kind of notice and year, counted up inside the transaction that uses it.
  await db.schema
    .createTable('quarantine_notice_counters')
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('year', 'integer', (col) => col.notNull())
    .addColumn('last_number', 'integer', (col) => col.notNull())
    .addPrimaryKeyConstraint('quarantine_notice_counters_pkey', ['kind', 'year'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('quarantine_notice_counters').execute();
  await db.schema.dropTable('quarantine_changes').execute();
  await db.schema.dropTable('quarantine_observations').execute();
  await db.schema.dropTable('home_quarantines').execute();
}
