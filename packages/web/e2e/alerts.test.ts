import { type Browser, type BrowserContext, type Page, request as playwrightRequest } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminSession, type ApiSession, createAccount, residentId } from './support/api.js';
import { chromiumAvailable, launchChromium } from './support/browser.js';
import { type RunningServer, startServer } from './support/server.js';

const DISTRICT = '320508';
const COMMUNITY = '320508018014';

/** Today's date in China, the day arrival dates and declaration windows count in. */
function chinaToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
}

/**
 * A doctor keeps the alert centre open in two tabs. A resident declares a
 * fever through the public declaration API, the alert appears in both tabs
 * without a reload, one tab acknowledges it, and the other shows the change.
 */
describe.skipIf(!chromiumAvailable)('alert centre in two tabs', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let admin: ApiSession;
  let first: Page;
  let second: Page;
  let token = '';
  let alertId = '';
  const doctor = { username: 'doctor.li', displayName: '李医生', role: 'doctor', nodeCode: COMMUNITY };
  let doctorPassword = '';

  beforeAll(async () => {
    server = await startServer();
    admin = await adminSession(server);
    await admin.post('/api/jurisdictions/load', { code: DISTRICT });
    doctorPassword = await createAccount(server, admin, doctor);

    // A person who arrived today must declare, so staff can send them a personal link.
    const person = await admin.post('/api/persons', {
      name: '王居民',
      documentNumber: residentId('32050819850315123'),
      phone: '13912345678',
      communityCode: COMMUNITY,
      arrivalDate: chinaToday(),
    });
    const personId = String((person.person as { id: string }).id);
    await admin.post('/api/declarations/links', { personId });
    const outbox = (await admin.get('/api/sms/outbox?template=declaration_link')) as { items: Array<{ body: string }> };
    token = /\/d\/([A-Za-z0-9_-]+)/.exec(outbox.items[0]?.body ?? '')?.[1] ?? '';
    if (!token) throw new Error('no declaration link in the SMS outbox');

    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    context.setDefaultTimeout(15_000);
    first = await context.newPage();
    second = await context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await admin?.api.dispose();
    await server?.stop();
  });

  async function openAlertCentre(page: Page) {
    await page.goto(`${server.baseUrl}/alerts`);
    await page.getByTestId('alerts-table').waitFor();
    await expect.poll(() => page.getByTestId('alerts-live').getAttribute('data-connected')).toBe('true');
  }

  it('both tabs open the alert centre', async () => {
    await first.goto(`${server.baseUrl}/`);
    await first.getByTestId('sign-in-username').fill(doctor.username);
    await first.getByTestId('sign-in-password').fill(doctorPassword);
    await first.getByTestId('sign-in-submit').click();
    await first.getByTestId('dashboard-greeting').waitFor();

    await openAlertCentre(first);
    await openAlertCentre(second);
    expect(await first.getByTestId('alert-bell-count').locator('sup').isHidden()).toBe(true);
  });

  it('declared fever appears live in both tabs', async () => {
    const resident = await playwrightRequest.newContext({ baseURL: server.baseUrl });
    const response = await resident.post(`/api/public/declare/${token}`, {
      data: { temperature: 38.2, symptoms: ['cough'] },
      headers: { 'accept-language': 'zh-CN' },
    });
    expect(response.status()).toBe(201);
    expect(((await response.json()) as { abnormal: boolean }).abnormal).toBe(true);
    await resident.dispose();

    for (const page of [first, second]) {
      const subject = page.locator('[data-testid^="alert-subject-"]').first();
      await expect.poll(() => subject.textContent(), { timeout: 15_000 }).toBe('体温 38.2 °C，咳嗽');
      alertId = ((await subject.getAttribute('data-testid')) ?? '').replace('alert-subject-', '');
      expect(await page.getByTestId(`alert-status-${alertId}`).getAttribute('data-status')).toBe('new');
      await expect.poll(() => page.getByTestId('alert-bell-count').locator('sup').textContent()).toContain('1');
    }
  });

  it('acknowledging in one tab updates the other', async () => {
    await first.getByTestId(`alert-acknowledge-${alertId}`).click();
    await expect.poll(() => first.getByTestId(`alert-status-${alertId}`).getAttribute('data-status')).toBe('acknowledged');

    await expect.poll(() => second.getByTestId(`alert-status-${alertId}`).getAttribute('data-status')).toBe('acknowledged');
    expect(await second.getByTestId(`alert-acknowledged-by-${alertId}`).textContent()).toContain(doctor.displayName);
    expect(await second.getByTestId(`alert-acknowledge-${alertId}`).count()).toBe(0);
    await expect.poll(() => second.getByTestId('alert-bell-count').locator('sup').isHidden()).toBe(true);
  });

  it('second tab resolves with a note', async () => {
    await second.getByTestId(`alert-resolve-${alertId}`).click();
    await second.getByTestId('alert-resolve-note').fill('已电话随访，建议居家观察');
    await second.getByTestId('alert-resolve-submit').click();

    await expect.poll(() => second.getByTestId(`alert-status-${alertId}`).getAttribute('data-status')).toBe('resolved');
    await expect.poll(() => first.getByTestId(`alert-status-${alertId}`).getAttribute('data-status')).toBe('resolved');
    expect(await first.getByTestId(`alert-resolved-by-${alertId}`).textContent()).toContain(doctor.displayName);
  });

  it('mute choice survives a reload', async () => {
    const toggle = second.getByTestId('alert-mute-toggle');
    expect(await toggle.getAttribute('data-muted')).toBe('false');
    await toggle.click();
    expect(await toggle.getAttribute('data-muted')).toBe('true');

    await second.reload();
    await second.getByTestId('alerts-table').waitFor();
    expect(await second.getByTestId('alert-mute-toggle').getAttribute('data-muted')).toBe('true');
  });
});
