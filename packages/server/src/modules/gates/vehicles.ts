import { randomUUID } from 'node:crypto';
import { maskPersonName, normalizePlateInput, parsePlate, type Plate } from '@cordon/core';
import { sql } from 'kysely';
import type { Actor, ServiceContext } from '../../context/types.js';
import { isUniqueViolation } from '../../db/unique-violation.js';
import { AppError } from '../../errors/app-error.js';
import { recordAudit } from '../audit/service.js';
import { containsPattern, findPersonWithHome, findRoomInCompound, roomTextsOf } from './admin-residents.js';
import type { CreateVehicleInput } from './admin-schemas.js';
import { requireCompoundAccess } from './compound-access.js';

/** Vehicles in one list; a large compound narrows it with a search text. */
const VEHICLE_LIST_LIMIT = 1000;

/** Parses a plate as offices type it (鄂a 12345, full width, 鄂A·12345); a bad one names the field. */
export function requirePlate(input: string, field = 'plate'): Plate {
  const parsed = parsePlate(input);
  if (!parsed.ok) throw new AppError(parsed.code, field);
  return parsed.value;
}

function plateRegionNameOf(plateNumber: string): string | null {
  const parsed = parsePlate(plateNumber);
  if (!parsed.ok) return null;
  return parsed.value.city ?? parsed.value.province ?? null;
}

function vehicleQuery(ctx: ServiceContext) {
  return ctx.db
    .selectFrom('vehicles')
    .leftJoin('persons', 'persons.id', 'vehicles.owner_person_id')
    .select([
      'vehicles.id',
      'vehicles.compound_id',
      'vehicles.plate_number',
      'vehicles.plate_region_code',
      'vehicles.room_id',
      'vehicles.owner_person_id',
      'vehicles.notes',
      'vehicles.created_at',
      'persons.name as owner_name',
    ]);
}

type VehicleRow = Awaited<ReturnType<ReturnType<typeof vehicleQuery>['executeTakeFirstOrThrow']>>;

function toVehicle(row: VehicleRow, roomTexts: Map<string, string>) {
  return {
    id: row.id,
    plateNumber: row.plate_number,
    plateRegionCode: row.plate_region_code,
    plateRegionName: plateRegionNameOf(row.plate_number),
    roomId: row.room_id,
    roomText: roomTexts.get(row.room_id) ?? '',
    ownerPersonId: row.owner_person_id,
    // Gate volunteers read this list, so names are masked like on public pages.
    ownerName: row.owner_name === null ? null : maskPersonName(row.owner_name),
    notes: row.notes,
    createdAt: row.created_at,
  };
}

async function toVehicles(ctx: ServiceContext, rows: VehicleRow[]) {
  const roomTexts = await roomTextsOf(
    ctx.db,
    rows.map((row) => row.room_id),
  );
  return rows.map((row) => toVehicle(row, roomTexts));
}

/** Lists a compound's vehicles by household; `q` matches part of the plate. */
export async function listVehicles(ctx: ServiceContext, actor: Actor, compoundId: string, q: string | undefined) {
  await requireCompoundAccess(ctx, actor, compoundId, 'manage');
  let query = vehicleQuery(ctx).where('vehicles.compound_id', '=', compoundId);
  const text = q === undefined ? '' : normalizePlateInput(q);
  if (text !== '') query = query.where(sql<boolean>`vehicles.plate_number like ${containsPattern(text)} escape '\\'`);
  const rows = await query.orderBy('vehicles.room_id').orderBy('vehicles.plate_number').limit(VEHICLE_LIST_LIMIT).execute();
  return toVehicles(ctx, rows);
}

/**
 * Registers a resident vehicle to a room of the compound. The plate is
 * stored normalised (鄂A12345), so a camera's reading matches it; one plate
 * is registered once per compound.
 */
export async function createVehicle(ctx: ServiceContext, actor: Actor, compoundId: string, input: CreateVehicleInput) {
  const compound = await requireCompoundAccess(ctx, actor, compoundId, 'manage');
  const plate = requirePlate(input.plate);
  const room = await findRoomInCompound(ctx.db, compound.id, input.roomId);
  if (!room) throw new AppError('VEHICLE_ROOM_NOT_IN_COMPOUND', 'roomId', { compound: compound.name });
  const ownerId = input.ownerPersonId ?? null;
  if (ownerId !== null) {
    const owner = await findPersonWithHome(ctx.db, ownerId);
    if (!owner || owner.home_compound_id !== compound.id)
      throw new AppError('VEHICLE_OWNER_NOT_RESIDENT', 'ownerPersonId', { compound: compound.name });
  }
  const notes = input.notes?.trim() ? input.notes.trim() : null;
  const taken = await ctx.db
    .selectFrom('vehicles')
    .select('id')
    .where('compound_id', '=', compound.id)
    .where('plate_number', '=', plate.number)
    .executeTakeFirst();
  if (taken) throw new AppError('VEHICLE_PLATE_TAKEN', 'plate', { plate: plate.number });

  const id = randomUUID();
  const now = ctx.clock().toISOString();
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('vehicles')
        .values({
          id,
          compound_id: compound.id,
          room_id: room.id,
          plate_number: plate.number,
          plate_region_code: plate.regionCode ?? null,
          owner_person_id: ownerId,
          notes,
          created_by: actor.userId,
          created_at: now,
          updated_at: now,
        })
        .execute();
      const fields = ['plate', 'roomId', ...(ownerId ? ['ownerPersonId'] : []), ...(notes ? ['notes'] : [])];
      await recordAudit(
        trx,
        ctx,
        actor,
        { action: 'vehicle.create', entityType: 'vehicle', entityId: id, nodeCode: compound.communityCode, fields },
        now,
      );
    });
  } catch (error) {
    // Two registrations of one plate raced; the unique (compound, plate) let only the first through.
    if (isUniqueViolation(error)) throw new AppError('VEHICLE_PLATE_TAKEN', 'plate', { plate: plate.number });
    throw error;
  }
  const row = await vehicleQuery(ctx).where('vehicles.id', '=', id).executeTakeFirstOrThrow();
  return toVehicle(row, new Map([[room.id, room.text]]));
}

export async function deleteVehicle(ctx: ServiceContext, actor: Actor, vehicleId: string) {
  const vehicle = await ctx.db.selectFrom('vehicles').select(['id', 'compound_id']).where('id', '=', vehicleId).executeTakeFirst();
  if (!vehicle) throw new AppError('VEHICLE_NOT_FOUND', 'vehicleId');
  const compound = await requireCompoundAccess(ctx, actor, vehicle.compound_id, 'manage', 'vehicleId').catch((error: unknown) => {
    throw error instanceof AppError && error.code === 'COMPOUND_NOT_FOUND' ? new AppError('VEHICLE_NOT_FOUND', 'vehicleId') : error;
  });

  const now = ctx.clock().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    // Past gate events keep the plate they read; only their link to the registration goes.
    await trx.updateTable('gate_events').set({ vehicle_id: null }).where('vehicle_id', '=', vehicle.id).execute();
    await trx.deleteFrom('vehicles').where('id', '=', vehicle.id).execute();
    await recordAudit(
      trx,
      ctx,
      actor,
      { action: 'vehicle.delete', entityType: 'vehicle', entityId: vehicle.id, nodeCode: compound.communityCode },
      now,
    );
  });
}
