import { AUDIT_ACTIONS, AUDIT_ENTITY_TYPES, type AuditAction, type AuditEntityType } from '@cordon/core';
import dayjs from 'dayjs';
import type { AuditEntry, AuditListQuery } from '../../api/audit.js';
import type { TableColumn } from '../../utils/table.js';

type Translate = (key: string) => string;
type HasMessage = (key: string) => boolean;

export const AUDIT_ACTION_OPTIONS: readonly AuditAction[] = AUDIT_ACTIONS;
export const AUDIT_ENTITY_TYPE_OPTIONS: readonly AuditEntityType[] = AUDIT_ENTITY_TYPES;

/** Field names the server writes into audit entries; each has a label under audit.fieldNames. */
export const AUDIT_FIELD_NAMES = [
  'username',
  'displayName',
  'role',
  'nodeCode',
  'password',
  'name',
  'kind',
  'revokedAt',
  'disabled',
] as const;

// The request id, the entity id and the raw action code sit in the expanded
// row, so that the columns fit a 1366 px screen without sideways scrolling.
export const auditColumns: TableColumn<AuditEntry>[] = [
  { key: 'seq', prop: 'seq', labelKey: 'audit.fields.seq', kind: 'mono', width: 64 },
  { key: 'at', prop: 'at', labelKey: 'audit.fields.at', kind: 'custom', width: 160 },
  { key: 'actor', labelKey: 'audit.fields.actor', kind: 'custom', minWidth: 110 },
  { key: 'action', labelKey: 'audit.fields.action', kind: 'custom', minWidth: 130 },
  { key: 'entity', labelKey: 'audit.fields.entity', kind: 'custom', minWidth: 170 },
  { key: 'node', labelKey: 'audit.fields.node', kind: 'custom', minWidth: 150 },
  { key: 'fields', labelKey: 'audit.fields.fields', kind: 'custom', minWidth: 190 },
];

/** Phone-width layout: one column stacks action, record, time and actor, and the expanded row contains the rest. */
export const auditPhoneColumns: TableColumn<AuditEntry>[] = [
  { key: 'summary', labelKey: 'audit.fields.entry', kind: 'custom', minWidth: 240 },
];

/**
 * Returns the message under a key, or the code itself when the locale files
 * have none. Modules added later write their own actions and fields, and
 * their raw code still identifies them.
 */
export function labelOrCode(t: Translate, te: HasMessage, key: string, code: string): string {
  return te(key) ? t(key) : code;
}

export interface AuditFilters {
  action: string;
  entityType: string;
  entityId: string;
  /** Calendar days as YYYY-MM-DD, from the date pickers. */
  fromDate: string;
  toDate: string;
}

export function emptyAuditFilters(): AuditFilters {
  return { action: '', entityType: '', entityId: '', fromDate: '', toDate: '' };
}

/** Turns the filter form into API parameters; the day range covers both days whole, in local time. */
export function toAuditQuery(filters: AuditFilters): AuditListQuery {
  return {
    action: filters.action,
    entityType: filters.entityType,
    entityId: filters.entityId.trim(),
    from: filters.fromDate ? dayjs(filters.fromDate).startOf('day').toISOString() : '',
    to: filters.toDate ? dayjs(filters.toDate).endOf('day').toISOString() : '',
  };
}
