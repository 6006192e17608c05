import type { DocumentType } from '@cordon/core';
import { get, post } from './request.js';

const BASE = '/api/visitors';

/**
 * States of a visitor registration: waiting for the host, confirmed or
 * declined by the host, refused at the gate for a temperature of 37.3 °C or
 * more, or expired when the host's link (30 minutes) ran out.
 */
export const VISITOR_STATUSES = ['waiting', 'confirmed', 'declined', 'refused', 'expired'] as const;
export type VisitorStatus = (typeof VISITOR_STATUSES)[number];

/** Purposes offered as chips on the phone; the server stores the purpose as text. */
export const VISIT_PURPOSES = ['family', 'delivery', 'repair', 'medical', 'other'] as const;
export type VisitPurpose = (typeof VISIT_PURPOSES)[number];

/** Lowest and highest temperature the gate may record, °C; 37.3 and above refuses the visitor. */
export const VISITOR_MIN_TEMPERATURE = 35.0;
export const VISITOR_MAX_TEMPERATURE = 42.0;
export const VISITOR_FEVER_TEMPERATURE = 37.3;

export interface VisitorRegistration {
  compoundId: string;
  gateId?: string;
  name: string;
  documentType?: DocumentType;
  documentNumber: string;
  /** ISO 3166-1 alpha-3 issuing country of a passport. */
  nationality?: string;
  phone: string;
  hostRoomId: string;
  purpose: string;
  /** °C with one decimal. */
  temperature: number;
}

export interface VisitorRegistered {
  id: string;
  status: VisitorStatus;
  /** Masked name of the host the SMS went to, such as 王*明. */
  hostPersonName: string;
  /** End of the host's confirmation link, ISO 8601. */
  expiresAt: string;
  /** False for a visitor refused at once for a fever, or when the SMS gateway failed. */
  smsSent: boolean;
}

/** A visitor as the phone polls it and the daily list shows it; names, documents and phones come masked. */
export interface Visitor {
  id: string;
  compoundId: string;
  compoundName: string;
  gateId: string | null;
  /** China calendar day of the visit, YYYY-MM-DD. */
  visitDate: string;
  status: VisitorStatus;
  /** Masked, such as 李*. */
  visitorName: string;
  documentType: string;
  documentMasked: string;
  phoneMasked: string;
  hostRoomId: string;
  hostPersonName: string;
  purpose: string;
  /** °C with one decimal. */
  temperature: number;
  registeredAt: string;
  /** End of the host's confirmation link, ISO 8601. */
  expiresAt: string;
  decidedAt: string | null;
  /** The host's room within the compound, such as 1幢1单元101室. */
  hostRoomText: string;
  /** Gate the visitor was registered at; null when none was chosen. */
  gateName: string | null;
}

/** Registers a visitor and sends the host the confirmation SMS, unless the temperature refuses the visitor at once. */
export function registerVisitor(body: VisitorRegistration): Promise<VisitorRegistered> {
  return post<VisitorRegistered>(BASE, body);
}

export function getVisitor(id: string): Promise<Visitor> {
  return get<Visitor>(`${BASE}/${encodeURIComponent(id)}`);
}

/** Lists the visitors of one compound on one China calendar day (YYYY-MM-DD). */
export function listVisitors(compoundId: string, date: string): Promise<{ items: Visitor[] }> {
  return get<{ items: Visitor[] }>(BASE, { compoundId, date });
}
