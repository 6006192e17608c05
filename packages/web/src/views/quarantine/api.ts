import { buildUrl, get, post } from '../../api/request.js';

/** State of a quarantine today: active ones by their planned end, ended ones by status. */
export type QuarantinePhase = 'active' | 'ending_today' | 'ending_tomorrow' | 'overdue' | 'released' | 'ended_early';
export type QuarantineStatus = 'active' | 'released' | 'ended_early';

/** Tabs of the list, as the server's `view` filter names them. */
export const QUARANTINE_VIEWS = ['active', 'ending_today', 'ending_tomorrow', 'overdue', 'released', 'ended_early'] as const;
export type QuarantineView = (typeof QUARANTINE_VIEWS)[number];

export const OBSERVATION_PERIODS = ['morning', 'afternoon'] as const;
export type ObservationPeriod = (typeof OBSERVATION_PERIODS)[number];

/** Symptoms the server accepts; 'none' excludes the others. */
export const OBSERVATION_SYMPTOMS = [
  'fever',
  'cough',
  'sore_throat',
  'fatigue',
  'shortness_of_breath',
  'diarrhoea',
  'loss_of_smell_or_taste',
  'none',
] as const;
export type ObservationSymptom = (typeof OBSERVATION_SYMPTOMS)[number];

/** Limits the server checks; the forms check them first to name the problem at once. */
export const MIN_TEMPERATURE = 35.0;
export const MAX_TEMPERATURE = 42.0;
export const MIN_QUARANTINE_DAYS = 1;
export const MAX_QUARANTINE_DAYS = 60;
export const MIN_EXTENSION_DAYS = 1;
export const MAX_EXTENSION_DAYS = 30;
export const REASON_MAX_LENGTH = 200;
export const NOTE_MAX_LENGTH = 500;
export const ADDRESS_MAX_LENGTH = 200;
/** Maximum range of the calendar request, in days. */
export const MAX_CALENDAR_DAYS = 62;

export interface QuarantineSummary {
  id: string;
  personId: string;
  personName: string;
  documentMasked: string;
  phoneMasked: string | null;
  communityCode: string;
  communityName: string;
  gridCode: string | null;
  startOn: string;
  plannedEndOn: string;
  days: number;
  /** Number of today in the quarantine, 1 on the start day; null once ended. */
  dayNumber: number | null;
  status: QuarantineStatus;
  phase: QuarantinePhase;
  addressText: string;
  endedOn: string | null;
}

export interface QuarantineChange {
  kind: 'extended' | 'ended_early' | 'released';
  previousEndOn: string;
  newEndOn: string;
  days: number | null;
  reason: string | null;
  changedBy: string | null;
  changedByName: string | null;
  changedAt: string;
}

export interface QuarantineDetail extends QuarantineSummary {
  preferredLanguage: string;
  roomId: string | null;
  placeId: string | null;
  reason: string;
  startedBy: string | null;
  startedByName: string | null;
  endedAt: string | null;
  endedBy: string | null;
  endReason: string | null;
  noticeNumber: string | null;
  releaseNoticeNumber: string | null;
  createdAt: string;
  updatedAt: string;
  changes: QuarantineChange[];
}

export interface Observation {
  id: string;
  quarantineId: string;
  observedOn: string;
  dayNumber: number;
  period: ObservationPeriod;
  temperature: number;
  symptoms: string[];
  abnormal: boolean;
  observedBy: string;
  observedByName: string | null;
  note: string | null;
  createdAt: string;
}

export interface QuarantineListQuery {
  view: QuarantineView;
  nodeCode?: string | undefined;
  name?: string | undefined;
  endedOn?: string | undefined;
  page: number;
  pageSize: number;
}

export interface StartQuarantineRequest {
  personId: string;
  startOn?: string;
  days?: number;
  reason: string;
  addressText?: string;
}

export interface ObservationRequest {
  observedOn?: string;
  period: ObservationPeriod;
  temperature: number;
  symptoms: ObservationSymptom[];
  note?: string;
}

export function getQuarantineList(query: QuarantineListQuery) {
  return get<{ items: QuarantineSummary[]; total: number; today: string }>('/api/quarantines', { ...query });
}

export function getEndingList(query: { day: string; nodeCode?: string | undefined; page: number; pageSize: number }) {
  return get<{ day: string; items: QuarantineSummary[]; total: number }>('/api/quarantines/ending', { ...query });
}

export function getEndCalendar(query: { from: string; to: string; nodeCode?: string | undefined }) {
  return get<{ from: string; to: string; today: string; days: Array<{ day: string; count: number }> }>('/api/quarantines/calendar', {
    ...query,
  });
}

export function getQuarantine(id: string) {
  return get<QuarantineDetail>(`/api/quarantines/${id}`);
}

export function startQuarantine(body: StartQuarantineRequest) {
  return post<QuarantineDetail>('/api/quarantines', body);
}

export function extendQuarantine(id: string, body: { days: number; reason: string }) {
  return post<QuarantineDetail>(`/api/quarantines/${id}/extend`, body);
}

export function endQuarantineEarly(id: string, body: { reason: string }) {
  return post<QuarantineDetail>(`/api/quarantines/${id}/end-early`, body);
}

export function releaseQuarantine(id: string, body: { note?: string }) {
  return post<QuarantineDetail>(`/api/quarantines/${id}/release`, body);
}

export function getObservations(id: string) {
  return get<{ items: Observation[] }>(`/api/quarantines/${id}/observations`);
}

export function addObservation(id: string, body: ObservationRequest) {
  return post<Observation>(`/api/quarantines/${id}/observations`, body);
}

/**
 * URLs of the printable PDFs. The server streams them, so the browser
 * downloads through a link instead of holding the file in memory.
 */
export function noticeUrl(id: string): string {
  return `/api/quarantines/${id}/notice.pdf`;
}

export function releaseNoticeUrl(id: string): string {
  return `/api/quarantines/${id}/release-notice.pdf`;
}

export function releaseNoticesUrl(day: string, nodeCode?: string): string {
  return buildUrl('/api/quarantines/release-notices.pdf', { day, nodeCode });
}
