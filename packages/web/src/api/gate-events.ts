import type { GateAction, GateDirection, GateEventKind } from '@cordon/core';
import type { GateRuleSource } from './gate-rules.js';
import { buildUrl, get } from './request.js';

export type GateDecision = 'open' | 'deny';
export const GATE_DECISIONS: readonly GateDecision[] = ['open', 'deny'];

/** One event of a gate device, as the event list sends it. Names and card numbers come masked. */
export interface GateEventItem {
  id: string;
  compoundId: string;
  compoundName: string;
  gateId: string;
  gateName: string;
  deviceName: string;
  /** Protocol the device used: cordon, hikvision, dahua, vzenith or gat1400. */
  format: string;
  kind: GateEventKind;
  direction: GateDirection | null;
  occurredAt: string;
  receivedAt: string;
  plateNumber: string | null;
  plateRegionCode: string | null;
  /** Plate text as the camera read it, shown when the plate could not be parsed (plateNumber null). */
  plateText: string | null;
  cardNumberMasked: string | null;
  passSerial: string | null;
  /** Result of checking a QR code against its pass; null for other events. */
  passCheck: 'valid' | 'expired' | 'forged' | 'revoked' | null;
  personName: string | null;
  /** Degrees Celsius with one decimal, or null without a thermal reading. */
  temperature: number | null;
  decision: GateDecision;
  action: GateAction;
  ruleId: string | null;
  ruleKind: string | null;
  ruleSource: GateRuleSource | null;
  alertId: string | null;
  pictureIds: string[];
}

export interface GateEventQuery {
  compoundId?: string | undefined;
  /** ISO 8601 timestamps: from is included, to is not. */
  from?: string | undefined;
  to?: string | undefined;
  decision?: GateDecision | undefined;
  /** A whole plate number; the server matches it exactly. */
  plate?: string | undefined;
  page?: number;
  pageSize?: number;
}

export interface GateEventList {
  items: GateEventItem[];
  total: number;
}

export function getGateEventList(query: GateEventQuery): Promise<GateEventList> {
  return get<GateEventList>('/api/gate-events', { ...query });
}

/** Address of a stored picture of an event, for an <img> with the session cookie. */
export function gatePictureUrl(eventId: string, pictureId: string): string {
  return buildUrl(`/api/gate-events/${eventId}/pictures/${pictureId}`);
}
