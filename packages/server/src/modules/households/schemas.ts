import { Type } from 'typebox';
import { Timestamp } from '../../http/common-schemas.js';
import { Place, Room } from '../addresses/schemas.js';

export const TENANCY_STATUSES = ['upcoming', 'active', 'ended'] as const;
export type TenancyStatus = (typeof TENANCY_STATUSES)[number];

const NullableString = Type.Union([Type.String(), Type.Null()]);
const Uuid = Type.String({ format: 'uuid' });
const CalendarDate = Type.String({ format: 'date', description: 'YYYY-MM-DD, a calendar day in China' });

export const RoomParams = Type.Object({ roomId: Uuid });
export const PlaceParams = Type.Object({ placeId: Uuid });

/** A person whose file gives the address as theirs. Numbers are masked. */
export const Occupant = Type.Object({
  id: Type.String(),
  name: Type.String(),
  /** owner, family, tenant or employee; null when the file records none. */
  householdRole: NullableString,
  documentType: Type.String(),
  documentMasked: Type.String(),
  phoneMasked: NullableString,
  keyPerson: Type.Boolean(),
  closeContact: Type.Boolean(),
});

const PersonReference = Type.Object({ id: Type.String(), name: Type.String() });

export const TenancyAddress = Type.Object({
  type: Type.Union([Type.Literal('room'), Type.Literal('place')]),
  id: Type.String(),
  /** Full address, e.g. "金色里程3幢2单元1202室", or the place's own text. */
  text: Type.String(),
});

export const Tenancy = Type.Object({
  id: Type.String(),
  address: TenancyAddress,
  communityCode: Type.String(),
  landlord: PersonReference,
  tenant: PersonReference,
  startDate: Type.String(),
  /** Last day of the lease; null while it runs with no end date. */
  endDate: NullableString,
  /** Reason given when the tenancy was ended; null until then. */
  endedReason: NullableString,
  /** upcoming before the start date, ended after an end action or past the end date, active otherwise. */
  status: Type.Enum(TENANCY_STATUSES),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const HouseholdView = Type.Object({
  type: Type.Union([Type.Literal('room'), Type.Literal('place')]),
  addressText: Type.String(),
  room: Type.Union([Room, Type.Null()]),
  place: Type.Union([Place, Type.Null()]),
  /** Owners first, then family, tenants, employees and files with no role; by name within each role. */
  occupants: Type.Array(Occupant),
  /** Newest start date first. */
  tenancies: Type.Array(Tenancy),
});

export const CreateTenancyBody = Type.Object({
  roomId: Type.Optional(Uuid),
  placeId: Type.Optional(Uuid),
  landlordPersonId: Uuid,
  tenantPersonId: Uuid,
  startDate: CalendarDate,
  endDate: Type.Optional(CalendarDate),
});

export const EndTenancyBody = Type.Object({
  endDate: CalendarDate,
  reason: Type.String({ minLength: 1, maxLength: 200 }),
});

export const PersonTenancies = Type.Object({
  /** Tenancies in which the person lets a room or place, newest start date first. */
  asLandlord: Type.Array(Tenancy),
  /** Tenancies in which the person rents, newest start date first. */
  asTenant: Type.Array(Tenancy),
});
