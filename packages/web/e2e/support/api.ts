import { type APIRequestContext, request as playwrightRequest } from 'playwright-core';
import type { RunningServer } from './server.js';

/** Returns a password that passes the strength rules, different in every run. */
export function newPassword(): string {
  return `E2e-${Math.random().toString(36).slice(2)}-${Date.now().toString(36)}`;
}

/** Appends the GB 11643 check digit to the 17 digits of a made-up resident ID. */
export function residentId(body: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((total, digit, index) => total + Number(digit) * (weights[index] ?? 0), 0);
  return `${body}${'10X98765432'[sum % 11]}`;
}

export interface ApiSession {
  api: APIRequestContext;
  post(url: string, data: unknown): Promise<Record<string, unknown>>;
  get(url: string): Promise<Record<string, unknown>>;
}

/** Signs in through the API and returns request helpers that send the CSRF token on every write. */
export async function apiSession(baseUrl: string, username: string, password: string): Promise<ApiSession> {
  const api = await playwrightRequest.newContext({ baseURL: baseUrl });
  const signIn = await api.post('/api/auth/sign-in', { data: { username, password } });
  if (!signIn.ok()) throw new Error(`sign-in of ${username} failed with ${signIn.status()}`);
  const csrfToken = ((await signIn.json()) as { csrfToken: string }).csrfToken;

  const post = async (url: string, data: unknown) => {
    const response = await api.post(url, { data: data as object, headers: { 'x-csrf-token': csrfToken } });
    if (!response.ok()) throw new Error(`POST ${url} failed with ${response.status()}: ${await response.text()}`);
    const text = await response.text();
    return (text === '' ? {} : JSON.parse(text)) as Record<string, unknown>;
  };
  const get = async (url: string) => (await api.get(url)).json() as Promise<Record<string, unknown>>;
  return { api, post, get };
}

/** Signs in as the printed administrator, sets a new password and returns the administrator's session. */
export async function adminSession(server: RunningServer): Promise<ApiSession> {
  const first = await apiSession(server.baseUrl, 'admin', server.adminPassword);
  const password = newPassword();
  await first.post('/api/auth/password', { currentPassword: server.adminPassword, newPassword: password });
  await first.api.dispose();
  return apiSession(server.baseUrl, 'admin', password);
}

/** Creates a staff account, changes its one-time password and returns the password it signs in with. */
export async function createAccount(
  server: RunningServer,
  admin: ApiSession,
  account: { username: string; displayName: string; role: string; nodeCode: string },
): Promise<string> {
  const created = await admin.post('/api/users', account);
  const oneTime = String(created.temporaryPassword);
  const session = await apiSession(server.baseUrl, account.username, oneTime);
  const password = newPassword();
  await session.post('/api/auth/password', { currentPassword: oneTime, newPassword: password });
  await session.api.dispose();
  return password;
}

/**
 * Loads 姑苏区, adds a grid to 察院场社区 with a compound of one building
 * (one unit, floors 1–2, two rooms a floor) and returns the grid's code, the
 * building's id and its four room ids.
 */
export async function screeningBuilding(admin: ApiSession, names: { grid: string; compound: string }) {
  const community = '320508018014';
  await admin.post('/api/jurisdictions/load', { code: '320508' });
  const grid = await admin.post(`/api/jurisdictions/${community}/grids`, { name: names.grid });
  const compound = await admin.post('/api/addresses/compounds', { communityCode: community, name: names.compound, gridCode: grid.code });
  await admin.post(`/api/addresses/compounds/${String(compound.id)}/generate`, {
    buildings: '1',
    units: '1',
    floors: '1-2',
    roomsPerFloor: '1-2',
  });
  const detail = (await admin.get(`/api/addresses/compounds/${String(compound.id)}`)) as { buildings: Array<{ id: string }> };
  const buildingId = detail.buildings[0]?.id ?? '';
  const layout = (await admin.get(`/api/addresses/buildings/${buildingId}/rooms`)) as {
    units: Array<{ floors: Array<{ rooms: Array<{ id: string }> }> }>;
  };
  const rooms = (layout.units[0]?.floors ?? []).flatMap((floor) => floor.rooms.map((room) => room.id));
  return { gridCode: String(grid.code), buildingId, rooms };
}
