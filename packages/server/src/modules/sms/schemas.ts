import { Type } from 'typebox';
import { JurisdictionCode, Pagination, Timestamp } from '../../http/common-schemas.js';
import { SMS_TEMPLATES } from '../../sms/templates.js';

/** Filters of the outbox list. It has no phone filter on purpose, so the API offers no lookup of messages by number. */
export const OutboxQuery = Type.Object({
  nodeCode: Type.Optional(JurisdictionCode),
  template: Type.Optional(Type.Enum(SMS_TEMPLATES)),
  ...Pagination,
});

export const OutboxMessage = Type.Object({
  id: Type.String(),
  template: Type.String(),
  locale: Type.String(),
  nodeCode: Type.String(),
  nodeName: Type.String(),
  phoneMasked: Type.String(),
  /** The rendered text, links and codes included, because this outbox replaces a provider on development and test installations. */
  body: Type.String(),
  status: Type.String(),
  createdAt: Timestamp,
});

export const OutboxList = Type.Object({ total: Type.Integer(), items: Type.Array(OutboxMessage) });
