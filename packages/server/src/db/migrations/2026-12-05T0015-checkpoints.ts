import { type Kysely, PostgresAdapter } from 'kysely';

// Frozen in time once landed: this file never imports application code.

export async function up(db: Kysely<any>): Promise<void> {
  const timestamp = db.getExecutor().adapter instanceof PostgresAdapter ? 'timestamptz' : 'text';

  // A highway exit, road or station checkpoint (卡口), run by the jurisdiction in node_code.
  await db.schema
    .createTable('checkpoints')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('name', 'text', (col) => col.notNull())
    // highway_exit, road or station
    .addColumn('type', 'text', (col) => col.notNull())
    .addColumn('node_code', 'text', (col) => col.notNull().references('jurisdictions.code'))
    // Where officers find it, such as "G2 京沪高速苏州新区出口 (southbound)".
    .addColumn('location', 'text', (col) => col.notNull())
    // WGS-84 degrees, optional; text keeps both databases exact.
    .addColumn('longitude', 'text')
    .addColumn('latitude', 'text')
    .addColumn('active', 'integer', (col) => col.notNull().defaultTo(1))
    .addColumn('created_by', 'text', (col) => col.references('users.id'))
    .addColumn('created_at', timestamp, (col) => col.notNull())
    .addColumn('updated_by', 'text', (col) => col.references('users.id'))
    .addColumn('updated_at', timestamp, (col) => col.notNull())
    .addUniqueConstraint('checkpoints_node_code_name_key', ['node_code', 'name'])
    .execute();

  // Officers on a checkpoint's roster: they may register there with their own session.
  await db.schema
    .createTable('checkpoint_officers')
    .addColumn('checkpoint_id', 'text', (col) => col.notNull().references('checkpoints.id'))
    .addColumn('user_id', 'text', (col) => col.notNull().references('users.id'))
    .addColumn('assigned_by', 'text', (col) => col.references('users.id'))
    .addColumn('assigned_at', timestamp, (col) => col.notNull())
    .addPrimaryKeyConstraint('checkpoint_officers_pkey', ['checkpoint_id', 'user_id'])
    .execute();
  await db.schema.createIndex('checkpoint_officers_user_id_idx').on('checkpoint_officers').column('user_id').execute();

  // A checkpoint phone's device key names its checkpoint.
  await db.schema
    .alterTable('devices')
    .addColumn('checkpoint_id', 'text', (col) => col.references('checkpoints.id'))
    .execute();

  // A one-time enrolment code shown as a QR in the console. Only its keyed
  // hash is stored; the phone that scans it first gets a device key.
  await db.schema
    .createTable('checkpoint_enrolments')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('checkpoint_id', 'text', (col) => col.notNull().references('checkpoints.id'))
    .addColumn('token_hash', 'text', (col) => col.notNull().unique())
    .addColumn('device_name', 'text', (col) => col.notNull())
    .addColumn('expires_at', timestamp, (col) => col.notNull())
    .addColumn('created_by', 'text', (col) => col.references('users.id'))
    .addColumn('created_at', timestamp, (col) => col.notNull())
    .addColumn('used_at', timestamp)
    .addColumn('device_id', 'text', (col) => col.references('devices.id'))
    .execute();

  // One car (or walk-in at a station) registered at a checkpoint. The id comes
  // from the phone, so a registration sent again finds its first copy.
  await db.schema
    .createTable('checkpoint_registrations')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('checkpoint_id', 'text', (col) => col.notNull().references('checkpoints.id'))
    // The checkpoint's jurisdiction at the time, for scope checks without a join.
    .addColumn('node_code', 'text', (col) => col.notNull().references('jurisdictions.code'))
    // quick or detailed
    .addColumn('mode', 'text', (col) => col.notNull())
    .addColumn('device_id', 'text', (col) => col.references('devices.id'))
    .addColumn('officer_id', 'text', (col) => col.references('users.id'))
    // Time on the phone when the officer saved it; received_at is the server's.
    .addColumn('registered_at', timestamp, (col) => col.notNull())
    .addColumn('received_at', timestamp, (col) => col.notNull())
    // Normalised plate (鄂A12345), null for a walk-in at a station.
    .addColumn('plate_number', 'text')
    .addColumn('plate_region_code', 'text')
    .addColumn('origin_region_code', 'text')
    .addColumn('destination_community_code', 'text', (col) => col.references('jurisdictions.code'))
    .addColumn('destination_room_id', 'text', (col) => col.references('rooms.id'))
    .addColumn('destination_place_id', 'text', (col) => col.references('places.id'))
    // The address as the officer typed it, encrypted: it says where a person sleeps.
    .addColumn('destination_text_enc', 'text')
    .addColumn('purpose', 'text')
    // Encrypted JSON array of { regionCode, from, to } for the last 14 days.
    .addColumn('travel_history_enc', 'text')
    .addColumn('notes_enc', 'text')
    // pass, turned_back or transferred
    .addColumn('disposition', 'text', (col) => col.notNull())
    .addColumn('disposition_reason', 'text')
    .addColumn('site_id', 'text', (col) => col.references('sites.id'))
    // Highest risk level found (high, medium, low) or null.
    .addColumn('risk_level', 'text')
    // Keyed hash of the request body, to tell a resend from a different registration with the same id.
    .addColumn('request_hash', 'text', (col) => col.notNull())
    // Verification task of the destination community, once the closed loop made it.
    .addColumn('task_id', 'text', (col) => col.references('tasks.id'))
    .execute();
  await db.schema
    .createIndex('checkpoint_registrations_checkpoint_id_idx')
    .on('checkpoint_registrations')
    .columns(['checkpoint_id', 'registered_at'])
    .execute();
  await db.schema
    .createIndex('checkpoint_registrations_node_code_idx')
    .on('checkpoint_registrations')
    .columns(['node_code', 'registered_at'])
    .execute();
  await db.schema
    .createIndex('checkpoint_registrations_plate_idx')
    .on('checkpoint_registrations')
    .columns(['plate_number', 'registered_at'])
    .execute();
  await db.schema
    .createIndex('checkpoint_registrations_destination_idx')
    .on('checkpoint_registrations')
    .columns(['destination_community_code', 'registered_at'])
    .execute();

  // Driver and passengers of a registration, each with a document.
  await db.schema
    .createTable('checkpoint_occupants')
    .addColumn('registration_id', 'text', (col) => col.notNull().references('checkpoint_registrations.id'))
    .addColumn('position', 'integer', (col) => col.notNull())
    // driver or passenger
    .addColumn('role', 'text', (col) => col.notNull())
    .addColumn('name_enc', 'text')
    .addColumn('document_type', 'text', (col) => col.notNull())
    .addColumn('document_number_enc', 'text', (col) => col.notNull())
    .addColumn('document_index', 'text', (col) => col.notNull())
    .addColumn('document_masked', 'text', (col) => col.notNull())
    .addColumn('document_region_code', 'text')
    .addColumn('birth_date', 'text')
    .addColumn('sex', 'text')
    .addColumn('phone_enc', 'text')
    .addColumn('phone_masked', 'text')
    // Degrees Celsius in tenths, as elsewhere.
    .addColumn('temperature_tenths', 'integer')
    // JSON array of symptom codes.
    .addColumn('symptoms', 'text', (col) => col.notNull())
    // The person file the closed loop created or updated, if any.
    .addColumn('person_id', 'text', (col) => col.references('persons.id'))
    .addPrimaryKeyConstraint('checkpoint_occupants_pkey', ['registration_id', 'position'])
    .execute();
  await db.schema.createIndex('checkpoint_occupants_document_index_idx').on('checkpoint_occupants').column('document_index').execute();
  await db.schema.createIndex('checkpoint_occupants_person_id_idx').on('checkpoint_occupants').column('person_id').execute();

  // Outcome of a task that asks a yes-or-no question, such as found or not_found for a checkpoint arrival.
  await db.schema.alterTable('tasks').addColumn('result', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('tasks').dropColumn('result').execute();
  await db.schema.dropTable('checkpoint_occupants').execute();
  await db.schema.dropTable('checkpoint_registrations').execute();
  await db.schema.dropTable('checkpoint_enrolments').execute();
  await db.schema.alterTable('devices').dropColumn('checkpoint_id').execute();
  await db.schema.dropTable('checkpoint_officers').execute();
  await db.schema.dropTable('checkpoints').execute();
}
