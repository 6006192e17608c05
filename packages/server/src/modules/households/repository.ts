import type { Kysely, Transaction } from 'kysely';
import type { Scope } from '../../context/types.js';
import type { Database } from '../../db/schema.js';
import { subtreeCodes } from '../jurisdictions/scope.js';

type Executor = Kysely<Database> | Transaction<Database>;
export type AddressColumn = 'room_id' | 'place_id';

/**
 * Person files that give a room or a place as their address, by name.
 * TODO: the caller checks the address's scope only, so a grid worker also reads files of the room that belong to no grid.
 */
export function listOccupants(db: Executor, column: AddressColumn, id: string) {
  return db
    .selectFrom('persons')
    .select([
      'persons.id',
      'persons.name',
      'persons.household_role',
      'persons.document_type',
      'persons.document_masked',
      'persons.phone_masked',
      'persons.key_person',
      'persons.close_contact',
    ])
    .where(`persons.${column}`, '=', id)
    .orderBy('persons.name')
    .orderBy('persons.id')
    .execute();
}

function tenancyQuery(db: Executor) {
  return db
    .selectFrom('tenancies')
    .innerJoin('persons as landlord', 'landlord.id', 'tenancies.landlord_person_id')
    .innerJoin('persons as tenant', 'tenant.id', 'tenancies.tenant_person_id')
    .leftJoin('rooms', 'rooms.id', 'tenancies.room_id')
    .leftJoin('units', 'units.id', 'rooms.unit_id')
    .leftJoin('buildings', 'buildings.id', 'units.building_id')
    .leftJoin('compounds', 'compounds.id', 'buildings.compound_id')
    .leftJoin('places', 'places.id', 'tenancies.place_id')
    .select([
      'tenancies.id',
      'tenancies.room_id',
      'tenancies.place_id',
      'tenancies.landlord_person_id',
      'tenancies.tenant_person_id',
      'tenancies.start_date',
      'tenancies.end_date',
      'tenancies.ended_reason',
      'tenancies.community_code',
      'tenancies.created_at',
      'tenancies.updated_at',
      'landlord.name as landlord_name',
      'tenant.name as tenant_name',
      'compounds.name as compound_name',
      'buildings.number as building_number',
      'units.number as unit_number',
      'rooms.number as room_number',
      'places.text as place_text',
    ]);
}

export type TenancyRow = Awaited<ReturnType<typeof listTenanciesOfAddress>>[number];

/**
 * Limits tenancies to those whose room or place is in scope: the room's
 * compound or the place has its community or grid in the subtree, as the
 * addresses module scopes them.
 */
function whereAddressInScope(query: ReturnType<typeof tenancyQuery>, db: Kysely<Database>, scope: Scope) {
  return query.where((eb) =>
    eb.or([
      eb('compounds.community_code', 'in', subtreeCodes(db, scope)),
      eb('compounds.grid_code', 'in', subtreeCodes(db, scope)),
      eb('places.community_code', 'in', subtreeCodes(db, scope)),
      eb('places.grid_code', 'in', subtreeCodes(db, scope)),
    ]),
  );
}

export function listTenanciesOfAddress(db: Executor, column: AddressColumn, id: string) {
  return tenancyQuery(db)
    .where(`tenancies.${column}`, '=', id)
    .orderBy('tenancies.start_date', 'desc')
    .orderBy('tenancies.created_at', 'desc')
    .orderBy('tenancies.id')
    .execute();
}

/** Tenancies of a person as landlord or tenant whose address is in scope. */
export function listTenanciesOfPersonInScope(db: Kysely<Database>, scope: Scope, personId: string) {
  return whereAddressInScope(tenancyQuery(db), db, scope)
    .where((eb) => eb.or([eb('tenancies.landlord_person_id', '=', personId), eb('tenancies.tenant_person_id', '=', personId)]))
    .orderBy('tenancies.start_date', 'desc')
    .orderBy('tenancies.created_at', 'desc')
    .orderBy('tenancies.id')
    .execute();
}

export function findTenancyInScope(db: Kysely<Database>, scope: Scope, id: string) {
  return whereAddressInScope(tenancyQuery(db), db, scope).where('tenancies.id', '=', id).executeTakeFirst();
}

export interface TenancyPeriodKey {
  roomId: string | null;
  placeId: string | null;
  landlordPersonId: string;
  tenantPersonId: string;
  startDate: string;
  endDate: string | null;
}

/**
 * Finds a tenancy of the same landlord, tenant and address whose period
 * shares at least one day with the given one. A null end date is open-ended.
 */
export function findOverlappingTenancy(db: Executor, key: TenancyPeriodKey, excludeId?: string) {
  let query = db
    .selectFrom('tenancies')
    .select('id')
    .where('landlord_person_id', '=', key.landlordPersonId)
    .where('tenant_person_id', '=', key.tenantPersonId)
    .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', key.startDate)]));
  query = key.roomId !== null ? query.where('room_id', '=', key.roomId) : query.where('place_id', '=', key.placeId as string);
  if (key.endDate !== null) query = query.where('start_date', '<=', key.endDate);
  if (excludeId !== undefined) query = query.where('id', '<>', excludeId);
  return query.executeTakeFirst();
}

export async function endTenancy(db: Executor, id: string, change: { endDate: string; reason: string; now: string }) {
  await db
    .updateTable('tenancies')
    .set({ end_date: change.endDate, ended_reason: change.reason, updated_at: change.now })
    .where('id', '=', id)
    .execute();
}
