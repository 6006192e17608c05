/**
 * Client of the public e-pass API (/api/public/passes). A resident opens the
 * pass from an SMS link without an account; the token in the path is the
 * only credential.
 */
import { publicRequest } from './public-declare.js';

const BASE = '/api/public/passes';

/** Code of a revoked pass (moved out, home quarantine, or revoked by staff). */
export const PASS_REVOKED = 'PASS_REVOKED';
/** Code of a pass past its validUntil. */
export const PASS_EXPIRED = 'PASS_EXPIRED';

export interface PublicPass {
  compoundName: string;
  /** Masked, such as 王*明. */
  holderName: string;
  serial: string;
  status: 'active' | 'revoked' | 'expired';
  /** Last moment the pass is valid, ISO 8601; null when open-ended. */
  validUntil: string | null;
}

/** The code the gate scanner reads now; it changes every `stepSeconds`. */
export interface PassCode {
  code: string;
  /** End of the code's step, ISO 8601. */
  expiresAt: string;
  stepSeconds: number;
}

export function getPublicPass(token: string): Promise<PublicPass> {
  return publicRequest<PublicPass>('GET', `${BASE}/${encodeURIComponent(token)}`);
}

export function getPassCode(token: string): Promise<PassCode> {
  return publicRequest<PassCode>('GET', `${BASE}/${encodeURIComponent(token)}/code`);
}
