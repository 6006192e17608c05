import { Type } from 'typebox';
import { Pagination } from '../../http/common-schemas.js';

const Nullable = Type.Union([Type.String(), Type.Null()]);

export const AuditEntry = Type.Object({
  seq: Type.Integer(),
  at: Type.String(),
  actorUserId: Nullable,
  actorName: Nullable,
  actorDeviceId: Nullable,
  action: Type.String(),
  entityType: Type.String(),
  entityId: Nullable,
  nodeCode: Nullable,
  nodeName: Nullable,
  /** Username, device name or jurisdiction name of the record, when it still exists. */
  entityName: Nullable,
  fields: Type.Array(Type.String()),
  requestId: Nullable,
});

export const AuditQuery = Type.Object({
  action: Type.Optional(Type.String({ maxLength: 64 })),
  entityType: Type.Optional(Type.String({ maxLength: 64 })),
  entityId: Type.Optional(Type.String({ maxLength: 64 })),
  actorId: Type.Optional(Type.String({ maxLength: 64 })),
  from: Type.Optional(Type.String({ format: 'date-time' })),
  to: Type.Optional(Type.String({ format: 'date-time' })),
  ...Pagination,
});

export const AuditList = Type.Object({ items: Type.Array(AuditEntry), total: Type.Integer() });

export const AuditVerification = Type.Object({
  ok: Type.Boolean(),
  checked: Type.Integer(),
  brokenAtSeq: Type.Union([Type.Integer(), Type.Null()]),
  reason: Nullable,
});
