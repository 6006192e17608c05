import type { RiskEntry } from '@cordon/core';
import type { Symptom } from './screening.js';

// Types of the checkpoint phone's API; see /api/checkpoint-phone and /api/checkpoint-registrations.
// TODO: request functions (context, duplicates, register, batch, enrol) are added with the phone shell.

export const CHECKPOINT_TYPES = ['highway_exit', 'road', 'station'] as const;
export type CheckpointType = (typeof CHECKPOINT_TYPES)[number];

export const REGISTRATION_MODES = ['quick', 'detailed'] as const;
export type RegistrationMode = (typeof REGISTRATION_MODES)[number];

export const DISPOSITIONS = ['pass', 'turned_back', 'transferred'] as const;
export type Disposition = (typeof DISPOSITIONS)[number];

export const TRAVEL_PURPOSES = ['return_home', 'work', 'visit', 'transit', 'freight', 'official', 'medical', 'other'] as const;
export type TravelPurpose = (typeof TRAVEL_PURPOSES)[number];

export const OCCUPANT_ROLES = ['driver', 'passenger'] as const;
export type OccupantRole = (typeof OCCUPANT_ROLES)[number];

/** Most registrations the server takes in one batch. */
export const MAX_BATCH_REGISTRATIONS = 100;
/** Most occupants of one registration. */
export const MAX_OCCUPANTS = 9;

export interface PhoneContext {
  checkpoint: { id: string; name: string; type: CheckpointType; location: string; nodeCode: string };
  device: { id: string; name: string } | null;
  officer: { id: string; displayName: string } | null;
  officers: { id: string; displayName: string }[];
  assignedCheckpoints: { id: string; name: string }[];
  /** Effective entries of the risk-region list, in core's RiskEntry form, for the badge on the phone. */
  riskEntries: RiskEntry[];
  sites: { id: string; name: string; type: string }[];
}

export interface DuplicateHit {
  registrationId: string;
  matchedBy: 'plate' | 'document';
  checkpointName: string;
  registeredAt: string;
  plateNumber: string | null;
  documentMasked: string | null;
}

export interface OccupantRequest {
  role: OccupantRole;
  name?: string;
  documentType?: string;
  documentNumber: string;
  phone?: string;
  temperature?: number;
  symptoms?: Symptom[];
}

export interface RegistrationRequest {
  /** Generated on the phone at the save; every resend keeps it, so the server stores the registration once. */
  id: string;
  checkpointId: string;
  mode: RegistrationMode;
  /** The phone's clock at the save, ISO-8601. */
  registeredAt: string;
  officerId?: string;
  plate?: string;
  occupants: OccupantRequest[];
  originRegionCode?: string;
  destination?: { communityCode?: string; roomId?: string; placeId?: string; text?: string };
  purpose?: TravelPurpose;
  travelHistory?: { regionCode: string; from?: string; to?: string }[];
  notes?: string;
  disposition: Disposition;
  dispositionReason?: string;
  siteId?: string;
}

export interface RegistrationResult {
  id: string;
  checkpointId: string;
  checkpointName: string;
  mode: RegistrationMode;
  registeredAt: string;
  receivedAt: string;
  plateNumber: string | null;
  plateProvince: string | null;
  plateCity: string | null;
  riskLevel: 'high' | 'medium' | 'low' | null;
  riskReasons: { subject: 'plate' | 'origin' | 'document' | 'travel'; regionCode: string; level: string }[];
  disposition: Disposition;
  dispositionReason: string | null;
  siteId: string | null;
  destinationCommunityCode: string | null;
  destinationCommunityName: string | null;
  taskId: string | null;
  occupants: {
    position: number;
    role: OccupantRole;
    documentType: string;
    documentMasked: string;
    phoneMasked: string | null;
    regionCode: string | null;
    age: number | null;
    sex: 'male' | 'female' | null;
    temperature: number | null;
    symptoms: string[];
  }[];
}

export interface RegistrationOutcome {
  registration: RegistrationResult;
  duplicates: DuplicateHit[];
}

export interface RegistrationBatchResult {
  id: string | null;
  status: number;
  registration?: RegistrationResult;
  duplicates?: DuplicateHit[];
  error?: { code: string; message: string; field?: string };
}
