import { randomUUID } from 'node:crypto';
import type { APIRequestContext } from 'playwright-core';
import { type ApiSession, apiSession, newPassword } from './api.js';
import type { RunningServer } from './server.js';

/** 察院场社区 of 姑苏区, where the gate tests put their compounds. */
export const GATE_COMMUNITY = '320508018014';

/** Today's date in China, the day risk-region entries start counting. */
export function chinaToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
}

/** Sends a PUT with the session's CSRF token and throws with the response when it fails. */
export async function put(session: ApiSession, url: string, data: unknown): Promise<Record<string, unknown>> {
  const { csrfToken } = (await session.get('/api/auth/me')) as { csrfToken: string };
  const response = await session.api.put(url, { data: data as object, headers: { 'x-csrf-token': csrfToken } });
  if (!response.ok()) throw new Error(`PUT ${url} failed with ${response.status()}: ${await response.text()}`);
  return (await response.json()) as Record<string, unknown>;
}

/** Creates a staff account, changes its one-time password and returns its id and the password it signs in with. */
export async function createStaffAccount(
  server: RunningServer,
  admin: ApiSession,
  account: { username: string; displayName: string; role: string; nodeCode: string },
): Promise<{ userId: string; password: string }> {
  const created = (await admin.post('/api/users', account)) as { user: { id: string }; temporaryPassword: string };
  const session = await apiSession(server.baseUrl, account.username, created.temporaryPassword);
  const password = newPassword();
  await session.post('/api/auth/password', { currentPassword: created.temporaryPassword, newPassword: password });
  await session.api.dispose();
  return { userId: created.user.id, password };
}

export interface GateCompound {
  id: string;
  gateId: string;
  /** Key of the gate's camera, as the console shows it once. */
  deviceKey: string;
  /** Rooms 1-1-101, 1-1-102, 1-1-201, 1-1-202, in that order. */
  roomIds: string[];
}

/**
 * Creates a compound of one building (one unit, floors 1–2, two rooms a
 * floor) with a gate 东门 and a camera key through the console's API, and
 * makes `managerId` its gate manager.
 */
export async function createGateCompound(admin: ApiSession, name: string, managerId: string | null): Promise<GateCompound> {
  const compound = await admin.post('/api/addresses/compounds', { communityCode: GATE_COMMUNITY, name });
  const compoundId = String(compound.id);
  await admin.post(`/api/addresses/compounds/${compoundId}/generate`, { buildings: '1', units: '1', floors: '1-2', roomsPerFloor: '1-2' });
  const detail = (await admin.get(`/api/addresses/compounds/${compoundId}`)) as { buildings: Array<{ id: string }> };
  const layout = (await admin.get(`/api/addresses/buildings/${detail.buildings[0]?.id ?? ''}/rooms`)) as {
    units: Array<{ floors: Array<{ rooms: Array<{ id: string }> }> }>;
  };
  const roomIds = (layout.units[0]?.floors ?? []).flatMap((floor) => floor.rooms.map((room) => room.id));

  const gate = await admin.post(`/api/gate-admin/compounds/${compoundId}/gates`, { name: '东门', kind: 'both' });
  const device = (await admin.post(`/api/gate-admin/gates/${String(gate.id)}/devices`, { name: `${name}东门道闸` })) as { key: string };
  if (managerId)
    await put(admin, `/api/gate-admin/compounds/${compoundId}/managers`, { managers: [{ userId: managerId, smsAlerts: false }] });
  return { id: compoundId, gateId: String(gate.id), deviceKey: device.key, roomIds };
}

/** Formats a time as a Hikvision camera does: local China time with its offset, 2020-02-10T08:15:30+08:00. */
export function hikvisionTime(at: Date): string {
  const china = new Date(at.getTime() + 8 * 60 * 60 * 1000);
  return `${china.toISOString().slice(0, 19)}+08:00`;
}

/** Builds the ISAPI EventNotificationAlert of an ANPR camera that reads `plate` now. */
export function hikvisionAnpr(plate: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<EventNotificationAlert version="2.0" xmlns="http://www.isapi.org/ver20/XMLSchema">
<ipAddress>192.168.1.64</ipAddress>
<portNo>80</portNo>
<protocol>HTTP</protocol>
<channelID>1</channelID>
<dateTime>${hikvisionTime(new Date())}</dateTime>
<activePostCount>1</activePostCount>
<eventType>ANPR</eventType>
<eventState>active</eventState>
<eventDescription>ANPR</eventDescription>
<channelName>东门入口</channelName>
<ANPR>
<country>CN</country>
<licensePlate>${plate}</licensePlate>
<line>1</line>
<direction>forward</direction>
<confidenceLevel>98</confidenceLevel>
<plateType>92TypeCivil</plateType>
<plateColor>blue</plateColor>
<vehicleType>vehicle</vehicleType>
</ANPR>
<UUID>${randomUUID()}</UUID>
<picNum>0</picNum>
</EventNotificationAlert>`;
}

/** Posts a plate read as a Hikvision camera does, with the key in the query string because a camera cannot set headers. */
export async function postHikvisionPlate(camera: APIRequestContext, deviceKey: string, plate: string) {
  return camera.post(`/api/gate-events/hikvision?key=${encodeURIComponent(deviceKey)}`, {
    data: hikvisionAnpr(plate),
    headers: { 'content-type': 'application/xml; charset=utf-8', 'accept-language': 'zh-CN' },
  });
}
