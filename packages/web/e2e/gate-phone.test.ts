import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminSession, type ApiSession, residentId } from './support/api.js';
import { chromiumAvailable, launchChromium } from './support/browser.js';
import { createGateCompound, createStaffAccount, GATE_COMMUNITY, type GateCompound } from './support/gates.js';
import { type RunningServer, startServer } from './support/server.js';

const DISTRICT = '320508';
/** Made-up visitors, typed on the phone's keypads. */
const VISITOR = { name: '李来访', document: residentId('32050819900101002'), phone: '13800000002' };
const FEVER_VISITOR = { name: '赵发热', document: residentId('32050819750606004'), phone: '13800000004' };
const SECOND_GATE_VISITOR = { name: '钱来访', document: residentId('32050819880808006'), phone: '13800000006' };

/** Taps each character on the keypad whose keys carry `prefix` in their test ids. */
async function tapKeys(page: Page, prefix: string, text: string): Promise<void> {
  for (const character of Array.from(text)) await page.getByTestId(`${prefix}-key-${character}`).click();
}

/** Fills the form on the volunteer's phone: keypads for the ID and phone, "1-1-101" typed for the room. */
async function fillVisitor(page: Page, visitor: typeof VISITOR, temperature: string): Promise<void> {
  await page.getByTestId('gate-visitor-name').locator('input').fill(visitor.name);
  await page.getByTestId('gate-visitor-document').click();
  await tapKeys(page, 'id', visitor.document);
  // A finished, valid ID opens the phone keypad by itself.
  await page.getByTestId('phone-keypad').waitFor();
  await tapKeys(page, 'phone', visitor.phone);
  await page.getByTestId('phone-keypad').waitFor({ state: 'detached' });

  await page.getByTestId('gate-host-room').locator('input').fill('1-1-101');
  await page.getByTestId('gate-host-room-find').click();
  await page.getByTestId('gate-host-room-chosen').waitFor();
  await page.getByTestId('gate-purpose-family').click();
  await page.getByTestId('gate-visitor-temperature').locator('input').fill(temperature);
}

/**
 * A gate volunteer registers a visitor on a phone, the host confirms from
 * the SMS link on another phone, and the volunteer's waiting screen turns to
 * 已确认 without a reload. A visitor with a fever is refused at once. A
 * resident's e-pass shows a QR code that a countdown renews.
 */
describe.skipIf(!chromiumAvailable)('gate phone', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let admin: ApiSession;
  let compound: GateCompound;
  let residentPersonId = '';
  const guard = { username: 'volunteer.zhou', displayName: '周志愿者', role: 'gate_guard', nodeCode: GATE_COMMUNITY };
  let guardPassword = '';
  const readOutbox = new Set<string>();

  beforeAll(async () => {
    server = await startServer();
    admin = await adminSession(server);
    await admin.post('/api/jurisdictions/load', { code: DISTRICT });
    const account = await createStaffAccount(server, admin, guard);
    guardPassword = account.password;
    compound = await createGateCompound(admin, '金色家园', account.userId);

    // The host: an adult living in 1-1-101 with a mobile number for the confirmation SMS.
    const person = await admin.post('/api/persons', {
      name: '王住户',
      documentNumber: residentId('32050819850315123'),
      phone: '13912345678',
      communityCode: GATE_COMMUNITY,
      roomId: compound.roomIds[0],
    });
    residentPersonId = String((person.person as { id: string }).id);

    browser = await launchChromium();
    context = await browser.newContext({
      viewport: { width: 360, height: 740 },
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
      serviceWorkers: 'block',
    });
    context.setDefaultTimeout(15_000);
    page = await context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await admin?.api.dispose();
    await server?.stop();
  });

  /** Returns the link path (/v/… or /p/…) of the newest outbox message of a template that no earlier step has read. */
  async function newestLink(template: string, pattern: RegExp): Promise<string> {
    const outbox = (await admin.get(`/api/sms/outbox?template=${template}`)) as { items: Array<{ id: string; body: string }> };
    const message = outbox.items.find((item) => !readOutbox.has(item.id));
    if (!message) throw new Error(`no new ${template} message in the SMS outbox`);
    readOutbox.add(message.id);
    const path = pattern.exec(message.body)?.[0];
    if (!path) throw new Error(`no link in the ${template} message`);
    return path;
  }

  it('volunteer opens the gate page', async () => {
    await page.goto(`${server.baseUrl}/sign-in`);
    await page.getByTestId('sign-in-username').fill(guard.username);
    await page.getByTestId('sign-in-password').fill(guardPassword);
    await page.getByTestId('sign-in-submit').click();
    await page.waitForURL((url) => url.pathname !== '/sign-in');

    await page.goto(`${server.baseUrl}/m`);
    await page.getByTestId('mobile-open-gate').click();
    await page.waitForURL((url) => url.pathname === '/m/gate');
    // The volunteer manages one compound, so the page chooses it.
    expect(await page.getByTestId('gate-compound-name').textContent()).toContain('金色家园');
  });

  it('typed ID shows its facts', async () => {
    await page.getByTestId('gate-visitor-document').click();
    await tapKeys(page, 'id', VISITOR.document);
    expect(await page.getByTestId('gate-visitor-document-facts').textContent()).toContain('姑苏区');
    // All 18 digits are visible on a 360 px wide phone.
    const input = page.getByTestId('gate-visitor-document').locator('input');
    expect(await input.inputValue()).toHaveLength(18);
    const overflow = await input.evaluate((element) => element.scrollWidth - element.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });

  it('host confirms and the volunteer sees it', async () => {
    // A reload starts from an empty form.
    await page.reload();
    await fillVisitor(page, VISITOR, '36.6');
    await page.getByTestId('gate-visitor-save').click();

    const status = page.getByTestId('gate-visitor-status');
    await status.waitFor();
    expect(await status.getAttribute('data-status')).toBe('waiting');
    expect(await status.textContent()).toContain('等待住户确认');

    const hostPage = await context.newPage();
    await hostPage.goto(`${server.baseUrl}${await newestLink('visitor_confirm', /\/v\/[A-Za-z0-9_-]+/)}`);
    await hostPage.getByTestId('visitor-confirm-name').waitFor();
    expect(await hostPage.getByTestId('visitor-confirm-name').textContent()).not.toContain(VISITOR.name);
    await hostPage.getByTestId('visitor-confirm-accept').click();
    await expect.poll(() => hostPage.getByTestId('visitor-confirm-result').getAttribute('data-status')).toBe('confirmed');
    await hostPage.close();

    await expect.poll(() => status.getAttribute('data-status'), { timeout: 15_000 }).toBe('confirmed');
    expect(await status.textContent()).toContain('已确认，可放行');

    // The compound's only gate is recorded without a choice on the phone.
    const list = (await admin.get(`/api/visitors?compoundId=${compound.id}`)) as { items: Array<{ gateId: string | null }> };
    expect(list.items.map((item) => item.gateId)).toEqual([compound.gateId]);
  });

  it('fever visitor is refused at once', async () => {
    await page.getByTestId('gate-visitor-next').click();
    await fillVisitor(page, FEVER_VISITOR, '38.2');
    await page.getByTestId('gate-fever-warning').waitFor();
    await page.getByTestId('gate-visitor-save').click();

    const status = page.getByTestId('gate-visitor-status');
    await expect.poll(() => status.getAttribute('data-status')).toBe('refused');
    expect(await status.textContent()).toContain('体温异常，不可进入');
    const outbox = (await admin.get('/api/sms/outbox?template=visitor_confirm')) as { items: Array<{ id: string }> };
    expect(outbox.items.filter((item) => !readOutbox.has(item.id))).toEqual([]);
  });

  it('second gate: last used preselected, else required', async () => {
    const second = await admin.post(`/api/gate-admin/compounds/${compound.id}/gates`, { name: '西门', kind: 'pedestrian' });
    const secondGateId = String(second.id);
    await page.reload();
    // This phone registered visitors at 东门 before, so the page keeps that gate.
    const eastGate = page.getByTestId(`gate-choose-${compound.gateId}`);
    await eastGate.waitFor();
    expect(await eastGate.getAttribute('aria-pressed')).toBe('true');
    expect(await page.getByTestId('gate-choose-required').count()).toBe(0);

    // A phone with no gate used at this compound must choose one before saving.
    await page.evaluate((id) => localStorage.removeItem(`cordon.gateGate.${id}`), compound.id);
    await page.reload();
    const required = page.getByTestId('gate-choose-required');
    await required.waitFor();
    expect(await required.getAttribute('role')).toBeNull();
    await fillVisitor(page, SECOND_GATE_VISITOR, '36.5');
    await page.getByTestId('gate-visitor-save').click();
    await expect.poll(() => required.getAttribute('role')).toBe('alert');
    expect(await page.getByTestId('gate-visitor-status').count()).toBe(0);

    await page.getByTestId(`gate-choose-${secondGateId}`).click();
    await page.getByTestId('gate-visitor-save').click();
    await page.getByTestId('gate-visitor-status').waitFor();
    const list = (await admin.get(`/api/visitors?compoundId=${compound.id}`)) as { items: Array<{ gateId: string | null }> };
    expect(list.items.map((item) => item.gateId)).toContain(secondGateId);
  });

  it('e-pass shows a renewing QR code', async () => {
    const pass = await admin.post(`/api/gate-admin/compounds/${compound.id}/passes`, { personId: residentPersonId });
    const link = (await admin.post(`/api/gate-admin/passes/${String(pass.id)}/link`, {})) as { url: string };
    const path = /\/p\/[A-Za-z0-9_-]+/.exec(link.url)?.[0] ?? '';
    expect(path).not.toBe('');

    const passPage = await context.newPage();
    await passPage.goto(`${server.baseUrl}${path}`);
    const qr = passPage.getByTestId('pass-qr');
    await qr.waitFor();
    expect(await passPage.getByTestId('pass-compound').textContent()).toContain('金色家园');
    expect(await passPage.getByTestId('pass-holder').textContent()).not.toContain('王住户');
    expect(await passPage.getByTestId('pass-screenshot-hint').textContent()).toContain('截图无效');
    expect(await qr.locator('img').count()).toBe(1);

    const firstCode = (await qr.getAttribute('data-code')) ?? '';
    const firstExpiry = (await qr.getAttribute('data-expires-at')) ?? '';
    expect(firstCode).not.toBe('');
    const countdown = passPage.getByTestId('pass-countdown');
    const firstSeconds = await countdown.getAttribute('data-seconds');
    await expect.poll(() => countdown.getAttribute('data-seconds')).not.toBe(firstSeconds);

    // One step is 30 s; this is the only wait for a whole step in the test.
    await expect.poll(() => qr.getAttribute('data-expires-at'), { timeout: 40_000 }).not.toBe(firstExpiry);
    expect(await qr.getAttribute('data-code')).not.toBe(firstCode);
    await passPage.close();
  });

  it('revoked e-pass says so', async () => {
    const passes = (await admin.get(`/api/gate-admin/compounds/${compound.id}/passes`)) as { items: Array<{ id: string }> };
    const passId = passes.items[0]?.id ?? '';
    const link = (await admin.post(`/api/gate-admin/passes/${passId}/link`, {})) as { url: string };
    await admin.post(`/api/gate-admin/passes/${passId}/revoke`, { reason: '测试注销' });

    const passPage = await context.newPage();
    await passPage.goto(`${server.baseUrl}${/\/p\/[A-Za-z0-9_-]+/.exec(link.url)?.[0] ?? ''}`);
    await passPage.getByTestId('pass-revoked').waitFor();
    expect(await passPage.getByTestId('pass-revoked').textContent()).toContain('出入证已注销');

    await passPage.goto(`${server.baseUrl}/p/unknown-token-0000`);
    await passPage.getByTestId('pass-invalid').waitFor();
    await passPage.close();
  });
});
