import type { APIRequestContext, Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchChromium } from './support/browser.js';
import { type RunningServer, startServer } from './support/server.js';

// 姑苏区 → 平江街道 → one of its communities.
const DISTRICT = '320508';
const COMMUNITY = '320508018014';
const SHOTS = process.env.CORDON_E2E_SHOTS;

function newPassword(): string {
  return `E2e-${Math.random().toString(36).slice(2)}-${Date.now().toString(36)}`;
}

/** Builds a made-up resident ID of 姑苏区 with its GB 11643 check digit. */
function residentId(sequence: number): string {
  const body = `320508198703041${String(sequence).padStart(2, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((total, digit, index) => total + Number(digit) * (weights[index] ?? 0), 0);
  return `${body}${'10X98765432'[sum % 11]}`;
}

/** Today in China, YYYY-MM-DD, moved by whole days. */
function chinaDay(offsetDays = 0): string {
  return new Date(Date.now() + 8 * 3_600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

/**
 * A community office starts a home quarantine from the console. A doctor's
 * observation is recorded and the quarantine extended. A quarantine whose
 * planned end has passed is released from its tab, and both notices download
 * as PDFs.
 */
describe.skipIf(!chromiumAvailable)('home quarantine in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let api: APIRequestContext;
  let csrfToken = '';
  let personId = '';
  let quarantineId = '';
  let overdueId = '';

  async function apiPost(path: string, data: object) {
    const response = await api.post(`${server.baseUrl}${path}`, { data, headers: { 'x-csrf-token': csrfToken } });
    if (!response.ok()) throw new Error(`POST ${path} failed with ${response.status()}: ${await response.text()}`);
    return response.json();
  }

  async function shot(name: string) {
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/quarantine-${name}.png`, fullPage: true });
  }

  beforeAll(async () => {
    server = await startServer();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN', acceptDownloads: true });
    page.setDefaultTimeout(15_000);
    api = page.request;

    const signIn = await api.post(`${server.baseUrl}/api/auth/sign-in`, { data: { username: 'admin', password: server.adminPassword } });
    csrfToken = (await signIn.json()).csrfToken;
    const changed = await api.post(`${server.baseUrl}/api/auth/password`, {
      data: { currentPassword: server.adminPassword, newPassword: newPassword() },
      headers: { 'x-csrf-token': csrfToken },
    });
    expect(changed.status()).toBe(204);

    await apiPost('/api/jurisdictions/load', { code: DISTRICT });
    const person = await apiPost('/api/persons', {
      name: '隔离甲',
      documentNumber: residentId(1),
      communityCode: COMMUNITY,
      phone: '13900003333',
      preferredLanguage: 'en',
    });
    personId = person.person.id;
    const overdue = await apiPost('/api/persons', { name: '隔离乙', documentNumber: residentId(2), communityCode: COMMUNITY });
    const started = await apiPost('/api/quarantines', {
      personId: overdue.person.id,
      reason: '入境',
      addressText: '平江路9号',
      startOn: chinaDay(-20),
      days: 14,
    });
    overdueId = started.id;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('office starts a quarantine', async () => {
    await page.goto(`${server.baseUrl}/quarantine`);
    await page.getByTestId('quarantine-start').click();
    await page.getByTestId('quarantine-start-person').click();
    await page.keyboard.type('隔离甲');
    await page.getByTestId(`quarantine-start-person-option-${personId}`).click();
    await page.getByTestId('quarantine-start-reason').fill('密切接触者');
    await page.getByTestId('quarantine-start-address').fill('平江路1号101室');
    await shot('start');
    await page.getByTestId('quarantine-start-submit').click();
    await page.getByTestId('quarantine-start-dialog').waitFor({ state: 'hidden' });

    const drawer = page.getByTestId('quarantine-drawer');
    await expect.poll(() => drawer.textContent()).toContain('隔离甲');
    quarantineId = new URL(page.url()).searchParams.get('id') ?? '';
    expect(quarantineId).not.toBe('');
    const period = await page.getByTestId('quarantine-detail-period').textContent();
    expect(period).toBe(`${chinaDay()} – ${chinaDay(13)}`);
    const text = (await drawer.textContent()) ?? '';
    expect(text).toContain('139****3333');
    expect(text).not.toContain(residentId(1));
    expect(text).toMatch(/苏隔告〔\d{4}〕第\d{6}号/);
  });

  it('doctor records an observation', async () => {
    await page.getByTestId('observation-temperature').fill('37.6');
    await page.getByTestId('observation-symptom-cough').click();
    await page.getByTestId('observation-submit').click();
    const table = page.getByTestId('observation-table');
    await expect.poll(() => table.textContent()).toContain('37.6 °C');
    expect(await table.textContent()).toContain('咳嗽');
    expect(await table.textContent()).toContain('第1天');

    await page.getByTestId('observation-temperature').fill('36.5');
    await page.getByTestId('observation-submit').click();
    await expect.poll(() => page.getByTestId('quarantine-observations').textContent()).toContain('已有观察记录');
    await shot('drawer');
  });

  it('office extends the quarantine', async () => {
    await page.getByTestId('quarantine-extend').click();
    await page.getByTestId('quarantine-extend-days').locator('input').fill('3');
    await page.getByTestId('quarantine-extend-reason').fill('出现咳嗽');
    await page.getByTestId('quarantine-extend-submit').click();
    await page.getByTestId('quarantine-extend-dialog').waitFor({ state: 'hidden' });
    await expect.poll(() => page.getByTestId('quarantine-detail-period').textContent()).toBe(`${chinaDay()} – ${chinaDay(16)}`);
    expect(await page.getByTestId('quarantine-history').textContent()).toContain('出现咳嗽');
  });

  it('notice downloads as a PDF', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('quarantine-notice-pdf').click()]);
    expect(download.suggestedFilename()).toBe(`home-quarantine-notice-${quarantineId}.pdf`);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await page.keyboard.press('Escape');
  });

  it('overdue quarantine is released from its tab', async () => {
    await page.goto(`${server.baseUrl}/quarantine`);
    await page.getByRole('tab', { name: '已逾期未解除' }).click();
    await page.getByTestId(`quarantine-open-${overdueId}`).click();
    await page.getByTestId('quarantine-release').click();
    await page.getByTestId('quarantine-release-submit').click();
    await page.getByTestId('quarantine-release-dialog').waitFor({ state: 'hidden' });
    await expect.poll(() => page.getByTestId('quarantine-detail-phase').textContent()).toContain('已解除');
    expect(await page.getByTestId('quarantine-detail').textContent()).toMatch(/苏解隔〔\d{4}〕第\d{6}号/);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('quarantine-release-notice-pdf').click()]);
    expect(download.suggestedFilename()).toBe(`release-notice-${overdueId}.pdf`);
    await page.keyboard.press('Escape');
  });

  it('calendar counts the planned end', async () => {
    await page.goto(`${server.baseUrl}/quarantine`);
    const end = chinaDay(16);
    // The planned end may fall in next month's page of the calendar.
    if (end.slice(0, 7) !== chinaDay().slice(0, 7)) await page.getByTestId('calendar-next').click();
    await expect.poll(() => page.getByTestId(`calendar-count-${end}`).textContent()).toBe('1');
    await page.getByTestId(`calendar-day-${end}`).click();
    await expect.poll(() => page.getByTestId('quarantine-day-filter').textContent()).toContain(end);
    await expect.poll(() => page.getByTestId('quarantine-table').textContent()).toContain('隔离甲');
    await shot('list');
  });

  it('bulk release notices of today download', async () => {
    await page.getByTestId('quarantine-bulk-notices').click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('release-notices-download').click()]);
    expect(download.suggestedFilename()).toBe(`release-notices-${chinaDay()}.pdf`);
  });
});
