import { describe, expect, it } from 'vitest';
import type { DeclarationLink } from '../../api/declaration-links.js';
import { declarationLinkStatus, declarationLinkTagType, sortedDeclarationLinks } from './declaration-links.js';

const now = new Date('2026-12-05T02:00:00Z');

function link(overrides: Partial<DeclarationLink>): DeclarationLink {
  return {
    id: 'l1',
    personId: 'p1',
    channel: 'sms_link',
    createdBy: null,
    createdAt: '2026-12-01T00:00:00Z',
    expiresAt: '2026-12-15T00:00:00Z',
    revokedAt: null,
    lastUsedAt: null,
    ...overrides,
  };
}

describe('declaration links of a person file', () => {
  it('tells active, expired and revoked links apart', () => {
    expect(declarationLinkStatus(link({}), now)).toBe('active');
    expect(declarationLinkStatus(link({ expiresAt: '2026-12-05T02:00:00Z' }), now)).toBe('expired');
    expect(declarationLinkStatus(link({ revokedAt: '2026-12-02T00:00:00Z', expiresAt: '2026-12-03T00:00:00Z' }), now)).toBe('revoked');
    expect(declarationLinkTagType('active')).toBe('success');
    expect(declarationLinkTagType('revoked')).toBe('danger');
  });

  it('lists the newest link first', () => {
    const older = link({ id: 'old', createdAt: '2026-12-01T00:00:00Z' });
    const newer = link({ id: 'new', createdAt: '2026-12-04T00:00:00Z' });
    expect(sortedDeclarationLinks([older, newer]).map((item) => item.id)).toEqual(['new', 'old']);
  });
});
