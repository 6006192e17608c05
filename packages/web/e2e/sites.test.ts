import type { APIRequestContext, Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchChromium } from './support/browser.js';
import { type RunningServer, startServer } from './support/server.js';

// 姑苏区 → 平江街道 → one of its communities.
const DISTRICT = '320508';
const COMMUNITY = '320508018014';

function newPassword(): string {
  return `E2e-${Math.random().toString(36).slice(2)}-${Date.now().toString(36)}`;
}

/** Builds a made-up resident ID of 姑苏区 with its GB 11643 check digit. */
function residentId(sequence: number): string {
  const body = `320508198502021${String(sequence).padStart(2, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((total, digit, index) => total + Number(digit) * (weights[index] ?? 0), 0);
  return `${body}${'10X98765432'[sum % 11]}`;
}

/**
 * An office on a desktop console sets up a quarantine site with one room of
 * two beds and admits a resident. Then another office takes the last bed
 * while the first office's admission dialog is open. The server rejects that
 * admission with a message naming the room and its beds, and the page shows
 * the room as full. A discharge frees the bed again.
 */
describe.skipIf(!chromiumAvailable)('sites in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let api: APIRequestContext;
  let csrfToken = '';
  const personIds: string[] = [];
  let siteId = '';

  async function apiPost(path: string, data: object) {
    const response = await api.post(`${server.baseUrl}${path}`, { data, headers: { 'x-csrf-token': csrfToken } });
    if (!response.ok()) throw new Error(`POST ${path} failed with ${response.status()}: ${await response.text()}`);
    return response.json();
  }

  async function pickPerson(name: string, personId: string) {
    await page.getByTestId('admit-person').click();
    await page.keyboard.type(name);
    await page.getByTestId(`admit-person-${personId}`).click();
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
    for (const [index, name] of ['王一', '李二', '赵三'].entries()) {
      const created = await apiPost('/api/persons', {
        name,
        documentNumber: residentId(index + 1),
        communityCode: COMMUNITY,
        phone: `1390000${1000 + index}`,
      });
      personIds.push(created.person.id);
    }
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('office adds a site with a room', async () => {
    await page.goto(`${server.baseUrl}/sites`);
    await page.getByTestId('site-create').click();
    await page.getByTestId('site-form-name').fill('平江隔离酒店');
    await page.getByTestId('site-form-address').fill('平江路100号');
    await page.getByTestId('site-form-submit').click();
    await page.getByTestId('site-dialog').waitFor({ state: 'hidden' });
    await expect.poll(() => page.getByTestId('site-title').textContent()).toBe('平江隔离酒店');
    siteId = new URL(page.url()).searchParams.get('site') ?? '';
    expect(siteId).not.toBe('');

    await page.getByTestId('room-create').click();
    await page.getByTestId('room-form-name').fill('101');
    await page.getByTestId('room-form-beds').locator('input').fill('2');
    await page.getByTestId('room-form-submit').click();
    await page.getByTestId('room-dialog').waitFor({ state: 'hidden' });
    await expect.poll(() => page.getByTestId('site-detail-occupancy').textContent()).toContain('0 / 2');
  });

  it('office admits a resident', async () => {
    await page.getByTestId('site-admit').click();
    await pickPerson('王一', personIds[0] as string);
    await page.getByTestId('admit-submit').click();
    await page.getByTestId('admit-dialog').waitFor({ state: 'hidden' });

    await expect.poll(() => page.getByTestId('site-detail-occupancy').textContent()).toContain('1 / 2');
    const residents = page.getByTestId('stay-table');
    await expect.poll(() => residents.textContent()).toContain('王一');
    const text = (await residents.textContent()) ?? '';
    expect(text).toContain('139****1000');
    expect(text).not.toContain(residentId(1));
  });

  it('last bed taken elsewhere rejects admission', async () => {
    const roomId = (await (await api.get(`${server.baseUrl}/api/sites/${siteId}`)).json()).rooms[0].id as string;
    await page.getByTestId('site-admit').click();
    await pickPerson('李二', personIds[1] as string);
    await page.getByTestId('admit-room').click();
    await page.getByTestId(`admit-room-${roomId}`).click();

    // Another office fills the last bed while this dialog is open.
    await apiPost('/api/sites/stays', { personId: personIds[2], roomId });

    await page.getByTestId('admit-submit').click();
    const dialog = page.getByTestId('admit-dialog');
    await expect.poll(() => dialog.textContent()).toContain('房间“101”已满：2张床位均已占用');
    expect(await dialog.isVisible()).toBe(true);
    await dialog.getByRole('button', { name: '取消' }).click();
    await dialog.waitFor({ state: 'hidden' });

    await page.reload();
    await expect.poll(() => page.getByTestId('site-detail-occupancy').textContent()).toContain('2 / 2');
    expect(await page.getByTestId('room-free-101').textContent()).toBe('0');

    await page.getByTestId('site-admit').click();
    await expect.poll(() => page.getByTestId('admit-dialog').textContent()).toContain('该场所床位已满');
    await pickPerson('李二', personIds[1] as string);
    await page.getByTestId('admit-room').click();
    await page.getByTestId('admit-room-any').click();
    await page.getByTestId('admit-submit').click();
    await expect.poll(() => page.getByTestId('admit-dialog').textContent()).toContain('场所“平江隔离酒店”已满：2张床位均已占用');
    await page.getByTestId('admit-dialog').getByRole('button', { name: '取消' }).click();
  });

  it('discharge frees the bed', async () => {
    const stays = (await (await api.get(`${server.baseUrl}/api/sites/${siteId}/stays`)).json()).items as { id: string; personId: string }[];
    const stay = stays.find((item) => item.personId === personIds[0]);
    expect(stay).toBeDefined();
    await page.getByTestId(`stay-discharge-${stay?.id}`).click();
    await page.getByTestId('discharge-reason').click();
    await page.getByTestId('discharge-reason-0').click();
    await page.getByTestId('discharge-submit').click();
    await page.getByTestId('discharge-dialog').waitFor({ state: 'hidden' });

    await expect.poll(() => page.getByTestId('site-detail-occupancy').textContent()).toContain('1 / 2');
    await page.getByTestId('stay-status-past').click();
    await expect.poll(() => page.getByTestId('stay-table').textContent()).toContain('解除隔离');
  });

  it('site list shows type and occupancy', async () => {
    await page.getByTestId('site-back').click();
    await expect.poll(() => page.getByTestId(`site-occupancy-${siteId}`).textContent()).toContain('1 / 2');
    expect(await page.getByTestId('site-table').textContent()).toContain('集中隔离点');
    expect(await page.getByTestId(`site-name-${siteId}`).textContent()).toContain('平江隔离酒店');
  });
});
