import type { Role } from '@cordon/core';
import type { TableColumn } from '../../utils/table.js';
import type { RoomRequest, Site, SiteRequest, SiteRoom, SiteStay, SiteType } from './api.js';

/** Roles the server lets change sites, rooms and stays. Community staff and doctors only read. */
export const SITE_WRITE_ROLES: readonly Role[] = ['admin', 'hq', 'subdistrict_staff'];

// The server's limits on a site and a room.
export const SITE_NAME_MAX_LENGTH = 60;
export const SITE_ADDRESS_MAX_LENGTH = 200;
export const CONTACT_MAX_LENGTH = 100;
export const NOTES_MAX_LENGTH = 500;
export const ROOM_NAME_MAX_LENGTH = 30;
export const MAX_ROOM_BEDS = 500;
export const REASON_MAX_LENGTH = 200;

/** Discharge reasons offered in the dialog. Staff may also type their own. */
export const DISCHARGE_REASON_KEYS = ['released', 'hospital', 'homeQuarantine', 'returnedHome'] as const;

export const siteColumns: TableColumn<Site>[] = [
  { key: 'name', labelKey: 'sites.fields.name', kind: 'custom', minWidth: 200, essential: true },
  { key: 'type', labelKey: 'sites.fields.type', kind: 'custom', width: 130 },
  { key: 'node', labelKey: 'sites.fields.node', kind: 'custom', minWidth: 140 },
  { key: 'occupancy', labelKey: 'sites.fields.occupancy', kind: 'custom', minWidth: 220, essential: true },
  { key: 'address', prop: 'address', labelKey: 'sites.fields.address', kind: 'text', minWidth: 200 },
];

export const roomColumns: TableColumn<SiteRoom>[] = [
  { key: 'name', prop: 'name', labelKey: 'sites.rooms.fields.name', kind: 'text', minWidth: 110, essential: true },
  { key: 'beds', prop: 'beds', labelKey: 'sites.rooms.fields.beds', kind: 'text', width: 90 },
  { key: 'occupied', prop: 'occupied', labelKey: 'sites.rooms.fields.occupied', kind: 'text', width: 90 },
  { key: 'free', labelKey: 'sites.rooms.fields.free', kind: 'custom', width: 90, essential: true },
  { key: 'bar', labelKey: 'sites.fields.occupancy', kind: 'custom', minWidth: 160 },
  { key: 'notes', prop: 'notes', labelKey: 'sites.rooms.fields.notes', kind: 'text', minWidth: 140 },
];

export const stayColumns: TableColumn<SiteStay>[] = [
  { key: 'person', labelKey: 'sites.stays.fields.person', kind: 'custom', minWidth: 120, essential: true },
  { key: 'documentMasked', prop: 'documentMasked', labelKey: 'sites.stays.fields.document', kind: 'mono', minWidth: 190 },
  { key: 'phoneMasked', prop: 'phoneMasked', labelKey: 'sites.stays.fields.phone', kind: 'mono', width: 130 },
  { key: 'roomName', prop: 'roomName', labelKey: 'sites.stays.fields.room', kind: 'text', width: 100, essential: true },
  { key: 'admittedAt', prop: 'admittedAt', labelKey: 'sites.stays.fields.admittedAt', kind: 'datetime', width: 160 },
];

export const pastStayColumns: TableColumn<SiteStay>[] = [
  ...stayColumns.filter((column) => column.key !== 'phoneMasked'),
  { key: 'dischargedAt', prop: 'dischargedAt', labelKey: 'sites.stays.fields.dischargedAt', kind: 'datetime', width: 160 },
  { key: 'dischargeReason', labelKey: 'sites.stays.fields.dischargeReason', kind: 'custom', minWidth: 160 },
];

/** Share of the beds taken, 0–100, rounded down so a site shows 100 only when it is full. */
export function occupancyPercent(occupied: number, capacity: number): number {
  if (capacity <= 0) return 0;
  return Math.min(100, Math.floor((occupied / capacity) * 100));
}

/** Colour of an occupancy bar: red when full, orange from 80 %, green below. */
export function occupancyStatus(occupied: number, capacity: number): 'success' | 'warning' | 'exception' {
  if (capacity > 0 && occupied >= capacity) return 'exception';
  if (occupancyPercent(occupied, capacity) >= 80) return 'warning';
  return 'success';
}

/** Returns the tag colour of a site type, one per type, so the three types differ at a glance. */
export function siteTypeTag(type: SiteType): 'danger' | 'primary' | 'warning' {
  if (type === 'quarantine_site') return 'danger';
  if (type === 'resettlement_site') return 'primary';
  return 'warning';
}

export interface SiteForm {
  name: string;
  type: SiteType;
  nodeCode: string;
  address: string;
  contact: string;
  notes: string;
  active: boolean;
}

export type SiteFormField = keyof SiteForm;
export const SITE_FORM_FIELDS: readonly SiteFormField[] = ['name', 'type', 'nodeCode', 'address', 'contact', 'notes', 'active'];

export function emptySiteForm(nodeCode: string): SiteForm {
  return { name: '', type: 'quarantine_site', nodeCode, address: '', contact: '', notes: '', active: true };
}

export function siteFormOf(site: Site): SiteForm {
  return {
    name: site.name,
    type: site.type,
    nodeCode: site.nodeCode,
    address: site.address,
    contact: site.contact ?? '',
    notes: site.notes ?? '',
    active: site.active,
  };
}

function blankToNull(value: string): string | null {
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

/** Builds the request body: trimmed text, and null for a blank contact or notes. */
export function siteRequestOf(form: SiteForm): SiteRequest {
  return {
    name: form.name.trim(),
    type: form.type,
    nodeCode: form.nodeCode,
    address: form.address.trim(),
    contact: blankToNull(form.contact),
    notes: blankToNull(form.notes),
    active: form.active,
  };
}

export interface RoomForm {
  name: string;
  beds: number;
  notes: string;
}

export type RoomFormField = keyof RoomForm;
export const ROOM_FORM_FIELDS: readonly RoomFormField[] = ['name', 'beds', 'notes'];

export function emptyRoomForm(): RoomForm {
  return { name: '', beds: 1, notes: '' };
}

export function roomFormOf(room: SiteRoom): RoomForm {
  return { name: room.name, beds: room.beds, notes: room.notes ?? '' };
}

export function roomRequestOf(form: RoomForm): RoomRequest {
  return { name: form.name.trim(), beds: form.beds, notes: blankToNull(form.notes) };
}

/** Filters the rooms a person can be admitted or transferred to: those with a free bed, except the person's current room. */
export function roomsWithFreeBeds(rooms: SiteRoom[], exceptRoomId?: string): SiteRoom[] {
  return rooms.filter((room) => room.free > 0 && room.id !== exceptRoomId);
}
