import { describe, expect, it } from 'vitest';
import { emptyAuditFilters, labelOrCode, toAuditQuery } from './data.js';

const messages: Record<string, string> = { 'audit.actions.user.create': 'Create user' };
const t = (key: string) => messages[key] ?? `missing:${key}`;
const te = (key: string) => key in messages;

describe('labelOrCode', () => {
  it('returns the message of a known code', () => {
    expect(labelOrCode(t, te, 'audit.actions.user.create', 'user.create')).toBe('Create user');
  });

  it('returns an unknown code unchanged', () => {
    expect(labelOrCode(t, te, 'audit.actions.person.create', 'person.create')).toBe('person.create');
  });
});

describe('toAuditQuery', () => {
  it('sends the chosen action and entity type as they are', () => {
    const query = toAuditQuery({ ...emptyAuditFilters(), action: 'device.revoke', entityType: 'device' });
    expect(query.action).toBe('device.revoke');
    expect(query.entityType).toBe('device');
  });

  it('trims the entity id', () => {
    expect(toAuditQuery({ ...emptyAuditFilters(), entityId: '  abc ' }).entityId).toBe('abc');
  });

  it('leaves empty filters empty', () => {
    expect(toAuditQuery(emptyAuditFilters())).toEqual({ action: '', entityType: '', entityId: '', from: '', to: '' });
  });
});
