import type { TaskStatus } from './tasks.js';
import type { CheckpointType, Disposition, RegistrationMode, RegistrationResult, TravelPurpose } from './checkpoint-phone.js';
import { buildUrl, get, patch, post, request } from './request.js';

// Console requests of the checkpoint module: checkpoints, their officers and
// phones (/api/checkpoints), registrations and their statistics
// (/api/checkpoint-registrations) and expected arrivals (/api/checkpoint-arrivals).

export interface CheckpointOfficer {
  userId: string;
  displayName: string;
  username: string;
}

export interface Checkpoint {
  id: string;
  name: string;
  type: CheckpointType;
  /** Jurisdiction that runs the checkpoint. */
  nodeCode: string;
  nodeName: string;
  location: string;
  /** Decimal degrees as the server stores them, or null when not given. */
  longitude: string | null;
  latitude: string | null;
  /** False once deactivated: the checkpoint's phones can no longer register. */
  active: boolean;
  officers: CheckpointOfficer[];
  /** Enrolled phones whose key is not revoked. */
  activeDeviceCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface CheckpointRequest {
  name: string;
  type: CheckpointType;
  nodeCode: string;
  location: string;
  longitude?: string;
  latitude?: string;
}

/** Changes of a checkpoint; its jurisdiction is fixed, and null clears a coordinate. */
export interface CheckpointChanges {
  name?: string;
  type?: CheckpointType;
  location?: string;
  longitude?: string | null;
  latitude?: string | null;
  active?: boolean;
}

export interface OfficerCandidate {
  userId: string;
  displayName: string;
  username: string;
  nodeName: string;
}

export interface CheckpointDevice {
  id: string;
  name: string;
  keyPrefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  /** Null while the phone may register. */
  revokedAt: string | null;
}

/** A one-time enrolment: the phone opens `url`, whose fragment carries the token. */
export interface EnrolmentTicket {
  id: string;
  token: string;
  url: string;
  expiresAt: string;
}

export type EnrolmentState = 'waiting' | 'used' | 'expired';

export interface EnrolmentStatus {
  id: string;
  status: EnrolmentState;
  /** The phone's device once the token was used. */
  deviceId: string | null;
  expiresAt: string;
}

export type RiskLevel = 'high' | 'medium' | 'low';
/** Risk filter of the registration list; `none` is a registration that matched no entry of the risk-region list. */
export type RiskFilter = RiskLevel | 'none';

/** A registration in the console list: of each occupant only the role and the masked numbers. */
export interface RegistrationListItem extends Omit<RegistrationResult, 'occupants'> {
  occupantCount: number;
  occupants: Pick<RegistrationResult['occupants'][number], 'position' | 'role' | 'documentType' | 'documentMasked' | 'phoneMasked'>[];
}

export interface RegistrationDetail extends RegistrationResult {
  notes: string | null;
  purpose: TravelPurpose | null;
  originRegionCode: string | null;
}

export interface RegistrationQuery {
  checkpointId?: string | undefined;
  /** First and last China day (YYYY-MM-DD) of the range, both included. */
  from?: string | undefined;
  to?: string | undefined;
  disposition?: Disposition | undefined;
  riskLevel?: RiskFilter | undefined;
  mode?: RegistrationMode | undefined;
  plate?: string | undefined;
  page?: number;
  pageSize?: number;
}

export interface RegistrationStats {
  /** Registrations per China hour ('YYYY-MM-DDTHH') and checkpoint; hours without registrations are left out. */
  hourly: { hour: string; checkpointId: string; count: number }[];
  risk: { high: number; medium: number; low: number; none: number };
  dispositions: Record<Disposition, number>;
  checkpoints: { id: string; name: string; count: number }[];
  total: number;
}

export type ArrivalTaskResult = 'found' | 'not_found';

export interface Arrival {
  registrationId: string;
  registeredAt: string;
  checkpointName: string;
  plateNumber: string | null;
  occupantCount: number;
  destinationCommunityCode: string;
  destinationCommunityName: string;
  /** Room label such as 3幢2单元1202, or the address typed on the phone. */
  destinationText: string | null;
  riskLevel: RiskLevel | null;
  /** Null while the closed loop has not created the verification task yet. */
  taskId: string | null;
  taskStatus: TaskStatus | null;
  taskResult: ArrivalTaskResult | null;
}

const BASE = '/api/checkpoints';
const REGISTRATIONS = '/api/checkpoint-registrations';
const idPath = (id: string) => encodeURIComponent(id);

export async function getCheckpointList(includeInactive: boolean): Promise<Checkpoint[]> {
  const { items } = await get<{ items: Checkpoint[] }>(BASE, { includeInactive });
  return items;
}

export function createCheckpoint(checkpoint: CheckpointRequest): Promise<Checkpoint> {
  return post<Checkpoint>(BASE, checkpoint);
}

export function updateCheckpoint(id: string, changes: CheckpointChanges): Promise<Checkpoint> {
  return patch<Checkpoint>(`${BASE}/${idPath(id)}`, changes);
}

/** Replaces the checkpoint's roster with these checkpoint officers. */
export function setCheckpointOfficers(id: string, userIds: string[]): Promise<Checkpoint> {
  return request<Checkpoint>('PUT', `${BASE}/${idPath(id)}/officers`, { body: { userIds } });
}

/** Lists the checkpoint officers in the manager's scope that a roster may take. */
export async function getOfficerCandidates(): Promise<OfficerCandidate[]> {
  const { items } = await get<{ items: OfficerCandidate[] }>(`${BASE}/officer-candidates`);
  return items;
}

export async function getCheckpointDevices(checkpointId: string): Promise<CheckpointDevice[]> {
  const { items } = await get<{ items: CheckpointDevice[] }>(`${BASE}/${idPath(checkpointId)}/devices`);
  return items;
}

export function revokeCheckpointDevice(checkpointId: string, deviceId: string): Promise<CheckpointDevice> {
  return post<CheckpointDevice>(`${BASE}/${idPath(checkpointId)}/devices/${idPath(deviceId)}/revoke`);
}

/** Starts a phone enrolment; the token is valid for one use within minutes. */
export function createEnrolment(checkpointId: string, deviceName: string): Promise<EnrolmentTicket> {
  return post<EnrolmentTicket>(`${BASE}/${idPath(checkpointId)}/enrolments`, { deviceName });
}

export function getEnrolment(id: string): Promise<EnrolmentStatus> {
  return get<EnrolmentStatus>(`${BASE}/enrolments/${idPath(id)}`);
}

export function getRegistrationList(query: RegistrationQuery): Promise<{ items: RegistrationListItem[]; total: number }> {
  return get(REGISTRATIONS, { ...query });
}

export function getRegistrationStats(query: Pick<RegistrationQuery, 'from' | 'to' | 'checkpointId'>): Promise<RegistrationStats> {
  return get<RegistrationStats>(`${REGISTRATIONS}/stats`, { ...query });
}

export function getRegistration(id: string): Promise<RegistrationDetail> {
  return get<RegistrationDetail>(`${REGISTRATIONS}/${idPath(id)}`);
}

/** Lists the registrations heading to communities in the viewer's scope on one China day (today by default). */
export function getArrivals(query: {
  date?: string;
  communityCode?: string | undefined;
  page?: number;
  pageSize?: number;
}): Promise<{ items: Arrival[]; total: number }> {
  return get(`/api/checkpoint-arrivals`, { ...query });
}

/**
 * URL of the registrations export as xlsx, with masked document and phone
 * numbers, for the list's filter. The server streams it, so the browser
 * downloads it through a link.
 */
export function registrationExportUrl(filter: Omit<RegistrationQuery, 'page' | 'pageSize'>, lang: string): string {
  return buildUrl('/api/exports/checkpoint-registrations.xlsx', { ...filter, lang });
}
