import { get, patch, post, request } from './request.js';

/** Kinds of free-form addresses kept outside compounds, as the server lists them. */
export const PLACE_KINDS = ['village_house', 'shop', 'enterprise', 'other'] as const;
export type PlaceKind = (typeof PLACE_KINDS)[number];

/** A residential compound (小区) of one community, with the counts of its buildings and rooms. */
export interface Compound {
  id: string;
  communityCode: string;
  communityName: string;
  gridCode: string | null;
  gridName: string | null;
  name: string;
  buildingCount: number;
  roomCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface BuildingSummary {
  id: string;
  number: string;
  unitCount: number;
  roomCount: number;
}

export interface CompoundDetail extends Compound {
  buildings: BuildingSummary[];
}

export interface Page<Item> {
  items: Item[];
  total: number;
}

export interface CompoundListQuery {
  communityCode?: string;
  q?: string;
  page?: number;
  pageSize?: number;
}

export interface CreateCompoundRequest {
  communityCode: string;
  name: string;
  gridCode?: string;
}

/** Renames a compound or moves it on (a grid code) or off (null) a grid; its residents' files follow. */
export function updateCompound(id: string, changes: { name?: string; gridCode?: string | null }): Promise<CompoundDetail> {
  return patch<CompoundDetail>(`${BASE}/compounds/${encodeURIComponent(id)}`, changes);
}

/** Range specs such as "1-30" or "1-3,5", read by expandNumberRange of @cordon/core. */
export interface GenerateRoomsRequest {
  buildings: string;
  units: string;
  floors: string;
  roomsPerFloor: string;
  skipFloors?: string;
  skipBuildings?: string;
}

/** Counts of the buildings, units and rooms a generation created; `skipped` counts requested rooms that already existed. */
export interface GenerateRoomsResult {
  buildings: number;
  units: number;
  rooms: number;
  skipped: number;
}

/** The rooms of one building, by unit and then by floor. */
export interface BuildingRooms {
  id: string;
  number: string;
  compoundId: string;
  compoundName: string;
  units: {
    id: string;
    number: string;
    floors: { floor: number; rooms: { id: string; number: string }[] }[];
  }[];
}

export interface Room {
  id: string;
  number: string;
  floor: number;
  unitId: string;
  unitNumber: string;
  buildingId: string;
  buildingNumber: string;
  compoundId: string;
  compoundName: string;
  communityCode: string;
  communityName: string;
  gridCode: string | null;
  /** Full address, such as "金色里程3幢2单元1202室". */
  text: string;
}

/** A free-form address outside any compound: a village house, shop or enterprise. */
export interface Place {
  id: string;
  communityCode: string;
  communityName: string;
  gridCode: string | null;
  gridName: string | null;
  kind: PlaceKind;
  text: string;
  createdAt: string;
  updatedAt: string;
}

export interface PlaceListQuery {
  communityCode?: string;
  kind?: PlaceKind | '';
  q?: string;
  page?: number;
  pageSize?: number;
}

export interface CreatePlaceRequest {
  communityCode: string;
  kind: PlaceKind;
  text: string;
  gridCode?: string;
}

/** A room or place that matches a typed address. */
export interface AddressSearchHit {
  type: 'room' | 'place';
  id: string;
  /** Compound name and room address, or the place's own text. */
  text: string;
  communityCode: string;
  communityName: string;
  /** Kind of a place; null for a room. */
  placeKind: PlaceKind | null;
}

const BASE = '/api/addresses';

/** Lists the compounds of the caller's scope, filtered by community and by name. */
export function getCompoundList(query: CompoundListQuery): Promise<Page<Compound>> {
  return get<Page<Compound>>(`${BASE}/compounds`, { ...query });
}

export function getCompound(id: string): Promise<CompoundDetail> {
  return get<CompoundDetail>(`${BASE}/compounds/${encodeURIComponent(id)}`);
}

export function createCompound(compound: CreateCompoundRequest): Promise<Compound> {
  return post<Compound>(`${BASE}/compounds`, compound);
}

/** Creates the buildings, units and rooms the ranges name; existing rooms are kept and counted as skipped. */
export function generateRooms(compoundId: string, ranges: GenerateRoomsRequest): Promise<GenerateRoomsResult> {
  return post<GenerateRoomsResult>(`${BASE}/compounds/${encodeURIComponent(compoundId)}/generate`, ranges);
}

export function getBuildingRooms(buildingId: string): Promise<BuildingRooms> {
  return get<BuildingRooms>(`${BASE}/buildings/${encodeURIComponent(buildingId)}/rooms`);
}

export function getRoom(id: string): Promise<Room> {
  return get<Room>(`${BASE}/rooms/${encodeURIComponent(id)}`);
}

/** An edit of a room, where absent fields stay as they are. Without a floor, a new 3- or 4-digit number sets the floor ("1202" is floor 12). */
export interface UpdateRoomRequest {
  number?: string;
  floor?: number;
}

export function updateRoom(id: string, changes: UpdateRoomRequest): Promise<Room> {
  return patch<Room>(`${BASE}/rooms/${encodeURIComponent(id)}`, changes);
}

/** Deletes a room. The server rejects it with ROOM_IN_USE while person files, tenancies or screening visits refer to it. */
export function deleteRoom(id: string): Promise<void> {
  return request<void>('DELETE', `${BASE}/rooms/${encodeURIComponent(id)}`);
}

export function getPlaceList(query: PlaceListQuery): Promise<Page<Place>> {
  return get<Page<Place>>(`${BASE}/places`, { ...query });
}

export function createPlace(place: CreatePlaceRequest): Promise<Place> {
  return post<Place>(`${BASE}/places`, place);
}

export interface UpdatePlaceRequest {
  kind?: PlaceKind;
  text?: string;
}

export function updatePlace(id: string, changes: UpdatePlaceRequest): Promise<Place> {
  return patch<Place>(`${BASE}/places/${encodeURIComponent(id)}`, changes);
}

/** Deletes a place. The server rejects it with PLACE_IN_USE while person files, tenancies or screening visits refer to it. */
export function deletePlace(id: string): Promise<void> {
  return request<void>('DELETE', `${BASE}/places/${encodeURIComponent(id)}`);
}

/** Finds rooms ("3栋2-1202", "3号楼1202") and places of the caller's scope, rooms first. */
export async function searchAddresses(q: string, limit = 20): Promise<AddressSearchHit[]> {
  const { items } = await get<{ items: AddressSearchHit[] }>(`${BASE}/search`, { q, limit });
  return items;
}
