import { randomUUID } from 'node:crypto';
import { type APIRequestContext, type Browser, type Page, request as playwrightRequest } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiSession, createAccount, newPassword, residentId } from './support/api.js';
import { chromiumAvailable, launchChromium } from './support/browser.js';
import { type RunningServer, startServer } from './support/server.js';

// 姑苏区 runs the checkpoint; 察院场社区 in it is where the detailed registration heads.
const DISTRICT = '320508';
const COMMUNITY = '320508018014';
const OFFICER = { username: 'officer.qian', displayName: '钱警官', role: 'checkpoint_officer', nodeCode: DISTRICT };

/**
 * An office on a desktop console sets up a highway-exit checkpoint, puts an
 * officer on its roster and enrols a phone through the one-time link. The
 * phone, through the public API, takes the link, and the open dialog shows
 * it as enrolled. Two registrations sent with the phone's device key then
 * show on the registrations page, with its charts and masked export, to the
 * office and to the officer. The detailed one heads to a community, so it
 * shows among that community's expected arrivals with a link to its
 * verification task.
 */
describe.skipIf(!chromiumAvailable)('checkpoint console in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let api: APIRequestContext;
  let csrfToken = '';
  let checkpointId = '';
  let officerId = '';
  let deviceKey = '';
  let officerPassword = '';
  const quickId = randomUUID();
  const detailedId = randomUUID();
  const quickDocument = residentId('42010619850202123');

  async function apiPost(path: string, data: unknown): Promise<Record<string, unknown>> {
    const response = await api.post(`${server.baseUrl}${path}`, { data: data as object, headers: { 'x-csrf-token': csrfToken } });
    if (!response.ok()) throw new Error(`POST ${path} failed with ${response.status()}: ${await response.text()}`);
    const text = await response.text();
    return (text === '' ? {} : JSON.parse(text)) as Record<string, unknown>;
  }

  async function apiGet(path: string): Promise<Record<string, unknown>> {
    return (await api.get(`${server.baseUrl}${path}`)).json() as Promise<Record<string, unknown>>;
  }

  /** Sends a registration as the enrolled phone, with its device key and no session. */
  async function registerAsPhone(body: Record<string, unknown>): Promise<void> {
    const phone = await playwrightRequest.newContext({ baseURL: server.baseUrl });
    try {
      const response = await phone.post('/api/checkpoint-registrations', { data: body, headers: { 'x-device-key': deviceKey } });
      expect(response.status()).toBe(201);
    } finally {
      await phone.dispose();
    }
  }

  beforeAll(async () => {
    server = await startServer();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    page.setDefaultTimeout(15_000);
    // page.request shares the page's cookies, so the session it signs in is the browser's session too.
    api = page.request;

    const signIn = await api.post(`${server.baseUrl}/api/auth/sign-in`, { data: { username: 'admin', password: server.adminPassword } });
    csrfToken = (await signIn.json()).csrfToken;
    const changed = await api.post(`${server.baseUrl}/api/auth/password`, {
      data: { currentPassword: server.adminPassword, newPassword: newPassword() },
      headers: { 'x-csrf-token': csrfToken },
    });
    expect(changed.status()).toBe(204);

    await apiPost('/api/jurisdictions/load', { code: DISTRICT });
    const admin: ApiSession = { api, post: apiPost, get: apiGet };
    officerPassword = await createAccount(server, admin, OFFICER);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('admin creates a checkpoint', async () => {
    await page.goto(`${server.baseUrl}/checkpoints`);
    await page.getByTestId('checkpoint-create').click();
    await page.getByTestId('checkpoint-form-name').fill('苏州东高速出口');
    await page.getByTestId('checkpoint-form-node-search').fill('姑苏区');
    await page.getByTestId(`checkpoint-form-node-hit-${DISTRICT}`).click();
    await page.getByTestId('checkpoint-form-location').fill('G2京沪高速苏州东出口');
    await page.getByTestId('checkpoint-form-longitude').fill('120.7');
    await page.getByTestId('checkpoint-form-submit').click();

    // A longitude without a latitude is rejected before anything is sent.
    const dialog = page.getByTestId('checkpoint-dialog');
    await expect.poll(() => dialog.textContent()).toContain('经度和纬度须同时填写');
    await page.getByTestId('checkpoint-form-latitude').fill('31.32');
    await page.getByTestId('checkpoint-form-submit').click();
    await dialog.waitFor({ state: 'hidden' });

    const list = (await apiGet('/api/checkpoints')) as { items: Array<{ id: string; name: string; longitude: string | null }> };
    expect(list.items).toHaveLength(1);
    checkpointId = list.items[0]?.id ?? '';
    expect(list.items[0]?.longitude).toBe('120.7');
    await expect.poll(() => page.getByTestId(`checkpoint-name-${checkpointId}`).textContent()).toBe('苏州东高速出口');
  });

  it('admin assigns an officer', async () => {
    await page.getByTestId(`checkpoint-roster-${checkpointId}`).click();
    await page.getByTestId('roster-select').click();
    await page.getByTestId(`roster-option-${OFFICER.username}`).click();
    // A multiple select stays open after a pick; a click beside it closes it.
    await page.getByTestId('roster-dialog').locator('.hint').click();
    await page.getByTestId('roster-submit').click();
    await page.getByTestId('roster-dialog').waitFor({ state: 'hidden' });

    await expect.poll(() => page.getByTestId(`checkpoint-officers-${checkpointId}`).textContent()).toContain('钱警官');
    const list = (await apiGet('/api/checkpoints')) as { items: Array<{ officers: Array<{ userId: string; username: string }> }> };
    const officers = list.items[0]?.officers ?? [];
    expect(officers.map((officer) => officer.username)).toEqual([OFFICER.username]);
    officerId = officers[0]?.userId ?? '';
  });

  it('enrolment dialog shows the phone enrolled', async () => {
    await page.getByTestId(`checkpoint-phones-${checkpointId}`).click();
    await page.getByTestId('phone-enrol').click();
    await page.getByTestId('enrol-device-name').fill('1号岗手机');
    await page.getByTestId('enrol-submit').click();

    const link = page.getByTestId('enrol-url');
    await link.waitFor();
    const url = (await link.textContent()) ?? '';
    expect(url).toContain('/m/checkpoint/enrol#');
    expect(await page.getByTestId('enrol-qr').getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    expect(await page.getByTestId('enrol-countdown').textContent()).toMatch(/剩余有效时间 \d+:\d\d/);

    const phone = await playwrightRequest.newContext({ baseURL: server.baseUrl });
    const exchanged = await phone.post('/api/public/checkpoint-enrolments', { data: { token: url.split('#')[1] } });
    expect(exchanged.status()).toBe(201);
    deviceKey = ((await exchanged.json()) as { key: string }).key;
    await phone.dispose();

    await page.getByTestId('enrol-done').waitFor();
    expect(await page.getByTestId('enrol-done').textContent()).toContain('已登记');
    await page.getByTestId('enrol-close').click();
    await expect.poll(() => page.getByTestId('phone-table').textContent()).toContain('1号岗手机');
  });

  it('registrations page shows phone registrations', async () => {
    const now = new Date().toISOString();
    await registerAsPhone({
      id: quickId,
      checkpointId,
      mode: 'quick',
      registeredAt: now,
      officerId,
      plate: '鄂A12345',
      occupants: [{ role: 'driver', documentNumber: quickDocument, phone: '13900001234' }],
      disposition: 'pass',
    });
    await registerAsPhone({
      id: detailedId,
      checkpointId,
      mode: 'detailed',
      registeredAt: now,
      officerId,
      plate: '苏E54321',
      occupants: [
        {
          role: 'driver',
          name: '孙一',
          documentNumber: residentId('32050819800101123'),
          phone: '13900005678',
          temperature: 36.5,
          symptoms: ['none'],
        },
      ],
      originRegionCode: '420106',
      destination: { communityCode: COMMUNITY, text: '平江路1号' },
      purpose: 'return_home',
      disposition: 'pass',
    });

    await page.goto(`${server.baseUrl}/checkpoint-registrations`);
    const table = page.getByTestId('registration-table');
    await expect.poll(() => table.textContent()).toContain('鄂A12345');
    expect(await table.textContent()).toContain('苏E54321');
    await expect.poll(() => page.getByTestId('registration-total').textContent()).toContain('共 2 条');
    expect(await page.getByTestId('registration-chart-hourly').locator('canvas').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('registration-chart-dispositions').locator('canvas').count()).toBeGreaterThan(0);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('registration-export').click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);

    await page.getByTestId(`registration-open-${quickId}`).click();
    const drawer = page.getByTestId('registration-drawer');
    await expect.poll(() => drawer.textContent()).toContain('139****1234');
    const text = (await drawer.textContent()) ?? '';
    expect(text).toContain('快速核录');
    expect(text).not.toContain(quickDocument);
    expect(new URL(page.url()).searchParams.get('id')).toBe(quickId);
  });

  it('officer sees registrations of the checkpoint', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    try {
      const officerPage = await context.newPage();
      officerPage.setDefaultTimeout(15_000);
      await officerPage.goto(`${server.baseUrl}/sign-in`);
      await officerPage.getByTestId('sign-in-username').fill(OFFICER.username);
      await officerPage.getByTestId('sign-in-password').fill(officerPassword);
      await officerPage.getByTestId('sign-in-submit').click();
      await officerPage.waitForURL((url) => url.pathname !== '/sign-in');

      await officerPage.goto(`${server.baseUrl}/checkpoint-registrations`);
      const table = officerPage.getByTestId('registration-table');
      await expect.poll(() => table.textContent()).toContain('鄂A12345');
      expect(await table.textContent()).toContain('苏E54321');
      expect(await officerPage.getByTestId('registration-export').isVisible()).toBe(true);
    } finally {
      await context.close();
    }
  });

  it('arrivals page lists the detailed registration', async () => {
    await page.goto(`${server.baseUrl}/arrivals`);
    const table = page.getByTestId('arrival-table');
    await expect.poll(() => table.textContent()).toContain('苏E54321');
    expect(await table.textContent()).not.toContain('鄂A12345');
    expect(await table.textContent()).toContain('察院场社区');

    // The closed loop gives the community its verification task after the registration commits.
    await expect
      .poll(async () => {
        await page.getByRole('button', { name: '刷新' }).click();
        return page.getByTestId(`arrival-task-${detailedId}`).count();
      })
      .toBe(1);
    await page.getByTestId(`arrival-task-${detailedId}`).click();
    await page.waitForURL((url) => url.pathname === '/tasks' && url.searchParams.has('id'));
  });
});
