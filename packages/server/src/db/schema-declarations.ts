/** Row types of the tables added by migration declarations; merged into Database. */
export interface DeclarationsTables {
  declaration_links: DeclarationLinkTable;
  declaration_codes: DeclarationCodeTable;
  declarations: DeclarationTable;
  declaration_reminders: DeclarationReminderTable;
}

export interface DeclarationLinkTable {
  id: string;
  person_id: string;
  /** sms_link: a personal link sent by SMS; code: the session after a one-time code. */
  channel: string;
  /** Keyed hash of the token; the token itself is never stored. */
  token_hash: string;
  created_by: string | null;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
  revoked_by: string | null;
  last_used_at: string | null;
}

export interface DeclarationCodeTable {
  id: string;
  phone_hash: string;
  code_hash: string;
  created_at: string;
  expires_at: string;
  attempts: number;
  consumed_at: string | null;
}

export interface DeclarationTable {
  id: string;
  person_id: string;
  /** Day in China and window number, "2026-12-05/1". */
  window_key: string;
  window_day: string;
  community_code: string;
  grid_code: string | null;
  temperature_tenths: number;
  /** JSON array of symptom codes; ["none"] when there are none. */
  symptoms: string;
  location: string | null;
  late: number;
  abnormal: number;
  link_id: string | null;
  declared_at: string;
  updated_at: string;
  revision: number;
}

export interface DeclarationReminderTable {
  id: string;
  person_id: string;
  window_key: string;
  sent_by: string | null;
  sent_at: string;
}
