import type { Role } from '@cordon/core';
import type { DeclarationLink } from '../../api/declaration-links.js';

/** Roles the server lets send and revoke declaration links. */
export const DECLARATION_LINK_ROLES: readonly Role[] = ['admin', 'subdistrict_staff', 'community_staff', 'grid_worker', 'doctor'];

export type DeclarationLinkStatus = 'active' | 'expired' | 'revoked';

export function declarationLinkStatus(link: DeclarationLink, now: Date): DeclarationLinkStatus {
  if (link.revokedAt) return 'revoked';
  return Date.parse(link.expiresAt) <= now.getTime() ? 'expired' : 'active';
}

export function declarationLinkTagType(status: DeclarationLinkStatus): 'success' | 'info' | 'danger' {
  if (status === 'active') return 'success';
  return status === 'revoked' ? 'danger' : 'info';
}

/** Newest first, so the link the resident just received is on top. */
export function sortedDeclarationLinks(links: DeclarationLink[]): DeclarationLink[] {
  return [...links].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}
