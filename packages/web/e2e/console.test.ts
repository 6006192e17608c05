import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchChromium } from './support/browser.js';
import { type RunningServer, startServer } from './support/server.js';

// 姑苏区 → 平江街道 → one of its communities.
const DISTRICT = '320508';
const SUBDISTRICT = '320508018';
const COMMUNITY = '320508018014';
const TREE_PATH = ['CN', '320000', '320500', DISTRICT, SUBDISTRICT];

function newPassword(): string {
  return `E2e-${Math.random().toString(36).slice(2)}-${Date.now().toString(36)}`;
}

/**
 * The first hour of a new installation, in a real browser against the real
 * server: the administrator signs in with the printed password, sets a new
 * one, loads a district, creates a community worker, and that worker can
 * open only their community.
 */
describe.skipIf(!chromiumAvailable)('staff console in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let staffPassword = '';
  const staffUsername = 'community.wang';

  beforeAll(async () => {
    server = await startServer();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    page.setDefaultTimeout(15_000);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function signIn(username: string, password: string) {
    await page.goto(`${server.baseUrl}/`);
    await page.getByTestId('sign-in-username').fill(username);
    await page.getByTestId('sign-in-password').fill(password);
    await page.getByTestId('sign-in-submit').click();
  }

  async function changePassword(current: string, next: string) {
    await page.getByTestId('change-password-current').fill(current);
    await page.getByTestId('change-password-new').fill(next);
    await page.getByTestId('change-password-confirm').fill(next);
    await page.getByTestId('change-password-submit').click();
    await page.getByTestId('dashboard-greeting').waitFor();
  }

  async function signOut() {
    await page.getByTestId('user-menu').click();
    await page.getByTestId('sign-out').click();
    await page.getByTestId('sign-in-username').waitFor();
  }

  it('unknown users see the server message', async () => {
    await signIn('nobody', 'wrong-password-1');
    await expect.poll(() => page.getByTestId('sign-in-error').textContent()).toContain('用户名或密码错误');
  });

  it('administrator must replace the printed password', async () => {
    await signIn('admin', server.adminPassword);
    await page.getByTestId('change-password-forced').waitFor();
    expect(page.url()).toContain('/change-password');
    await changePassword(server.adminPassword, newPassword());
    expect(await page.getByTestId('dashboard-role').textContent()).toContain('系统管理员');
  });

  it('administrator loads a district from the console', async () => {
    await page.getByTestId('menu-jurisdictions').click();
    await expect.poll(() => page.getByTestId('jurisdiction-detail-child-count').textContent()).toBe('0');
    await page.getByTestId('load-region-open').click();
    await page.getByTestId('load-region-code').fill('32050');
    await page.getByTestId('load-region-submit').click();
    await expect.poll(() => page.getByTestId('load-region-dialog').textContent()).toContain('2、4、6、9 或 12 位数字');
    await page.getByTestId('load-region-code').fill(DISTRICT);
    await page.getByTestId('load-region-submit').click();
    await page.getByTestId('load-region-dialog').waitFor({ state: 'hidden' });
    await expect.poll(() => page.getByTestId('jurisdiction-detail-child-count').textContent()).toBe('1');

    await page.getByTestId('jurisdiction-search').fill('平江');
    await page.getByTestId(`jurisdiction-search-hit-${SUBDISTRICT}`).waitFor();
  });

  it('administrator creates a community worker', async () => {
    await page.getByTestId('menu-users').click();
    await page.getByTestId('user-create').click();
    await page.getByTestId('user-form-username').fill(staffUsername);
    await page.getByTestId('user-form-display-name').fill('王社工');
    await page.getByTestId('user-form-role').click();
    await page.getByTestId('user-form-role-community_staff').click();

    await page.getByTestId('user-form-node').first().click();
    for (const code of TREE_PATH) {
      const row = page.locator('.el-tree-node__content', { has: page.getByTestId(`user-form-node-${code}`) });
      await row.locator('.el-tree-node__expand-icon').click();
    }
    await page.getByTestId(`user-form-node-${COMMUNITY}`).click();
    await page.getByTestId('user-form-submit').click();

    const secret = page.getByTestId('temporary-password');
    await secret.waitFor();
    staffPassword = ((await secret.inputValue().catch(() => null)) ?? (await secret.textContent()) ?? '').trim();
    expect(staffPassword).toMatch(/^[A-Za-z2-9]{16}$/);
    await page.getByTestId('one-time-secret-close').click();
    await expect.poll(() => page.getByText(staffUsername).count()).toBeGreaterThan(0);
  });

  it('administrator creates a gate key found by search', async () => {
    await page.getByTestId('menu-devices').click();
    await page.getByTestId('device-create').click();
    await page.getByTestId('device-form-name').fill('东门道闸');
    await page.getByTestId('device-form-kind').click();
    await page.getByTestId('device-form-kind-gate').click();
    await page.getByTestId('device-form-node-search').fill('察院场');
    await page.getByTestId(`device-form-node-hit-${COMMUNITY}`).click();
    await page.getByTestId('device-form-submit').click();

    const key = page.getByTestId('device-key');
    await key.waitFor();
    const text = ((await key.inputValue().catch(() => null)) ?? (await key.textContent()) ?? '').trim();
    expect(text).toMatch(/^cdk_/);
    await page.getByTestId('one-time-secret-close').click();
    await expect.poll(() => page.getByText('东门道闸').count()).toBeGreaterThan(0);
  });

  it('administrator generates rooms and finds one', async () => {
    await page.getByTestId('menu-addresses').click();
    await page.getByTestId('compound-create').click();
    await page.getByTestId('compound-form-community-search').fill('察院场');
    await page.getByTestId(`compound-form-community-hit-${COMMUNITY}`).click();
    await page.getByTestId('compound-form-name').fill('金色里程');
    await page.getByTestId('compound-form-submit').click();
    await expect.poll(() => page.getByTestId('compound-detail-name').textContent()).toBe('金色里程');

    await page.getByTestId('generate-open').click();
    await page.getByTestId('generate-buildings').fill('1-2');
    await page.getByTestId('generate-units').fill('1');
    await page.getByTestId('generate-floors').fill('1-3');
    await page.getByTestId('generate-roomsPerFloor').fill('1-2');
    await expect.poll(() => page.getByTestId('generate-plan').textContent()).toContain('= 12 个房间');
    await page.getByTestId('generate-submit').click();
    await expect.poll(() => page.getByTestId('generate-result').textContent()).toContain('房间 12 个');
    await page.getByTestId('generate-close').click();
    await expect.poll(() => page.getByTestId('compound-detail-room-count').textContent()).toBe('12');
    await page.getByTestId('building-open-1').click();
    await page.getByTestId('building-room-1-302').waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('compound-drawer').waitFor({ state: 'hidden' });

    await page.getByTestId('address-search').fill('1幢1单元302');
    await page.getByTestId('address-search-submit').click();
    await expect.poll(() => page.getByTestId('address-search-results').textContent()).toContain('金色里程1幢1单元302室');
  });

  it('administrator reads the audit log in words', async () => {
    await page.getByTestId('menu-audit').click();
    const table = page.getByTestId('audit-table');
    await expect.poll(() => table.textContent()).toContain('创建设备密钥');
    expect(await table.textContent()).toContain('东门道闸');

    await page.getByTestId('audit-filter-action').click();
    await page.getByTestId('audit-filter-action-device.create').click();
    await page.getByTestId('audit-filter-submit').click();
    await expect.poll(() => table.locator('.el-table__body tr.el-table__row').count()).toBe(1);
    await signOut();
  });

  it('community worker sees only their community', async () => {
    await signIn(staffUsername, staffPassword);
    await page.getByTestId('change-password-forced').waitFor();
    await changePassword(staffPassword, newPassword());

    expect(await page.getByTestId('header-node-path').textContent()).toContain('察院场社区');
    expect(await page.getByTestId('menu-users').count()).toBe(0);

    await page.getByTestId('menu-jurisdictions').click();
    await page.getByTestId(`tree-node-${COMMUNITY}`).waitFor();
    expect(await page.getByTestId(`tree-node-${SUBDISTRICT}`).count()).toBe(0);

    await page.goto(`${server.baseUrl}/users`);
    await page.getByTestId('dashboard-greeting').waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    await expect.poll(() => page.locator('.el-message--warning').textContent()).toContain('用户管理');

    const outside = await page.request.get(`${server.baseUrl}/api/jurisdictions/${SUBDISTRICT}`);
    expect(outside.status()).toBe(404);
    const users = await page.request.get(`${server.baseUrl}/api/users`);
    expect(users.status()).toBe(403);
  });

  it('community worker registers a person', async () => {
    // A made-up resident ID of 姑苏区 with its GB 11643 check digit, typed with a lowercase x where it has one.
    const body = '32050819900101123';
    const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const sum = [...body].reduce((total, digit, index) => total + Number(digit) * (weights[index] ?? 0), 0);
    const idNumber = `${body}${'10x98765432'[sum % 11]}`;

    await page.goto(`${server.baseUrl}/persons`);
    await page.getByTestId('person-register').click();
    await page.getByTestId('person-form-name').fill('阿卜杜·热合曼');
    await page.getByTestId('person-form-document-number').fill(idNumber);
    await page.getByTestId('person-form-community-search').fill('察院场');
    await page.getByTestId(`person-form-community-hit-${COMMUNITY}`).click();
    await page.getByTestId('person-form-submit').click();

    const table = page.getByTestId('person-table');
    await expect.poll(() => table.textContent()).toContain('阿卜杜·热合曼');
    const text = (await table.textContent()) ?? '';
    expect(text).toContain('3205**********');
    expect(text).not.toContain(idNumber.toUpperCase());
    await page.goto(`${server.baseUrl}/`);
    await page.getByTestId('dashboard-greeting').waitFor();
  });

  it('language switch turns the console into English', async () => {
    await page.getByTestId('locale-switch').click();
    await page.getByTestId('locale-option-en').click();
    await expect.poll(() => page.getByTestId('dashboard-role').textContent()).toContain('Community staff');
    await signOut();
  });
});
