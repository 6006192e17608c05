/** Row types of the tables added by migration quarantine; merged into Database. */
export interface QuarantineTables {
  home_quarantines: HomeQuarantineTable;
  quarantine_observations: QuarantineObservationTable;
  quarantine_changes: QuarantineChangeTable;
  quarantine_notice_counters: QuarantineNoticeCounterTable;
}

/**
 * A home quarantine (居家隔离). Days are YYYY-MM-DD calendar days in China: the
 * start day is day 1, and planned_end_on is the last day of the period.
 */
export interface HomeQuarantineTable {
  id: string;
  person_id: string;
  community_code: string;
  grid_code: string | null;
  start_on: string;
  planned_end_on: string;
  /** active, released, ended_early */
  status: string;
  room_id: string | null;
  place_id: string | null;
  /** Typed address of the place of quarantine when neither a room nor a place is on file. */
  address_text: string | null;
  reason: string;
  started_by: string | null;
  /** Day in China of the release or the early end; null while active. */
  ended_on: string | null;
  ended_at: string | null;
  ended_by: string | null;
  end_reason: string | null;
  /** Document number of the home-quarantine notice, given at the start, "苏隔告〔2026〕第000123号". */
  notice_number: string | null;
  /** Document number of the release notice, given at the release; null otherwise. */
  release_notice_number: string | null;
  created_at: string;
  updated_at: string;
}

/** A medical observation of a quarantined person, at most one per day and half-day. */
export interface QuarantineObservationTable {
  id: string;
  quarantine_id: string;
  observed_on: string;
  /** morning, afternoon */
  period: string;
  /** Body temperature in tenths of a degree Celsius (366 is 36.6 °C). */
  temperature_tenths: number;
  /** JSON array of symptom codes; ["none"] when there are none. */
  symptoms: string;
  observed_by: string;
  note: string | null;
  created_at: string;
}

/** An extension, early end or release, with the end day before and after it. */
export interface QuarantineChangeTable {
  id: string;
  quarantine_id: string;
  /** extended, ended_early, released */
  kind: string;
  previous_end_on: string;
  new_end_on: string;
  /** Days added by an extension; null for the other kinds. */
  days: number | null;
  reason: string | null;
  changed_by: string | null;
  changed_at: string;
}

/** Last document number given per kind of notice (notice, release) and year. */
export interface QuarantineNoticeCounterTable {
  kind: string;
  year: number;
  last_number: number;
}
