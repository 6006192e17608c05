import { cleanName } from '@cordon/core';
import type { Transaction } from 'kysely';
import type { Actor, ServiceContext } from '../../context/types.js';
import type { Database } from '../../db/schema.js';
import { AppError } from '../../errors/app-error.js';
import { findPlaceInScope, findRoomInScope } from '../addresses/repository.js';
import { getPlace, getRoom, roomTextOf } from '../addresses/service.js';
import { recordAudit } from '../audit/service.js';
import { chinaToday } from '../persons/input.js';
import { findPersonIdInScope } from '../persons/repository.js';
import { HOUSEHOLD_ROLES } from '../persons/schemas.js';
import * as repo from './repository.js';
import { checkEndDate, checkNewTenancyDates, tenancyStatusOn } from './tenancy-rules.js';
import { insertTenancy } from './tenancy-repository.js';

type OccupantRow = Awaited<ReturnType<typeof repo.listOccupants>>[number];

/** Position of a household role in the occupant list. Files without a role come last. */
function roleRank(role: string | null): number {
  const index = HOUSEHOLD_ROLES.indexOf(role as (typeof HOUSEHOLD_ROLES)[number]);
  return index === -1 ? HOUSEHOLD_ROLES.length : index;
}

function toOccupant(row: OccupantRow) {
  return {
    id: row.id,
    name: row.name,
    householdRole: row.household_role,
    documentType: row.document_type,
    documentMasked: row.document_masked,
    phoneMasked: row.phone_masked,
    keyPerson: row.key_person === 1,
    closeContact: row.close_contact === 1,
  };
}

/** Orders occupants by household role. The rows arrive by name, and the stable sort keeps that order within a role. */
function toOccupants(rows: OccupantRow[]) {
  return rows.map(toOccupant).sort((a, b) => roleRank(a.householdRole) - roleRank(b.householdRole));
}

function addressOf(row: repo.TenancyRow) {
  if (row.room_id !== null) {
    const text = roomTextOf({
      compound_name: row.compound_name ?? '',
      building_number: row.building_number ?? '',
      unit_number: row.unit_number ?? '',
      number: row.room_number ?? '',
    });
    return { type: 'room' as const, id: row.room_id, text };
  }
  return { type: 'place' as const, id: row.place_id ?? '', text: row.place_text ?? '' };
}

export function toTenancy(row: repo.TenancyRow, today: string) {
  return {
    id: row.id,
    address: addressOf(row),
    communityCode: row.community_code,
    landlord: { id: row.landlord_person_id, name: row.landlord_name },
    tenant: { id: row.tenant_person_id, name: row.tenant_name },
    startDate: row.start_date,
    endDate: row.end_date,
    endedReason: row.ended_reason,
    status: tenancyStatusOn(today, { startDate: row.start_date, endDate: row.end_date, endedReason: row.ended_reason }),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Loads a room in scope with everyone whose file points at it and its tenancies. */
export async function getRoomHousehold(ctx: ServiceContext, actor: Actor, roomId: string) {
  const room = await getRoom(ctx, actor, roomId).catch((error: unknown) => {
    // The route's parameter is roomId, so the error names it.
    if (error instanceof AppError && error.code === 'ROOM_NOT_FOUND') throw new AppError('ROOM_NOT_FOUND', 'roomId');
    throw error;
  });
  const [occupants, tenancies] = await Promise.all([
    repo.listOccupants(ctx.db, 'room_id', roomId),
    repo.listTenanciesOfAddress(ctx.db, 'room_id', roomId),
  ]);
  const today = chinaToday();
  return {
    type: 'room' as const,
    addressText: room.text,
    room,
    place: null,
    occupants: toOccupants(occupants),
    tenancies: tenancies.map((row) => toTenancy(row, today)),
  };
}

/** Loads a place in scope with everyone whose file points at it and its tenancies. */
export async function getPlaceHousehold(ctx: ServiceContext, actor: Actor, placeId: string) {
  const place = await getPlace(ctx, actor, placeId).catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'PLACE_NOT_FOUND') throw new AppError('PLACE_NOT_FOUND', 'placeId');
    throw error;
  });
  const [occupants, tenancies] = await Promise.all([
    repo.listOccupants(ctx.db, 'place_id', placeId),
    repo.listTenanciesOfAddress(ctx.db, 'place_id', placeId),
  ]);
  const today = chinaToday();
  return {
    type: 'place' as const,
    addressText: place.text,
    room: null,
    place,
    occupants: toOccupants(occupants),
    tenancies: tenancies.map((row) => toTenancy(row, today)),
  };
}

export interface CreateTenancyInput {
  roomId?: string | undefined;
  placeId?: string | undefined;
  landlordPersonId: string;
  tenantPersonId: string;
  startDate: string;
  endDate?: string | undefined;
}

/** Loads the tenancy's room or place in scope and returns the community it belongs to. */
async function requireTenancyAddress(ctx: ServiceContext, actor: Actor, input: CreateTenancyInput) {
  if ((input.roomId === undefined) === (input.placeId === undefined)) throw new AppError('TENANCY_ADDRESS_REQUIRED', 'roomId');
  if (input.roomId !== undefined) {
    const room = await findRoomInScope(ctx.db, actor.scope, input.roomId);
    if (!room) throw new AppError('ROOM_NOT_FOUND', 'roomId');
    return { roomId: room.id, placeId: null, communityCode: room.community_code };
  }
  const place = await findPlaceInScope(ctx.db, actor.scope, input.placeId as string);
  if (!place) throw new AppError('PLACE_NOT_FOUND', 'placeId');
  return { roomId: null, placeId: place.id, communityCode: place.community_code };
}

async function requirePersonInScope(ctx: ServiceContext, actor: Actor, id: string, field: string) {
  if (!(await findPersonIdInScope(ctx.db, actor.scope, id))) throw new AppError('PERSON_NOT_FOUND', field);
}

/**
 * Locks the room or place row on PostgreSQL until the transaction ends, so
 * that two writes of tenancies of one address run one after the other and
 * the overlap check finds the other's row. SQLite runs one write transaction at a time.
 */
async function lockAddress(trx: Transaction<Database>, ctx: ServiceContext, address: { roomId: string | null; placeId: string | null }) {
  if (ctx.dbKind !== 'postgres') return;
  if (address.roomId !== null) await trx.selectFrom('rooms').select('id').where('id', '=', address.roomId).forUpdate().execute();
  else
    await trx
      .selectFrom('places')
      .select('id')
      .where('id', '=', address.placeId as string)
      .forUpdate()
      .execute();
}

async function requireTenancy(ctx: ServiceContext, actor: Actor, id: string) {
  const row = await repo.findTenancyInScope(ctx.db, actor.scope, id);
  if (!row) throw new AppError('TENANCY_NOT_FOUND', 'id');
  return row;
}

/**
 * Records that a landlord lets a room or place to a tenant. The address and
 * both persons must be in the actor's scope, and the same landlord, tenant
 * and address may not have another tenancy in an overlapping period.
 */
export async function createTenancy(ctx: ServiceContext, actor: Actor, input: CreateTenancyInput) {
  const address = await requireTenancyAddress(ctx, actor, input);
  if (input.landlordPersonId === input.tenantPersonId) throw new AppError('TENANCY_SAME_PERSON', 'tenantPersonId');
  await requirePersonInScope(ctx, actor, input.landlordPersonId, 'landlordPersonId');
  await requirePersonInScope(ctx, actor, input.tenantPersonId, 'tenantPersonId');

  const today = chinaToday();
  const endDate = input.endDate ?? null;
  checkNewTenancyDates(today, input.startDate, endDate);

  const row = {
    ...address,
    landlordPersonId: input.landlordPersonId,
    tenantPersonId: input.tenantPersonId,
    startDate: input.startDate,
    endDate,
  };
  const now = new Date().toISOString();
  const id = await ctx.db.transaction().execute(async (trx) => {
    await lockAddress(trx, ctx, address);
    if (await repo.findOverlappingTenancy(trx, row)) throw new AppError('TENANCY_OVERLAP', 'startDate');
    const tenancyId = await insertTenancy(trx, { ...row, now });
    const fields = [address.roomId !== null ? 'roomId' : 'placeId', 'landlordPersonId', 'tenantPersonId', 'startDate'];
    if (endDate !== null) fields.push('endDate');
    await recordAudit(
      trx,
      ctx,
      actor,
      { action: 'tenancy.create', entityType: 'tenancy', entityId: tenancyId, nodeCode: address.communityCode, fields },
      now,
    );
    return tenancyId;
  });
  return toTenancy(await requireTenancy(ctx, actor, id), today);
}

/** Ends a tenancy on a day with a reason. A tenancy can be ended once. */
export async function endTenancy(ctx: ServiceContext, actor: Actor, id: string, input: { endDate: string; reason: string }) {
  const current = await requireTenancy(ctx, actor, id);
  if (current.ended_reason !== null) throw new AppError('TENANCY_ALREADY_ENDED', 'id');
  const reason = cleanName(input.reason);
  if (reason === '') throw new AppError('FIELD_REQUIRED', 'reason');
  const today = chinaToday();
  checkEndDate(today, current.start_date, input.endDate);

  const period = {
    roomId: current.room_id,
    placeId: current.place_id,
    landlordPersonId: current.landlord_person_id,
    tenantPersonId: current.tenant_person_id,
    startDate: current.start_date,
    endDate: input.endDate,
  };
  const now = new Date().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    await lockAddress(trx, ctx, period);
    // An end date later than the agreed one lengthens the tenancy, which may then reach a later one of the same pair.
    if (await repo.findOverlappingTenancy(trx, period, id)) throw new AppError('TENANCY_OVERLAP', 'endDate');
    await repo.endTenancy(trx, id, { endDate: input.endDate, reason, now });
    await recordAudit(
      trx,
      ctx,
      actor,
      { action: 'tenancy.end', entityType: 'tenancy', entityId: id, nodeCode: current.community_code, fields: ['endDate', 'reason'] },
      now,
    );
  });
  return toTenancy(await requireTenancy(ctx, actor, id), today);
}

/** Lists a person's tenancies as landlord and as tenant, limited to addresses in the actor's scope. */
export async function listPersonTenancies(ctx: ServiceContext, actor: Actor, personId: string) {
  await requirePersonInScope(ctx, actor, personId, 'id');
  const rows = await repo.listTenanciesOfPersonInScope(ctx.db, actor.scope, personId);
  const today = chinaToday();
  const tenancies = rows.map((row) => toTenancy(row, today));
  return {
    asLandlord: tenancies.filter((tenancy) => tenancy.landlord.id === personId),
    asTenant: tenancies.filter((tenancy) => tenancy.tenant.id === personId),
  };
}
