import type { Place, Room } from './addresses.js';
import type { HouseholdRole } from './persons.js';
import { get, post } from './request.js';

export const TENANCY_STATUSES = ['upcoming', 'active', 'ended'] as const;
export type TenancyStatus = (typeof TENANCY_STATUSES)[number];

/** A person whose file gives the room or place as their address, with masked numbers. */
export interface Occupant {
  id: string;
  name: string;
  householdRole: HouseholdRole | null;
  documentType: string;
  documentMasked: string;
  phoneMasked: string | null;
  keyPerson: boolean;
  closeContact: boolean;
}

export interface TenancyAddress {
  type: 'room' | 'place';
  id: string;
  text: string;
}

/** A lease of a room or place from a landlord to a tenant. Dates are YYYY-MM-DD. */
export interface Tenancy {
  id: string;
  address: TenancyAddress;
  communityCode: string;
  landlord: { id: string; name: string };
  tenant: { id: string; name: string };
  startDate: string;
  /** Last day of the lease; null while it runs with no end date. */
  endDate: string | null;
  endedReason: string | null;
  status: TenancyStatus;
  createdAt: string;
  updatedAt: string;
}

/** A room or place with its occupants (owners first) and its tenancies (newest first). */
export interface HouseholdView {
  type: 'room' | 'place';
  addressText: string;
  room: Room | null;
  place: Place | null;
  occupants: Occupant[];
  tenancies: Tenancy[];
}

/** A new tenancy of exactly one room or place. */
export interface CreateTenancyRequest {
  roomId?: string;
  placeId?: string;
  landlordPersonId: string;
  tenantPersonId: string;
  startDate: string;
  endDate?: string;
}

export interface EndTenancyRequest {
  endDate: string;
  reason: string;
}

export interface PersonTenancies {
  asLandlord: Tenancy[];
  asTenant: Tenancy[];
}

const BASE = '/api/households';

export function getRoomHousehold(roomId: string): Promise<HouseholdView> {
  return get<HouseholdView>(`${BASE}/rooms/${encodeURIComponent(roomId)}`);
}

export function getPlaceHousehold(placeId: string): Promise<HouseholdView> {
  return get<HouseholdView>(`${BASE}/places/${encodeURIComponent(placeId)}`);
}

export function createTenancy(tenancy: CreateTenancyRequest): Promise<Tenancy> {
  return post<Tenancy>(`${BASE}/tenancies`, tenancy);
}

/** Ends a tenancy. The end date may not be later than today, except the start date of a tenancy not yet started. */
export function endTenancy(id: string, end: EndTenancyRequest): Promise<Tenancy> {
  return post<Tenancy>(`${BASE}/tenancies/${encodeURIComponent(id)}/end`, end);
}

export function getPersonTenancies(personId: string): Promise<PersonTenancies> {
  return get<PersonTenancies>(`${BASE}/persons/${encodeURIComponent(personId)}/tenancies`);
}
