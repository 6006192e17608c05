import { type Kysely, PostgresAdapter } from 'kysely';

// Frozen in time: this file never imports application code.

export async function up(db: Kysely<any>): Promise<void> {
  const timestamp = db.getExecutor().adapter instanceof PostgresAdapter ? 'timestamptz' : 'text';

  await db.schema
    .createTable('compounds')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('community_code', 'text', (col) => col.notNull().references('jurisdictions.code'))
    .addColumn('grid_code', 'text', (col) => col.references('jurisdictions.code'))
    .addColumn('name', 'text', (col) => col.notNull())
    // Lower-case normalised name, so a search text that starts with the compound's name finds it.
    .addColumn('normalized_name', 'text', (col) => col.notNull())
    .addColumn('created_at', timestamp, (col) => col.notNull())
    .addColumn('updated_at', timestamp, (col) => col.notNull())
    .addUniqueConstraint('compounds_community_code_name_key', ['community_code', 'name'])
    .execute();
  await db.schema.createIndex('compounds_grid_code_idx').on('compounds').column('grid_code').execute();

  // The unique constraints below also serve as the indexes of the parent lookups.
  await db.schema
    .createTable('buildings')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('compound_id', 'text', (col) => col.notNull().references('compounds.id'))
    .addColumn('number', 'text', (col) => col.notNull())
    .addColumn('created_at', timestamp, (col) => col.notNull())
    .addUniqueConstraint('buildings_compound_id_number_key', ['compound_id', 'number'])
    .execute();

  await db.schema
    .createTable('units')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('building_id', 'text', (col) => col.notNull().references('buildings.id'))
    .addColumn('number', 'text', (col) => col.notNull())
    .addColumn('created_at', timestamp, (col) => col.notNull())
    .addUniqueConstraint('units_building_id_number_key', ['building_id', 'number'])
    .execute();

  await db.schema
    .createTable('rooms')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('unit_id', 'text', (col) => col.notNull().references('units.id'))
    .addColumn('floor', 'integer', (col) => col.notNull())
    .addColumn('number', 'text', (col) => col.notNull())
    .addColumn('created_at', timestamp, (col) => col.notNull())
    .addUniqueConstraint('rooms_unit_id_number_key', ['unit_id', 'number'])
    .execute();

  await db.schema
    .createTable('places')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('community_code', 'text', (col) => col.notNull().references('jurisdictions.code'))
    .addColumn('grid_code', 'text', (col) => col.references('jurisdictions.code'))
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('text', 'text', (col) => col.notNull())
    .addColumn('normalized_text', 'text', (col) => col.notNull())
    .addColumn('created_at', timestamp, (col) => col.notNull())
    .addColumn('updated_at', timestamp, (col) => col.notNull())
    .execute();
  await db.schema.createIndex('places_community_code_idx').on('places').column('community_code').execute();
  await db.schema.createIndex('places_grid_code_idx').on('places').column('grid_code').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('places').execute();
  await db.schema.dropTable('rooms').execute();
  await db.schema.dropTable('units').execute();
  await db.schema.dropTable('buildings').execute();
  await db.schema.dropTable('compounds').execute();
}
