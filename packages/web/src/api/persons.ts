import type { DocumentType, RiskLevel } from '@cordon/core';
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
  /** Highest level of the risk-region entries that match the person today; null when none does. */
  riskLevel: RiskLevel | null;
  updatedAt: string;
}

/** The person's region that a risk-region entry matched: the document's, the origin, or the community lived in. */
export type RiskSubject = 'documentRegion' | 'originRegion' | 'currentRegion';

/** A risk-region entry that matched one of the person's regions. */
export interface PersonRiskMatch {
  entryId: string;
  value: string;
  valueName: string[];
  level: RiskLevel;
  effectiveFrom: string;
  effectiveTo: string | null;
  subject: RiskSubject;
  /** The person's region code that lies inside the entry. */
  regionCode: string;
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
  /** Free text kept on the file (备注), with lines separated by "\n", or null when none. */
  notes: string | null;
  source: string;
  createdAt: string;
  /** Matching entries, highest level first. */
  riskMatches: PersonRiskMatch[];
  /** The file this one was merged into; the console shows that file instead. */
  mergedIntoId: string | null;
  mergedAt: string | null;
}

export interface PersonListQuery {
  /** A name, or a whole document number or phone number: the server matches numbers exactly. */
  q?: string;
  communityCode?: string;
  keyPerson?: boolean;
  closeContact?: boolean;
  /** A computed risk level, or 'none' for people no entry matches. */
  riskLevel?: RiskLevel | 'none';
  page?: number;
  pageSize?: number;
}

/** Languages of the messages and public pages a person receives; the server accepts these. */
export const PREFERRED_LANGUAGES = ['zh-CN', 'en', 'ja', 'ko'] as const;
export type PreferredLanguage = (typeof PREFERRED_LANGUAGES)[number];

export interface RegisterPersonRequest {
  name: string;
  documentType?: DocumentType;
  documentNumber: string;
  communityCode: string;
  phone?: string;
  gridCode?: string;
  roomId?: string;
  placeId?: string;
  householdRole?: HouseholdRole;
  preferredLanguage?: PreferredLanguage;
  originRegionCode?: string;
  /** YYYY-MM-DD. */
  arrivalDate?: string;
  travelMode?: TravelMode;
  travelNumber?: string;
  keyPerson?: boolean;
  keyPersonReason?: string;
  closeContact?: boolean;
  closeContactReason?: string;
  /** Free text of up to 1,000 characters. The server keeps line breaks and treats blank text as none. */
  notes?: string;
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

export interface MergePersonResult {
  person: PersonDetail;
  /** Fields of the kept file that were empty and now hold the merged file's values. */
  filledFields: string[];
}

export interface RevealResult {
  field: RevealableField;
  value: string;
}

/** An audit entry about one person file. */
export interface PersonHistoryEntry {
  seq: number;
  /** The file the entry is about: this one, or a file merged into it. */
  personId: string;
  at: string;
  /** Audit action code, such as person.update. */
  action: string;
  actorUserId: string | null;
  actorName: string | null;
  fields: string[];
  /** Reason given for a reveal or a merge; null for other entries. */
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

/** Merges the source file into the target. The target keeps its document and gains the source's values for its empty fields. */
export function mergePerson(targetId: string, sourceId: string, reason: string): Promise<MergePersonResult> {
  return post<MergePersonResult>(`${BASE}/${encodeURIComponent(targetId)}/merge`, { sourceId, reason });
}

export async function getPersonHistory(id: string): Promise<PersonHistoryEntry[]> {
  const { items } = await get<{ items: PersonHistoryEntry[] }>(`${BASE}/${encodeURIComponent(id)}/history`);
  return items;
}
