import { type Kysely, PostgresAdapter } from 'kysely';

// Frozen in time: this file never imports application code.

export async function up(db: Kysely<any>): Promise<void> {
  const timestamp = db.getExecutor().adapter instanceof PostgresAdapter ? 'timestamptz' : 'text';

  // A task is work for a person or a role in a community: created by a rule
  // (kind names the rule, source names what raised it) or by staff (manual).
  await db.schema
    .createTable('tasks')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('kind', 'text', (col) => col.notNull())
    // Title typed by staff for a manual task; rule tasks are titled from kind and details in the reader's language.
    .addColumn('title', 'text')
    // JSON object of the rule's facts (ids, dates, numbers); never names, document or phone numbers.
    .addColumn('details', 'text', (col) => col.notNull())
    .addColumn('person_id', 'text', (col) => col.references('persons.id'))
    .addColumn('node_code', 'text', (col) => col.notNull().references('jurisdictions.code'))
    .addColumn('assignee_id', 'text', (col) => col.references('users.id'))
    // Role that picks the task up when nobody is assigned (the community doctor for an abnormal declaration).
    .addColumn('assignee_role', 'text')
    .addColumn('due_at', timestamp, (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('result_note', 'text')
    // What raised a rule task ("declaration:<id>"); unique per kind, so a rule run twice makes one task.
    .addColumn('source_key', 'text')
    .addColumn('created_by', 'text', (col) => col.references('users.id'))
    .addColumn('created_at', timestamp, (col) => col.notNull())
    .addColumn('updated_at', timestamp, (col) => col.notNull())
    .addColumn('closed_at', timestamp)
    .addColumn('closed_by', 'text', (col) => col.references('users.id'))
    .execute();
  await db.schema.createIndex('tasks_kind_source_key_idx').on('tasks').columns(['kind', 'source_key']).unique().execute();
  await db.schema.createIndex('tasks_node_code_status_idx').on('tasks').columns(['node_code', 'status']).execute();
  await db.schema.createIndex('tasks_assignee_id_status_idx').on('tasks').columns(['assignee_id', 'status']).execute();
  await db.schema.createIndex('tasks_person_id_idx').on('tasks').column('person_id').execute();

  await db.schema
    .createTable('alerts')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('severity', 'text', (col) => col.notNull())
    .addColumn('node_code', 'text', (col) => col.notNull().references('jurisdictions.code'))
    .addColumn('person_id', 'text', (col) => col.references('persons.id'))
    // JSON object of facts for the subject line (temperature, symptom codes, plate); no names or numbers of persons.
    .addColumn('details', 'text', (col) => col.notNull())
    .addColumn('source_key', 'text')
    .addColumn('task_id', 'text', (col) => col.references('tasks.id'))
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('created_at', timestamp, (col) => col.notNull())
    .addColumn('acknowledged_at', timestamp)
    .addColumn('acknowledged_by', 'text', (col) => col.references('users.id'))
    .addColumn('resolved_at', timestamp)
    .addColumn('resolved_by', 'text', (col) => col.references('users.id'))
    .addColumn('resolution_note', 'text')
    .execute();
  await db.schema.createIndex('alerts_kind_source_key_idx').on('alerts').columns(['kind', 'source_key']).unique().execute();
  await db.schema.createIndex('alerts_node_code_status_idx').on('alerts').columns(['node_code', 'status']).execute();
  await db.schema.createIndex('alerts_created_at_idx').on('alerts').column('created_at').execute();

  // One row per scheduled job: when it last ran and how, so a job missed
  // while the server was down runs once when it comes back.
  await db.schema
    .createTable('job_runs')
    .addColumn('name', 'text', (col) => col.primaryKey())
    .addColumn('last_started_at', timestamp)
    .addColumn('last_finished_at', timestamp)
    // The slot (ISO time the job was due) the last successful run covered.
    .addColumn('last_slot', 'text')
    .addColumn('last_status', 'text')
    .addColumn('last_error', 'text')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('job_runs').execute();
  await db.schema.dropTable('alerts').execute();
  await db.schema.dropTable('tasks').execute();
}
