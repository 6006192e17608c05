import type { APIRequestContext, Browser, Page } from 'playwright-core';
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
function residentId(sequence: number): string {
  const body = `32050819900101${String(sequence).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((total, digit, index) => total + Number(digit) * (weights[index] ?? 0), 0);
  return `${body}${'10X98765432'[sum % 11]}`;
}

/** Calls the API as the session in the page's cookie jar, with the CSRF token on writes. */
async function api(http: APIRequestContext, baseUrl: string, method: 'GET' | 'POST', path: string, csrf: string, data?: object) {
  const response = await http.fetch(`${baseUrl}${path}`, { method, headers: { 'x-csrf-token': csrf }, ...(data ? { data } : {}) });
  if (!response.ok()) throw new Error(`${method} ${path} failed with ${response.status()}: ${await response.text()}`);
  return response.status() === 204 ? undefined : response.json();
}

/**
 * The person edit form and the risk badge in a real browser. An
 * administrator edits a file and finds the change in its history, then opens
 * the file from its URL and adds notes. A command HQ user adds a risk region
 * and the file shows the risk level.
 */
describe.skipIf(!chromiumAvailable)('person edit in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let adminPassword = '';
  let hqPassword = '';
  let personId = '';

  async function signInWithApi(username: string, password: string): Promise<string> {
    const response = await page.request.post(`${server.baseUrl}/api/auth/sign-in`, { data: { username, password } });
    if (!response.ok()) throw new Error(`sign-in of ${username} failed with ${response.status()}`);
    return ((await response.json()) as { csrfToken: string }).csrfToken;
  }

  async function signIn(username: string, password: string) {
    await page.goto(`${server.baseUrl}/`);
    await page.getByTestId('sign-in-username').fill(username);
    await page.getByTestId('sign-in-password').fill(password);
    await page.getByTestId('sign-in-submit').click();
  }

  beforeAll(async () => {
    server = await startServer();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    page.setDefaultTimeout(15_000);

    // Sets up through the API the steps that console.test.ts walks through in the browser.
    const url = server.baseUrl;
    let csrf = await signInWithApi('admin', server.adminPassword);
    adminPassword = newPassword();
    await api(page.request, url, 'POST', '/api/auth/password', csrf, { currentPassword: server.adminPassword, newPassword: adminPassword });
    csrf = await signInWithApi('admin', adminPassword);
    await api(page.request, url, 'POST', '/api/jurisdictions/load', csrf, { code: DISTRICT });
    const registered = await api(page.request, url, 'POST', '/api/persons', csrf, {
      name: '周返苏',
      documentNumber: residentId(1),
      communityCode: COMMUNITY,
      originRegionCode: '420102',
    });
    personId = registered.person.id;
    const created = await api(page.request, url, 'POST', '/api/users', csrf, {
      username: 'hq.chen',
      displayName: '陈指挥',
      role: 'hq',
      nodeCode: 'CN',
    });
    const hqCsrf = await signInWithApi('hq.chen', created.temporaryPassword);
    hqPassword = newPassword();
    await api(page.request, url, 'POST', '/api/auth/password', hqCsrf, {
      currentPassword: created.temporaryPassword,
      newPassword: hqPassword,
    });
    await page.context().clearCookies();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('administrator edits a person and sees the history entry', async () => {
    await signIn('admin', adminPassword);
    await page.getByTestId('dashboard-greeting').waitFor();
    await page.goto(`${server.baseUrl}/persons`);
    await page.getByTestId(`person-open-${personId}`).click();
    await expect.poll(() => page.getByTestId('person-detail-risk').getAttribute('data-level')).toBe('none');

    await page.getByTestId('person-edit').click();
    await page.getByTestId('person-edit-document-number').fill('320508199001011230');
    await expect.poll(() => page.getByTestId('person-edit-document-preview').textContent()).toMatch(/\S/);
    await page.getByTestId('person-edit-document-number').fill('');
    await page.getByTestId('person-edit-phone').fill('1390000');
    await expect.poll(() => page.getByTestId('person-edit-phone-preview').getAttribute('class')).toContain('invalid');
    await page.getByTestId('person-edit-phone').fill('13900001234');
    await page.getByTestId('person-edit-travel-number').fill('G7001');
    await page.getByTestId('person-edit-key-person').click();
    await page.getByTestId('person-edit-submit').click();
    await expect.poll(() => page.getByTestId('person-edit-dialog').isVisible()).toBe(true);
    await expect.poll(() => page.getByTestId('person-edit-dialog').textContent()).toContain('请填写原因');
    await page.getByTestId('person-edit-key-person-reason').fill('武汉返回');
    await page.getByTestId('person-edit-submit').click();
    await page.getByTestId('person-edit-dialog').waitFor({ state: 'hidden' });

    await expect.poll(() => page.getByTestId('person-detail-phone').textContent()).toContain('139****1234');
    await page.getByTestId('person-tab-history').click();
    const history = page.getByTestId('person-history-table');
    await expect.poll(() => history.textContent()).toContain('重点人员');
    expect(await history.textContent()).not.toContain('13900001234');
    await page.goto(`${server.baseUrl}/`);
    await page.getByTestId('user-menu').click();
    await page.getByTestId('sign-out').click();
    await page.getByTestId('sign-in-username').waitFor();
  });

  it('administrator opens a file from its URL and adds notes', async () => {
    await signIn('admin', adminPassword);
    await page.getByTestId('dashboard-greeting').waitFor();
    await page.goto(`${server.baseUrl}/persons?id=${personId}`);
    await expect.poll(() => page.getByTestId('person-detail-name').textContent()).toBe('周返苏');

    await page.getByTestId('person-edit').click();
    await page.getByTestId('person-edit-notes').fill('独居老人\n需送药');
    await page.getByTestId('person-edit-submit').click();
    await page.getByTestId('person-edit-dialog').waitFor({ state: 'hidden' });
    await expect.poll(() => page.getByTestId('person-detail-notes').innerText()).toBe('独居老人\n需送药');

    await page.getByTestId('person-tab-tenancies').click();
    await expect.poll(() => page.getByTestId('person-tenancies').textContent()).toContain('没有作为房东或租户的租赁记录');

    // A file that does not exist shows the server's message, closes the drawer and keeps the list.
    await page.goto(`${server.baseUrl}/persons?id=00000000-0000-4000-8000-000000000000`);
    await expect.poll(() => page.locator('.el-message--error').textContent()).toContain('找不到该人员档案');
    await page.getByTestId('person-drawer').waitFor({ state: 'hidden' });
    await page.getByTestId(`person-open-${personId}`).waitFor();
    await expect.poll(() => new URL(page.url()).searchParams.get('id')).toBeNull();

    await page.goto(`${server.baseUrl}/`);
    await page.getByTestId('user-menu').click();
    await page.getByTestId('sign-out').click();
    await page.getByTestId('sign-in-username').waitFor();
  });

  it('registering a known document asks before renaming', async () => {
    await signIn('admin', adminPassword);
    await page.getByTestId('dashboard-greeting').waitFor();
    await page.goto(`${server.baseUrl}/persons`);
    await page.getByTestId('person-register').click();
    await page.getByTestId('person-form-name').fill('周');
    await page.getByTestId('person-form-document-number').fill(residentId(1));
    await page.getByTestId('person-form-community-search').fill('察院场');
    await page.getByTestId(`person-form-community-hit-${COMMUNITY}`).click();
    await page.getByTestId('person-form-submit').click();

    // The file of 周返苏 has this document: the worker is asked, cancels, and the name stays.
    const box = page.locator('.el-message-box');
    await expect.poll(() => box.textContent()).toContain('周返苏');
    await box.getByRole('button', { name: '取消' }).click();
    await page.getByTestId('person-form-dialog').waitFor();
    const detail = await page.request.get(`${server.baseUrl}/api/persons/${personId}`);
    expect((await detail.json()).name).toBe('周返苏');

    await page.keyboard.press('Escape');
    await page.goto(`${server.baseUrl}/`);
    await page.getByTestId('user-menu').click();
    await page.getByTestId('sign-out').click();
    await page.getByTestId('sign-in-username').waitFor();
  });

  it('hq adds a risk region and the badge appears', async () => {
    await signIn('hq.chen', hqPassword);
    await page.getByTestId('dashboard-greeting').waitFor();
    await page.goto(`${server.baseUrl}/risk-regions`);
    await page.getByTestId('risk-region-create').click();
    await page.getByTestId('risk-region-form-region').fill('武汉');
    await page.getByTestId('risk-region-form-region-hit-420100').click();
    await expect.poll(() => page.getByTestId('risk-region-form-value').textContent()).toContain('420100');
    await page.getByTestId('risk-region-form-submit').click();
    await page.getByTestId('risk-region-dialog').waitFor({ state: 'hidden' });
    await expect.poll(() => page.getByTestId('risk-region-table').textContent()).toContain('武汉市');

    await page.goto(`${server.baseUrl}/persons`);
    await expect.poll(() => page.getByTestId(`person-risk-${personId}`).getAttribute('data-level')).toBe('high');
    expect(await page.getByTestId('person-register').count()).toBe(0);
    await page.getByTestId(`person-open-${personId}`).click();
    await expect.poll(() => page.getByTestId('person-risk-rules').textContent()).toContain('420102');
    expect(await page.getByTestId('person-edit').count()).toBe(0);
  });
});
