import { RISK_LEVELS, type Role } from '@cordon/core';
import { type Static, Type } from 'typebox';
import { JurisdictionCode, Pagination, Timestamp } from '../../http/common-schemas.js';
import { DISPOSITIONS, REGISTRATION_MODES, Registration, RegistrationOccupant } from './registration-schemas.js';

/** Staff who read registrations: managers of checkpoints in their scope, and officers for the checkpoints they are assigned to. */
export const CHECKPOINT_VIEWER_ROLES: readonly Role[] = ['admin', 'hq', 'subdistrict_staff', 'checkpoint_officer'];

/** Staff who read the arrivals heading to their communities. */
export const ARRIVAL_VIEWER_ROLES: readonly Role[] = ['admin', 'hq', 'subdistrict_staff', 'community_staff', 'grid_worker'];

/** Maximum range a list, statistics or export query may cover, in China calendar days. */
export const MAX_RANGE_DAYS = 31;

const NullableString = Type.Union([Type.String(), Type.Null()]);
const RiskLevel = Type.Union([Type.Enum(RISK_LEVELS), Type.Null()]);

/** A registration id as the phone made it. */
export const RegistrationIdParams = Type.Object({ id: Type.String({ minLength: 8, maxLength: 64, pattern: '^[A-Za-z0-9-]+$' }) });

/**
 * A bound of a time range: a China calendar day (YYYY-MM-DD, the whole day
 * in Asia/Shanghai) or an ISO-8601 instant with a time zone. The service
 * checks the value and names the field when it is wrong.
 */
const RangeBound = Type.String({ minLength: 10, maxLength: 40 });

export const RANGE_RISK_FILTERS = [...RISK_LEVELS, 'none'] as const;

export const RegistrationFilterQuery = {
  checkpointId: Type.Optional(Type.String({ format: 'uuid' })),
  from: Type.Optional(RangeBound),
  to: Type.Optional(RangeBound),
  disposition: Type.Optional(Type.Enum(DISPOSITIONS)),
  /** A risk level, or `none` for registrations that matched no entry. */
  riskLevel: Type.Optional(Type.Enum(RANGE_RISK_FILTERS)),
  mode: Type.Optional(Type.Enum(REGISTRATION_MODES)),
  /** The whole plate or a part of it, as typed (鄂A1, 鄂a 12345). */
  plate: Type.Optional(Type.String({ minLength: 1, maxLength: 32 })),
};

export const RegistrationListQuery = Type.Object({ ...RegistrationFilterQuery, ...Pagination });
export type RegistrationListFilter = Omit<Static<typeof RegistrationListQuery>, 'page' | 'pageSize'>;

export const RegistrationStatsQuery = Type.Object({
  checkpointId: RegistrationFilterQuery.checkpointId,
  from: RegistrationFilterQuery.from,
  to: RegistrationFilterQuery.to,
});

const { occupants: _occupants, ...registrationFields } = Registration.properties;

/** An occupant in a list row: role and masked numbers only. */
const OccupantSummary = Type.Pick(RegistrationOccupant, ['position', 'role', 'documentType', 'documentMasked', 'phoneMasked']);

/** A registration as the phone's result has it, with only role and masked numbers of each occupant. */
export const RegistrationListItem = Type.Object({
  ...registrationFields,
  occupantCount: Type.Integer(),
  occupants: Type.Array(OccupantSummary),
});

export const RegistrationList = Type.Object({ items: Type.Array(RegistrationListItem), total: Type.Integer() });

export const RegistrationDetail = Type.Object({
  ...Registration.properties,
  notes: NullableString,
  purpose: NullableString,
  originRegionCode: NullableString,
});
export type RegistrationDetailResult = Static<typeof RegistrationDetail>;

export const RegistrationStats = Type.Object({
  /** Registrations per checkpoint and hour; `hour` is Asia/Shanghai time, YYYY-MM-DDTHH. Hours without registrations are left out. */
  hourly: Type.Array(Type.Object({ hour: Type.String(), checkpointId: Type.String(), count: Type.Integer() })),
  risk: Type.Object({ high: Type.Integer(), medium: Type.Integer(), low: Type.Integer(), none: Type.Integer() }),
  dispositions: Type.Object({ pass: Type.Integer(), turned_back: Type.Integer(), transferred: Type.Integer() }),
  checkpoints: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), count: Type.Integer() })),
  total: Type.Integer(),
});

export const ArrivalQuery = Type.Object({
  /** China calendar day of the registrations; today in Asia/Shanghai when left out. */
  date: Type.Optional(Type.String({ format: 'date' })),
  communityCode: Type.Optional(JurisdictionCode),
  page: Pagination.page,
  /** Page size large enough for a day's list: a busy community expects a few hundred arrivals a day (an estimate). */
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 200 })),
});

export const ArrivalItem = Type.Object({
  registrationId: Type.String(),
  registeredAt: Timestamp,
  checkpointName: Type.String(),
  plateNumber: NullableString,
  occupantCount: Type.Integer(),
  destinationCommunityCode: Type.String(),
  destinationCommunityName: Type.String(),
  /** Room label, place text or the address the officer typed, as the task states it. */
  destinationText: NullableString,
  riskLevel: RiskLevel,
  taskId: NullableString,
  taskStatus: NullableString,
  taskResult: NullableString,
});

export const ArrivalList = Type.Object({ items: Type.Array(ArrivalItem), total: Type.Integer() });
