import { randomUUID } from 'node:crypto';
import { type Browser, type Page, request as playwrightRequest } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiSession, adminSession, apiSession, newPassword, residentId } from './support/api.js';
import { chromiumAvailable, launchChromium } from './support/browser.js';
import { type RunningServer, startServer } from './support/server.js';

// The compound lies in 察院场社区 of 姑苏区.
const DISTRICT = '320508';
const COMMUNITY = '320508018014';
const GUARD = { username: 'guard.zhou', displayName: '周门卫', role: 'gate_guard', nodeCode: COMMUNITY };

/**
 * A gate guard listed as a manager of one compound sets it up on the
 * console: adds a gate and a device (whose key shows once), registers a
 * resident's car typed as "鄂a 12345", issues the resident a pass and opens
 * the paper pass PDF of the selected pass.
 */
describe.skipIf(!chromiumAvailable)('gates console in Chromium', () => {
  let server: RunningServer;
  let admin: ApiSession;
  let browser: Browser;
  let page: Page;
  let compoundId = '';
  let residentPersonId = '';
  let gateId = '';
  let deviceKey = '';
  let trackingId = '';
  let guardUserId = '';

  async function guardGet<T>(path: string): Promise<T> {
    const response = await page.request.get(`${server.baseUrl}${path}`);
    if (!response.ok()) throw new Error(`GET ${path} failed with ${response.status()}`);
    return (await response.json()) as T;
  }

  beforeAll(async () => {
    server = await startServer();
    admin = await adminSession(server);
    await admin.post('/api/jurisdictions/load', { code: DISTRICT });

    const compound = await admin.post('/api/addresses/compounds', { communityCode: COMMUNITY, name: '金色家园' });
    compoundId = String(compound.id);
    await admin.post(`/api/addresses/compounds/${compoundId}/generate`, {
      buildings: '1',
      units: '1',
      floors: '1-2',
      roomsPerFloor: '1-2',
    });
    const detail = (await admin.get(`/api/addresses/compounds/${compoundId}`)) as { buildings: Array<{ id: string }> };
    const layout = (await admin.get(`/api/addresses/buildings/${detail.buildings[0]?.id ?? ''}/rooms`)) as {
      units: Array<{ floors: Array<{ rooms: Array<{ id: string; number: string }> }> }>;
    };
    const room101 = layout.units[0]?.floors[0]?.rooms.find((room) => room.number === '101');
    if (!room101) throw new Error('room 101 was not generated');

    const registered = await admin.post('/api/persons', {
      name: '王居民',
      documentNumber: residentId('32050819850315123'),
      communityCode: COMMUNITY,
      roomId: room101.id,
    });
    residentPersonId = String((registered.person as { id: string }).id);

    // The guard's account, with its one-time password changed, listed as the compound's manager.
    const created = await admin.post('/api/users', GUARD);
    guardUserId = String((created.user as { id: string }).id);
    const oneTime = String(created.temporaryPassword);
    const guardPassword = newPassword();
    const guardApi = await apiSession(server.baseUrl, GUARD.username, oneTime);
    await guardApi.post('/api/auth/password', { currentPassword: oneTime, newPassword: guardPassword });
    await guardApi.api.dispose();
    const managers = await admin.api.put(`/api/gate-admin/compounds/${compoundId}/managers`, {
      data: { managers: [{ userId: guardUserId, smsAlerts: false }] },
      headers: { 'x-csrf-token': await csrfOf(admin) },
    });
    if (!managers.ok()) throw new Error(`PUT managers failed with ${managers.status()}: ${await managers.text()}`);

    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    page.setDefaultTimeout(15_000);
    await page.goto(`${server.baseUrl}/`);
    await page.getByTestId('sign-in-username').fill(GUARD.username);
    await page.getByTestId('sign-in-password').fill(guardPassword);
    await page.getByTestId('sign-in-submit').click();
    await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
  });

  afterAll(async () => {
    await browser?.close();
    await admin?.api.dispose();
    await server?.stop();
  });

  it('guard adds a gate', async () => {
    await page.goto(`${server.baseUrl}/gates`);
    await expect.poll(() => page.getByTestId('gate-summary-gates').textContent()).toBe('0');
    // The menu offers a gate guard only pages whose lists its role may read.
    expect(await page.getByTestId('menu-gates').count()).toBe(1);
    expect(await page.getByTestId('menu-declarations').count()).toBe(0);

    await page.getByTestId('gate-create').click();
    await page.getByTestId('gate-form-name').fill('东门');
    await page.getByTestId('gate-form-kind-vehicle').click();
    await page.getByTestId('gate-form-submit').click();
    await page.getByTestId('gate-dialog').waitFor({ state: 'hidden' });

    const gates = await guardGet<{ items: Array<{ id: string; name: string; kind: string }> }>(
      `/api/gate-admin/compounds/${compoundId}/gates`,
    );
    expect(gates.items).toHaveLength(1);
    expect(gates.items[0]?.kind).toBe('vehicle');
    gateId = gates.items[0]?.id ?? '';
    await expect.poll(() => page.getByTestId(`gate-name-${gateId}`).textContent()).toBe('东门');
    await expect.poll(() => page.getByTestId('gate-summary-gates').textContent()).toBe('1');
  });

  it('guard adds a device and sees its key once', async () => {
    await page.getByTestId(`device-create-${gateId}`).click();
    await page.getByTestId('device-form-name').fill('东门入口相机');
    await page.getByTestId('device-form-submit').click();

    const keyDialog = page.getByTestId('one-time-secret-dialog');
    await keyDialog.waitFor();
    deviceKey = (await page.getByTestId('device-key').textContent())?.trim() ?? '';
    expect(deviceKey.length).toBeGreaterThan(16);
    const origin = server.baseUrl;
    expect(await page.getByTestId('device-url-hikvision').textContent()).toBe(`${origin}/api/gate-events/hikvision`);
    expect(await page.getByTestId('device-url-key-vzenith').textContent()).toBe(
      `${origin}/api/gate-events/vzenith?key=${encodeURIComponent(deviceKey)}`,
    );
    // GA/T 1400 gets its standard /VIID/MotorVehicles path first, with the short path as an alternative.
    expect(await page.getByTestId('device-url-key-gat1400').textContent()).toBe(
      `${origin}/api/gate-events/gat1400/VIID/MotorVehicles?key=${encodeURIComponent(deviceKey)}`,
    );
    expect(await page.getByTestId('device-url-alt-key-gat1400').textContent()).toBe(
      `${origin}/api/gate-events/gat1400?key=${encodeURIComponent(deviceKey)}`,
    );

    await page.getByTestId('one-time-secret-close').click();
    await keyDialog.waitFor({ state: 'hidden' });
    // Once closed, the key is nowhere on the page, and the server lists the device by its prefix only.
    expect(await page.content()).not.toContain(deviceKey);
    const gates = await guardGet<{ items: Array<{ devices: Array<{ keyPrefix: string; revokedAt: string | null }> }> }>(
      `/api/gate-admin/compounds/${compoundId}/gates`,
    );
    const devices = gates.items[0]?.devices ?? [];
    expect(devices).toHaveLength(1);
    expect(deviceKey.startsWith(devices[0]?.keyPrefix ?? '-')).toBe(true);
    await expect.poll(() => page.getByTestId(`gate-device-count-${gateId}`).textContent()).toContain('1');
  });

  it('guard registers a resident vehicle', async () => {
    await page.getByTestId('gate-tab-vehicles').click();
    await page.getByTestId('vehicle-create').click();

    // A wrong plate is explained as it is typed, before anything is sent.
    await page.getByTestId('vehicle-form-plate').fill('鄂12');
    await expect.poll(() => page.getByTestId('vehicle-form-plate-check').textContent()).toContain('车牌号');
    await page.getByTestId('vehicle-form-plate').fill('鄂a 12345');
    await expect.poll(() => page.getByTestId('vehicle-form-plate-check').textContent()).toContain('鄂A12345');
    expect(await page.getByTestId('vehicle-form-plate-check').textContent()).toContain('湖北省武汉市');

    await page.getByTestId('vehicle-form-building').click();
    await page.getByTestId('vehicle-form-building-1').click();
    await page.getByTestId('vehicle-form-room').click();
    await page.getByTestId('vehicle-form-room-1-101').click();
    await page.getByTestId('vehicle-form-person').click();
    await page.getByTestId(`vehicle-form-person-${residentPersonId}`).click();
    await page.getByTestId('vehicle-form-submit').click();
    await page.getByTestId('vehicle-dialog').waitFor({ state: 'hidden' });

    const vehicles = await guardGet<{ items: Array<{ id: string; plateNumber: string; ownerPersonId: string | null }> }>(
      `/api/gate-admin/compounds/${compoundId}/vehicles`,
    );
    expect(vehicles.items).toHaveLength(1);
    expect(vehicles.items[0]?.plateNumber).toBe('鄂A12345');
    expect(vehicles.items[0]?.ownerPersonId).toBe(residentPersonId);
    await expect.poll(() => page.getByTestId(`vehicle-plate-${vehicles.items[0]?.id ?? ''}`).textContent()).toBe('鄂A12345');

    // The same car typed another way is rejected by the server, and its message shows at the plate field.
    await page.getByTestId('vehicle-create').click();
    await page.getByTestId('vehicle-form-plate').fill('鄂A·12345');
    await page.getByTestId('vehicle-form-building').click();
    await page.getByTestId('vehicle-form-building-1').click();
    await page.getByTestId('vehicle-form-room').click();
    await page.getByTestId('vehicle-form-room-1-102').click();
    await page.getByTestId('vehicle-form-submit').click();
    await expect.poll(() => page.getByTestId('vehicle-dialog').textContent()).toContain('车牌 鄂A12345 已在本小区登记');
    await page.getByTestId('vehicle-dialog').getByRole('button', { name: '取消' }).click();
    await page.getByTestId('vehicle-dialog').waitFor({ state: 'hidden' });
  });

  it('guard issues a pass and opens the paper pass', async () => {
    await page.getByTestId('gate-tab-passes').click();
    await page.getByTestId('pass-create').click();
    await page.getByTestId('pass-form-building').click();
    await page.getByTestId('pass-form-building-1').click();
    await page.getByTestId('pass-form-room').click();
    await page.getByTestId('pass-form-room-1-101').click();
    await page.getByTestId('pass-form-person').click();
    await page.getByTestId(`pass-form-person-${residentPersonId}`).click();
    await page.getByTestId('pass-form-card').fill('0012345678');
    await page.getByTestId('pass-form-submit').click();
    await page.getByTestId('pass-dialog').waitFor({ state: 'hidden' });

    const passes = await guardGet<{ items: Array<{ id: string; personId: string; cardNumber: string | null; status: string }> }>(
      `/api/gate-admin/compounds/${compoundId}/passes`,
    );
    expect(passes.items).toHaveLength(1);
    const pass = passes.items[0];
    expect(pass?.personId).toBe(residentPersonId);
    expect(pass?.cardNumber).toBe('0012345678');
    expect(pass?.status).toBe('active');
    await page.getByTestId(`pass-holder-${pass?.id ?? ''}`).waitFor();

    // The e-pass link shows with its QR code.
    await page.getByTestId(`pass-link-${pass?.id ?? ''}`).click();
    await expect.poll(() => page.getByTestId('pass-link-url').textContent()).toContain('/p/');
    expect(await page.getByTestId('pass-link-dialog').locator('img').count()).toBe(1);
    await page.getByTestId('pass-link-dialog').getByRole('button', { name: '完成' }).click();
    await page.getByTestId('pass-link-dialog').waitFor({ state: 'hidden' });

    await page.getByTestId('pass-table').locator('.el-table__body .el-checkbox').first().click();
    // The popup starts at about:blank, so the PDF's address is read from its request.
    const [popup, pdfRequest] = await Promise.all([
      page.waitForEvent('popup'),
      page.context().waitForEvent('request', (request) => request.url().includes('paper.pdf')),
      page.getByTestId('pass-print').click(),
    ]);
    const pdfUrl = pdfRequest.url();
    expect(pdfUrl).toContain(`/api/gate-admin/passes/${pass?.id ?? ''}/paper.pdf`);
    const pdf = await page.request.get(pdfUrl);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toContain('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await popup.close();
  });

  it('guard sees managers read-only', async () => {
    await page.getByTestId('gate-tab-notify').click();
    await expect.poll(() => page.getByTestId('manager-table').textContent()).toContain(GUARD.displayName);
    expect(await page.getByTestId(`manager-sms-${guardUserId}`).getAttribute('class')).toContain('is-disabled');
    expect(await page.getByTestId(`manager-remove-${guardUserId}`).count()).toBe(0);
  });

  it('guard tracks the resident', async () => {
    await page.getByTestId('gate-tab-tracking').click();
    await page.getByTestId('tracking-create').click();
    await page.getByTestId('tracking-form-type-person').click();
    await page.getByTestId('tracking-form-person').click();
    await page.getByTestId('tracking-form-person').locator('input').fill('王居民');
    await page.getByTestId(`tracking-form-person-${residentPersonId}`).click();
    await page.getByTestId('tracking-form-reason').fill('密切接触者的家属');
    await page.getByTestId('tracking-form-submit').click();
    await page.getByTestId('tracking-dialog').waitFor({ state: 'hidden' });

    const tracked = await guardGet<{ items: Array<{ id: string; personId: string | null; endedAt: string | null }> }>(
      `/api/gate-admin/compounds/${compoundId}/key-tracking`,
    );
    expect(tracked.items).toHaveLength(1);
    expect(tracked.items[0]?.personId).toBe(residentPersonId);
    trackingId = tracked.items[0]?.id ?? '';
    await expect.poll(() => page.getByTestId(`tracking-subject-${trackingId}`).textContent()).toContain('王');
  });

  it('tracked passage shows on the file', async () => {
    // The gate's card reader reports the resident's card with the device key.
    const camera = await playwrightRequest.newContext({ baseURL: server.baseUrl });
    try {
      const event = {
        eventId: randomUUID(),
        occurredAt: new Date().toISOString(),
        kind: 'card',
        direction: 'in',
        cardNumber: '0012345678',
      };
      const response = await camera.post('/api/gate-events', { data: event, headers: { 'x-device-key': deviceKey } });
      expect(response.status()).toBe(200);
    } finally {
      await camera.dispose();
    }

    await page.getByTestId(`tracking-events-${trackingId}`).click();
    const eventsTable = page.getByTestId('tracking-events-table');
    await expect.poll(() => eventsTable.locator('.el-table__body tr').count()).toBe(1);
    expect(await eventsTable.textContent()).toContain('东门');
    await page.keyboard.press('Escape');
    await page.getByTestId('tracking-events-dialog').waitFor({ state: 'hidden' });

    await page.goto(`${server.baseUrl}/persons?id=${residentPersonId}`);
    const card = page.getByTestId('person-gate-events');
    await card.waitFor();
    await expect.poll(() => card.locator('.el-table__body tr').count()).toBe(1);
    expect(await card.textContent()).toContain('金色家园');
  });

  it('untracked file has no gate card', async () => {
    const registered = await admin.post('/api/persons', {
      name: '李居民',
      documentNumber: residentId('32050819900101123'),
      communityCode: COMMUNITY,
    });
    const otherId = String((registered.person as { id: string }).id);
    const answered = page.waitForResponse((response) => response.url().includes(`/api/gate-admin/persons/${otherId}/gate-events`));
    await page.goto(`${server.baseUrl}/persons?id=${otherId}`);
    expect((await answered).status()).toBe(404);
    await expect.poll(() => page.getByTestId('person-detail-name').textContent()).toBe('李居民');
    expect(await page.getByTestId('person-gate-events').count()).toBe(0);
  });
});

/** Reads the CSRF token of an API session from the session endpoint. */
async function csrfOf(session: ApiSession): Promise<string> {
  const me = (await session.get('/api/auth/me')) as { csrfToken?: string };
  if (!me.csrfToken) throw new Error('/api/auth/me returned no CSRF token');
  return me.csrfToken;
}
