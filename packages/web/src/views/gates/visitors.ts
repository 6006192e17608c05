import { VISITOR_STATUSES, type Visitor, type VisitorStatus } from '../../api/visitors.js';
import type { TableColumn } from '../../utils/table.js';

/** Element Plus tag type of each visitor status: refused for fever is the one that needs attention. */
export const VISITOR_STATUS_TAG_TYPES: Record<VisitorStatus, 'primary' | 'success' | 'info' | 'danger' | 'warning'> = {
  waiting: 'primary',
  confirmed: 'success',
  declined: 'warning',
  refused: 'danger',
  expired: 'info',
};

/** Counts the visitors of a list per status, every status present with zero when none. */
export function countByStatus(visitors: readonly Pick<Visitor, 'status'>[]): Record<VisitorStatus, number> {
  const counts = Object.fromEntries(VISITOR_STATUSES.map((status) => [status, 0])) as Record<VisitorStatus, number>;
  for (const visitor of visitors) {
    if (visitor.status in counts) counts[visitor.status] += 1;
  }
  return counts;
}

export const visitorColumns: TableColumn<Visitor>[] = [
  { key: 'registeredAt', prop: 'registeredAt', labelKey: 'visitors.columns.registeredAt', kind: 'datetime', width: 150, essential: true },
  { key: 'name', prop: 'visitorName', labelKey: 'visitors.columns.name', kind: 'text', width: 100, essential: true },
  { key: 'document', prop: 'documentMasked', labelKey: 'visitors.columns.document', kind: 'mono', minWidth: 170 },
  { key: 'phone', prop: 'phoneMasked', labelKey: 'visitors.columns.phone', kind: 'mono', width: 130 },
  { key: 'host', labelKey: 'visitors.columns.host', kind: 'custom', minWidth: 140, essential: true },
  { key: 'purpose', prop: 'purpose', labelKey: 'visitors.columns.purpose', kind: 'text', minWidth: 120 },
  { key: 'temperature', labelKey: 'visitors.columns.temperature', kind: 'custom', width: 90 },
  { key: 'gate', labelKey: 'visitors.columns.gate', kind: 'custom', width: 110 },
  { key: 'status', labelKey: 'visitors.columns.status', kind: 'custom', width: 110, essential: true },
];
