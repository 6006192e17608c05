import type { Generated } from 'kysely';
import type { PersonDepthTables } from './schema-person-depth.js';
import type { ImportTables } from './schema-imports.js';
import type { ScreeningTables } from './schema-screening.js';
import type { HouseholdTables } from './schema-households.js';
import type { WorkTables } from './schema-work.js';
import type { DeclarationsTables } from './schema-declarations.js';
import type { QuarantineTables } from './schema-quarantine.js';
import type { CheckpointsTables } from './schema-checkpoints.js';
import type { GatesTables } from './schema-gates.js';
import type { SitesTables } from './schema-sites.js';
import type { SmsJobsTables } from './schema-sms-jobs.js';

/**
 * Row types of the tables. Timestamps are ISO-8601 strings in UTC on both
 * databases (the pg pool parses timestamptz to ISO strings), and flags are
 * integers 0/1 because better-sqlite3 cannot bind booleans.
 */
export interface JurisdictionTable {
  code: string;
  parent_code: string | null;
  name: string;
  level: string;
  /** Materialised path of codes, "/CN/320000/320500/", for subtree queries. */
  path: string;
  created_at: string;
}

export interface UserTable {
  id: string;
  username: string;
  display_name: string;
  role: string;
  node_code: string;
  password_hash: string;
  must_change_password: number;
  disabled: number;
  failed_attempts: number;
  locked_until: string | null;
  last_sign_in_at: string | null;
  password_changed_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface SessionTable {
  /** SHA-256 of the cookie token, so a database leak does not leak sessions. */
  id_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

export interface DeviceTable {
  id: string;
  name: string;
  kind: string;
  node_code: string;
  key_hash: string;
  key_prefix: string;
  created_by: string | null;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
  /** Checkpoint of a checkpoint phone's key. */
  checkpoint_id: string | null;
  /** Gate of a gate device's key. */
  gate_id: string | null;
}

export interface AuditLogTable {
  seq: number;
  at: string;
  actor_user_id: string | null;
  actor_device_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  node_code: string | null;
  /** JSON array of the names of the fields written or revealed, never their values. */
  fields: string;
  request_id: string | null;
  /** Reason the user gave for revealing a personal field; null for every other entry. */
  reason: string | null;
  prev_hash: string;
  hash: string;
}

/** Installation-wide values, one JSON or text value per key. */
export interface SettingTable {
  key: string;
  value: string;
  updated_at: string;
}

/** A residential compound (小区) inside a community, optionally assigned to one of its grids. */
export interface CompoundTable {
  id: string;
  community_code: string;
  grid_code: string | null;
  name: string;
  /** Lower-case `normalizeAddressText(name)`, compared with the start of a search text. */
  normalized_name: string;
  created_at: string;
  updated_at: string;
}

export interface BuildingTable {
  id: string;
  compound_id: string;
  number: string;
  created_at: string;
}

export interface UnitTable {
  id: string;
  building_id: string;
  number: string;
  created_at: string;
}

export interface RoomTable {
  id: string;
  unit_id: string;
  floor: number;
  /** Floor followed by a two-digit index for generated rooms: "1202" is room 2 on floor 12. */
  number: string;
  created_at: string;
}

/** A free-form address outside compounds: a village house, a shop, an enterprise premises. */
export interface PlaceTable {
  id: string;
  community_code: string;
  grid_code: string | null;
  kind: string;
  text: string;
  /** Lower-case `normalizeAddressText(text)`, for substring search. */
  normalized_text: string;
  created_at: string;
  updated_at: string;
}

/**
 * A person file (人员档案). Identity document and phone number are stored
 * encrypted (`*_enc`), with a blind index for exact lookup and a masked form
 * for lists. Dates are YYYY-MM-DD text.
 */
export interface PersonTable {
  id: string;
  name: string;
  document_type: string;
  document_number_enc: string;
  /** blindIndex('id_document', `${type}:${number}`), unique: one file per document. */
  document_index: string;
  document_masked: string;
  birth_date: string | null;
  sex: string | null;
  document_region_code: string | null;
  phone_enc: string | null;
  /** blindIndex('phone', E.164 number with the extension after ';ext='). */
  phone_index: string | null;
  phone_masked: string | null;
  /** ISO 3166-1 alpha-3 code. */
  nationality: string;
  preferred_language: string;
  community_code: string;
  grid_code: string | null;
  room_id: string | null;
  place_id: string | null;
  household_role: string | null;
  origin_region_code: string | null;
  arrival_date: string | null;
  travel_mode: string | null;
  travel_number: string | null;
  key_person: number;
  key_person_reason: string | null;
  close_contact: number;
  close_contact_reason: string | null;
  /** Free text (备注): at most 1,000 characters from a request, but a merge may join two files' notes beyond that. */
  notes: string | null;
  source: string;
  created_at: string;
  updated_at: string;
  /** The file this one was merged into; a merged file is hidden from lists and search. */
  merged_into_id: string | null;
  merged_at: string | null;
}

export interface Database
  extends
    PersonDepthTables,
    ImportTables,
    ScreeningTables,
    HouseholdTables,
    WorkTables,
    DeclarationsTables,
    QuarantineTables,
    SitesTables,
    SmsJobsTables,
    CheckpointsTables,
    GatesTables {
  jurisdictions: JurisdictionTable;
  users: UserTable;
  sessions: SessionTable;
  devices: DeviceTable;
  audit_log: AuditLogTable;
  settings: SettingTable;
  compounds: CompoundTable;
  buildings: BuildingTable;
  units: UnitTable;
  rooms: RoomTable;
  places: PlaceTable;
  persons: PersonTable;
}

export type { Generated };
