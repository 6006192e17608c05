import type { DocumentType } from '@cordon/core';
import type { Page } from './addresses.js';
import { get, patch, post } from './request.js';

/** Household roles and travel modes, as the server's person schema lists them. */
export const HOUSEHOLD_ROLES = ['owner', 'family', 'tenant', 'employee'] as const;
export type HouseholdRole = (typeof HOUSEHOLD_ROLES)[number];

export const TRAVEL_MODES = ['train', 'flight', 'car', 'bus', 'other'] as const;
export type TravelMode = (typeof TRAVEL_MODES)[number];

/** Fields whose full value the server returns only through a reveal, which the audit log records. */
export const REVEALABLE_FIELDS = ['documentNumber', 'phone'] as const;
export type RevealableField = (typeof REVEALABLE_FIELDS)[number];

/** A list row: the document number and phone arrive masked. */
export interface PersonSummary {
  id: string;
  name: string;
  documentType: string;
  documentMasked: string;
  phoneMasked: string | null;
  /** YYYY-MM-DD, read from the document number, or null when the number encodes none. */
  birthDate: string | null;
  sex: 'male' | 'female' | null;
  communityCode: string;
  communityName: string;
  gridCode: string | null;
  keyPerson: boolean;
  closeContact: boolean;
  updatedAt: string;
}

export interface PersonDetail extends PersonSummary {
  nationality: string;
  preferredLanguage: string;
  documentRegionCode: string | null;
  /** Names from the province down to the region that issued the document; empty when its number encodes none. */
  documentRegionName: string[];
  gridName: string | null;
  roomId: string | null;
  placeId: string | null;
  /** Address of the linked room or place, such as "金色里程3幢2单元1202室". */
  addressText: string | null;
  householdRole: HouseholdRole | null;
  originRegionCode: string | null;
  originRegionName: string[];
  arrivalDate: string | null;
  travelMode: TravelMode | null;
  travelNumber: string | null;
  keyPersonReason: string | null;
  closeContactReason: string | null;
  source: string;
  createdAt: string;
}

export interface PersonListQuery {
  /** A name, or a whole document number or phone number: the server matches numbers exactly. */
  q?: string;
  communityCode?: string;
  keyPerson?: boolean;
  closeContact?: boolean;
  page?: number;
  pageSize?: number;
}

export interface RegisterPersonRequest {
  name: string;
  documentType?: DocumentType;
  documentNumber: string;
  communityCode: string;
  phone?: string;
  householdRole?: HouseholdRole;
  originRegionCode?: string;
  /** YYYY-MM-DD. */
  arrivalDate?: string;
  travelMode?: TravelMode;
  travelNumber?: string;
  keyPerson?: boolean;
  keyPersonReason?: string;
  closeContact?: boolean;
  closeContactReason?: string;
}

/** An edit: absent fields stay as they are, and null clears an optional field. */
export type UpdatePersonRequest = {
  [Field in keyof RegisterPersonRequest]?: RegisterPersonRequest[Field] | null;
};

/** `created` is false when the document number matched an existing file, which the server updated instead. */
export interface RegisterPersonResult {
  person: PersonDetail;
  created: boolean;
}

export interface RevealResult {
  field: RevealableField;
  value: string;
}

/** An audit entry about one person file. */
export interface PersonHistoryEntry {
  seq: number;
  at: string;
  /** Audit action code, such as person.update. */
  action: string;
  actorUserId: string | null;
  actorName: string | null;
  fields: string[];
  /** Reason given for a reveal; null for other entries. */
  reason: string | null;
}

const BASE = '/api/persons';

/** Lists the person files of the caller's scope with masked numbers. */
export function getPersonList(query: PersonListQuery): Promise<Page<PersonSummary>> {
  return get<Page<PersonSummary>>(BASE, { ...query });
}

export function getPerson(id: string): Promise<PersonDetail> {
  return get<PersonDetail>(`${BASE}/${encodeURIComponent(id)}`);
}

/** Registers a person, or updates the existing file with the same document number. */
export function registerPerson(person: RegisterPersonRequest): Promise<RegisterPersonResult> {
  return post<RegisterPersonResult>(BASE, person);
}

export function updatePerson(id: string, changes: UpdatePersonRequest): Promise<PersonDetail> {
  return patch<PersonDetail>(`${BASE}/${encodeURIComponent(id)}`, changes);
}

/** Returns the full value of one masked field. The server records the reveal and its reason in the audit log. */
export function revealPersonField(id: string, field: RevealableField, reason: string): Promise<RevealResult> {
  return post<RevealResult>(`${BASE}/${encodeURIComponent(id)}/reveal`, { field, reason });
}

export async function getPersonHistory(id: string): Promise<PersonHistoryEntry[]> {
  const { items } = await get<{ items: PersonHistoryEntry[] }>(`${BASE}/${encodeURIComponent(id)}/history`);
  return items;
}
