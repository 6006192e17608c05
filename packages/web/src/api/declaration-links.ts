import { get, post, request } from './request.js';

/** A personal declaration link or a one-time-code session, without its token, which only the SMS carries. */
export interface DeclarationLink {
  id: string;
  personId: string;
  channel: 'sms_link' | 'code';
  createdBy: string | null;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

export function listDeclarationLinks(personId: string): Promise<{ items: DeclarationLink[] }> {
  return get('/api/declarations/links', { personId });
}

/** Creates a link and sends it to the person's phone by SMS. */
export function sendDeclarationLink(personId: string): Promise<DeclarationLink> {
  return post('/api/declarations/links', { personId });
}

export function revokeDeclarationLink(id: string): Promise<DeclarationLink> {
  return request('DELETE', `/api/declarations/links/${encodeURIComponent(id)}`);
}
