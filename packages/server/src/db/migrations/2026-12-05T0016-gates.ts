import { type Kysely, PostgresAdapter } from 'kysely';

// Frozen in time once landed: this file never imports application code.

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const timestamp = postgres ? 'timestamptz' : 'text';
  const bytes = postgres ? 'bytea' : 'blob';

  // An entrance of a compound: pedestrian, vehicle or both.
  await db.schema
    .createTable('gates')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('compound_id', 'text', (col) => col.notNull().references('compounds.id'))
    .addColumn('name', 'text', (col) => col.notNull())
    // pedestrian, vehicle or both
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('active', 'integer', (col) => col.notNull().defaultTo(1))
    .addColumn('created_by', 'text', (col) => col.references('users.id'))
    .addColumn('created_at', timestamp, (col) => col.notNull())
    .addColumn('updated_by', 'text', (col) => col.references('users.id'))
    .addColumn('updated_at', timestamp, (col) => col.notNull())
    .addUniqueConstraint('gates_compound_id_name_key', ['compound_id', 'name'])
    .execute();

  // A gate device's key names its gate; the events it posts belong to that gate's compound.
  await db.schema
    .alterTable('devices')
    .addColumn('gate_id', 'text', (col) => col.references('gates.id'))
    .execute();

  // Staff who manage a compound's gates and receive its gate alerts. A gate
  // guard sees only the compounds he is on; the phone gets the SMS alerts.
  await db.schema
    .createTable('compound_managers')
    .addColumn('compound_id', 'text', (col) => col.notNull().references('compounds.id'))
    .addColumn('user_id', 'text', (col) => col.notNull().references('users.id'))
    .addColumn('phone_enc', 'text')
    .addColumn('phone_masked', 'text')
    .addColumn('sms_alerts', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('assigned_by', 'text', (col) => col.references('users.id'))
    .addColumn('assigned_at', timestamp, (col) => col.notNull())
    .addPrimaryKeyConstraint('compound_managers_pkey', ['compound_id', 'user_id'])
    .execute();
  await db.schema.createIndex('compound_managers_user_id_idx').on('compound_managers').column('user_id').execute();

  // A resident vehicle, registered to a household (a room of the compound).
  await db.schema
    .createTable('vehicles')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('compound_id', 'text', (col) => col.notNull().references('compounds.id'))
    .addColumn('room_id', 'text', (col) => col.notNull().references('rooms.id'))
    // Normalised plate (苏E12345) as core's parser prints it.
    .addColumn('plate_number', 'text', (col) => col.notNull())
    .addColumn('plate_region_code', 'text')
    .addColumn('owner_person_id', 'text', (col) => col.references('persons.id'))
    .addColumn('notes', 'text')
    .addColumn('created_by', 'text', (col) => col.references('users.id'))
    .addColumn('created_at', timestamp, (col) => col.notNull())
    .addColumn('updated_at', timestamp, (col) => col.notNull())
    .addUniqueConstraint('vehicles_compound_id_plate_number_key', ['compound_id', 'plate_number'])
    .execute();
  await db.schema.createIndex('vehicles_room_id_idx').on('vehicles').column('room_id').execute();

  // An access pass (出入证) of one person for one compound. The QR e-pass code
  // is derived from the encrypted secret and the time, so a screenshot expires.
  await db.schema
    .createTable('access_passes')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('compound_id', 'text', (col) => col.notNull().references('compounds.id'))
    .addColumn('person_id', 'text', (col) => col.notNull().references('persons.id'))
    // Printed on the paper pass, such as "A0001234"; unique per compound.
    .addColumn('serial', 'text', (col) => col.notNull())
    .addColumn('card_number', 'text')
    .addColumn('secret_enc', 'text', (col) => col.notNull())
    // Keyed hash of the e-pass link token sent to the holder's phone.
    .addColumn('link_token_hash', 'text', (col) => col.unique())
    // active or revoked
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('valid_until', 'text')
    // manual, home_quarantine or moved_out
    .addColumn('revoked_reason', 'text')
    .addColumn('revoked_at', timestamp)
    .addColumn('revoked_by', 'text', (col) => col.references('users.id'))
    .addColumn('created_by', 'text', (col) => col.references('users.id'))
    .addColumn('created_at', timestamp, (col) => col.notNull())
    .addColumn('updated_at', timestamp, (col) => col.notNull())
    .addUniqueConstraint('access_passes_compound_id_serial_key', ['compound_id', 'serial'])
    .addUniqueConstraint('access_passes_compound_id_card_number_key', ['compound_id', 'card_number'])
    .execute();
  await db.schema.createIndex('access_passes_person_id_idx').on('access_passes').column('person_id').execute();

  // A gate rule of a jurisdiction (node_code) or of one compound (compound_id); exactly one is set.
  await db.schema
    .createTable('gate_rules')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('node_code', 'text', (col) => col.references('jurisdictions.code'))
    .addColumn('compound_id', 'text', (col) => col.references('compounds.id'))
    .addColumn('position', 'integer', (col) => col.notNull())
    .addColumn('kind', 'text', (col) => col.notNull())
    // JSON object of the kind's parameters, such as {"levels":["high"]} or {"thresholdTenths":373}.
    .addColumn('params', 'text', (col) => col.notNull())
    // open, open_and_alert, deny or deny_and_alert
    .addColumn('action', 'text', (col) => col.notNull())
    .addColumn('alert_text', 'text')
    .addColumn('enabled', 'integer', (col) => col.notNull().defaultTo(1))
    .addColumn('created_by', 'text', (col) => col.references('users.id'))
    .addColumn('created_at', timestamp, (col) => col.notNull())
    .addColumn('updated_by', 'text', (col) => col.references('users.id'))
    .addColumn('updated_at', timestamp, (col) => col.notNull())
    .execute();
  await db.schema.createIndex('gate_rules_node_code_idx').on('gate_rules').column('node_code').execute();
  await db.schema.createIndex('gate_rules_compound_id_idx').on('gate_rules').column('compound_id').execute();

  // Every event a gate device posted, with the decision returned to it.
  await db.schema
    .createTable('gate_events')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('device_id', 'text', (col) => col.notNull().references('devices.id'))
    .addColumn('gate_id', 'text', (col) => col.notNull().references('gates.id'))
    .addColumn('compound_id', 'text', (col) => col.notNull().references('compounds.id'))
    // Community of the compound, for scope checks without a join.
    .addColumn('node_code', 'text', (col) => col.notNull().references('jurisdictions.code'))
    // cordon, hikvision, dahua, vzenith or gat1400
    .addColumn('format', 'text', (col) => col.notNull())
    // The device's own id of the event, or a hash of its content: a second copy is a replay.
    .addColumn('source_key', 'text', (col) => col.notNull())
    // plate, card or qr
    .addColumn('kind', 'text', (col) => col.notNull())
    // in, out or null when the device does not say
    .addColumn('direction', 'text')
    .addColumn('occurred_at', timestamp, (col) => col.notNull())
    .addColumn('received_at', timestamp, (col) => col.notNull())
    .addColumn('plate_number', 'text')
    .addColumn('plate_region_code', 'text')
    // What the camera read, control characters removed, at most 32 characters: shown when the plate could not be parsed.
    .addColumn('plate_text', 'text')
    .addColumn('card_number_masked', 'text')
    .addColumn('pass_id', 'text', (col) => col.references('access_passes.id'))
    // Result of checking a QR code against its pass: valid, expired (a screenshot), forged or revoked; null for other events.
    .addColumn('pass_check', 'text')
    .addColumn('vehicle_id', 'text', (col) => col.references('vehicles.id'))
    .addColumn('person_id', 'text', (col) => col.references('persons.id'))
    .addColumn('temperature_tenths', 'integer')
    // open, open_and_alert, deny or deny_and_alert
    .addColumn('decision', 'text', (col) => col.notNull())
    .addColumn('rule_id', 'text')
    // Kind of the rule that fired, kept when the rule is deleted; "default:<kind>" for a built-in rule.
    .addColumn('rule_kind', 'text')
    .addColumn('alert_id', 'text', (col) => col.references('alerts.id'))
    .addColumn('picture_count', 'integer', (col) => col.notNull().defaultTo(0))
    .addUniqueConstraint('gate_events_device_id_source_key_key', ['device_id', 'source_key'])
    .execute();
  await db.schema.createIndex('gate_events_compound_id_idx').on('gate_events').columns(['compound_id', 'occurred_at']).execute();
  await db.schema.createIndex('gate_events_plate_idx').on('gate_events').columns(['plate_number', 'occurred_at']).execute();
  await db.schema.createIndex('gate_events_person_id_idx').on('gate_events').columns(['person_id', 'occurred_at']).execute();
  await db.schema.createIndex('gate_events_received_at_idx').on('gate_events').column('received_at').execute();

  // Pictures that came with an event (plate close-up, scene), kept for the retention period.
  await db.schema
    .createTable('gate_pictures')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('event_id', 'text', (col) => col.notNull().references('gate_events.id'))
    // plate, scene or face
    .addColumn('role', 'text', (col) => col.notNull())
    .addColumn('content_type', 'text', (col) => col.notNull())
    .addColumn('data', bytes, (col) => col.notNull())
    .addColumn('created_at', timestamp, (col) => col.notNull())
    .execute();
  await db.schema.createIndex('gate_pictures_event_id_idx').on('gate_pictures').column('event_id').execute();
  await db.schema.createIndex('gate_pictures_created_at_idx').on('gate_pictures').column('created_at').execute();

  // Repeated alerts for one subject (a plate, a pass) at one compound within the window are folded into one alert.
  await db.schema
    .createTable('gate_alert_folds')
    .addColumn('compound_id', 'text', (col) => col.notNull().references('compounds.id'))
    .addColumn('subject_key', 'text', (col) => col.notNull())
    .addColumn('alert_id', 'text', (col) => col.notNull().references('alerts.id'))
    .addColumn('event_count', 'integer', (col) => col.notNull())
    .addColumn('first_at', timestamp, (col) => col.notNull())
    .addColumn('last_at', timestamp, (col) => col.notNull())
    .addPrimaryKeyConstraint('gate_alert_folds_pkey', ['compound_id', 'subject_key'])
    .execute();

  // A gate alert belongs to one compound: its managers see it, other compounds' managers never do.
  await db.schema.alterTable('alerts').addColumn('compound_id', 'text').execute();
  await db.schema.createIndex('alerts_compound_id_idx').on('alerts').column('compound_id').execute();

  // An outgoing webhook of a jurisdiction or a compound: a WeChat Work or DingTalk robot, or any receiver.
  await db.schema
    .createTable('notifier_webhooks')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('node_code', 'text', (col) => col.references('jurisdictions.code'))
    .addColumn('compound_id', 'text', (col) => col.references('compounds.id'))
    .addColumn('name', 'text', (col) => col.notNull())
    // wecom, dingtalk or generic
    .addColumn('kind', 'text', (col) => col.notNull())
    // The URL can hold the robot's access token, so it is encrypted like the secret.
    .addColumn('url_enc', 'text', (col) => col.notNull())
    .addColumn('url_masked', 'text', (col) => col.notNull())
    .addColumn('secret_enc', 'text')
    .addColumn('active', 'integer', (col) => col.notNull().defaultTo(1))
    .addColumn('created_by', 'text', (col) => col.references('users.id'))
    .addColumn('created_at', timestamp, (col) => col.notNull())
    .addColumn('updated_at', timestamp, (col) => col.notNull())
    .execute();

  // One alert to one webhook, sent by a job with retries.
  await db.schema
    .createTable('notifier_deliveries')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('webhook_id', 'text', (col) => col.notNull().references('notifier_webhooks.id'))
    .addColumn('alert_id', 'text', (col) => col.notNull().references('alerts.id'))
    // pending, sent or failed
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('next_attempt_at', timestamp, (col) => col.notNull())
    .addColumn('last_status_code', 'integer')
    .addColumn('last_error', 'text')
    .addColumn('created_at', timestamp, (col) => col.notNull())
    .addColumn('sent_at', timestamp)
    .addUniqueConstraint('notifier_deliveries_webhook_id_alert_id_key', ['webhook_id', 'alert_id'])
    .execute();
  await db.schema.createIndex('notifier_deliveries_status_idx').on('notifier_deliveries').columns(['status', 'next_attempt_at']).execute();

  // A visitor registered at a gate (来访登记); let in only after the host confirms by a link.
  await db.schema
    .createTable('visitors')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('compound_id', 'text', (col) => col.notNull().references('compounds.id'))
    .addColumn('gate_id', 'text', (col) => col.references('gates.id'))
    .addColumn('node_code', 'text', (col) => col.notNull().references('jurisdictions.code'))
    // China calendar day of the visit, YYYY-MM-DD.
    .addColumn('visit_date', 'text', (col) => col.notNull())
    .addColumn('name_enc', 'text', (col) => col.notNull())
    .addColumn('name_masked', 'text', (col) => col.notNull())
    .addColumn('document_type', 'text', (col) => col.notNull())
    .addColumn('document_number_enc', 'text', (col) => col.notNull())
    .addColumn('document_index', 'text', (col) => col.notNull())
    .addColumn('document_masked', 'text', (col) => col.notNull())
    .addColumn('phone_enc', 'text', (col) => col.notNull())
    .addColumn('phone_masked', 'text', (col) => col.notNull())
    .addColumn('host_room_id', 'text', (col) => col.notNull().references('rooms.id'))
    .addColumn('host_person_id', 'text', (col) => col.notNull().references('persons.id'))
    .addColumn('purpose', 'text', (col) => col.notNull())
    .addColumn('temperature_tenths', 'integer', (col) => col.notNull())
    // waiting, confirmed, declined, refused (fever at the gate) or expired
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('confirm_token_hash', 'text', (col) => col.unique())
    .addColumn('confirm_expires_at', timestamp, (col) => col.notNull())
    .addColumn('decided_at', timestamp)
    .addColumn('registered_by', 'text', (col) => col.references('users.id'))
    .addColumn('created_at', timestamp, (col) => col.notNull())
    .execute();
  await db.schema.createIndex('visitors_compound_id_idx').on('visitors').columns(['compound_id', 'visit_date']).execute();

  // A vehicle (by plate) or a person marked for key tracking (重点跟踪) at a compound.
  await db.schema
    .createTable('key_tracking')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('compound_id', 'text', (col) => col.notNull().references('compounds.id'))
    // vehicle or person
    .addColumn('subject_type', 'text', (col) => col.notNull())
    .addColumn('plate_number', 'text')
    .addColumn('person_id', 'text', (col) => col.references('persons.id'))
    .addColumn('reason', 'text', (col) => col.notNull())
    .addColumn('created_by', 'text', (col) => col.references('users.id'))
    .addColumn('created_at', timestamp, (col) => col.notNull())
    .addColumn('ended_at', timestamp)
    .addColumn('ended_by', 'text', (col) => col.references('users.id'))
    .execute();
  await db.schema.createIndex('key_tracking_compound_id_idx').on('key_tracking').column('compound_id').execute();
  await db.schema.createIndex('key_tracking_person_id_idx').on('key_tracking').column('person_id').execute();
  await db.schema.createIndex('key_tracking_plate_number_idx').on('key_tracking').column('plate_number').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('key_tracking').execute();
  await db.schema.dropTable('visitors').execute();
  await db.schema.dropTable('notifier_deliveries').execute();
  await db.schema.dropTable('notifier_webhooks').execute();
  await db.schema.dropIndex('alerts_compound_id_idx').execute();
  await db.schema.alterTable('alerts').dropColumn('compound_id').execute();
  await db.schema.dropTable('gate_alert_folds').execute();
  await db.schema.dropTable('gate_pictures').execute();
  await db.schema.dropTable('gate_events').execute();
  await db.schema.dropTable('gate_rules').execute();
  await db.schema.dropTable('access_passes').execute();
  await db.schema.dropTable('vehicles').execute();
  await db.schema.dropTable('compound_managers').execute();
  await db.schema.alterTable('devices').dropColumn('gate_id').execute();
  await db.schema.dropTable('gates').execute();
}
