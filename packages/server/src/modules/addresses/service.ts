import { randomUUID } from 'node:crypto';
import { cleanName, formatRoomAddress, normalizeAddressText } from '@cordon/core';
import type { Actor, ServiceContext } from '../../context/types.js';
import { AppError } from '../../errors/app-error.js';
import { recordAudit } from '../audit/service.js';
import { requireNodeInScope } from '../jurisdictions/scope.js';
import * as repo from './repository.js';
import type { PlaceKind } from './schemas.js';

type CompoundRow = NonNullable<Awaited<ReturnType<typeof repo.findCompoundInScope>>>;

/** Lower-case normalised text, the form stored for search and compared with search texts. */
export function searchFormOf(text: string): string {
  return normalizeAddressText(text).toLowerCase();
}

function toCompound(row: CompoundRow) {
  return {
    id: row.id,
    communityCode: row.community_code,
    communityName: row.community_name,
    gridCode: row.grid_code,
    gridName: row.grid_name,
    name: row.name,
    buildingCount: Number(row.building_count ?? 0),
    roomCount: Number(row.room_count ?? 0),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Full address of a room: the compound's name, then "3幢2单元1202室". */
export function roomTextOf(row: { compound_name: string; building_number: string; unit_number: string; number: string }) {
  return row.compound_name + formatRoomAddress({ building: row.building_number, unit: row.unit_number, room: row.number });
}

function toRoom(row: repo.RoomRow) {
  return {
    id: row.id,
    number: row.number,
    floor: row.floor,
    unitId: row.unit_id,
    unitNumber: row.unit_number,
    buildingId: row.building_id,
    buildingNumber: row.building_number,
    compoundId: row.compound_id,
    compoundName: row.compound_name,
    communityCode: row.community_code,
    communityName: row.community_name,
    gridCode: row.grid_code,
    text: roomTextOf(row),
  };
}

function toPlace(row: repo.PlaceRow) {
  return {
    id: row.id,
    communityCode: row.community_code,
    communityName: row.community_name,
    gridCode: row.grid_code,
    gridName: row.grid_name,
    kind: row.kind as PlaceKind,
    text: row.text,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/**
 * Loads the community an address belongs to, and the grid when one is given.
 * Both must be in the actor's scope. The community must be a community node,
 * and the grid must be one of its grids.
 */
async function requireCommunityAndGrid(ctx: ServiceContext, actor: Actor, communityCode: string, gridCode: string | undefined) {
  const community = await requireNodeInScope(ctx.db, actor.scope, communityCode, 'communityCode');
  if (community.level !== 'community') throw new AppError('JURISDICTION_LEVEL_INVALID', 'communityCode');
  if (gridCode === undefined) return { community, grid: null };

  const grid = await requireNodeInScope(ctx.db, actor.scope, gridCode, 'gridCode');
  if (grid.level !== 'grid' || grid.parent_code !== community.code) throw new AppError('GRID_NOT_IN_COMMUNITY', 'gridCode');
  return { community, grid };
}

export async function requireCompound(ctx: ServiceContext, actor: Actor, id: string) {
  const row = await repo.findCompoundInScope(ctx.db, actor.scope, id);
  if (!row) throw new AppError('COMPOUND_NOT_FOUND', 'id');
  return row;
}

export async function getCompound(ctx: ServiceContext, actor: Actor, id: string) {
  const row = await requireCompound(ctx, actor, id);
  const buildings = await repo.listBuildingsOfCompound(ctx.db, id);
  return {
    ...toCompound(row),
    buildings: buildings.map((building) => ({
      id: building.id,
      number: building.number,
      unitCount: Number(building.unit_count ?? 0),
      roomCount: Number(building.room_count ?? 0),
    })),
  };
}

export async function listCompounds(
  ctx: ServiceContext,
  actor: Actor,
  filter: { communityCode?: string | undefined; q?: string | undefined },
  page: number,
  pageSize: number,
) {
  const normalizedText = filter.q === undefined ? undefined : searchFormOf(filter.q);
  const repoFilter = { communityCode: filter.communityCode, normalizedText };
  const { rows, total } = await repo.listCompoundsInScope(ctx.db, actor.scope, repoFilter, (page - 1) * pageSize, pageSize);
  return { items: rows.map(toCompound), total };
}

export async function createCompound(ctx: ServiceContext, actor: Actor, input: { communityCode: string; name: string; gridCode?: string }) {
  const name = cleanName(input.name);
  if (name === '') throw new AppError('FIELD_REQUIRED', 'name');
  const { community, grid } = await requireCommunityAndGrid(ctx, actor, input.communityCode, input.gridCode);
  const id = randomUUID();
  const now = new Date().toISOString();

  await ctx.db.transaction().execute(async (trx) => {
    if (await repo.findCompoundIdByName(trx, community.code, name)) throw new AppError('COMPOUND_NAME_TAKEN', 'name');
    await repo.insertCompound(trx, {
      id,
      communityCode: community.code,
      gridCode: grid?.code ?? null,
      name,
      normalizedName: searchFormOf(name),
      now,
    });
    await recordAudit(
      trx,
      ctx,
      actor,
      {
        action: 'compound.create',
        entityType: 'compound',
        entityId: id,
        nodeCode: community.code,
        fields: grid ? ['communityCode', 'name', 'gridCode'] : ['communityCode', 'name'],
      },
      now,
    );
  });
  return toCompound(await requireCompound(ctx, actor, id));
}

export async function getRoom(ctx: ServiceContext, actor: Actor, id: string) {
  const row = await repo.findRoomInScope(ctx.db, actor.scope, id);
  if (!row) throw new AppError('ROOM_NOT_FOUND', 'id');
  return toRoom(row);
}

/** Loads a building with its rooms grouped by unit, then by floor. */
export async function getBuildingRooms(ctx: ServiceContext, actor: Actor, id: string) {
  const building = await repo.findBuildingInScope(ctx.db, actor.scope, id);
  if (!building) throw new AppError('BUILDING_NOT_FOUND', 'id');
  const [units, rooms] = await Promise.all([repo.listUnitsOfBuilding(ctx.db, id), repo.listRoomsOfBuilding(ctx.db, id)]);

  const floorsByUnit = new Map<string, Array<{ floor: number; rooms: Array<{ id: string; number: string }> }>>();
  for (const unit of units) floorsByUnit.set(unit.id, []);
  // Rows arrive ordered by unit and floor, so a new floor starts whenever the floor changes.
  for (const room of rooms) {
    const floors = floorsByUnit.get(room.unit_id) ?? [];
    let current = floors[floors.length - 1];
    if (current?.floor !== room.floor) {
      current = { floor: room.floor, rooms: [] };
      floors.push(current);
    }
    current.rooms.push({ id: room.id, number: room.number });
  }

  return {
    id: building.id,
    number: building.number,
    compoundId: building.compound_id,
    compoundName: building.compound_name,
    units: units.map((unit) => ({ id: unit.id, number: unit.number, floors: floorsByUnit.get(unit.id) ?? [] })),
  };
}

export async function getPlace(ctx: ServiceContext, actor: Actor, id: string) {
  const row = await repo.findPlaceInScope(ctx.db, actor.scope, id);
  if (!row) throw new AppError('PLACE_NOT_FOUND', 'id');
  return toPlace(row);
}

export interface PlaceListFilter {
  communityCode?: string | undefined;
  kind?: PlaceKind | undefined;
  q?: string | undefined;
}

export async function listPlaces(ctx: ServiceContext, actor: Actor, filter: PlaceListFilter, page: number, pageSize: number) {
  const { q, ...rest } = filter;
  const normalizedText = q === undefined ? undefined : searchFormOf(q);
  const { rows, total } = await repo.listPlacesInScope(ctx.db, actor.scope, { ...rest, normalizedText }, (page - 1) * pageSize, pageSize);
  return { items: rows.map(toPlace), total };
}

export async function createPlace(
  ctx: ServiceContext,
  actor: Actor,
  input: { communityCode: string; kind: PlaceKind; text: string; gridCode?: string },
) {
  // normalizeAddressText also applies cleanName, and stores "１２８号" as "128号".
  const text = normalizeAddressText(input.text);
  if (text === '') throw new AppError('FIELD_REQUIRED', 'text');
  const { community, grid } = await requireCommunityAndGrid(ctx, actor, input.communityCode, input.gridCode);
  const id = randomUUID();
  const now = new Date().toISOString();

  await ctx.db.transaction().execute(async (trx) => {
    await repo.insertPlace(trx, {
      id,
      communityCode: community.code,
      gridCode: grid?.code ?? null,
      kind: input.kind,
      text,
      normalizedText: text.toLowerCase(),
      now,
    });
    await recordAudit(
      trx,
      ctx,
      actor,
      {
        action: 'place.create',
        entityType: 'place',
        entityId: id,
        nodeCode: community.code,
        fields: grid ? ['communityCode', 'kind', 'text', 'gridCode'] : ['communityCode', 'kind', 'text'],
      },
      now,
    );
  });
  return getPlace(ctx, actor, id);
}
