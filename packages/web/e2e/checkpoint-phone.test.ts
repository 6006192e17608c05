import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminSession, type ApiSession, createAccount, residentId } from './support/api.js';
import { chromiumAvailable, launchChromium } from './support/browser.js';
import { type RunningServer, startServer } from './support/server.js';

/** 姑苏区, Suzhou: the jurisdiction that runs the checkpoint. */
const DISTRICT = '320508';

/** Cars of the test: plate, driver's resident ID and phone, each typed with the on-screen keys. */
const CARS = [
  { plate: '苏E12345', document: residentId('32050819850315001'), phone: '13800000001' },
  { plate: '苏E23456', document: residentId('32050819900101002'), phone: '13800000002' },
  { plate: '浙A34567', document: residentId('33010619881212003'), phone: '13800000003' },
  { plate: '苏E45678', document: residentId('32050819750606004'), phone: '13800000004' },
];

interface RegistrationList {
  items: Array<{ id: string; plateNumber: string | null }>;
  total: number;
}

type Car = (typeof CARS)[number];

/** Taps each character on the keyboard whose keys carry `prefix` in their test ids. */
async function tapKeys(page: Page, prefix: string, text: string): Promise<void> {
  for (const character of Array.from(text)) await page.getByTestId(`${prefix}-key-${character}`).click();
}

/** Registers one car in quick mode with the on-screen keys and returns the toast's text. */
async function registerCarOn(page: Page, car: Car): Promise<string> {
  await page.getByTestId('plate-keyboard').waitFor();
  await tapKeys(page, 'plate', car.plate);
  await tapKeys(page, 'id', car.document);
  await tapKeys(page, 'phone', car.phone);
  await page.getByTestId('save-registration').click();

  const toast = page.locator('.van-toast:visible');
  await toast.first().waitFor();
  const text = (await toast.first().textContent()) ?? '';
  await toast.first().waitFor({ state: 'hidden' });
  return text;
}

function waitingCountOn(page: Page): Promise<string | null> {
  return page.getByTestId('checkpoint-queue-badge').getAttribute('data-count');
}

/** Creates a checkpoint in 姑苏区 and returns its id; the district must be loaded. */
async function createCheckpoint(admin: ApiSession, name: string): Promise<string> {
  const checkpoint = await admin.post('/api/checkpoints', {
    name,
    type: 'highway_exit',
    nodeCode: DISTRICT,
    location: 'G2京沪高速苏州东出口',
  });
  return String(checkpoint.id);
}

async function registrationsOf(admin: ApiSession, checkpointId: string): Promise<RegistrationList> {
  return (await admin.get(`/api/checkpoint-registrations?checkpointId=${checkpointId}&pageSize=50`)) as unknown as RegistrationList;
}

/**
 * A checkpoint phone enrols by opening the QR link, registers a car in quick
 * mode with the on-screen keys, registers two more without a network and
 * sends them once the network is back: the server ends with exactly three
 * registrations. Then the phone's key is revoked: the queue stays on the
 * phone until an officer signs in and sends it with his session.
 */
describe.skipIf(!chromiumAvailable)('checkpoint phone', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let admin: ApiSession;
  let csrfToken = '';
  let checkpointId = '';
  const officerUsername = 'officer.wang';
  let officerPassword = '';

  beforeAll(async () => {
    server = await startServer();
    admin = await adminSession(server);
    csrfToken = String((await admin.get('/api/auth/me')).csrfToken);
    await admin.post('/api/jurisdictions/load', { code: DISTRICT });

    checkpointId = await createCheckpoint(admin, '苏州东卡口');

    officerPassword = await createAccount(server, admin, {
      username: officerUsername,
      displayName: '王警官',
      role: 'checkpoint_officer',
      nodeCode: DISTRICT,
    });
    const officer = (await admin.get('/api/checkpoints/officer-candidates')) as { items: Array<{ userId: string; username: string }> };
    const officerId = officer.items.find((candidate) => candidate.username === officerUsername)?.userId;
    await put(`/api/checkpoints/${checkpointId}/officers`, { userIds: [officerId] });

    browser = await launchChromium();
    // Chromium's offline switch does not cover requests made through a service worker, so a
    // page the worker controls would still reach the server. The worker is tested in offline-reload.test.ts.
    context = await browser.newContext({
      viewport: { width: 360, height: 740 },
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
      serviceWorkers: 'block',
    });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
  });

  afterAll(async () => {
    await admin?.api.dispose();
    await browser?.close();
    await server?.stop();
  });

  async function put(url: string, data: unknown): Promise<void> {
    const response = await admin.api.put(url, { data: data as object, headers: { 'x-csrf-token': csrfToken } });
    if (!response.ok()) throw new Error(`PUT ${url} failed with ${response.status()}: ${await response.text()}`);
  }

  const registrations = () => registrationsOf(admin, checkpointId);

  const registerCar = (car: Car) => registerCarOn(page, car);
  const waitingCount = () => waitingCountOn(page);

  it('phone enrols from the QR link', async () => {
    const enrolment = await admin.post(`/api/checkpoints/${checkpointId}/enrolments`, { deviceName: '一号登记手机' });
    expect(String(enrolment.url)).toMatch(/\/m\/checkpoint\/enrol#/);

    await page.goto(`${server.baseUrl}/m/checkpoint/enrol#${String(enrolment.token)}`);
    await page.getByTestId('checkpoint-enrol-done').waitFor();
    expect(await page.getByTestId('checkpoint-enrol-name').textContent()).toContain('苏州东卡口');
    // The token is gone from the address bar and from the history entry.
    expect(new URL(page.url()).hash).toBe('');
    expect(JSON.stringify(await page.evaluate(() => window.history.state))).not.toContain(String(enrolment.token));

    const status = await admin.get(`/api/checkpoints/enrolments/${String(enrolment.id)}`);
    expect(status.status).toBe('used');

    await page.getByTestId('checkpoint-enrol-start').click();
    await page.waitForURL((url) => url.pathname === '/m/checkpoint');
    expect(await page.getByTestId('checkpoint-name').textContent()).toContain('苏州东卡口');
  });

  it('used QR link is rejected', async () => {
    const enrolment = await admin.post(`/api/checkpoints/${checkpointId}/enrolments`, { deviceName: '二号登记手机' });
    const other = await context.newPage();
    // The first use succeeds through the API; the page's try is the second.
    const used = await admin.api.post('/api/public/checkpoint-enrolments', { data: { token: enrolment.token } });
    expect(used.status()).toBe(201);
    await other.goto(`${server.baseUrl}/m/checkpoint/enrol#${String(enrolment.token)}`);
    await other.getByTestId('checkpoint-enrol-error').waitFor();
    expect(await other.getByTestId('checkpoint-enrol-hint').count()).toBe(1);
    await other.close();
  });

  it('registers a car online in quick mode', async () => {
    expect(await registerCar(CARS[0]!)).toBe('已保存');
    await expect.poll(waitingCount).toBe('0');
    await expect.poll(async () => (await registrations()).total).toBe(1);
    expect(await page.getByTestId('checkpoint-sent-item').count()).toBe(1);
  });

  it('queues two cars offline', async () => {
    await context.setOffline(true);
    await page.getByTestId('checkpoint-offline').waitFor();

    expect(await registerCar(CARS[1]!)).toBe('已保存，联网后发送');
    expect(await registerCar(CARS[2]!)).toBe('已保存，联网后发送');
    expect(await page.getByTestId('checkpoint-queue-badge').textContent()).toContain('待发送 2 条');
    expect((await registrations()).total).toBe(1);
  });

  it('sends the queue once online', async () => {
    await context.setOffline(false);
    await expect.poll(waitingCount).toBe('0');
    expect(await page.getByTestId('checkpoint-queue-badge').textContent()).toContain('待发送 0 条');

    const list = await registrations();
    expect(list.total).toBe(3);
    expect(list.items.map((item) => item.plateNumber).sort()).toEqual(['浙A34567', '苏E12345', '苏E23456']);
    expect(new Set(list.items.map((item) => item.id)).size).toBe(3);
    expect(await page.getByTestId('checkpoint-sent-item').count()).toBe(3);
  });

  it('revoked key keeps the queue until an officer signs in', async () => {
    const devices = (await admin.get(`/api/checkpoints/${checkpointId}/devices`)) as { items: Array<{ id: string; name: string }> };
    const device = devices.items.find((item) => item.name === '一号登记手机');
    await admin.post(`/api/checkpoints/${checkpointId}/devices/${device?.id}/revoke`, {});

    expect(await registerCar(CARS[3]!)).toBe('已保存，民警登录后发送');
    await page.getByTestId('checkpoint-key-revoked').waitFor();
    expect(await page.getByTestId('checkpoint-key-revoked').textContent()).toContain('本机登记密钥已被吊销');
    expect(await waitingCount()).toBe('1');
    expect((await registrations()).total).toBe(3);

    await page.getByTestId('checkpoint-sign-in').click();
    await page.waitForURL((url) => url.pathname === '/sign-in');
    await page.getByTestId('sign-in-username').fill(officerUsername);
    await page.getByTestId('sign-in-password').fill(officerPassword);
    await page.getByTestId('sign-in-submit').click();
    await page.waitForURL((url) => url.pathname === '/m/checkpoint');

    await page.getByTestId('checkpoint-officer-sending').waitFor();
    await expect.poll(waitingCount).toBe('0');
    const list = await registrations();
    expect(list.total).toBe(4);
    expect(list.items.filter((item) => item.plateNumber === '苏E45678')).toHaveLength(1);
  });

  it('returned registration can be corrected or deleted', async () => {
    const id = 'e2e-rejected-plate';
    await queueDirectly(page, {
      id,
      checkpointName: '苏州东卡口',
      queuedAt: Date.now(),
      state: 'pending',
      body: {
        id,
        checkpointId,
        mode: 'quick',
        registeredAt: new Date().toISOString(),
        // Six characters: too short for any plate, so the server rejects it.
        plate: '苏E1234',
        occupants: [{ role: 'driver', documentNumber: CARS[0]!.document, phone: CARS[0]!.phone }],
        disposition: 'pass',
      },
    });
    await page.reload();

    await page.getByTestId('checkpoint-queue-rejected').waitFor();
    expect(await page.getByTestId('checkpoint-queue-rejected').textContent()).toContain('1 条被退回');
    await page.getByTestId('checkpoint-queue-open').click();
    expect(await page.getByTestId(`checkpoint-queued-${id}`).getAttribute('data-state')).toBe('rejected');

    await page.getByTestId(`checkpoint-queued-fix-${id}`).click();
    await page.getByTestId('checkpoint-correcting').waitFor();
    expect(await page.getByTestId('plate-input').textContent()).toContain('苏E1234');
    await page.getByTestId('checkpoint-cancel-fix').click();
    expect(await page.getByTestId('checkpoint-correcting').count()).toBe(0);

    await page.getByTestId('checkpoint-queue-open').click();
    await page.getByTestId(`checkpoint-queued-discard-${id}`).click();
    await page.locator('.van-dialog__confirm').click();
    await page.getByTestId('checkpoint-queue-rejected').waitFor({ state: 'detached' });
    expect((await registrations()).total).toBe(4);
  });
});

/** Writes a registration straight into the phone's queue, as one saved by an older version of the page would be. */
function queueDirectly(page: Page, item: Record<string, unknown>): Promise<void> {
  return page.evaluate(
    (queued) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('cordon-offline');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const database = open.result;
          const transaction = database.transaction('registrations', 'readwrite');
          transaction.objectStore('registrations').put(queued);
          transaction.oncomplete = () => {
            database.close();
            resolve();
          };
          transaction.onerror = () => reject(transaction.error);
        };
      }),
    item,
  );
}

/** Reads whether the phone's IndexedDB contains the cached checkpoint context. */
function contextCached(page: Page): Promise<boolean> {
  return page.evaluate(
    () =>
      new Promise<boolean>((resolve, reject) => {
        const open = indexedDB.open('cordon-offline');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const database = open.result;
          if (!database.objectStoreNames.contains('device')) {
            database.close();
            resolve(false);
            return;
          }
          const read = database.transaction('device').objectStore('device').get('context');
          read.onsuccess = () => {
            database.close();
            resolve(read.result !== undefined);
          };
          read.onerror = () => reject(read.error);
        };
      }),
  );
}

/**
 * An enrolled phone reloads the checkpoint page without a network: the
 * service worker serves the page, the checkpoint comes from IndexedDB, and
 * a car registered there reaches the server once the network is back.
 */
describe.skipIf(!chromiumAvailable)('checkpoint phone after an offline reload', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let admin: ApiSession;
  let checkpointId = '';

  beforeAll(async () => {
    server = await startServer();
    admin = await adminSession(server);
    await admin.post('/api/jurisdictions/load', { code: DISTRICT });
    checkpointId = await createCheckpoint(admin, '苏州西卡口');

    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, locale: 'zh-CN' });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
  });

  afterAll(async () => {
    await admin?.api.dispose();
    await browser?.close();
    await server?.stop();
  });

  it('page without key or session says what to do', async () => {
    await page.goto(`${server.baseUrl}/m/checkpoint`);
    const notice = page.getByTestId('checkpoint-no-access');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('请扫描控制台显示的登记二维码');
    expect(await page.getByTestId('checkpoint-sign-in').count()).toBe(1);
    expect(await page.getByTestId('save-registration').count()).toBe(0);
  });

  it('enrolled page is installable and cached', async () => {
    const enrolment = await admin.post(`/api/checkpoints/${checkpointId}/enrolments`, { deviceName: '三号登记手机' });
    await page.goto(`${server.baseUrl}/m/checkpoint/enrol#${String(enrolment.token)}`);
    await page.getByTestId('checkpoint-enrol-start').click();
    await page.getByTestId('plate-keyboard').waitFor();

    const manifestUrl = await page.locator('link[rel="manifest"]').getAttribute('href');
    expect(manifestUrl).toBe('/checkpoint.webmanifest');
    const manifest = (await (await admin.api.get(manifestUrl ?? '')).json()) as { start_url: string };
    expect(manifest.start_url).toBe('/m/checkpoint');

    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await expect.poll(() => contextCached(page)).toBe(true);
  });

  it('offline reload registers into the queue', async () => {
    await context.setOffline(true);
    await page.reload();

    await page.getByTestId('checkpoint-cached-at').waitFor();
    expect(await page.getByTestId('checkpoint-name').textContent()).toContain('苏州西卡口');
    expect(await registerCarOn(page, CARS[0]!)).toBe('已保存，联网后发送');
    expect(await waitingCountOn(page)).toBe('1');
    expect((await registrationsOf(admin, checkpointId)).total).toBe(0);
  });

  it('queue reaches the server once online', async () => {
    await context.setOffline(false);
    await expect.poll(() => waitingCountOn(page)).toBe('0');
    expect((await registrationsOf(admin, checkpointId)).total).toBe(1);
  });

  it('roster change offers the new officer', async () => {
    const csrfToken = String((await admin.get('/api/auth/me')).csrfToken);
    const setRoster = async (userIds: string[]) => {
      const response = await admin.api.put(`/api/checkpoints/${checkpointId}/officers`, {
        data: { userIds },
        headers: { 'x-csrf-token': csrfToken },
      });
      expect(response.status()).toBe(200);
    };
    for (const [username, displayName] of [
      ['officer.li', '李警官'],
      ['officer.zhao', '赵警官'],
    ] as const) {
      await createAccount(server, admin, { username, displayName, role: 'checkpoint_officer', nodeCode: DISTRICT });
    }
    const candidates = (await admin.get('/api/checkpoints/officer-candidates')) as { items: Array<{ userId: string; username: string }> };
    const idOf = (username: string) => candidates.items.find((candidate) => candidate.username === username)?.userId ?? '';

    // With one officer on the roster, that officer is on duty without a choice.
    await setRoster([idOf('officer.li')]);
    await page.reload();
    await expect.poll(async () => page.getByTestId('checkpoint-officer').textContent()).toContain('李警官');

    // The roster changes on the console; the next save is returned, and the phone loads the new roster.
    await setRoster([idOf('officer.zhao')]);
    await registerCarOn(page, CARS[1]!);
    await expect.poll(async () => page.getByTestId('checkpoint-officer').textContent()).toContain('赵警官');
  });
});
