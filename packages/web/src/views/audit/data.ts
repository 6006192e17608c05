import dayjs from 'dayjs';
import type { AuditEntry, AuditListQuery } from '../../api/audit.js';
import type { TableColumn } from '../../utils/table.js';

export const auditColumns: TableColumn<AuditEntry>[] = [
  { key: 'seq', prop: 'seq', labelKey: 'audit.fields.seq', kind: 'mono', width: 80 },
  { key: 'at', prop: 'at', labelKey: 'audit.fields.at', kind: 'custom', width: 170, essential: true },
  { key: 'actor', labelKey: 'audit.fields.actor', kind: 'custom', minWidth: 110, essential: true },
  { key: 'action', prop: 'action', labelKey: 'audit.fields.action', kind: 'mono', minWidth: 190, essential: true },
  { key: 'entity', labelKey: 'audit.fields.entity', kind: 'custom', minWidth: 170, essential: true },
  { key: 'nodeCode', prop: 'nodeCode', labelKey: 'audit.fields.node', kind: 'mono', width: 130 },
  { key: 'fields', labelKey: 'audit.fields.fields', kind: 'custom', minWidth: 180 },
  { key: 'requestId', prop: 'requestId', labelKey: 'audit.fields.requestId', kind: 'mono', minWidth: 150 },
];

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
    action: filters.action.trim(),
    entityType: filters.entityType.trim(),
    entityId: filters.entityId.trim(),
    from: filters.fromDate ? dayjs(filters.fromDate).startOf('day').toISOString() : '',
    to: filters.toDate ? dayjs(filters.toDate).endOf('day').toISOString() : '',
  };
}
