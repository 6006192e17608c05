/** Row types of the tables added by migration checkpoints, merged into Database. */
export interface CheckpointsTables {
  checkpoints: CheckpointTable;
  checkpoint_officers: CheckpointOfficerTable;
  checkpoint_enrolments: CheckpointEnrolmentTable;
  checkpoint_registrations: CheckpointRegistrationTable;
  checkpoint_occupants: CheckpointOccupantTable;
}

export interface CheckpointTable {
  id: string;
  name: string;
  /** highway_exit, road or station */
  type: string;
  /** Jurisdiction that runs the checkpoint. */
  node_code: string;
  location: string;
  longitude: string | null;
  latitude: string | null;
  active: number;
  created_by: string | null;
  created_at: string;
  updated_by: string | null;
  updated_at: string;
}

export interface CheckpointOfficerTable {
  checkpoint_id: string;
  user_id: string;
  assigned_by: string | null;
  assigned_at: string;
}

export interface CheckpointEnrolmentTable {
  id: string;
  checkpoint_id: string;
  token_hash: string;
  device_name: string;
  expires_at: string;
  created_by: string | null;
  created_at: string;
  used_at: string | null;
  device_id: string | null;
}

export interface CheckpointRegistrationTable {
  id: string;
  checkpoint_id: string;
  node_code: string;
  /** quick or detailed */
  mode: string;
  device_id: string | null;
  officer_id: string | null;
  registered_at: string;
  received_at: string;
  plate_number: string | null;
  plate_region_code: string | null;
  origin_region_code: string | null;
  destination_community_code: string | null;
  destination_room_id: string | null;
  destination_place_id: string | null;
  destination_text_enc: string | null;
  purpose: string | null;
  travel_history_enc: string | null;
  notes_enc: string | null;
  /** pass, turned_back or transferred */
  disposition: string;
  disposition_reason: string | null;
  site_id: string | null;
  risk_level: string | null;
  request_hash: string;
  task_id: string | null;
}

export interface CheckpointOccupantTable {
  registration_id: string;
  position: number;
  /** driver or passenger */
  role: string;
  name_enc: string | null;
  document_type: string;
  document_number_enc: string;
  document_index: string;
  document_masked: string;
  document_region_code: string | null;
  birth_date: string | null;
  sex: string | null;
  phone_enc: string | null;
  phone_masked: string | null;
  temperature_tenths: number | null;
  symptoms: string;
  person_id: string | null;
}
