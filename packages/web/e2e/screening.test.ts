import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminSession, type ApiSession, createAccount, residentId, screeningBuilding } from './support/api.js';
import { chromiumAvailable, launchChromium } from './support/browser.js';
import { type RunningServer, startServer } from './support/server.js';

/**
 * A grid worker screens a building on a phone: one room online with a new
 * person, then two rooms without a network, and the queue sends them once
 * the phone is back online. The server must end with exactly three visits.
 */
describe.skipIf(!chromiumAvailable)('door-to-door screening on a phone', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let admin: ApiSession;
  let buildingId = '';
  let rooms: string[] = [];
  const workerUsername = 'grid.li';
  let workerPassword = '';

  beforeAll(async () => {
    server = await startServer();
    admin = await adminSession(server);
    const building = await screeningBuilding(admin, { grid: '第一网格', compound: '金色里程' });
    buildingId = building.buildingId;
    rooms = building.rooms;
    workerPassword = await createAccount(server, admin, {
      username: workerUsername,
      displayName: '李网格',
      role: 'grid_worker',
      nodeCode: building.gridCode,
    });

    browser = await launchChromium();
    // Chromium's offline switch does not cover requests made through a service worker, so a
    // page the worker controls would still reach the server. The worker is tested in offline-reload.test.ts.
    context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      locale: 'en-US',
      serviceWorkers: 'block',
    });
    // The console starts in zh-CN whatever the browser prefers; the saved choice switches it to English.
    await context.addInitScript(() => window.localStorage.setItem('cordon.locale', 'en'));
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
  });

  afterAll(async () => {
    await admin?.api.dispose();
    await browser?.close();
    await server?.stop();
  });

  async function openRoom(roomId: string) {
    await page.getByTestId(`screening-room-${roomId}`).click();
    await page.getByTestId('screening-save').waitFor();
  }

  /** Returns the texts of the toasts on screen after a save, once the page is back on the building. */
  // The toast of the previous save may still be on screen, so wait for the expected text rather than for any toast.
  async function expectToastAfterSave(expected: string): Promise<void> {
    await expect.poll(() => page.locator('.van-toast:visible').allTextContents()).toEqual([expected]);
    await page.getByTestId('screening-building-title').waitFor();
  }

  it('grid worker opens the screening pages', async () => {
    await page.goto(`${server.baseUrl}/sign-in`);
    await page.getByTestId('sign-in-username').fill(workerUsername);
    await page.getByTestId('sign-in-password').fill(workerPassword);
    await page.getByTestId('sign-in-submit').click();
    await page.waitForURL((url) => url.pathname !== '/sign-in');

    await page.goto(`${server.baseUrl}/m`);
    await page.getByTestId('mobile-open-screening').click();
    await page.getByTestId(`screening-building-${buildingId}`).click();
    await page.getByTestId('screening-building-title').waitFor();
    expect(await page.getByTestId(`screening-room-${rooms[0]}`).getAttribute('data-status')).toBe('not_visited');
  });

  it('save needs an outcome and a present person', async () => {
    await openRoom(rooms[0] as string);
    const problem = page.getByTestId('screening-form-error');
    await page.getByTestId('screening-save').click();
    await expect.poll(() => problem.textContent()).toBe('Choose the visit outcome');

    await page.getByTestId('screening-outcome-screened').click();
    await page.getByTestId('screening-save').click();
    await expect.poll(() => problem.textContent()).toContain('at least one person present');
    expect(await page.getByTestId('screening-save').count()).toBe(1);
  });

  it('new person form checks as it is typed', async () => {
    await page.getByTestId('screening-add-person').click();
    const documentInput = page.getByTestId('screening-new-document-0').locator('input');
    const documentError = page.getByTestId('screening-new-document-error-0');
    // Too short, a birth year after today, and a wrong check digit.
    for (const [number, expected] of [
      ['12345', 'wrong number of characters'],
      ['320508203001011231', 'birth date'],
      ['320508198503150011', 'check digit'],
    ] as const) {
      await documentInput.fill(number);
      await expect.poll(() => documentError.textContent(), number).toContain(expected);
    }

    const temperature = page.getByTestId('screening-new-0-temperature');
    for (const typed of ['36.55', '-36.5']) {
      await temperature.locator('input').fill('');
      await temperature.locator('input').pressSequentially(typed);
      expect(await temperature.locator('input').inputValue(), typed).toBe(typed);
      expect(await temperature.locator('.van-field__error-message').textContent(), typed).toContain('between 35.0 and 42.0');
    }
    await temperature.locator('input').fill('36.6');
    expect(await temperature.locator('.van-field__error-message').count()).toBe(0);

    await page.getByTestId('screening-new-name-0').locator('input').fill('王新住');
    await documentInput.fill(residentId('32050819900101123'));
    await expect.poll(() => page.getByTestId('screening-new-document-feedback-0').textContent()).toContain('1990-01-01');
    expect(await documentError.count()).toBe(0);
    await page.getByTestId('screening-save').click();
    await expect
      .poll(() => page.getByTestId('screening-form-error').textContent())
      .toBe('王新住 is present, so choose the symptoms, or "No symptoms" if there are none');
  });

  it('grid worker screens a room with a new person', async () => {
    await page.getByTestId('screening-new-0-symptom-none').click();
    await page.getByTestId('screening-save').click();
    await expectToastAfterSave('Saved');

    const tile = page.getByTestId(`screening-room-${rooms[0]}`);
    await expect.poll(() => tile.getAttribute('data-status')).toBe('screened');
    expect(await page.getByTestId('screening-queue-badge').count()).toBe(0);
  });

  it('visits saved offline wait in the queue', async () => {
    await context.setOffline(true);
    await page.getByTestId('screening-offline').waitFor();

    await openRoom(rooms[1] as string);
    await page.getByTestId('screening-outcome-nobody_home').click();
    await page.getByTestId('screening-revisit-on').waitFor();
    await page.getByTestId('screening-save').click();
    await expectToastAfterSave('Saved; it will be sent when the network is back');

    await openRoom(rooms[2] as string);
    await page.getByTestId('screening-outcome-refused').click();
    await page.getByTestId('screening-save').click();
    await page.getByTestId('screening-building-title').waitFor();

    await expect.poll(() => page.getByTestId('screening-queue-badge').textContent()).toContain('waiting to send: 2');
    // The building page reloaded without a network, so it shows the copy saved on the phone.
    expect(await page.getByTestId('screening-cached-at').textContent()).toContain('Offline: data from');
    expect(await page.getByTestId(`screening-room-${rooms[1]}`).getAttribute('data-status')).toBe('pending');
    expect(await page.getByTestId(`screening-room-${rooms[2]}`).getAttribute('data-status')).toBe('pending');
  });

  it('queue is sent once the phone is online', async () => {
    await context.setOffline(false);
    await page.getByTestId('screening-queue-badge').waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId(`screening-room-${rooms[1]}`).getAttribute('data-status')).toBe('nobody_home');
    expect(await page.getByTestId(`screening-room-${rooms[2]}`).getAttribute('data-status')).toBe('refused');
    expect(await page.getByTestId('screening-cached-at').count()).toBe(0);

    const progress = (await admin.get('/api/screening/buildings')) as { items: Array<Record<string, number | string>> };
    expect(progress.items).toHaveLength(1);
    expect(progress.items[0]).toMatchObject({
      id: buildingId,
      roomCount: 4,
      visitedCount: 3,
      screenedCount: 1,
      nobodyHomeCount: 1,
      refusedCount: 1,
    });
    const audit = (await admin.get('/api/audit?action=screening.visit')) as { total: number };
    expect(audit.total).toBe(3);

    const persons = (await admin.get('/api/persons?q=王新住')) as { items: Array<{ id: string }> };
    expect(persons.items).toHaveLength(1);
    const person = (await admin.get(`/api/persons/${persons.items[0]?.id}`)) as { source: string; roomId: string };
    expect(person.source).toBe('screening');
    expect(person.roomId).toBe(rooms[0]);
  });
});
