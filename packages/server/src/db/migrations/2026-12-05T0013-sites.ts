import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen in time once landed: this file never imports application code.

export async function up(db: Kysely<any>): Promise<void> {
  const timestamp = db.getExecutor().adapter instanceof PostgresAdapter ? 'timestamptz' : 'text';

  // A centralized quarantine site (集中隔离点), resettlement site (集中安置点)
  // or transit site (临时分流点), run by the jurisdiction in node_code. Its
  // capacity is the sum of its rooms' beds, so it is not stored.
  await db.schema
    .createTable('sites')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('name', 'text', (col) => col.notNull())
    // quarantine_site, resettlement_site or transit_site
    .addColumn('type', 'text', (col) => col.notNull())
    .addColumn('node_code', 'text', (col) => col.notNull().references('jurisdictions.code'))
    .addColumn('address', 'text', (col) => col.notNull())
    // Free text: the person on duty and a telephone number of the site, not of a resident.
    .addColumn('contact', 'text')
    .addColumn('notes', 'text')
    // 1 while the site takes admissions. An inactive site keeps its rooms and history.
    .addColumn('active', 'integer', (col) => col.notNull().defaultTo(1))
    .addColumn('created_by', 'text', (col) => col.references('users.id'))
    .addColumn('created_at', timestamp, (col) => col.notNull())
    .addColumn('updated_by', 'text', (col) => col.references('users.id'))
    .addColumn('updated_at', timestamp, (col) => col.notNull())
    .addUniqueConstraint('sites_node_code_name_key', ['node_code', 'name'])
    .execute();

  // occupied counts the open stays of the room. Admissions raise it with
  // "SET occupied = occupied + 1 WHERE occupied < beds" inside the admitting
  // transaction, so two admissions to the last bed cannot both succeed on
  // either database. The check constraint backs this up.
  // A removed room keeps its row (removed_at set) for the stays that name it.
  await db.schema
    .createTable('site_rooms')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('site_id', 'text', (col) => col.notNull().references('sites.id'))
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('beds', 'integer', (col) => col.notNull())
    .addColumn('occupied', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('notes', 'text')
    .addColumn('created_at', timestamp, (col) => col.notNull())
    .addColumn('updated_at', timestamp, (col) => col.notNull())
    .addColumn('removed_at', timestamp)
    .addCheckConstraint('site_rooms_beds_check', sql`beds >= 1`)
    .addCheckConstraint('site_rooms_occupied_check', sql`occupied >= 0 and occupied <= beds`)
    .execute();

  // Room names are unique among the rooms a site still has.
  await db.schema
    .createIndex('site_rooms_site_id_name_key')
    .on('site_rooms')
    .columns(['site_id', 'name'])
    .unique()
    .where(sql.ref('removed_at'), 'is', null)
    .execute();

  // One stay of a person in a room, from admission to discharge. A transfer
  // discharges the stay and opens a new one, which transferred_to_stay_id names.
  await db.schema
    .createTable('site_stays')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('person_id', 'text', (col) => col.notNull().references('persons.id'))
    .addColumn('site_id', 'text', (col) => col.notNull().references('sites.id'))
    .addColumn('room_id', 'text', (col) => col.notNull().references('site_rooms.id'))
    .addColumn('admitted_at', timestamp, (col) => col.notNull())
    .addColumn('admitted_by', 'text', (col) => col.references('users.id'))
    // Null while the person stays.
    .addColumn('discharged_at', timestamp)
    .addColumn('discharged_by', 'text', (col) => col.references('users.id'))
    .addColumn('discharge_reason', 'text')
    .addColumn('transferred_to_stay_id', 'text', (col) => col.references('site_stays.id'))
    .addColumn('notes', 'text')
    .execute();
  // A person has at most one open stay. Both databases support partial unique indexes.
  await db.schema
    .createIndex('site_stays_open_person_id_key')
    .on('site_stays')
    .column('person_id')
    .unique()
    .where(sql.ref('discharged_at'), 'is', null)
    .execute();
  await db.schema.createIndex('site_stays_person_id_idx').on('site_stays').column('person_id').execute();
  await db.schema.createIndex('site_stays_room_id_idx').on('site_stays').columns(['room_id', 'discharged_at']).execute();
  await db.schema.createIndex('site_stays_site_id_idx').on('site_stays').columns(['site_id', 'discharged_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('site_stays').execute();
  await db.schema.dropTable('site_rooms').execute();
  await db.schema.dropTable('sites').execute();
}
