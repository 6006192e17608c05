import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminSession, type ApiSession, createAccount, screeningBuilding } from './support/api.js';
import { chromiumAvailable, launchChromium } from './support/browser.js';
import { type RunningServer, startServer } from './support/server.js';

/** Counts the records of the phone's screening cache in IndexedDB. */
function cachedRecordCount(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('cordon-offline');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const database = open.result;
          const count = database.transaction('cache').objectStore('cache').count();
          count.onsuccess = () => {
            database.close();
            resolve(count.result);
          };
          count.onerror = () => reject(count.error);
        };
      }),
  );
}

/**
 * A grid worker's phone reloads the screening page without a network: the
 * service worker serves the page, the building comes from IndexedDB, and a
 * visit saved there reaches the server exactly once when the network is
 * back. Then the session expires while a visit waits, and the page shows a
 * sign-in notice and sends the visit after the worker signs in again.
 */
describe.skipIf(!chromiumAvailable)('screening after an offline reload', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let admin: ApiSession;
  let buildingId = '';
  let rooms: string[] = [];
  const workerUsername = 'grid.zhou';
  let workerPassword = '';

  beforeAll(async () => {
    server = await startServer();
    admin = await adminSession(server);
    const building = await screeningBuilding(admin, { grid: '第二网格', compound: '桃花坞' });
    buildingId = building.buildingId;
    rooms = building.rooms;
    workerPassword = await createAccount(server, admin, {
      username: workerUsername,
      displayName: '周网格',
      role: 'grid_worker',
      nodeCode: building.gridCode,
    });

    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'en-US' });
    await context.addInitScript(() => window.localStorage.setItem('cordon.locale', 'en'));
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
  });

  afterAll(async () => {
    await admin?.api.dispose();
    await browser?.close();
    await server?.stop();
  });

  async function signIn() {
    await page.getByTestId('sign-in-username').fill(workerUsername);
    await page.getByTestId('sign-in-password').fill(workerPassword);
    await page.getByTestId('sign-in-submit').click();
    await page.waitForURL((url) => url.pathname !== '/sign-in');
  }

  async function screeningVisits(): Promise<number> {
    const audit = (await admin.get('/api/audit?action=screening.visit')) as { total: number };
    return audit.total;
  }

  it('worker opens a building online', async () => {
    await page.goto(`${server.baseUrl}/sign-in`);
    await signIn();

    await page.goto(`${server.baseUrl}/m/screening`);
    await page.getByTestId(`screening-building-${buildingId}`).click();
    await page.getByTestId('screening-building-title').waitFor();
    expect(await page.getByTestId('screening-cached-at').count()).toBe(0);

    // The service worker controls the page, and the cache contains the user, the list and the building.
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await expect.poll(() => cachedRecordCount(page)).toBe(3);
  });

  it('offline reload shows the cached building', async () => {
    await context.setOffline(true);
    await page.reload();

    await page.getByTestId('screening-building-title').waitFor();
    expect(await page.getByTestId('screening-cached-at').textContent()).toContain('Offline: data from');
    expect(await page.getByTestId('screening-offline').count()).toBe(1);
    for (const roomId of rooms) {
      expect(await page.getByTestId(`screening-room-${roomId}`).getAttribute('data-status')).toBe('not_visited');
    }
  });

  it('visit saved offline waits in the queue', async () => {
    await page.getByTestId(`screening-room-${rooms[0]}`).click();
    await page.getByTestId('screening-save').waitFor();
    expect(await page.getByTestId('screening-cached-at').count()).toBe(1);
    await page.getByTestId('screening-outcome-refused').click();
    await page.getByTestId('screening-save').click();

    await page.getByTestId('screening-building-title').waitFor();
    await expect.poll(() => page.getByTestId('screening-queue-badge').textContent()).toContain('waiting to send: 1');
    expect(await page.getByTestId(`screening-room-${rooms[0]}`).getAttribute('data-status')).toBe('pending');
    expect(await screeningVisits()).toBe(0);
  });

  it('visit reaches the server once online', async () => {
    await context.setOffline(false);
    await page.getByTestId('screening-queue-badge').waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId(`screening-room-${rooms[0]}`).getAttribute('data-status')).toBe('refused');
    expect(await page.getByTestId('screening-cached-at').count()).toBe(0);

    expect(await screeningVisits()).toBe(1);
    const progress = (await admin.get('/api/screening/buildings')) as { items: Array<Record<string, number | string>> };
    expect(progress.items[0]).toMatchObject({ id: buildingId, visitedCount: 1, refusedCount: 1 });
  });

  it('expired session keeps the visit until sign-in', async () => {
    await context.setOffline(true);
    await page.getByTestId(`screening-room-${rooms[1]}`).click();
    await page.getByTestId('screening-outcome-refused').click();
    await page.getByTestId('screening-save').click();
    await page.getByTestId('screening-building-title').waitFor();
    await expect.poll(() => page.getByTestId('screening-queue-badge').textContent()).toContain('waiting to send: 1');

    // Without its session cookie the phone gets 401, as after an expired session.
    await context.clearCookies();
    await context.setOffline(false);
    await page.getByTestId('screening-session-expired').waitFor();
    expect(await page.getByTestId('screening-queue-badge').textContent()).toContain('waiting to send: 1');
    expect(await screeningVisits()).toBe(1);

    await page.getByTestId('screening-sign-in-again').click();
    await page.waitForURL((url) => url.pathname === '/sign-in');
    await signIn();
    expect(new URL(page.url()).pathname).toBe(`/m/screening/buildings/${buildingId}`);
    await page.getByTestId('screening-queue-badge').waitFor({ state: 'detached' });
    expect(await page.getByTestId('screening-session-expired').count()).toBe(0);
    await expect.poll(() => screeningVisits()).toBe(2);
  });

  it('sign-out clears the cache', async () => {
    await page.goto(`${server.baseUrl}/m`);
    await page.getByTestId('mobile-sign-out').click();
    await page.waitForURL((url) => url.pathname === '/sign-in');
    expect(await cachedRecordCount(page)).toBe(0);
  });
});
