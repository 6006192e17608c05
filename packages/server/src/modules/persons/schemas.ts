import { IDENTITY_DOCUMENT_TYPES, RISK_LEVELS } from '@cordon/core';
import { type Static, Type } from 'typebox';
import { JurisdictionCode, Pagination, Timestamp } from '../../http/common-schemas.js';

export const HOUSEHOLD_ROLES = ['owner', 'family', 'tenant', 'employee'] as const;
export const TRAVEL_MODES = ['train', 'flight', 'car', 'bus', 'other'] as const;
export const PERSON_SOURCES = ['manual', 'import', 'screening', 'self_declaration', 'checkpoint'] as const;
export const PREFERRED_LANGUAGES = ['zh-CN', 'en', 'ja', 'ko'] as const;
export const REVEALABLE_FIELDS = ['documentNumber', 'phone'] as const;

const NullableString = Type.Union([Type.String(), Type.Null()]);
const Uuid = Type.String({ format: 'uuid' });
const MarkerReason = Type.String({ maxLength: 200 });
/** Free text (备注). Blank text clears it, and line breaks are kept. */
const Notes = Type.String({ maxLength: 1000 });

/** ISO 3166-1 alpha-3 code, upper case. */
const CountryCode = Type.String({ pattern: '^[A-Z]{3}$' });

/** Fields a registration and an edit share; an edit makes each optional and lets nullable ones be cleared. */
const editable = {
  name: Type.String({ minLength: 1, maxLength: 50 }),
  documentType: Type.Enum(IDENTITY_DOCUMENT_TYPES),
  documentNumber: Type.String({ minLength: 1, maxLength: 64 }),
  nationality: CountryCode,
  preferredLanguage: Type.Enum(PREFERRED_LANGUAGES),
  communityCode: JurisdictionCode,
  keyPerson: Type.Boolean(),
  closeContact: Type.Boolean(),
};

const clearable = {
  phone: Type.String({ minLength: 1, maxLength: 32 }),
  gridCode: JurisdictionCode,
  roomId: Uuid,
  placeId: Uuid,
  householdRole: Type.Enum(HOUSEHOLD_ROLES),
  originRegionCode: Type.String({ minLength: 2, maxLength: 16 }),
  arrivalDate: Type.String({ format: 'date' }),
  travelMode: Type.Enum(TRAVEL_MODES),
  travelNumber: Type.String({ minLength: 1, maxLength: 32 }),
  keyPersonReason: MarkerReason,
  closeContactReason: MarkerReason,
  notes: Notes,
};

export const RegisterPersonBody = Type.Object({
  name: editable.name,
  documentType: Type.Optional(editable.documentType),
  documentNumber: editable.documentNumber,
  nationality: Type.Optional(editable.nationality),
  preferredLanguage: Type.Optional(editable.preferredLanguage),
  communityCode: editable.communityCode,
  keyPerson: Type.Optional(editable.keyPerson),
  closeContact: Type.Optional(editable.closeContact),
  phone: Type.Optional(clearable.phone),
  gridCode: Type.Optional(clearable.gridCode),
  roomId: Type.Optional(clearable.roomId),
  placeId: Type.Optional(clearable.placeId),
  householdRole: Type.Optional(clearable.householdRole),
  originRegionCode: Type.Optional(clearable.originRegionCode),
  arrivalDate: Type.Optional(clearable.arrivalDate),
  travelMode: Type.Optional(clearable.travelMode),
  travelNumber: Type.Optional(clearable.travelNumber),
  keyPersonReason: Type.Optional(clearable.keyPersonReason),
  closeContactReason: Type.Optional(clearable.closeContactReason),
  notes: Type.Optional(clearable.notes),
});
export type RegisterPersonInput = Static<typeof RegisterPersonBody>;

/** An edit: absent fields stay as they are, and null clears an optional field. */
export const UpdatePersonBody = Type.Object({
  name: Type.Optional(editable.name),
  documentType: Type.Optional(editable.documentType),
  documentNumber: Type.Optional(editable.documentNumber),
  nationality: Type.Optional(editable.nationality),
  preferredLanguage: Type.Optional(editable.preferredLanguage),
  communityCode: Type.Optional(editable.communityCode),
  keyPerson: Type.Optional(editable.keyPerson),
  closeContact: Type.Optional(editable.closeContact),
  phone: Type.Optional(Type.Union([clearable.phone, Type.Null()])),
  gridCode: Type.Optional(Type.Union([clearable.gridCode, Type.Null()])),
  roomId: Type.Optional(Type.Union([clearable.roomId, Type.Null()])),
  placeId: Type.Optional(Type.Union([clearable.placeId, Type.Null()])),
  householdRole: Type.Optional(Type.Union([clearable.householdRole, Type.Null()])),
  originRegionCode: Type.Optional(Type.Union([clearable.originRegionCode, Type.Null()])),
  arrivalDate: Type.Optional(Type.Union([clearable.arrivalDate, Type.Null()])),
  travelMode: Type.Optional(Type.Union([clearable.travelMode, Type.Null()])),
  travelNumber: Type.Optional(Type.Union([clearable.travelNumber, Type.Null()])),
  keyPersonReason: Type.Optional(Type.Union([clearable.keyPersonReason, Type.Null()])),
  closeContactReason: Type.Optional(Type.Union([clearable.closeContactReason, Type.Null()])),
  notes: Type.Optional(Type.Union([clearable.notes, Type.Null()])),
});
export type UpdatePersonInput = Static<typeof UpdatePersonBody>;

/** Highest level of the risk-region entries that match a file today, or null when none does. */
const RiskLevel = Type.Union([Type.Enum(RISK_LEVELS), Type.Null()]);

/** A list row: masked document and phone only. */
export const PersonSummary = Type.Object({
  id: Type.String(),
  name: Type.String(),
  documentType: Type.String(),
  documentMasked: Type.String(),
  phoneMasked: NullableString,
  birthDate: NullableString,
  sex: NullableString,
  communityCode: Type.String(),
  communityName: Type.String(),
  gridCode: NullableString,
  keyPerson: Type.Boolean(),
  closeContact: Type.Boolean(),
  riskLevel: RiskLevel,
  updatedAt: Timestamp,
});

export const PersonList = Type.Object({ items: Type.Array(PersonSummary), total: Type.Integer() });

export const PersonListQuery = Type.Object({
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  communityCode: Type.Optional(JurisdictionCode),
  keyPerson: Type.Optional(Type.Boolean()),
  closeContact: Type.Optional(Type.Boolean()),
  /** Files whose computed risk level is this one, or 'none' for files that no entry matches. */
  riskLevel: Type.Optional(Type.Enum([...RISK_LEVELS, 'none'])),
  ...Pagination,
});

/** A risk-region entry that matched one of the person's regions. */
export const PersonRiskMatch = Type.Object({
  entryId: Type.String(),
  value: Type.String(),
  valueName: Type.Array(Type.String()),
  level: Type.Enum(RISK_LEVELS),
  effectiveFrom: Type.String(),
  effectiveTo: NullableString,
  /** The person's region that matched: the document's, the origin, or the community the person lives in. */
  subject: Type.Enum(['documentRegion', 'originRegion', 'currentRegion']),
  regionCode: Type.String(),
});

export const PersonDetail = Type.Object({
  ...PersonSummary.properties,
  nationality: Type.String(),
  preferredLanguage: Type.String(),
  documentRegionCode: NullableString,
  /** Names from the province down to the region that issued the document; empty when its number encodes none. */
  documentRegionName: Type.Array(Type.String()),
  gridName: NullableString,
  roomId: NullableString,
  placeId: NullableString,
  /** Address of the linked room or place, e.g. "金色里程3幢2单元1202室". */
  addressText: NullableString,
  householdRole: NullableString,
  originRegionCode: NullableString,
  originRegionName: Type.Array(Type.String()),
  arrivalDate: NullableString,
  travelMode: NullableString,
  travelNumber: NullableString,
  keyPersonReason: NullableString,
  closeContactReason: NullableString,
  /** Free text kept on the file, with lines separated by "\n", or null when none. */
  notes: NullableString,
  source: Type.String(),
  createdAt: Timestamp,
  riskMatches: Type.Array(PersonRiskMatch),
  /** The file this one was merged into. A console shows that file instead, because this one is read-only. */
  mergedIntoId: NullableString,
  mergedAt: NullableString,
});

export const RegisterPersonResult = Type.Object({ person: PersonDetail, created: Type.Boolean() });

export const RevealBody = Type.Object({
  field: Type.Enum(REVEALABLE_FIELDS),
  reason: Type.String({ minLength: 2, maxLength: 200 }),
});

export const RevealResult = Type.Object({ field: Type.Enum(REVEALABLE_FIELDS), value: Type.String() });

export const MergePersonBody = Type.Object({
  sourceId: Uuid,
  reason: Type.String({ minLength: 2, maxLength: 200 }),
});

export const MergePersonResult = Type.Object({
  person: PersonDetail,
  /** Request names of the target's empty fields that the source filled. */
  filledFields: Type.Array(Type.String()),
});

export const PersonHistoryEntry = Type.Object({
  seq: Type.Integer(),
  /** The file the entry is about: this file, or one merged into it. */
  personId: Type.String(),
  at: Type.String(),
  action: Type.String(),
  actorUserId: NullableString,
  actorName: NullableString,
  fields: Type.Array(Type.String()),
  /** Reason given for a reveal or a merge, or null for other entries. */
  reason: NullableString,
});

export const PersonHistory = Type.Object({ items: Type.Array(PersonHistoryEntry) });
