import type { RiskEntry } from '@cordon/core';
import { get, post, type RequestOptions } from './request.js';
import type { Symptom } from './screening.js';

// Types and requests of the checkpoint phone's API: /api/checkpoint-phone,
// /api/checkpoint-registrations and the public enrolment endpoint.

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
  /** Issuing country of a passport, ISO 3166-1 alpha-3; required with a passport. */
  nationality?: string;
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

export interface Enrolment {
  /** The device key; the phone stores it and sends it as X-Device-Key. */
  key: string;
  device: { id: string; name: string };
  checkpoint: { id: string; name: string; location: string };
}

export interface DuplicateQuery {
  plate?: string;
  documentNumber?: string;
  documentType?: string;
}

/**
 * Options of a phone request: with a device key the phone authenticates as
 * the device, without one the officer's session cookie is used. A 401 is
 * handled by the page (revoked key, expired session), never by the global
 * sign-in redirect.
 */
function phoneOptions(deviceKey: string | null): Pick<RequestOptions, 'headers' | 'redirectOnUnauthorized'> {
  return { redirectOnUnauthorized: false, ...(deviceKey ? { headers: { 'X-Device-Key': deviceKey } } : {}) };
}

/** Exchanges the one-time token of an enrolment QR for this phone's device key. */
export function enrolPhone(token: string): Promise<Enrolment> {
  return post<Enrolment>('/api/public/checkpoint-enrolments', { token }, { redirectOnUnauthorized: false });
}

/** Loads the checkpoint, roster, risk entries and sites; an officer session may choose one of its checkpoints. */
export function getPhoneContext(deviceKey: string | null, checkpointId?: string): Promise<PhoneContext> {
  return get<PhoneContext>('/api/checkpoint-phone/context', deviceKey ? {} : { checkpointId }, phoneOptions(deviceKey));
}

/** Finds registrations of the same plate or document at any checkpoint in the last 12 hours. */
export async function findDuplicates(deviceKey: string | null, query: DuplicateQuery): Promise<DuplicateHit[]> {
  const { items } = await get<{ items: DuplicateHit[] }>('/api/checkpoint-phone/duplicates', { ...query }, phoneOptions(deviceKey));
  return items;
}

/** Sends up to MAX_BATCH_REGISTRATIONS registrations; each result carries the status a single request would have had. */
export async function postRegistrationBatch(deviceKey: string | null, items: RegistrationRequest[]): Promise<RegistrationBatchResult[]> {
  const { results } = await post<{ results: RegistrationBatchResult[] }>(
    '/api/checkpoint-registrations/batch',
    { items },
    phoneOptions(deviceKey),
  );
  return results;
}

/** Searches communities, rooms and places anywhere in Cordon for a car's destination. */
export async function searchDestinations(deviceKey: string | null, q: string, limit = 20): Promise<DestinationHit[]> {
  const { items } = await get<{ items: DestinationHit[] }>('/api/checkpoint-phone/destinations', { q, limit }, phoneOptions(deviceKey));
  return items;
}

/**
 * A destination offered to the phone by a search of Cordon's address data:
 * a community, or a room or place inside one.
 */
export interface DestinationHit {
  type: 'community' | 'room' | 'place';
  /** Id of the room or place; null for a community. */
  id: string | null;
  communityCode: string;
  communityName: string;
  /** Room address (金色里程3幢2单元1202室), place text or the community's path. */
  text: string;
}
