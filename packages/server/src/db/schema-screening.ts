/** Row types of the tables added by migration screening; merged into Database. */
export interface ScreeningTables {
  screening_visits: ScreeningVisitTable;
  screening_visit_persons: ScreeningVisitPersonTable;
}

/** One door-to-door visit of a room or a place, with the id the phone generated. */
export interface ScreeningVisitTable {
  id: string;
  room_id: string | null;
  place_id: string | null;
  /** Building of the room; null for a place. */
  building_id: string | null;
  community_code: string;
  grid_code: string | null;
  visited_by: string;
  /** The phone's clock at the visit, ISO-8601 in UTC. */
  visited_at: string;
  outcome: string;
  /** Day of the next visit (YYYY-MM-DD) when nobody was home; null otherwise. */
  revisit_on: string | null;
  notes: string | null;
  /** blindIndex of the canonical request body: equal for a resent visit, different for another body with the same id. */
  request_hash: string;
  created_at: string;
}

/** A person seen or looked for at a visit. */
export interface ScreeningVisitPersonTable {
  visit_id: string;
  person_id: string;
  /** Index in the visit's list of persons, from 0. */
  position: number;
  present: number;
  arrival_date: string | null;
  origin_region_code: string | null;
  /** Body temperature in tenths of a degree Celsius (366 is 36.6 °C). */
  temperature_tenths: number | null;
  /** JSON array of symptom codes. */
  symptoms: string;
}
