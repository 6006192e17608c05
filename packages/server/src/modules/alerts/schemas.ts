import { type Static, Type } from 'typebox';
import { JurisdictionCode, NullableTimestamp, Pagination, Timestamp } from '../../http/common-schemas.js';
import { ALERT_SEVERITIES, ALERT_STATUSES } from './raise.js';

/** Maximum length of the note a user may give when resolving an alert. */
export const MAX_RESOLUTION_NOTE_LENGTH = 500;

const NullableString = Type.Union([Type.String(), Type.Null()]);

/** An alert kind: lower-case words joined by underscores, e.g. abnormal_declaration. */
const AlertKind = Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-z][a-z0-9_]*$' });

export const AlertListQuery = Type.Object({
  status: Type.Optional(Type.Enum(ALERT_STATUSES)),
  kind: Type.Optional(AlertKind),
  severity: Type.Optional(Type.Enum(ALERT_SEVERITIES)),
  /** Limits the list to this node's subtree, which must lie inside the caller's scope. */
  nodeCode: Type.Optional(JurisdictionCode),
  /** Creation time, inclusive bounds. */
  from: Type.Optional(Type.String({ format: 'date-time' })),
  to: Type.Optional(Type.String({ format: 'date-time' })),
  ...Pagination,
});
export type AlertListFilter = Omit<Static<typeof AlertListQuery>, 'page' | 'pageSize'>;

/**
 * One alert as the list, the detail endpoint and the event stream send it.
 * `details` holds the facts of the subject line (temperature in tenths of a
 * degree, symptom codes, window keys) and never a document or phone number.
 */
export const AlertItem = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  severity: Type.Enum(ALERT_SEVERITIES),
  status: Type.Enum(ALERT_STATUSES),
  nodeCode: Type.String(),
  nodeName: Type.String(),
  personId: NullableString,
  personName: NullableString,
  taskId: NullableString,
  details: Type.Record(Type.String(), Type.Unknown()),
  createdAt: Timestamp,
  acknowledgedAt: NullableTimestamp,
  acknowledgedById: NullableString,
  acknowledgedByName: NullableString,
  resolvedAt: NullableTimestamp,
  resolvedById: NullableString,
  resolvedByName: NullableString,
  resolutionNote: NullableString,
});
export type AlertItemResult = Static<typeof AlertItem>;

export const AlertList = Type.Object({ items: Type.Array(AlertItem), total: Type.Integer() });

/** Alerts in the caller's scope by status; the header bell shows `new`. */
export const AlertCounts = Type.Object({
  new: Type.Integer(),
  acknowledged: Type.Integer(),
  resolved: Type.Integer(),
});

export const ResolveBody = Type.Object({
  note: Type.Optional(Type.String({ maxLength: MAX_RESOLUTION_NOTE_LENGTH })),
});

export const StreamQuery = Type.Object({
  /**
   * Resends the alerts created or changed since this time, for a client that
   * reconnects without the Last-Event-ID header; the header wins when both are sent.
   */
  since: Type.Optional(Type.String({ format: 'date-time' })),
});
