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
  const body = `320508199001011${String(sequence).padStart(2, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((total, digit, index) => total + Number(digit) * (weights[index] ?? 0), 0);
  return `${body}${'10X98765432'[sum % 11]}`;
}

/**
 * A community office records a tenancy from the addresses page: the room,
 * the landlord and the tenant exist already (set up through the API), and the
 * worker opens the room, adds the tenancy and finds it listed as active.
 */
describe.skipIf(!chromiumAvailable)('households in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let api: APIRequestContext;
  let csrfToken = '';
  let landlordId = '';
  let tenantId = '';
  let compoundId = '';

  async function apiPost(path: string, data: object) {
    const response = await api.post(`${server.baseUrl}${path}`, { data, headers: { 'x-csrf-token': csrfToken } });
    if (!response.ok()) throw new Error(`POST ${path} failed with ${response.status()}: ${await response.text()}`);
    return response.json();
  }

  beforeAll(async () => {
    server = await startServer();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
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
    const compound = await apiPost('/api/addresses/compounds', { communityCode: COMMUNITY, name: '金色里程' });
    compoundId = compound.id;
    await apiPost(`/api/addresses/compounds/${compound.id}/generate`, { buildings: '1', units: '1', floors: '1-2', roomsPerFloor: '1-2' });
    landlordId = (await apiPost('/api/persons', { name: '赵房东', documentNumber: residentId(1), communityCode: COMMUNITY })).person.id;
    tenantId = (await apiPost('/api/persons', { name: '王租户', documentNumber: residentId(2), communityCode: COMMUNITY })).person.id;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function pickPerson(testId: string, name: string, personId: string) {
    await page.getByTestId(testId).click();
    await page.keyboard.type(name);
    await page.getByTestId(`${testId}-option-${personId}`).click();
  }

  it('room opens its household from the building', async () => {
    await page.goto(`${server.baseUrl}/addresses`);
    await page.getByTestId('address-search').fill('1幢1单元101');
    await page.getByTestId('address-search-submit').click();
    await page.locator('[data-testid^="address-search-open-"]').first().click();
    await page.getByTestId('building-room-1-101').click();

    await expect.poll(() => page.getByTestId('household-address').textContent()).toBe('金色里程1幢1单元101室');
    expect(await page.getByTestId('household-tenancies').textContent()).toContain('暂无租赁关系');
  });

  it('office adds a tenancy to the room', async () => {
    await page.getByTestId('tenancy-add').click();
    await pickPerson('tenancy-form-landlord', '赵房东', landlordId);
    await pickPerson('tenancy-form-tenant', '王租户', tenantId);
    await page.getByTestId('tenancy-form-submit').click();
    await page.getByTestId('tenancy-form-dialog').waitFor({ state: 'hidden' });

    const table = page.getByTestId('household-tenancies');
    await expect.poll(() => table.textContent()).toContain('赵房东');
    const text = (await table.textContent()) ?? '';
    expect(text).toContain('王租户');
    expect(text).toContain('在租');
    expect(await page.getByTestId('household-counts').textContent()).toContain('1 条');
  });

  it('office puts the compound on a grid', async () => {
    const grid = await apiPost(`/api/jurisdictions/${COMMUNITY}/grids`, { name: '第一网格' });
    await page.goto(`${server.baseUrl}/addresses`);
    await page.getByTestId(`compound-open-${compoundId}`).click();

    await page.getByTestId('compound-grid').click();
    await page.getByTestId(`compound-grid-${grid.code}`).click();
    await page.getByTestId('compound-grid-save').click();
    await expect.poll(async () => page.getByTestId('compound-grid-save').isDisabled()).toBe(true);

    const stored = await api.get(`${server.baseUrl}/api/addresses/compounds/${compoundId}`);
    expect((await stored.json()).gridCode).toBe(grid.code);
    // Only files that live in the compound's rooms follow it; the landlord has no room there.
    const landlord = await api.get(`${server.baseUrl}/api/persons/${landlordId}`);
    expect((await landlord.json()).gridCode ?? null).toBeNull();
  });
});
