import { IDENTITY_DOCUMENT_TYPES, DECLARATION_SYMPTOMS } from '@cordon/core';
import { type Static, Type } from 'typebox';
import { Timestamp } from '../../http/common-schemas.js';

export const REGISTRATION_MODES = ['quick', 'detailed'] as const;
export const DISPOSITIONS = ['pass', 'turned_back', 'transferred'] as const;
export const TRAVEL_PURPOSES = ['return_home', 'work', 'visit', 'transit', 'freight', 'official', 'medical', 'other'] as const;
export const OCCUPANT_ROLES = ['driver', 'passenger'] as const;
export const RISK_SUBJECTS = ['plate', 'origin', 'document', 'travel'] as const;

/** Maximum occupants of one registration. */
export const MAX_OCCUPANTS = 9;
/** Maximum registrations in one batch: a phone sends its queue in chunks of this size. */
export const MAX_BATCH_REGISTRATIONS = 100;
/** Maximum entries of a travel history. */
export const MAX_TRAVEL_ENTRIES = 20;
/** Body limits: one registration with nine occupants is far below 64 KiB, and a full batch below 1 MiB. */
export const SINGLE_BODY_LIMIT = 64 * 1024;
export const BATCH_BODY_LIMIT = 1024 * 1024;

const NullableString = Type.Union([Type.String(), Type.Null()]);
const IsoDate = Type.String({ format: 'date' });
const RegionCodeText = Type.String({ minLength: 2, maxLength: 16 });

export const OccupantBody = Type.Object({
  role: Type.Enum(OCCUPANT_ROLES),
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
  documentType: Type.Optional(Type.Enum(IDENTITY_DOCUMENT_TYPES)),
  documentNumber: Type.String({ minLength: 1, maxLength: 64 }),
  /** ISO 3166-1 alpha-3 country of a passport, which its number alone does not tell; as in the persons module. */
  nationality: Type.Optional(Type.String({ pattern: '^[A-Z]{3}$' })),
  phone: Type.Optional(Type.String({ minLength: 1, maxLength: 32 })),
  /** Degrees Celsius; the service checks 35.0–42.0 with one decimal to name the occupant in the error. */
  temperature: Type.Optional(Type.Number()),
  /** Checked by the service with the declaration rules, so an unknown code is named in the error. */
  symptoms: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: DECLARATION_SYMPTOMS.length })),
});
export type OccupantInput = Static<typeof OccupantBody>;

export const RegistrationBody = Type.Object({
  /** Generated on the phone at the save and sent unchanged on every retry. */
  id: Type.String({ minLength: 8, maxLength: 64, pattern: '^[A-Za-z0-9-]+$' }),
  checkpointId: Type.String({ format: 'uuid' }),
  mode: Type.Enum(REGISTRATION_MODES),
  registeredAt: Type.String({ format: 'date-time' }),
  officerId: Type.Optional(Type.String({ format: 'uuid' })),
  plate: Type.Optional(Type.String({ maxLength: 32 })),
  occupants: Type.Array(OccupantBody, { minItems: 1, maxItems: MAX_OCCUPANTS }),
  originRegionCode: Type.Optional(RegionCodeText),
  destination: Type.Optional(
    Type.Object({
      communityCode: Type.Optional(Type.String({ minLength: 12, maxLength: 12, pattern: '^\\d{12}$' })),
      roomId: Type.Optional(Type.String({ format: 'uuid' })),
      placeId: Type.Optional(Type.String({ format: 'uuid' })),
      text: Type.Optional(Type.String({ maxLength: 200 })),
    }),
  ),
  purpose: Type.Optional(Type.Enum(TRAVEL_PURPOSES)),
  travelHistory: Type.Optional(
    Type.Array(Type.Object({ regionCode: RegionCodeText, from: Type.Optional(IsoDate), to: Type.Optional(IsoDate) }), {
      maxItems: MAX_TRAVEL_ENTRIES,
    }),
  ),
  notes: Type.Optional(Type.String({ maxLength: 500 })),
  disposition: Type.Enum(DISPOSITIONS),
  dispositionReason: Type.Optional(Type.String({ maxLength: 200 })),
  siteId: Type.Optional(Type.String({ format: 'uuid' })),
});
export type RegistrationInput = Static<typeof RegistrationBody>;

export const DuplicateHit = Type.Object({
  registrationId: Type.String(),
  matchedBy: Type.Union([Type.Literal('plate'), Type.Literal('document')]),
  checkpointName: Type.String(),
  registeredAt: Timestamp,
  plateNumber: NullableString,
  documentMasked: NullableString,
});
export type DuplicateHitResult = Static<typeof DuplicateHit>;

export const RegistrationOccupant = Type.Object({
  position: Type.Integer(),
  role: Type.Enum(OCCUPANT_ROLES),
  documentType: Type.String(),
  documentMasked: Type.String(),
  phoneMasked: NullableString,
  regionCode: NullableString,
  age: Type.Union([Type.Integer(), Type.Null()]),
  sex: Type.Union([Type.Literal('male'), Type.Literal('female'), Type.Null()]),
  temperature: Type.Union([Type.Number(), Type.Null()]),
  symptoms: Type.Array(Type.String()),
});

export const RiskReason = Type.Object({
  subject: Type.Enum(RISK_SUBJECTS),
  regionCode: Type.String(),
  level: Type.String(),
});

export const Registration = Type.Object({
  id: Type.String(),
  checkpointId: Type.String(),
  checkpointName: Type.String(),
  mode: Type.Enum(REGISTRATION_MODES),
  registeredAt: Timestamp,
  receivedAt: Timestamp,
  plateNumber: NullableString,
  plateProvince: NullableString,
  plateCity: NullableString,
  riskLevel: Type.Union([Type.Literal('high'), Type.Literal('medium'), Type.Literal('low'), Type.Null()]),
  riskReasons: Type.Array(RiskReason),
  disposition: Type.Enum(DISPOSITIONS),
  dispositionReason: NullableString,
  siteId: NullableString,
  destinationCommunityCode: NullableString,
  destinationCommunityName: NullableString,
  taskId: NullableString,
  occupants: Type.Array(RegistrationOccupant),
});
export type RegistrationResult = Static<typeof Registration>;

export const RegistrationSaved = Type.Object({ registration: Registration, duplicates: Type.Array(DuplicateHit) });

export const RegistrationBatchBody = Type.Object({
  items: Type.Array(Type.Unknown(), { minItems: 1, maxItems: MAX_BATCH_REGISTRATIONS }),
});

export const RegistrationBatchResult = Type.Object({
  results: Type.Array(
    Type.Object({
      /** The registration's id, or null when the item had no usable id. */
      id: NullableString,
      /** The status a single POST of this item would have returned: 201, 200 or 4xx. */
      status: Type.Integer(),
      registration: Type.Optional(Registration),
      duplicates: Type.Optional(Type.Array(DuplicateHit)),
      error: Type.Optional(Type.Object({ code: Type.String(), message: Type.String(), field: Type.Optional(Type.String()) })),
    }),
  ),
});

export const PhoneContextQuery = Type.Object({ checkpointId: Type.Optional(Type.String({ format: 'uuid' })) });

export const DuplicatesQuery = Type.Object({
  plate: Type.Optional(Type.String({ maxLength: 32 })),
  documentNumber: Type.Optional(Type.String({ maxLength: 64 })),
  documentType: Type.Optional(Type.Enum(IDENTITY_DOCUMENT_TYPES)),
});

export const DestinationQuery = Type.Object({
  q: Type.String({ minLength: 1, maxLength: 100 }),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 20 })),
});

export const DestinationList = Type.Object({
  items: Type.Array(
    Type.Object({
      type: Type.Union([Type.Literal('community'), Type.Literal('room'), Type.Literal('place')]),
      /** Id of the room or place; null for a community. */
      id: NullableString,
      communityCode: Type.String(),
      communityName: Type.String(),
      /** Room address with its compound, the place's text, or the community's name. */
      text: Type.String(),
    }),
  ),
});

export const DuplicateList = Type.Object({ items: Type.Array(DuplicateHit) });

const RiskEntrySchema = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  value: Type.String(),
  level: Type.String(),
  effectiveFrom: Type.String(),
  effectiveTo: Type.Optional(NullableString),
});

export const PhoneContext = Type.Object({
  checkpoint: Type.Object({
    id: Type.String(),
    name: Type.String(),
    type: Type.String(),
    location: Type.String(),
    nodeCode: Type.String(),
  }),
  device: Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()]),
  officer: Type.Union([Type.Object({ id: Type.String(), displayName: Type.String() }), Type.Null()]),
  officers: Type.Array(Type.Object({ id: Type.String(), displayName: Type.String() })),
  assignedCheckpoints: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })),
  riskEntries: Type.Array(RiskEntrySchema),
  sites: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), type: Type.String() })),
});
