import { get, post } from './request.js';

export const ALERT_SEVERITIES = ['info', 'warning', 'critical'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

export const ALERT_STATUSES = ['new', 'acknowledged', 'resolved'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

/** Alert kinds the console names. The server may send others, which show their code. */
export const ALERT_KINDS = ['abnormal_declaration', 'missed_declarations', 'gate_rule', 'visitor_fever'] as const;

/** Maximum length of a resolution note, as the server checks it. */
export const MAX_RESOLUTION_NOTE_LENGTH = 500;

/** One alert, as the list, the detail endpoint and the event stream send it. */
export interface Alert {
  id: string;
  kind: string;
  severity: AlertSeverity;
  status: AlertStatus;
  nodeCode: string;
  nodeName: string;
  personId: string | null;
  personName: string | null;
  taskId: string | null;
  /** Facts of the subject line: temperatureTenths, symptoms, windowKey, … */
  details: Record<string, unknown>;
  createdAt: string;
  acknowledgedAt: string | null;
  acknowledgedById: string | null;
  acknowledgedByName: string | null;
  resolvedAt: string | null;
  resolvedById: string | null;
  resolvedByName: string | null;
  resolutionNote: string | null;
}

export interface AlertListQuery {
  status?: AlertStatus;
  kind?: string;
  severity?: AlertSeverity;
  nodeCode?: string;
  /** ISO 8601 timestamps, inclusive. */
  from?: string;
  to?: string;
  page?: number;
  pageSize?: number;
}

export interface AlertList {
  items: Alert[];
  total: number;
}

export type AlertCounts = Record<AlertStatus, number>;

/** Path of the server-sent-event stream of new and changed alerts. */
export const ALERT_STREAM_PATH = '/api/alerts/stream';

export function getAlertList(query: AlertListQuery = {}): Promise<AlertList> {
  return get<AlertList>('/api/alerts', { ...query });
}

export function getAlertCounts(): Promise<AlertCounts> {
  return get<AlertCounts>('/api/alerts/counts');
}

export function acknowledgeAlert(id: string): Promise<Alert> {
  return post<Alert>(`/api/alerts/${id}/acknowledge`);
}

export function resolveAlert(id: string, note: string): Promise<Alert> {
  return post<Alert>(`/api/alerts/${id}/resolve`, note.trim() ? { note: note.trim() } : {});
}
