import { type Browser, type BrowserContext, type Page, request as playwrightRequest, type APIRequestContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminSession, type ApiSession } from './support/api.js';
import { chromiumAvailable, launchChromium } from './support/browser.js';
import {
  chinaToday,
  createGateCompound,
  createStaffAccount,
  GATE_COMMUNITY,
  type GateCompound,
  postHikvisionPlate,
} from './support/gates.js';
import { type RunningServer, startServer } from './support/server.js';

const DISTRICT = '320508';
/** A car from 武汉 (湖北, on the risk list) and a resident's car from 苏州. */
const RISK_PLATE = '鄂A12345';
const RESIDENT_PLATE = '苏E88888';

interface AlertList {
  items: Array<{ id: string; kind: string; details?: { plateNumber?: string } }>;
  total: number;
}

/**
 * A risk-region car at a compound's gate reaches the compound's gate
 * manager in the open console without a reload. A camera
 * posts its Hikvision ANPR event with the gate's device key, and the alert
 * appears in the open alert centre and on the bell. A resident's registered
 * car raises nothing, and the manager of another compound sees none of it.
 */
describe.skipIf(!chromiumAvailable)('gate alert in the console', () => {
  let server: RunningServer;
  let browser: Browser;
  let admin: ApiSession;
  let camera: APIRequestContext;
  let a1: GateCompound;
  let guardPage: Page;
  let otherPage: Page;
  const contexts: BrowserContext[] = [];
  const guard = { username: 'guard.a1', displayName: '金色家园门岗', role: 'gate_guard', nodeCode: GATE_COMMUNITY };
  const otherGuard = { username: 'guard.a2', displayName: '银杏苑门岗', role: 'gate_guard', nodeCode: GATE_COMMUNITY };
  let guardPassword = '';
  let otherPassword = '';

  beforeAll(async () => {
    server = await startServer();
    admin = await adminSession(server);
    await admin.post('/api/jurisdictions/load', { code: DISTRICT });
    await admin.post('/api/risk-regions', {
      kind: 'region',
      value: '420000',
      level: 'high',
      effectiveFrom: chinaToday(),
      effectiveTo: null,
      note: null,
    });

    const guardAccount = await createStaffAccount(server, admin, guard);
    const otherAccount = await createStaffAccount(server, admin, otherGuard);
    guardPassword = guardAccount.password;
    otherPassword = otherAccount.password;
    a1 = await createGateCompound(admin, '金色家园', guardAccount.userId);
    await createGateCompound(admin, '银杏苑', otherAccount.userId);
    await admin.post(`/api/gate-admin/compounds/${a1.id}/vehicles`, { plate: RESIDENT_PLATE, roomId: a1.roomIds[0] });

    camera = await playwrightRequest.newContext({ baseURL: server.baseUrl });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await camera?.dispose();
    await admin?.api.dispose();
    await server?.stop();
  });

  async function signInToAlerts(username: string, password: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    context.setDefaultTimeout(15_000);
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/sign-in`);
    await page.getByTestId('sign-in-username').fill(username);
    await page.getByTestId('sign-in-password').fill(password);
    await page.getByTestId('sign-in-submit').click();
    await page.waitForURL((url) => url.pathname !== '/sign-in');
    await page.goto(`${server.baseUrl}/alerts`);
    await page.getByTestId('alerts-table').waitFor();
    await expect.poll(() => page.getByTestId('alerts-live').getAttribute('data-connected')).toBe('true');
    return page;
  }

  const subjects = (page: Page) => page.locator('[data-testid^="alert-subject-"]');
  const bellBadge = (page: Page) => page.getByTestId('alert-bell-count').locator('sup');

  async function gateAlerts(): Promise<AlertList> {
    return (await admin.get('/api/alerts?kind=gate_rule')) as unknown as AlertList;
  }

  it('both managers watch the alert centre', async () => {
    guardPage = await signInToAlerts(guard.username, guardPassword);
    otherPage = await signInToAlerts(otherGuard.username, otherPassword);
    expect(await bellBadge(guardPage).isHidden()).toBe(true);
    expect(await subjects(guardPage).count()).toBe(0);
  });

  it('risk-region car alerts the manager live', async () => {
    const response = await postHikvisionPlate(camera, a1.deviceKey, RISK_PLATE);
    expect(response.status()).toBe(200);
    // The default rule for a risk-region plate opens the barrier and alerts.
    expect(response.headers()['x-cordon-decision']).toBe('open');

    await expect.poll(() => subjects(guardPage).first().textContent(), { timeout: 15_000 }).toContain(RISK_PLATE);
    await expect.poll(() => bellBadge(guardPage).textContent()).toContain('1');
    expect(await subjects(guardPage).count()).toBe(1);

    const alerts = await gateAlerts();
    expect(alerts.total).toBe(1);
    expect(alerts.items[0]?.details?.plateNumber).toBe(RISK_PLATE);
  });

  it('resident car raises no alert', async () => {
    const response = await postHikvisionPlate(camera, a1.deviceKey, RESIDENT_PLATE);
    expect(response.status()).toBe(200);
    expect(response.headers()['x-cordon-decision']).toBe('open');

    expect((await gateAlerts()).total).toBe(1);
    expect(await subjects(guardPage).count()).toBe(1);
    expect(await bellBadge(guardPage).textContent()).toContain('1');
  });

  it('other compound manager sees nothing', async () => {
    expect(await subjects(otherPage).count()).toBe(0);
    expect(await bellBadge(otherPage).isHidden()).toBe(true);

    // A reload lists what the server lets this manager read, not only what the live stream sent.
    await otherPage.reload();
    await otherPage.getByTestId('alerts-table').waitFor();
    expect(await subjects(otherPage).count()).toBe(0);
    const counts = await otherPage.evaluate(async () => (await fetch('/api/alerts/counts')).json());
    expect(counts).toMatchObject({ new: 0 });
  });
});
