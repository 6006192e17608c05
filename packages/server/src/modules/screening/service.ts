import type { Actor, Scope, ServiceContext } from '../../context/types.js';
import { AppError } from '../../errors/app-error.js';
import { listRoomsOfBuilding, listUnitsOfBuilding } from '../addresses/repository.js';
import { roomTextOf } from '../addresses/service.js';
import { requireNodeInScope } from '../jurisdictions/scope.js';
import { chinaToday } from '../persons/input.js';
import * as repo from './repository.js';
import type { ROOM_STATUSES, VisitOutcome } from './schemas.js';

type RoomStatus = (typeof ROOM_STATUSES)[number];

/** Narrows the actor's scope to a node inside it; without a node the whole scope applies. */
async function scopeOf(ctx: ServiceContext, actor: Actor, nodeCode: string | undefined): Promise<Scope> {
  if (nodeCode === undefined) return actor.scope;
  const node = await requireNodeInScope(ctx.db, actor.scope, nodeCode, 'nodeCode');
  return { nodeCode: node.code, nodePath: node.path };
}

/** Converts the counts a database returns (bigint text on PostgreSQL) to numbers. */
function progressCountsOf(row: {
  room_count: unknown;
  visited_count: unknown;
  screened_count: unknown;
  nobody_home_count: unknown;
  refused_count: unknown;
  revisit_due_count: unknown;
}) {
  return {
    roomCount: Number(row.room_count),
    visitedCount: Number(row.visited_count),
    screenedCount: Number(row.screened_count),
    nobodyHomeCount: Number(row.nobody_home_count),
    refusedCount: Number(row.refused_count),
    revisitDueCount: Number(row.revisit_due_count),
  };
}

export async function listBuildingProgress(
  ctx: ServiceContext,
  actor: Actor,
  nodeCode: string | undefined,
  page: number,
  pageSize: number,
) {
  const scope = await scopeOf(ctx, actor, nodeCode);
  const { rows, total } = await repo.listBuildingProgress(ctx.db, scope, chinaToday(), (page - 1) * pageSize, pageSize);
  return {
    total,
    items: rows.map((row) => ({
      id: row.id,
      number: row.number,
      compoundId: row.compound_id,
      compoundName: row.compound_name,
      communityCode: row.community_code,
      communityName: row.community_name,
      gridCode: row.grid_code,
      ...progressCountsOf(row),
    })),
  };
}

export async function listCommunityProgress(ctx: ServiceContext, actor: Actor, nodeCode: string | undefined) {
  const scope = await scopeOf(ctx, actor, nodeCode);
  const rows = await repo.listCommunityProgress(ctx.db, scope, chinaToday());
  return {
    items: rows.map((row) => ({
      communityCode: row.community_code,
      communityName: row.community_name,
      buildingCount: Number(row.building_count),
      ...progressCountsOf(row),
    })),
  };
}

export function roomStatusOf(latest: { outcome: string; revisit_on: string | null } | undefined, today: string): RoomStatus {
  if (!latest) return 'not_visited';
  if (latest.outcome === 'nobody_home') return latest.revisit_on !== null && latest.revisit_on <= today ? 'revisit_due' : 'nobody_home';
  return latest.outcome as RoomStatus;
}

/** Loads a building's rooms by unit and floor, each with its latest visit and the person files living there. */
export async function getBuildingDetail(ctx: ServiceContext, actor: Actor, id: string) {
  const building = await repo.findBuildingInScope(ctx.db, actor.scope, id);
  if (!building) throw new AppError('BUILDING_NOT_FOUND', 'id');
  const [units, rooms, visits, persons] = await Promise.all([
    listUnitsOfBuilding(ctx.db, id),
    listRoomsOfBuilding(ctx.db, id),
    repo.listLatestVisitsOfBuilding(ctx.db, id),
    repo.listPersonsOfBuilding(ctx.db, actor.scope, id),
  ]);
  const today = chinaToday();

  const visitByRoom = new Map(visits.map((visit) => [visit.room_id, visit]));
  const personsByRoom = new Map<string, Array<(typeof persons)[number]>>();
  for (const person of persons) {
    const list = personsByRoom.get(person.room_id as string) ?? [];
    list.push(person);
    personsByRoom.set(person.room_id as string, list);
  }

  const toRoom = (room: (typeof rooms)[number]) => {
    const latest = visitByRoom.get(room.id);
    return {
      id: room.id,
      number: room.number,
      status: roomStatusOf(latest, today),
      latestVisit: latest
        ? {
            id: latest.id,
            outcome: latest.outcome as VisitOutcome,
            visitedAt: new Date(latest.visited_at).toISOString(),
            revisitOn: latest.revisit_on,
          }
        : null,
      persons: (personsByRoom.get(room.id) ?? []).map((person) => ({
        id: person.id,
        name: person.name,
        documentMasked: person.document_masked,
        phoneMasked: person.phone_masked,
        householdRole: person.household_role,
      })),
    };
  };

  // Rows arrive ordered by unit and floor, so a new floor starts whenever the floor changes.
  const floorsByUnit = new Map<string, Array<{ floor: number; rooms: Array<ReturnType<typeof toRoom>> }>>();
  for (const room of rooms) {
    const floors = floorsByUnit.get(room.unit_id) ?? [];
    let current = floors[floors.length - 1];
    if (current?.floor !== room.floor) {
      current = { floor: room.floor, rooms: [] };
      floors.push(current);
    }
    current.rooms.push(toRoom(room));
    floorsByUnit.set(room.unit_id, floors);
  }

  return {
    id: building.id,
    number: building.number,
    compoundId: building.compound_id,
    compoundName: building.compound_name,
    communityCode: building.community_code,
    communityName: building.community_name,
    gridCode: building.grid_code,
    today,
    units: units.map((unit) => ({ id: unit.id, number: unit.number, floors: floorsByUnit.get(unit.id) ?? [] })),
  };
}

export async function listDueRevisits(ctx: ServiceContext, actor: Actor, nodeCode: string | undefined, page: number, pageSize: number) {
  const scope = await scopeOf(ctx, actor, nodeCode);
  const { rows, total } = await repo.listDueRevisits(ctx.db, scope, chinaToday(), (page - 1) * pageSize, pageSize);
  return {
    total,
    items: rows.map((row) => {
      const isRoom = row.compound_name !== null && row.building_number !== null && row.unit_number !== null && row.room_number !== null;
      const addressText = isRoom
        ? roomTextOf({
            compound_name: row.compound_name as string,
            building_number: row.building_number as string,
            unit_number: row.unit_number as string,
            number: row.room_number as string,
          })
        : (row.place_text ?? '');
      return {
        visitId: row.id,
        roomId: row.room_id,
        placeId: row.place_id,
        buildingId: row.building_id,
        addressText,
        communityCode: row.community_code,
        communityName: row.community_name,
        revisitOn: row.revisit_on as string,
        visitedAt: new Date(row.visited_at).toISOString(),
      };
    }),
  };
}
