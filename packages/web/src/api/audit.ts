import { get, post } from './request.js';

/** One row of the hash-chained audit log. `fields` names the changed or revealed fields, never their values. */
export interface AuditEntry {
  seq: number;
  at: string;
  actorUserId: string | null;
  actorName: string | null;
  actorDeviceId: string | null;
  /** One of AUDIT_ACTIONS of @cordon/core, or an action of a later module. */
  action: string;
  entityType: string;
  entityId: string | null;
  /** Username, device name or jurisdiction name of the record; null when the record no longer exists. */
  entityName: string | null;
  nodeCode: string | null;
  nodeName: string | null;
  fields: string[];
  requestId: string | null;
}

export interface AuditListQuery {
  action?: string;
  entityType?: string;
  entityId?: string;
  actorId?: string;
  /** ISO 8601 timestamps, inclusive. */
  from?: string;
  to?: string;
  page?: number;
  pageSize?: number;
}

export interface AuditList {
  items: AuditEntry[];
  total: number;
}

export type AuditChainBreak = 'hash_mismatch' | 'sequence_gap' | 'chain_mismatch';

export interface AuditChainVerification {
  ok: boolean;
  checked: number;
  brokenAtSeq: number | null;
  reason: AuditChainBreak | null;
}

export function getAuditList(query: AuditListQuery = {}): Promise<AuditList> {
  return get<AuditList>('/api/audit', { ...query });
}

/** Recomputes the hash chain over the whole log (admin only). */
export function verifyAuditChain(): Promise<AuditChainVerification> {
  return post<AuditChainVerification>('/api/audit/verify');
}
