import { type Static, Type } from 'typebox';
import { JurisdictionCode, NullableTimestamp } from '../../http/common-schemas.js';
import { WEBHOOK_KINDS } from './sender.js';

const Uuid = Type.String({ format: 'uuid' });

export const WebhookItem = Type.Object({
  id: Type.String(),
  name: Type.String(),
  kind: Type.Enum(WEBHOOK_KINDS),
  urlMasked: Type.String(),
  hasSecret: Type.Boolean(),
  active: Type.Boolean(),
  compoundId: Type.Union([Type.String(), Type.Null()]),
  nodeCode: Type.Union([Type.String(), Type.Null()]),
  lastDelivery: Type.Union([
    Type.Object({ status: Type.String(), at: NullableTimestamp, statusCode: Type.Union([Type.Integer(), Type.Null()]) }),
    Type.Null(),
  ]),
});
export type WebhookItem = Static<typeof WebhookItem>;

export const WebhookListQuery = Type.Object({ compoundId: Type.Optional(Uuid), nodeCode: Type.Optional(JurisdictionCode) });
export type WebhookListQuery = Static<typeof WebhookListQuery>;

export const WebhookList = Type.Object({ items: Type.Array(WebhookItem) });

const Name = Type.String({ minLength: 1, maxLength: 50 });
const Url = Type.String({ minLength: 1, maxLength: 2000 });
/** Empty in an update removes the secret. */
const Secret = Type.String({ maxLength: 200 });

export const CreateWebhookBody = Type.Object(
  {
    compoundId: Type.Optional(Uuid),
    nodeCode: Type.Optional(JurisdictionCode),
    name: Name,
    kind: Type.Enum(WEBHOOK_KINDS),
    url: Url,
    secret: Type.Optional(Secret),
  },
  { additionalProperties: false },
);
export type CreateWebhookBody = Static<typeof CreateWebhookBody>;

export const UpdateWebhookBody = Type.Object(
  { name: Type.Optional(Name), url: Type.Optional(Url), secret: Type.Optional(Secret), active: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);
export type UpdateWebhookBody = Static<typeof UpdateWebhookBody>;

export const WebhookTestResult = Type.Object({ statusCode: Type.Integer() });
