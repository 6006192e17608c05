import { formatErrorMessage, type Locale, parsePlate } from '@cordon/core';
import type { BuildingRooms } from '../../api/addresses.js';
import type {
  AccessPass,
  CompoundManager,
  CompoundManagerChange,
  Gate,
  GateCompound,
  GateDevice,
  GateEvent,
  KeyTracking,
  Vehicle,
} from '../../api/gates.js';
import type { TableColumn } from '../../utils/table.js';

// The server's limits on gate set-up input.
export const GATE_NAME_MAX_LENGTH = 50;
export const DEVICE_NAME_MAX_LENGTH = 50;
export const NOTES_MAX_LENGTH = 200;
export const REASON_MAX_LENGTH = 200;

/** localStorage key of the compound last chosen on the gates page. */
export const COMPOUND_STORAGE_KEY = 'cordon.gates.compound';

/** The part of Storage the compound memory uses, so tests can pass a Map-backed one. */
export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem'>;

function defaultStorage(): KeyValueStorage | null {
  try {
    return typeof window === 'undefined' ? null : window.localStorage;
  } catch {
    // Storage can be blocked (private mode, strict settings); the page then starts on the first compound.
    return null;
  }
}

export function readRememberedCompound(storage: KeyValueStorage | null = defaultStorage()): string | null {
  try {
    return storage?.getItem(COMPOUND_STORAGE_KEY) ?? null;
  } catch {
    return null;
  }
}

export function rememberCompound(compoundId: string, storage: KeyValueStorage | null = defaultStorage()): void {
  try {
    storage?.setItem(COMPOUND_STORAGE_KEY, compoundId);
  } catch {
    // A blocked storage only loses the convenience of starting on the same compound.
  }
}

/** Chooses the compound to open: the remembered one while the user may still open it, else the first. */
export function initialCompoundId(compounds: readonly GateCompound[], remembered: string | null): string | null {
  if (remembered && compounds.some((compound) => compound.id === remembered)) return remembered;
  return compounds[0]?.id ?? null;
}

/**
 * Formats in which a gate device can push events, with the path under
 * /api/gate-events. GA/T 1400 names the motor-vehicle resource
 * /VIID/MotorVehicles, so that path comes first, and the server accepts the
 * short path too.
 */
export const PUSH_FORMATS: ReadonlyArray<{ format: PushFormat; path: string; alternativePath?: string }> = [
  { format: 'cordon', path: '/api/gate-events' },
  { format: 'hikvision', path: '/api/gate-events/hikvision' },
  { format: 'dahua', path: '/api/gate-events/dahua' },
  { format: 'vzenith', path: '/api/gate-events/vzenith' },
  { format: 'gat1400', path: '/api/gate-events/gat1400/VIID/MotorVehicles', alternativePath: '/api/gate-events/gat1400' },
];

export type PushFormat = 'cordon' | 'hikvision' | 'dahua' | 'vzenith' | 'gat1400';

export interface PushAddress {
  /** For devices that send the key in the X-Device-Key header. */
  url: string;
  /** For cameras that cannot set headers: the key rides in the query string. */
  urlWithKey: string;
}

export interface PushUrl extends PushAddress {
  format: PushFormat;
  /** Another path the server accepts for the same format. */
  alternative?: PushAddress;
}

function pushAddressOf(base: string, path: string, key: string): PushAddress {
  return { url: `${base}${path}`, urlWithKey: `${base}${path}?key=${encodeURIComponent(key)}` };
}

/** Builds the push URLs of a device from the console's origin, e.g. `window.location.origin`. */
export function pushUrlsOf(origin: string, key: string): PushUrl[] {
  const base = origin.replace(/\/+$/, '');
  return PUSH_FORMATS.map(({ format, path, alternativePath }) => ({
    format,
    ...pushAddressOf(base, path, key),
    ...(alternativePath ? { alternative: pushAddressOf(base, alternativePath, key) } : {}),
  }));
}

/** State of the plate field while the user types: nothing yet, the parsed plate, or the error. */
export type PlateCheck = { state: 'empty' } | { state: 'valid'; number: string; region: string } | { state: 'invalid'; message: string };

/** Checks a plate as typed with core parsePlate; errors come in the user's language. */
export function checkPlate(input: string, locale: Locale): PlateCheck {
  if (input.trim() === '') return { state: 'empty' };
  const parsed = parsePlate(input);
  if (!parsed.ok) return { state: 'invalid', message: formatErrorMessage(locale, parsed.code, { field: 'plate' }) };
  const { number, province, city, prefix } = parsed.value;
  const region = province ? `${province}${city && city !== province ? city : ''}` : prefix;
  return { state: 'valid', number, region };
}

export interface PassForm {
  personId: string;
  cardNumber: string;
  /** YYYY-MM-DD, or blank for no end date. */
  validUntil: string;
}

export function emptyPassForm(): PassForm {
  return { personId: '', cardNumber: '', validUntil: '' };
}

/** Builds the body of a new pass: trimmed card number, and optional fields only when given. */
export function issuePassRequestOf(form: PassForm): { personId: string; cardNumber?: string; validUntil?: string } {
  const cardNumber = form.cardNumber.trim();
  return {
    personId: form.personId,
    ...(cardNumber ? { cardNumber } : {}),
    ...(form.validUntil ? { validUntil: form.validUntil } : {}),
  };
}

/** Ids of the selected passes that can still be printed: revoked ones would print a code that no longer opens the gate. */
export function printablePassIds(passes: readonly AccessPass[]): string[] {
  return passes.filter((pass) => pass.status === 'active').map((pass) => pass.id);
}

/** Locale key of why a pass was revoked; a reason the page does not know shows as "other". */
export function revokedReasonKey(reason: string | null): string {
  if (reason === 'home_quarantine' || reason === 'moved_out' || reason === 'merged' || reason === 'manual') {
    return `gates.passes.revokedReasons.${reason}`;
  }
  return 'gates.passes.revokedReasons.other';
}

/** Converts the stored managers into the body of a replacement, which keeps their phones. */
function unchangedManagers(managers: readonly CompoundManager[]): CompoundManagerChange[] {
  return managers.map((manager) => ({ userId: manager.userId, smsAlerts: manager.smsAlerts }));
}

/**
 * Builds the managers list the server replaces, with one manager's SMS switch
 * or phone changed. A cleared phone also switches SMS alerts off, because the
 * server requires a phone for them.
 */
export function managerChangesWith(
  managers: readonly CompoundManager[],
  userId: string,
  change: { smsAlerts?: boolean; phone?: string | null },
): CompoundManagerChange[] {
  return unchangedManagers(managers).map((manager) => {
    if (manager.userId !== userId) return manager;
    const updated: CompoundManagerChange = { ...manager, ...(change.smsAlerts === undefined ? {} : { smsAlerts: change.smsAlerts }) };
    if (change.phone === undefined) return updated;
    const phone = change.phone === null ? null : change.phone.trim() || null;
    return { ...updated, phone, smsAlerts: phone === null ? false : updated.smsAlerts };
  });
}

/** Builds the managers list without one manager. */
export function managerChangesWithout(managers: readonly CompoundManager[], userId: string): CompoundManagerChange[] {
  return unchangedManagers(managers).filter((manager) => manager.userId !== userId);
}

/** Builds the managers list with one more manager, without SMS alerts until a phone is set. */
export function managerChangesAdding(managers: readonly CompoundManager[], userId: string): CompoundManagerChange[] {
  const current = unchangedManagers(managers);
  if (current.some((manager) => manager.userId === userId)) return current;
  return [...current, { userId, smsAlerts: false }];
}

/**
 * Replaces the row with the same id, or adds a new row first (newest-first
 * lists) or last (lists in creation order).
 */
export function withRow<Row extends { id: string }>(rows: readonly Row[], updated: Row, newAt: 'first' | 'last'): Row[] {
  if (rows.some((row) => row.id === updated.id)) return rows.map((row) => (row.id === updated.id ? updated : row));
  if (newAt === 'first') return [updated, ...rows];
  return [...rows, updated];
}

/** Devices of a gate, those that may still send events first. */
export function sortedDevices(devices: readonly GateDevice[]): GateDevice[] {
  return [...devices].sort((a, b) => Number(a.revokedAt !== null) - Number(b.revokedAt !== null) || a.createdAt.localeCompare(b.createdAt));
}

/** Devices of a gate that are not revoked. */
export function activeDeviceCount(gate: Pick<Gate, 'devices'>): number {
  return gate.devices.filter((device) => device.revokedAt === null).length;
}

/** Text of a tracked subject: the plate of a vehicle, the masked name of a person. */
export function trackingSubjectText(tracking: Pick<KeyTracking, 'subjectType' | 'plateNumber' | 'personName'>): string {
  return (tracking.subjectType === 'vehicle' ? tracking.plateNumber : tracking.personName) ?? '';
}

/** Temperature as shown in event tables: one decimal and the unit, or blank when none was measured. */
export function temperatureText(temperature: number | null): string {
  return temperature === null ? '' : `${temperature.toFixed(1)} °C`;
}

export const gateColumns: TableColumn<Gate>[] = [
  { key: 'name', labelKey: 'gates.gates.fields.name', kind: 'custom', minWidth: 160, essential: true },
  { key: 'kind', labelKey: 'gates.gates.fields.kind', kind: 'custom', width: 120 },
  { key: 'active', labelKey: 'gates.gates.fields.active', kind: 'custom', width: 100 },
  { key: 'devices', labelKey: 'gates.gates.fields.devices', kind: 'custom', width: 110, essential: true },
];

export const deviceColumns: TableColumn<GateDevice>[] = [
  { key: 'name', labelKey: 'gates.devices.fields.name', kind: 'custom', minWidth: 140, essential: true },
  { key: 'keyPrefix', prop: 'keyPrefix', labelKey: 'gates.devices.fields.keyPrefix', kind: 'mono', width: 120 },
  { key: 'createdAt', prop: 'createdAt', labelKey: 'gates.devices.fields.createdAt', kind: 'datetime', width: 140 },
  { key: 'lastUsedAt', prop: 'lastUsedAt', labelKey: 'gates.devices.fields.lastUsedAt', kind: 'datetime', width: 140 },
];

export const vehicleColumns: TableColumn<Vehicle>[] = [
  { key: 'plate', labelKey: 'gates.vehicles.fields.plate', kind: 'custom', width: 130, essential: true },
  { key: 'region', labelKey: 'gates.vehicles.fields.region', kind: 'custom', width: 140 },
  { key: 'roomText', prop: 'roomText', labelKey: 'gates.vehicles.fields.room', kind: 'text', minWidth: 160, essential: true },
  { key: 'owner', labelKey: 'gates.vehicles.fields.owner', kind: 'custom', width: 110 },
  { key: 'notes', labelKey: 'gates.vehicles.fields.notes', kind: 'custom', minWidth: 120 },
  { key: 'createdAt', prop: 'createdAt', labelKey: 'gates.vehicles.fields.createdAt', kind: 'datetime', width: 140 },
];

export const passColumns: TableColumn<AccessPass>[] = [
  { key: 'serial', prop: 'serial', labelKey: 'gates.passes.fields.serial', kind: 'mono', width: 130, essential: true },
  { key: 'holder', labelKey: 'gates.passes.fields.holder', kind: 'custom', width: 110, essential: true },
  { key: 'roomText', labelKey: 'gates.passes.fields.room', kind: 'custom', minWidth: 150 },
  { key: 'cardNumber', labelKey: 'gates.passes.fields.cardNumber', kind: 'custom', width: 130 },
  { key: 'status', labelKey: 'gates.passes.fields.status', kind: 'custom', width: 150 },
  { key: 'validUntil', labelKey: 'gates.passes.fields.validUntil', kind: 'custom', width: 110 },
  { key: 'createdAt', prop: 'createdAt', labelKey: 'gates.passes.fields.createdAt', kind: 'datetime', width: 140 },
];

export const trackingColumns: TableColumn<KeyTracking>[] = [
  { key: 'subject', labelKey: 'gates.tracking.fields.subject', kind: 'custom', width: 150, essential: true },
  { key: 'reason', labelKey: 'gates.tracking.fields.reason', kind: 'custom', minWidth: 160 },
  { key: 'createdAt', prop: 'createdAt', labelKey: 'gates.tracking.fields.createdAt', kind: 'datetime', width: 140 },
  { key: 'status', labelKey: 'gates.tracking.fields.status', kind: 'custom', width: 150 },
  { key: 'eventCount', labelKey: 'gates.tracking.fields.eventCount', kind: 'custom', width: 100, essential: true },
];

export const eventColumns: TableColumn<GateEvent>[] = [
  { key: 'occurredAt', prop: 'occurredAt', labelKey: 'gates.events.fields.occurredAt', kind: 'datetime', width: 150, essential: true },
  { key: 'place', labelKey: 'gates.events.fields.place', kind: 'custom', minWidth: 160 },
  { key: 'direction', labelKey: 'gates.events.fields.direction', kind: 'custom', width: 80 },
  { key: 'subject', labelKey: 'gates.events.fields.subject', kind: 'custom', width: 130 },
  { key: 'temperature', labelKey: 'gates.events.fields.temperature', kind: 'custom', width: 90 },
  { key: 'decision', labelKey: 'gates.events.fields.decision', kind: 'custom', width: 130, essential: true },
];

/** A room of a building as the room picker lists it, in unit, floor and room order. */
export interface RoomOption {
  id: string;
  unit: string;
  number: string;
}

export function roomOptionsOf(building: Pick<BuildingRooms, 'units'>): RoomOption[] {
  return building.units.flatMap((unit) =>
    unit.floors.flatMap((floor) => floor.rooms.map((room) => ({ id: room.id, unit: unit.number, number: room.number }))),
  );
}
