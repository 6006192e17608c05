import { IDENTITY_DOCUMENT_TYPES } from '@cordon/core';
import { type Static, Type } from 'typebox';
import { NullableTimestamp, Timestamp } from '../../http/common-schemas.js';

const Uuid = Type.String({ format: 'uuid' });

export const VISITOR_STATUSES = ['waiting', 'confirmed', 'declined', 'refused', 'expired'] as const;
export type VisitorStatus = (typeof VISITOR_STATUSES)[number];

export const RegisterVisitorBody = Type.Object(
  {
    compoundId: Uuid,
    gateId: Type.Optional(Uuid),
    name: Type.String({ minLength: 1, maxLength: 50 }),
    documentType: Type.Optional(Type.Enum(IDENTITY_DOCUMENT_TYPES)),
    documentNumber: Type.String({ minLength: 1, maxLength: 40 }),
    /** ISO 3166-1 alpha-3 country of a passport; a Chinese passport needs none. */
    nationality: Type.Optional(Type.String({ minLength: 3, maxLength: 3, pattern: '^[A-Za-z]{3}$' })),
    phone: Type.String({ minLength: 1, maxLength: 40 }),
    hostRoomId: Uuid,
    purpose: Type.String({ maxLength: 400 }),
    /**
     * °C as a number or as typed text with a dot as the decimal mark (36.6, "36.6", "３６.６").
     * A comma ("36,6") is rejected with DECLARATION_TEMPERATURE_INVALID.
     */
    temperature: Type.Union([Type.Number(), Type.String({ maxLength: 20 })]),
  },
  { additionalProperties: false },
);
export type RegisterVisitorBody = Static<typeof RegisterVisitorBody>;

export const Visitor = Type.Object({
  id: Type.String(),
  compoundId: Type.String(),
  compoundName: Type.String(),
  gateId: Type.Union([Type.String(), Type.Null()]),
  visitDate: Type.String(),
  status: Type.Enum(VISITOR_STATUSES),
  visitorName: Type.String(),
  documentType: Type.String(),
  documentMasked: Type.String(),
  phoneMasked: Type.String(),
  hostRoomId: Type.String(),
  /** The host's room within the compound, such as 1幢1单元101室. */
  hostRoomText: Type.String(),
  /** Gate the visitor was registered at; null when the volunteer named none. */
  gateName: Type.Union([Type.String(), Type.Null()]),
  hostPersonName: Type.String(),
  purpose: Type.String(),
  temperature: Type.Number(),
  registeredAt: Timestamp,
  expiresAt: Timestamp,
  decidedAt: NullableTimestamp,
});
export type Visitor = Static<typeof Visitor>;

export const RegisteredVisitor = Type.Object({
  id: Type.String(),
  status: Type.Enum(VISITOR_STATUSES),
  hostPersonName: Type.String(),
  expiresAt: Timestamp,
  /** Whether the confirmation SMS reached the gateway; false for a refused visitor or a failed send. */
  smsSent: Type.Boolean(),
});

export const VisitorListQuery = Type.Object({
  compoundId: Uuid,
  /** China calendar day, YYYY-MM-DD; today when absent. */
  date: Type.Optional(Type.String({ maxLength: 10 })),
});
export type VisitorListQuery = Static<typeof VisitorListQuery>;

export const VisitorList = Type.Object({ items: Type.Array(Visitor) });

export const ConfirmationParams = Type.Object({ token: Type.String({ minLength: 1, maxLength: 200 }) });

export const Confirmation = Type.Object({
  compoundName: Type.String(),
  visitorName: Type.String(),
  purpose: Type.String(),
  temperature: Type.Number(),
  registeredAt: Timestamp,
  status: Type.Enum(VISITOR_STATUSES),
  expiresAt: Timestamp,
});

export const DecisionBody = Type.Object({ decision: Type.Enum(['confirm', 'decline'] as const) }, { additionalProperties: false });
export type DecisionBody = Static<typeof DecisionBody>;

export const DecisionResult = Type.Object({ status: Type.Enum(VISITOR_STATUSES) });
