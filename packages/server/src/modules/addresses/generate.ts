import { randomUUID } from 'node:crypto';
import { expandNumberRange } from '@cordon/core';
import type { Actor, ServiceContext } from '../../context/types.js';
import { AppError } from '../../errors/app-error.js';
import { recordAudit } from '../audit/service.js';
import * as generation from './generation-repository.js';
import { requireCompound } from './service.js';

/**
 * Largest number of rooms one request may create. A large compound of 30
 * buildings × 3 units × 33 floors × 4 rooms has 11,880 rooms, so it fits in
 * one request, and a bigger one is generated building range by building range.
 */
export const MAX_ROOMS_PER_REQUEST = 20_000;

/**
 * Largest number in each range. The room parser of @cordon/core reads up to
 * 4 digits of a building and 2 of a unit. A generated room number is the
 * floor and a two-digit index, and the parser reads the floor only from room
 * numbers of 3 or 4 digits, so floors and indexes stop at 99.
 */
const MAX_NUMBER = { buildings: 9999, units: 99, floors: 99, roomsPerFloor: 99 } as const;

export interface GenerateRequest {
  buildings: string;
  units: string;
  floors: string;
  roomsPerFloor: string;
  skipFloors?: string | undefined;
  skipBuildings?: string | undefined;
}

/**
 * Expands one range of the request, rejecting numbers above the part's
 * maximum. No useful range has more numbers than the room limit, so a longer
 * one is rejected before its array is built.
 */
function readRange(spec: string, field: string, max: number): number[] {
  const result = expandNumberRange(spec, { max: MAX_ROOMS_PER_REQUEST });
  if (!result.ok) throw new AppError(result.code, field);
  const largest = result.value[result.value.length - 1] ?? 0;
  if (largest > max) throw new AppError('ADDRESS_NUMBER_TOO_LARGE', field, { max });
  return result.value;
}

function without(numbers: number[], skipped: number[]): number[] {
  const skip = new Set(skipped);
  return numbers.filter((number) => !skip.has(number));
}

/** Reads and checks every range before anything is stored. */
function planOf(input: GenerateRequest) {
  const skipBuildings = input.skipBuildings === undefined ? [] : readRange(input.skipBuildings, 'skipBuildings', MAX_NUMBER.buildings);
  const skipFloors = input.skipFloors === undefined ? [] : readRange(input.skipFloors, 'skipFloors', MAX_NUMBER.floors);
  const plan = {
    buildings: without(readRange(input.buildings, 'buildings', MAX_NUMBER.buildings), skipBuildings).map(String),
    units: readRange(input.units, 'units', MAX_NUMBER.units).map(String),
    floors: without(readRange(input.floors, 'floors', MAX_NUMBER.floors), skipFloors),
    indexes: readRange(input.roomsPerFloor, 'roomsPerFloor', MAX_NUMBER.roomsPerFloor),
  };

  const roomCount = plan.buildings.length * plan.units.length * plan.floors.length * plan.indexes.length;
  if (roomCount > MAX_ROOMS_PER_REQUEST) {
    throw new AppError('ADDRESS_GENERATION_TOO_LARGE', 'buildings', { count: roomCount, limit: MAX_ROOMS_PER_REQUEST });
  }
  return plan;
}

/** Room number of the index-th room on a floor: floor 12, index 2 → "1202". */
function roomNumberOf(floor: number, index: number): string {
  return `${floor}${String(index).padStart(2, '0')}`;
}

/**
 * Creates the buildings, units and rooms of a compound that a request names,
 * in one transaction. Existing buildings and units are reused, and existing
 * rooms are kept and counted as skipped, so running the same request twice
 * creates nothing the second time.
 */
export async function generateRooms(ctx: ServiceContext, actor: Actor, compoundId: string, input: GenerateRequest) {
  const compound = await requireCompound(ctx, actor, compoundId);
  const plan = planOf(input);
  const now = new Date().toISOString();

  return ctx.db.transaction().execute(async (trx) => {
    if (!(await generation.lockCompound(trx, ctx.dbKind, compound.id))) throw new AppError('COMPOUND_NOT_FOUND', 'id');

    const buildingIds = new Map((await generation.listBuildingKeysOfCompound(trx, compound.id)).map((row) => [row.number, row.id]));
    const newBuildings = [];
    for (const number of plan.buildings) {
      if (buildingIds.has(number)) continue;
      const id = randomUUID();
      buildingIds.set(number, id);
      newBuildings.push({ id, compoundId: compound.id, number });
    }
    await generation.insertBuildings(trx, newBuildings, now);

    const unitIds = new Map(
      (await generation.listUnitKeysOfCompound(trx, compound.id)).map((row) => [`${row.building_id}/${row.number}`, row.id]),
    );
    const newUnits = [];
    const requestedUnitIds = [];
    for (const building of plan.buildings) {
      const buildingId = buildingIds.get(building) ?? '';
      for (const number of plan.units) {
        let id = unitIds.get(`${buildingId}/${number}`);
        if (id === undefined) {
          id = randomUUID();
          newUnits.push({ id, buildingId, number });
        }
        requestedUnitIds.push(id);
      }
    }
    await generation.insertUnits(trx, newUnits, now);

    const existingRooms = new Set((await generation.listRoomKeysOfCompound(trx, compound.id)).map((row) => `${row.unit_id}/${row.number}`));
    const newRooms = [];
    let skipped = 0;
    for (const unitId of requestedUnitIds) {
      for (const floor of plan.floors) {
        for (const index of plan.indexes) {
          const number = roomNumberOf(floor, index);
          if (existingRooms.has(`${unitId}/${number}`)) skipped += 1;
          else newRooms.push({ id: randomUUID(), unitId, floor, number });
        }
      }
    }
    await generation.insertRooms(trx, newRooms, now);

    const created = { buildings: newBuildings.length, units: newUnits.length, rooms: newRooms.length };
    const fields = Object.entries(created)
      .filter(([, count]) => count > 0)
      .map(([field]) => field);
    if (fields.length > 0) {
      await generation.touchCompound(trx, compound.id, now);
      await recordAudit(
        trx,
        ctx,
        actor,
        { action: 'compound.generate', entityType: 'compound', entityId: compound.id, nodeCode: compound.community_code, fields },
        now,
      );
    }
    return { ...created, skipped };
  });
}
