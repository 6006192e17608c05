import { get, patch, post, request } from '../../api/request.js';

/** Centralized quarantine site (集中隔离点), resettlement site (集中安置点), transit site (临时分流点). */
export const SITE_TYPES = ['quarantine_site', 'resettlement_site', 'transit_site'] as const;
export type SiteType = (typeof SITE_TYPES)[number];

export interface SiteRoom {
  id: string;
  siteId: string;
  name: string;
  beds: number;
  occupied: number;
  free: number;
  notes: string | null;
}

export interface Site {
  id: string;
  name: string;
  type: SiteType;
  /** Jurisdiction that runs the site. */
  nodeCode: string;
  nodeName: string;
  address: string;
  contact: string | null;
  notes: string | null;
  /** False when the site takes no admissions. */
  active: boolean;
  roomCount: number;
  /** Sum of the beds of the site's rooms. */
  capacity: number;
  occupied: number;
  free: number;
  createdAt: string;
  updatedAt: string;
}

export interface SiteDetail extends Site {
  rooms: SiteRoom[];
}

export interface SiteList {
  total: number;
  items: Site[];
  /** Beds and residents of every site that matches the filter, not only of the page. */
  totals: { capacity: number; occupied: number };
}

export interface SiteListQuery {
  nodeCode?: string;
  type?: SiteType;
  active?: boolean;
  q?: string;
  page?: number;
  pageSize?: number;
}

export interface SiteRequest {
  name: string;
  type: SiteType;
  nodeCode: string;
  address: string;
  contact: string | null;
  notes: string | null;
  active: boolean;
}

export interface RoomRequest {
  name: string;
  beds: number;
  notes: string | null;
}

/** One stay of a person at a site. Document and phone numbers arrive masked. */
export interface SiteStay {
  id: string;
  personId: string;
  personName: string;
  documentType: string;
  documentMasked: string;
  phoneMasked: string | null;
  siteId: string;
  siteName: string;
  roomId: string;
  roomName: string;
  admittedAt: string;
  admittedByName: string | null;
  /** Null while the person stays. */
  dischargedAt: string | null;
  dischargedByName: string | null;
  dischargeReason: string | null;
  /** The stay a transfer opened, or null for a discharge. */
  transferredToStayId: string | null;
  notes: string | null;
}

export type StayStatus = 'current' | 'past' | 'all';

export interface AdmitRequest {
  personId: string;
  /** Exactly one of them: a room, or a site whose first room with a free bed the server picks. */
  roomId?: string;
  siteId?: string;
  notes?: string | null;
}

const BASE = '/api/sites';
const idPath = (id: string) => encodeURIComponent(id);

export function getSiteList(query: SiteListQuery): Promise<SiteList> {
  return get<SiteList>(BASE, { ...query });
}

export function getSite(id: string): Promise<SiteDetail> {
  return get<SiteDetail>(`${BASE}/${idPath(id)}`);
}

export function createSite(site: SiteRequest): Promise<SiteDetail> {
  return post<SiteDetail>(BASE, site);
}

export function updateSite(id: string, changes: Partial<SiteRequest>): Promise<SiteDetail> {
  return patch<SiteDetail>(`${BASE}/${idPath(id)}`, changes);
}

export function deleteSite(id: string): Promise<void> {
  return request<void>('DELETE', `${BASE}/${idPath(id)}`);
}

export function createRoom(siteId: string, room: RoomRequest): Promise<SiteRoom> {
  return post<SiteRoom>(`${BASE}/${idPath(siteId)}/rooms`, room);
}

export function updateRoom(id: string, changes: Partial<RoomRequest>): Promise<SiteRoom> {
  return patch<SiteRoom>(`${BASE}/rooms/${idPath(id)}`, changes);
}

export function removeRoom(id: string): Promise<void> {
  return request<void>('DELETE', `${BASE}/rooms/${idPath(id)}`);
}

export function getSiteStays(
  siteId: string,
  query: { status?: StayStatus; roomId?: string; page?: number; pageSize?: number },
): Promise<{ total: number; items: SiteStay[] }> {
  return get(`${BASE}/${idPath(siteId)}/stays`, { ...query });
}

export function admitPerson(admission: AdmitRequest): Promise<SiteStay> {
  return post<SiteStay>(`${BASE}/stays`, admission);
}

export function transferStay(stayId: string, roomId: string, reason: string | null): Promise<{ from: SiteStay; to: SiteStay }> {
  return post(`${BASE}/stays/${idPath(stayId)}/transfer`, { roomId, reason });
}

export function dischargeStay(stayId: string, reason: string): Promise<SiteStay> {
  return post<SiteStay>(`${BASE}/stays/${idPath(stayId)}/discharge`, { reason });
}
