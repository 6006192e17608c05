import { buildUrl, get, patch, post, request } from './request.js';

// Console requests of the gates module's set-up (/api/gate-admin): compounds
// a manager may manage, their gates and gate devices, managers, resident
// vehicles, access passes and key tracking.

const BASE = '/api/gate-admin';

export const GATE_KINDS = ['pedestrian', 'vehicle', 'both'] as const;
export type GateKind = (typeof GATE_KINDS)[number];

export const PASS_STATUSES = ['active', 'revoked'] as const;
export type PassStatus = (typeof PASS_STATUSES)[number];

export const TRACKING_SUBJECTS = ['vehicle', 'person'] as const;
export type TrackingSubject = (typeof TRACKING_SUBJECTS)[number];

/** A compound the signed-in user may manage, with its gate set-up counts. */
export interface GateCompound {
  id: string;
  name: string;
  communityCode: string;
  communityName: string;
  gateCount: number;
  deviceCount: number;
  vehicleCount: number;
  activePassCount: number;
  /** False when the user may only view the compound. */
  managed: boolean;
}

export interface GateDevice {
  id: string;
  name: string;
  keyPrefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  /** Null while the device may send events. */
  revokedAt: string | null;
}

export interface Gate {
  id: string;
  compoundId: string;
  name: string;
  kind: GateKind;
  active: boolean;
  devices: GateDevice[];
}

/** A new gate device and its key, which the server returns only this once. */
export interface CreatedGateDevice {
  device: GateDevice;
  key: string;
}

export interface CompoundManager {
  userId: string;
  displayName: string;
  username: string;
  role: string;
  phoneMasked: string | null;
  smsAlerts: boolean;
}

/** An active account that office staff may add as a manager of the compound. */
export interface ManagerCandidate {
  userId: string;
  displayName: string;
  username: string;
  role: string;
}

/** One manager in a replacement of the list: an omitted phone keeps the stored one, and null clears it. */
export interface CompoundManagerChange {
  userId: string;
  phone?: string | null;
  smsAlerts: boolean;
}

export interface Vehicle {
  id: string;
  plateNumber: string;
  plateRegionCode: string | null;
  plateRegionName?: string | null;
  roomId: string;
  roomText: string;
  ownerPersonId: string | null;
  /** Masked as person lists mask names. */
  ownerName: string | null;
  notes: string | null;
  createdAt: string;
}

export interface CreateVehicleRequest {
  /** As typed: the server parses it the way parsePlate does. */
  plate: string;
  roomId: string;
  ownerPersonId?: string;
  notes?: string;
}

export interface AccessPass {
  id: string;
  serial: string;
  personId: string;
  personName: string;
  roomText: string | null;
  cardNumber: string | null;
  status: PassStatus;
  /** manual, home_quarantine, moved_out or merged (the holder's file was merged into another). */
  revokedReason: string | null;
  revokedAt: string | null;
  validUntil: string | null;
  createdAt: string;
  /** True once an e-pass link has been sent. */
  linkSent: boolean;
}

/** A new e-pass link; `smsSent` is true when the server also sent it to the holder's phone. */
export interface PassLink {
  url: string;
  smsSent: boolean;
}

export interface IssuePassRequest {
  personId: string;
  cardNumber?: string;
  /** YYYY-MM-DD. */
  validUntil?: string;
}

export interface PassChanges {
  cardNumber?: string | null;
  validUntil?: string | null;
}

export interface KeyTracking {
  id: string;
  subjectType: TrackingSubject;
  plateNumber: string | null;
  personId: string | null;
  personName: string | null;
  reason: string;
  createdAt: string;
  endedAt: string | null;
  eventCount: number;
}

export interface CreateKeyTrackingRequest {
  subjectType: TrackingSubject;
  plate?: string;
  personId?: string;
  reason: string;
}

/** A gate event as the gate-event list returns it. */
export interface GateEvent {
  id: string;
  compoundId: string;
  compoundName: string;
  gateId: string;
  gateName: string;
  deviceName: string;
  format: string;
  kind: string;
  direction: 'in' | 'out' | null;
  occurredAt: string;
  receivedAt: string;
  plateNumber: string | null;
  plateRegionCode: string | null;
  cardNumberMasked: string | null;
  passSerial: string | null;
  personName: string | null;
  /** °C, or null when the device measured none. */
  temperature: number | null;
  decision: 'open' | 'deny';
  action: string;
  ruleId: string | null;
  ruleKind: string | null;
  ruleSource: 'compound' | 'jurisdiction' | 'default' | null;
  alertId: string | null;
  pictureIds: string[];
}

interface Items<Item> {
  items: Item[];
}

function path(...segments: string[]): string {
  return `${BASE}/${segments.map((segment) => encodeURIComponent(segment)).join('/')}`;
}

export async function getGateCompounds(q?: string): Promise<GateCompound[]> {
  return (await get<Items<GateCompound>>(`${BASE}/compounds`, { q })).items;
}

export async function getGates(compoundId: string): Promise<Gate[]> {
  return (await get<Items<Gate>>(path('compounds', compoundId, 'gates'))).items;
}

export function createGate(compoundId: string, gate: { name: string; kind: GateKind }): Promise<Gate> {
  return post<Gate>(path('compounds', compoundId, 'gates'), gate);
}

export function updateGate(gateId: string, changes: { name?: string; kind?: GateKind; active?: boolean }): Promise<Gate> {
  return patch<Gate>(path('gates', gateId), changes);
}

export function createGateDevice(gateId: string, name: string): Promise<CreatedGateDevice> {
  return post<CreatedGateDevice>(path('gates', gateId, 'devices'), { name });
}

export function revokeGateDevice(deviceId: string): Promise<GateDevice> {
  return post<GateDevice>(path('devices', deviceId, 'revoke'));
}

export async function getCompoundManagers(compoundId: string): Promise<CompoundManager[]> {
  return (await get<Items<CompoundManager>>(path('compounds', compoundId, 'managers'))).items;
}

export async function getManagerCandidates(compoundId: string, q?: string): Promise<ManagerCandidate[]> {
  return (await get<Items<ManagerCandidate>>(path('compounds', compoundId, 'manager-candidates'), { q })).items;
}

export async function putCompoundManagers(compoundId: string, managers: CompoundManagerChange[]): Promise<CompoundManager[]> {
  return (await request<Items<CompoundManager>>('PUT', path('compounds', compoundId, 'managers'), { body: { managers } })).items;
}

export async function getVehicles(compoundId: string, q?: string): Promise<Vehicle[]> {
  return (await get<Items<Vehicle>>(path('compounds', compoundId, 'vehicles'), { q })).items;
}

export function createVehicle(compoundId: string, vehicle: CreateVehicleRequest): Promise<Vehicle> {
  return post<Vehicle>(path('compounds', compoundId, 'vehicles'), vehicle);
}

export function deleteVehicle(vehicleId: string): Promise<void> {
  return request<void>('DELETE', path('vehicles', vehicleId));
}

export async function getPasses(compoundId: string, query: { status?: PassStatus | ''; q?: string } = {}): Promise<AccessPass[]> {
  return (await get<Items<AccessPass>>(path('compounds', compoundId, 'passes'), query)).items;
}

export function issuePass(compoundId: string, pass: IssuePassRequest): Promise<AccessPass> {
  return post<AccessPass>(path('compounds', compoundId, 'passes'), pass);
}

export function updatePass(passId: string, changes: PassChanges): Promise<AccessPass> {
  return patch<AccessPass>(path('passes', passId), changes);
}

export function revokePass(passId: string, reason?: string): Promise<AccessPass> {
  return post<AccessPass>(path('passes', passId, 'revoke'), reason ? { reason } : {});
}

/** Gives the pass a new secret, so its printed codes and sent links stop working. */
export function reissuePass(passId: string): Promise<AccessPass> {
  return post<AccessPass>(path('passes', passId, 'reissue'));
}

/** Creates a new e-pass link; the server also sends it by SMS when the holder's file has a phone. */
export function sendPassLink(passId: string): Promise<PassLink> {
  return post<PassLink>(path('passes', passId, 'link'));
}

/** URL of the printable paper passes (A4 PDF) of the given passes. */
export function paperPassesUrl(compoundId: string, passIds: readonly string[]): string {
  if (passIds.length === 1) return path('passes', passIds[0] ?? '', 'paper.pdf');
  return buildUrl(path('compounds', compoundId, 'passes', 'paper.pdf'), { ids: passIds.join(',') });
}

export async function getKeyTracking(compoundId: string): Promise<KeyTracking[]> {
  return (await get<Items<KeyTracking>>(path('compounds', compoundId, 'key-tracking'))).items;
}

export function createKeyTracking(compoundId: string, tracking: CreateKeyTrackingRequest): Promise<KeyTracking> {
  return post<KeyTracking>(path('compounds', compoundId, 'key-tracking'), tracking);
}

export function endKeyTracking(id: string): Promise<KeyTracking> {
  return post<KeyTracking>(path('key-tracking', id, 'end'));
}

export async function getKeyTrackingEvents(id: string): Promise<GateEvent[]> {
  return (await get<Items<GateEvent>>(path('key-tracking', id, 'events'))).items;
}

/** Lists the gate events of a person under key tracking; the server responds with 404 when the person is not tracked. */
export async function getPersonGateEvents(personId: string): Promise<GateEvent[]> {
  return (await get<Items<GateEvent>>(path('persons', personId, 'gate-events'))).items;
}
