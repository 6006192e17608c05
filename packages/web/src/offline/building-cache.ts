import type { BuildingDetail, ScreeningRoom } from '../api/screening.js';

/** A room with the building, unit and floor it is on. */
export interface CachedRoom {
  building: BuildingDetail;
  unitNumber: string;
  floor: number;
  room: ScreeningRoom;
}

// Buildings loaded in this page session, so that rooms open without a network.
// TODO: the cache lives in memory only: a reload while offline finds it empty.
const buildings = new Map<string, BuildingDetail>();
const rooms = new Map<string, CachedRoom>();

export function cacheBuilding(building: BuildingDetail): void {
  buildings.set(building.id, building);
  for (const unit of building.units) {
    for (const floor of unit.floors) {
      for (const room of floor.rooms) rooms.set(room.id, { building, unitNumber: unit.number, floor: floor.floor, room });
    }
  }
}

export function cachedBuilding(id: string): BuildingDetail | undefined {
  return buildings.get(id);
}

export function cachedRoom(id: string): CachedRoom | undefined {
  return rooms.get(id);
}
