/**
 * Client of the public visitor confirmation API
 * (/api/public/visitor-confirmations). The host opens the link from an SMS
 * without an account; the token in the path is the only credential.
 */
import { publicRequest } from './public-declare.js';
import type { VisitorStatus } from './visitors.js';

const BASE = '/api/public/visitor-confirmations';

/** Code of a link past its 30 minutes; the visitor must be registered again. */
export const VISITOR_CONFIRMATION_EXPIRED = 'VISITOR_CONFIRMATION_EXPIRED';

export interface VisitorConfirmation {
  compoundName: string;
  /** Masked, such as 李*. */
  visitorName: string;
  purpose: string;
  /** °C with one decimal. */
  temperature: number;
  registeredAt: string;
  status: VisitorStatus;
  expiresAt: string;
}

export type VisitorDecision = 'confirm' | 'decline';

export function getVisitorConfirmation(token: string): Promise<VisitorConfirmation> {
  return publicRequest<VisitorConfirmation>('GET', `${BASE}/${encodeURIComponent(token)}`);
}

/** Records the host's decision and returns the visitor's new status. */
export function decideVisitor(token: string, decision: VisitorDecision): Promise<{ status: VisitorStatus }> {
  return publicRequest<{ status: VisitorStatus }>('POST', `${BASE}/${encodeURIComponent(token)}`, { decision });
}
