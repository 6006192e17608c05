/** Row types of the tables added by migration work (tasks, alerts, job runs); merged into Database. */
export interface WorkTables {
  tasks: TaskTable;
  alerts: AlertTable;
  job_runs: JobRunTable;
}

export interface TaskTable {
  id: string;
  /** manual, abnormal_declaration, missed_declarations, quarantine_ending, import_verify, … */
  kind: string;
  title: string | null;
  /** JSON object of the rule's facts; never names, document or phone numbers. */
  details: string;
  person_id: string | null;
  node_code: string;
  assignee_id: string | null;
  assignee_role: string | null;
  due_at: string;
  /** open, in_progress, done, cancelled */
  status: string;
  result_note: string | null;
  /** found or not_found for a checkpoint_arrival task; null for other kinds and for open tasks. */
  result: string | null;
  source_key: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  closed_by: string | null;
}

export interface AlertTable {
  id: string;
  kind: string;
  /** info, warning, critical */
  severity: string;
  node_code: string;
  person_id: string | null;
  details: string;
  source_key: string | null;
  task_id: string | null;
  /** new, acknowledged, resolved */
  status: string;
  created_at: string;
  acknowledged_at: string | null;
  acknowledged_by: string | null;
  resolved_at: string | null;
  resolved_by: string | null;
  resolution_note: string | null;
  /** Compound of a gate alert: only that compound's managers among gate guards see it. */
  compound_id: string | null;
}

export interface JobRunTable {
  name: string;
  last_started_at: string | null;
  last_finished_at: string | null;
  last_slot: string | null;
  last_status: string | null;
  last_error: string | null;
}
