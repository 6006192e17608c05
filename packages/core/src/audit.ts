/**
 * Actions written to the audit log. Each later module adds its own; the
 * console translates them through `audit.actions.<action>` in its locales.
 */
export const AUDIT_ACTIONS = [
  'auth.sign_in',
  'auth.sign_in_failed',
  'auth.locked',
  'auth.password_change_failed',
  'user.create',
  'user.update',
  'user.reset_password',
  'user.password_change',
  'device.create',
  'device.revoke',
  'jurisdiction.load',
  'jurisdiction.create_grid',
  'person.create',
  'person.update',
  'person.reveal',
  'compound.create',
  'compound.update',
  'compound.generate',
  'place.create',
  'person.merge',
  'person.export',
  'risk_region.create',
  'risk_region.update',
  'risk_region.delete',
  'import.commit',
  'room.update',
  'room.delete',
  'place.update',
  'place.delete',
  'tenancy.create',
  'tenancy.update',
  'tenancy.end',
  'screening.visit',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Kinds of record an audit entry is about. */
export const AUDIT_ENTITY_TYPES = [
  'user',
  'device',
  'jurisdiction',
  'person',
  'risk_region',
  'import',
  'compound',
  'room',
  'place',
  'tenancy',
  'screening_visit',
] as const;
export type AuditEntityType = (typeof AUDIT_ENTITY_TYPES)[number];
