/** Row types of the tables added by migration gates, merged into Database. */
export interface GatesTables {
  gates: GateTable;
  compound_managers: CompoundManagerTable;
  vehicles: VehicleTable;
  access_passes: AccessPassTable;
  gate_rules: GateRuleTable;
  gate_events: GateEventTable;
  gate_pictures: GatePictureTable;
  gate_alert_folds: GateAlertFoldTable;
  notifier_webhooks: NotifierWebhookTable;
  notifier_deliveries: NotifierDeliveryTable;
  visitors: VisitorTable;
  key_tracking: KeyTrackingTable;
}

export interface GateTable {
  id: string;
  compound_id: string;
  name: string;
  /** pedestrian, vehicle or both */
  kind: string;
  active: number;
  created_by: string | null;
  created_at: string;
  updated_by: string | null;
  updated_at: string;
}

export interface CompoundManagerTable {
  compound_id: string;
  user_id: string;
  phone_enc: string | null;
  phone_masked: string | null;
  sms_alerts: number;
  assigned_by: string | null;
  assigned_at: string;
}

export interface VehicleTable {
  id: string;
  compound_id: string;
  room_id: string;
  plate_number: string;
  plate_region_code: string | null;
  owner_person_id: string | null;
  notes: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface AccessPassTable {
  id: string;
  compound_id: string;
  person_id: string;
  serial: string;
  card_number: string | null;
  secret_enc: string;
  link_token_hash: string | null;
  /** active or revoked */
  status: string;
  valid_until: string | null;
  /** manual, home_quarantine or moved_out */
  revoked_reason: string | null;
  revoked_at: string | null;
  revoked_by: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface GateRuleTable {
  id: string;
  node_code: string | null;
  compound_id: string | null;
  position: number;
  kind: string;
  /** JSON object of the kind's parameters. */
  params: string;
  /** open, open_and_alert, deny or deny_and_alert */
  action: string;
  alert_text: string | null;
  enabled: number;
  created_by: string | null;
  created_at: string;
  updated_by: string | null;
  updated_at: string;
}

export interface GateEventTable {
  id: string;
  device_id: string;
  gate_id: string;
  compound_id: string;
  node_code: string;
  /** cordon, hikvision, dahua, vzenith or gat1400 */
  format: string;
  source_key: string;
  /** plate, card or qr */
  kind: string;
  /** in, out or null */
  direction: string | null;
  occurred_at: string;
  received_at: string;
  plate_number: string | null;
  plate_region_code: string | null;
  /** Plate text as the camera read it, control characters removed; at most 32 characters. */
  plate_text: string | null;
  card_number_masked: string | null;
  pass_id: string | null;
  /** valid, expired, forged or revoked for a QR code event; null otherwise. */
  pass_check: string | null;
  vehicle_id: string | null;
  person_id: string | null;
  temperature_tenths: number | null;
  decision: string;
  rule_id: string | null;
  rule_kind: string | null;
  alert_id: string | null;
  picture_count: number;
}

export interface GatePictureTable {
  id: string;
  event_id: string;
  /** plate, scene or face */
  role: string;
  content_type: string;
  data: Buffer;
  created_at: string;
}

export interface GateAlertFoldTable {
  compound_id: string;
  subject_key: string;
  alert_id: string;
  event_count: number;
  first_at: string;
  last_at: string;
}

export interface NotifierWebhookTable {
  id: string;
  node_code: string | null;
  compound_id: string | null;
  name: string;
  /** wecom, dingtalk or generic */
  kind: string;
  url_enc: string;
  url_masked: string;
  secret_enc: string | null;
  active: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface NotifierDeliveryTable {
  id: string;
  webhook_id: string;
  alert_id: string;
  /** pending, sent or failed */
  status: string;
  attempts: number;
  next_attempt_at: string;
  last_status_code: number | null;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
}

export interface VisitorTable {
  id: string;
  compound_id: string;
  gate_id: string | null;
  node_code: string;
  visit_date: string;
  name_enc: string;
  name_masked: string;
  document_type: string;
  document_number_enc: string;
  document_index: string;
  document_masked: string;
  phone_enc: string;
  phone_masked: string;
  host_room_id: string;
  host_person_id: string;
  purpose: string;
  temperature_tenths: number;
  /** waiting, confirmed, declined, refused or expired */
  status: string;
  confirm_token_hash: string | null;
  confirm_expires_at: string;
  decided_at: string | null;
  registered_by: string | null;
  created_at: string;
}

export interface KeyTrackingTable {
  id: string;
  compound_id: string;
  /** vehicle or person */
  subject_type: string;
  plate_number: string | null;
  person_id: string | null;
  reason: string;
  created_by: string | null;
  created_at: string;
  ended_at: string | null;
  ended_by: string | null;
}
