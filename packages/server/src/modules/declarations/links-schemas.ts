import { Type } from 'typebox';
import { NullableTimestamp, Timestamp } from '../../http/common-schemas.js';

export const CreateLinkBody = Type.Object({ personId: Type.String({ format: 'uuid' }) });

export const LinkListQuery = Type.Object({ personId: Type.String({ format: 'uuid' }) });

/** A personal link or a code session, without its token. */
export const DeclarationLink = Type.Object({
  id: Type.String(),
  personId: Type.String(),
  /** sms_link: sent by staff; code: opened with a one-time code. */
  channel: Type.Union([Type.Literal('sms_link'), Type.Literal('code')]),
  createdBy: Type.Union([Type.String(), Type.Null()]),
  createdAt: Timestamp,
  expiresAt: Timestamp,
  revokedAt: NullableTimestamp,
  lastUsedAt: NullableTimestamp,
});

export const DeclarationLinkList = Type.Object({ items: Type.Array(DeclarationLink) });
