import { type Browser, type BrowserContext, type Page, request as playwrightRequest } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchChromium } from './support/browser.js';
import { type RunningServer, startServer } from './support/server.js';

// 姑苏区 → 平江街道 → 察院场社区.
const DISTRICT = '320508';
const COMMUNITY = '320508018014';

function newPassword(): string {
  return `E2e-${Math.random().toString(36).slice(2)}-${Date.now().toString(36)}`;
}

/** Builds a made-up resident ID of 姑苏区 with its GB 11643 check digit. */
function residentId(body: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((total, digit, index) => total + Number(digit) * (weights[index] ?? 0), 0);
  return `${body}${'10X98765432'[sum % 11]}`;
}

/** Signs in through the API and returns request helpers that send the CSRF token on every write. */
async function apiSession(baseUrl: string, username: string, password: string) {
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

/**
 * A grid worker screens a building on a phone: one room online with a new
 * person, then two rooms without a network, and the queue sends them once
 * the phone is back online. The server must end with exactly three visits.
 */
describe.skipIf(!chromiumAvailable)('door-to-door screening on a phone', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let admin: Awaited<ReturnType<typeof apiSession>>;
  let buildingId = '';
  let rooms: string[] = [];
  const workerUsername = 'grid.li';
  let workerPassword = '';

  beforeAll(async () => {
    server = await startServer();

    const first = await apiSession(server.baseUrl, 'admin', server.adminPassword);
    const adminPassword = newPassword();
    await first.post('/api/auth/password', { currentPassword: server.adminPassword, newPassword: adminPassword });
    await first.api.dispose();
    admin = await apiSession(server.baseUrl, 'admin', adminPassword);

    await admin.post('/api/jurisdictions/load', { code: DISTRICT });
    const grid = await admin.post(`/api/jurisdictions/${COMMUNITY}/grids`, { name: '第一网格' });
    const compound = await admin.post('/api/addresses/compounds', { communityCode: COMMUNITY, name: '金色里程', gridCode: grid.code });
    await admin.post(`/api/addresses/compounds/${String(compound.id)}/generate`, {
      buildings: '1',
      units: '1',
      floors: '1-2',
      roomsPerFloor: '1-2',
    });
    const detail = (await admin.get(`/api/addresses/compounds/${String(compound.id)}`)) as { buildings: Array<{ id: string }> };
    buildingId = detail.buildings[0]?.id ?? '';
    const layout = (await admin.get(`/api/addresses/buildings/${buildingId}/rooms`)) as {
      units: Array<{ floors: Array<{ rooms: Array<{ id: string }> }> }>;
    };
    rooms = (layout.units[0]?.floors ?? []).flatMap((floor) => floor.rooms.map((room) => room.id));

    const created = await admin.post('/api/users', {
      username: workerUsername,
      displayName: '李网格',
      role: 'grid_worker',
      nodeCode: grid.code,
    });
    const oneTime = String(created.temporaryPassword);
    const worker = await apiSession(server.baseUrl, workerUsername, oneTime);
    workerPassword = newPassword();
    await worker.post('/api/auth/password', { currentPassword: oneTime, newPassword: workerPassword });
    await worker.api.dispose();

    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'en-US' });
    // The console starts in zh-CN whatever the browser prefers; the saved choice switches it to English.
    await context.addInitScript(() => window.localStorage.setItem('cordon.locale', 'en'));
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
  });

  afterAll(async () => {
    await admin?.api.dispose();
    await browser?.close();
    await server?.stop();
  });

  async function openRoom(roomId: string) {
    await page.getByTestId(`screening-room-${roomId}`).click();
    await page.getByTestId('screening-save').waitFor();
  }

  it('grid worker opens the screening pages', async () => {
    await page.goto(`${server.baseUrl}/sign-in`);
    await page.getByTestId('sign-in-username').fill(workerUsername);
    await page.getByTestId('sign-in-password').fill(workerPassword);
    await page.getByTestId('sign-in-submit').click();
    await page.waitForURL((url) => url.pathname !== '/sign-in');

    await page.goto(`${server.baseUrl}/m`);
    await page.getByTestId('mobile-open-screening').click();
    await page.getByTestId(`screening-building-${buildingId}`).click();
    await page.getByTestId('screening-building-title').waitFor();
    expect(await page.getByTestId(`screening-room-${rooms[0]}`).getAttribute('data-status')).toBe('not_visited');
  });

  it('grid worker screens a room with a new person', async () => {
    await openRoom(rooms[0] as string);
    await page.getByTestId('screening-add-person').click();
    await page.getByTestId('screening-new-name-0').locator('input').fill('王新住');
    await page.getByTestId('screening-new-document-0').locator('input').fill(residentId('32050819900101123'));
    await expect.poll(() => page.getByTestId('screening-new-document-feedback-0').textContent()).toContain('1990-01-01');
    await page.getByTestId('screening-new-0-temperature').locator('input').fill('36.6');
    await page.getByTestId('screening-new-0-symptom-none').click();
    await page.getByTestId('screening-save').click();

    const tile = page.getByTestId(`screening-room-${rooms[0]}`);
    await expect.poll(() => tile.getAttribute('data-status')).toBe('screened');
    expect(await page.getByTestId('screening-queue-badge').count()).toBe(0);
  });

  it('visits saved offline wait in the queue', async () => {
    await context.setOffline(true);
    await page.getByTestId('screening-offline').waitFor();

    await openRoom(rooms[1] as string);
    await page.getByTestId('screening-outcome-nobody_home').click();
    await page.getByTestId('screening-revisit-on').waitFor();
    await page.getByTestId('screening-save').click();
    await page.getByTestId('screening-building-title').waitFor();

    await openRoom(rooms[2] as string);
    await page.getByTestId('screening-outcome-refused').click();
    await page.getByTestId('screening-save').click();
    await page.getByTestId('screening-building-title').waitFor();

    await expect.poll(() => page.getByTestId('screening-queue-badge').textContent()).toContain('waiting to send: 2');
    // The building page reloaded without a network, so it shows the copy saved on the phone.
    expect(await page.getByTestId('screening-cached-at').textContent()).toContain('Offline: data from');
    expect(await page.getByTestId(`screening-room-${rooms[1]}`).getAttribute('data-status')).toBe('pending');
    expect(await page.getByTestId(`screening-room-${rooms[2]}`).getAttribute('data-status')).toBe('pending');
  });

  it('queue is sent once the phone is online', async () => {
    await context.setOffline(false);
    await page.getByTestId('screening-queue-badge').waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId(`screening-room-${rooms[1]}`).getAttribute('data-status')).toBe('nobody_home');
    expect(await page.getByTestId(`screening-room-${rooms[2]}`).getAttribute('data-status')).toBe('refused');
    expect(await page.getByTestId('screening-cached-at').count()).toBe(0);

    const progress = (await admin.get('/api/screening/buildings')) as { items: Array<Record<string, number | string>> };
    expect(progress.items).toHaveLength(1);
    expect(progress.items[0]).toMatchObject({
      id: buildingId,
      roomCount: 4,
      visitedCount: 3,
      screenedCount: 1,
      nobodyHomeCount: 1,
      refusedCount: 1,
    });
    const audit = (await admin.get('/api/audit?action=screening.visit')) as { total: number };
    expect(audit.total).toBe(3);

    const persons = (await admin.get('/api/persons?q=王新住')) as { items: Array<{ id: string }> };
    expect(persons.items).toHaveLength(1);
    const person = (await admin.get(`/api/persons/${persons.items[0]?.id}`)) as { source: string; roomId: string };
    expect(person.source).toBe('screening');
    expect(person.roomId).toBe(rooms[0]);
  });
});
