import type { HouseholdRole } from './persons.js';
import { get, post } from './request.js';
import type { Page } from './addresses.js';

export const VISIT_OUTCOMES = ['screened', 'nobody_home', 'refused'] as const;
export type VisitOutcome = (typeof VISIT_OUTCOMES)[number];

/** Symptoms the server accepts; 'none' excludes the others. */
export const SYMPTOMS = [
  'fever',
  'cough',
  'sore_throat',
  'fatigue',
  'shortness_of_breath',
  'diarrhoea',
  'loss_of_smell_or_taste',
  'none',
] as const;
export type Symptom = (typeof SYMPTOMS)[number];

/** The server's temperature range in °C; values have at most one decimal. */
export const MIN_TEMPERATURE = 35.0;
export const MAX_TEMPERATURE = 42.0;

/** Maximum visits the server accepts in one batch. */
export const MAX_BATCH_VISITS = 100;

export type RoomStatus = 'not_visited' | 'screened' | 'nobody_home' | 'revisit_due' | 'refused';

export interface NewVisitPerson {
  name: string;
  documentNumber: string;
  phone?: string;
  householdRole?: HouseholdRole;
}

/** A person of a visit: an existing file by `personId`, or a new person by `person`. */
export interface VisitPersonRequest {
  personId?: string;
  person?: NewVisitPerson;
  present: boolean;
  temperature?: number;
  symptoms?: Symptom[];
  arrivalDate?: string;
  originRegionCode?: string;
}

export interface VisitRequest {
  /** Generated on the phone when the visit is saved; every resend keeps it, so the server stores the visit once. */
  id: string;
  roomId?: string;
  placeId?: string;
  /** The phone's clock at the save, ISO-8601. */
  visitedAt: string;
  outcome: VisitOutcome;
  revisitOn?: string;
  notes?: string;
  persons: VisitPersonRequest[];
}

export interface Visit {
  id: string;
  roomId: string | null;
  placeId: string | null;
  buildingId: string | null;
  communityCode: string;
  gridCode: string | null;
  visitedBy: string;
  visitedAt: string;
  outcome: VisitOutcome;
  revisitOn: string | null;
  notes: string | null;
  createdAt: string;
  persons: {
    personId: string;
    name: string;
    documentMasked: string;
    present: boolean;
    temperature: number | null;
    symptoms: string[];
    arrivalDate: string | null;
    originRegionCode: string | null;
  }[];
}

/** Result of one visit of a batch: 201 stored, 200 stored before, 4xx rejected with the server's translated error. */
export interface BatchItemResult {
  id: string | null;
  status: number;
  visit?: Visit;
  error?: { code: string; message: string; field?: string };
}

export interface ProgressCounts {
  roomCount: number;
  visitedCount: number;
  screenedCount: number;
  nobodyHomeCount: number;
  refusedCount: number;
  revisitDueCount: number;
}

export interface BuildingProgress extends ProgressCounts {
  id: string;
  number: string;
  compoundId: string;
  compoundName: string;
  communityCode: string;
  communityName: string;
  gridCode: string | null;
}

export interface CommunityProgress extends ProgressCounts {
  communityCode: string;
  communityName: string;
  buildingCount: number;
}

export interface RoomPerson {
  id: string;
  name: string;
  documentMasked: string;
  phoneMasked: string | null;
  householdRole: string | null;
}

export interface ScreeningRoom {
  id: string;
  number: string;
  status: RoomStatus;
  latestVisit: { id: string; outcome: VisitOutcome; visitedAt: string; revisitOn: string | null } | null;
  persons: RoomPerson[];
}

export interface BuildingDetail {
  id: string;
  number: string;
  compoundId: string;
  compoundName: string;
  communityCode: string;
  communityName: string;
  gridCode: string | null;
  /** Today in China, YYYY-MM-DD. */
  today: string;
  units: { id: string; number: string; floors: { floor: number; rooms: ScreeningRoom[] }[] }[];
}

export interface Revisit {
  visitId: string;
  roomId: string | null;
  placeId: string | null;
  buildingId: string | null;
  addressText: string;
  communityCode: string;
  communityName: string;
  revisitOn: string;
  visitedAt: string;
}

export interface ProgressQuery {
  nodeCode?: string;
  page?: number;
  pageSize?: number;
}

const BASE = '/api/screening';

/** Lists the buildings of the caller's scope, or of a node inside it, with screening progress. */
export function getBuildingProgress(query: ProgressQuery = {}): Promise<Page<BuildingProgress>> {
  return get<Page<BuildingProgress>>(`${BASE}/buildings`, { ...query });
}

export function getBuildingDetail(id: string): Promise<BuildingDetail> {
  return get<BuildingDetail>(`${BASE}/buildings/${encodeURIComponent(id)}`);
}

export async function getCommunityProgress(nodeCode?: string): Promise<CommunityProgress[]> {
  const { items } = await get<{ items: CommunityProgress[] }>(`${BASE}/communities`, { nodeCode });
  return items;
}

/** Lists rooms and places found empty whose revisit day is today or earlier. */
export function getDueRevisits(query: ProgressQuery = {}): Promise<Page<Revisit>> {
  return get<Page<Revisit>>(`${BASE}/revisits`, { ...query });
}

/**
 * Sends queued visits; the response has one result per visit, in the same
 * order. A 401 rejects without the sign-in redirect: the queue sends in the
 * background and shows its own sign-in notice, so a half-filled form stays.
 */
export async function postVisitBatch(visits: VisitRequest[]): Promise<BatchItemResult[]> {
  const { results } = await post<{ results: BatchItemResult[] }>(`${BASE}/visits/batch`, { visits }, { redirectOnUnauthorized: false });
  return results;
}
