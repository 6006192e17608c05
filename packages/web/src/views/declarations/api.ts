import { get, post, request } from '../../api/request.js';

export const FOLLOW_UP_STATUSES = ['all', 'declared', 'missing', 'abnormal'] as const;
export type FollowUpStatus = (typeof FOLLOW_UP_STATUSES)[number];

export interface FollowUpWindow {
  /** "2026-12-05/1": the day in China and the window's number. */
  key: string;
  day: string;
  number: number;
  start: string;
  end: string;
  opensAt: string;
  closesAt: string;
  open: boolean;
  /** The open window or, between windows, the last closed one; reminders go only to this one. */
  current: boolean;
}

export interface FollowUpCounts {
  expected: number;
  declared: number;
  missing: number;
  abnormal: number;
  late: number;
  reminded: number;
}

export interface FollowUpGroup extends FollowUpCounts {
  communityCode: string;
  communityName: string;
  gridCode: string | null;
  gridName: string | null;
}

export interface FollowUpSummary {
  node: { code: string; name: string; level: string };
  window: FollowUpWindow;
  windowsOfDay: FollowUpWindow[];
  counts: FollowUpCounts;
  groups: FollowUpGroup[];
}

export interface FollowUpPerson {
  personId: string;
  name: string;
  documentMasked: string;
  phoneMasked: string | null;
  communityCode: string;
  gridCode: string | null;
  declaration: {
    id: string;
    declaredAt: string;
    updatedAt: string;
    temperature: number;
    symptoms: string[];
    location: string | null;
    late: boolean;
    abnormal: boolean;
  } | null;
  remindedAt: string | null;
}

export interface ReminderResult {
  window: FollowUpWindow;
  sent: number;
  skipped: { declared: number; alreadyReminded: number; notRequired: number; noPhone: number; failed: number };
  remaining: number;
}

export interface CompletionRow {
  day: string;
  windowKey: string;
  number: number;
  start: string;
  end: string;
  expected: number;
  declared: number;
  late: number;
  abnormal: number;
  /** Share from 0 to 1, or null when no person had to declare. */
  rate: number | null;
}

export interface DeclarationSettings {
  windows: { start: string; end: string }[];
  scope: { homeQuarantine: boolean; sites: boolean; arrivalsWithinDays: number };
  linkDays: number;
  /** Default length of a home quarantine (setting quarantine.days); absent while the settings API does not carry it. */
  quarantineDays?: number;
  updatedAt: string | null;
}

const BASE = '/api/declarations';

export function getFollowUpSummary(query: { nodeCode?: string; window?: string }): Promise<FollowUpSummary> {
  return get<FollowUpSummary>(`${BASE}/follow-up`, query);
}

export function getFollowUpPersons(query: {
  nodeCode?: string;
  window?: string;
  status: FollowUpStatus;
  page: number;
  pageSize: number;
}): Promise<{ window: FollowUpWindow; items: FollowUpPerson[]; total: number }> {
  return get(`${BASE}/follow-up/persons`, query);
}

/** Reminds the given persons, or every missing person of the node when no ids are given. */
export function sendReminders(body: { personIds?: string[]; nodeCode?: string; window?: string }): Promise<ReminderResult> {
  return post<ReminderResult>(`${BASE}/reminders`, body);
}

export async function getCompletion(query: { nodeCode?: string; from: string; to: string }): Promise<CompletionRow[]> {
  const { rows } = await get<{ rows: CompletionRow[] }>(`${BASE}/completion`, query);
  return rows;
}

export function getDeclarationSettings(): Promise<DeclarationSettings> {
  return get<DeclarationSettings>(`${BASE}/settings`);
}

export function putDeclarationSettings(body: Omit<DeclarationSettings, 'updatedAt'>): Promise<DeclarationSettings> {
  return request<DeclarationSettings>('PUT', `${BASE}/settings`, { body });
}
