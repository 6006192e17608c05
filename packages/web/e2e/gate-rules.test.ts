import { randomUUID } from 'node:crypto';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Browser, type Page, request as playwrightRequest } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiSession, adminSession, createAccount, residentId } from './support/api.js';
import { chromiumAvailable, launchChromium } from './support/browser.js';
import { type RunningServer, startServer } from './support/server.js';

// 察院场社区 in 姑苏区; the compound and its gate are made through the API.
const DISTRICT = '320508';
const COMMUNITY = '320508018014';
const MANAGER = { username: 'staff.zhou', displayName: '周社工', role: 'community_staff', nodeCode: COMMUNITY };

/** A valid 1×1 PNG, standing in for the camera's plate picture. */
const ONE_PIXEL_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

interface RuleRow {
  id: string;
  source: string;
  kind: string;
}

/**
 * A community worker manages the gates of 金色家园 on a desktop console. The
 * compound starts on the default rules. The worker adds two rules of its own
 * and moves the second above the first. The worker also adds a signed
 * webhook to a receiver on 127.0.0.1 and sends it a test. A plate camera then
 * posts an unregistered car with the gate's device key, and the gate events
 * page names the compound rule that fired. Two visitors registered through
 * the API show on the daily list, counted by status.
 */
describe.skipIf(!chromiumAvailable)('gate rules in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let admin: ApiSession;
  let compoundId = '';
  let deviceKey = '';
  let csrfToken = '';
  let receiver: Server;
  let receiverUrl = '';
  /** Signature headers of the posts the local webhook receiver got. */
  const received: Array<string | undefined> = [];

  /** Reads the compound's rules with the browser's session, which is the manager's. */
  async function compoundRules(): Promise<RuleRow[]> {
    const response = await page.request.get(`${server.baseUrl}/api/gate-rules?compoundId=${compoundId}`);
    expect(response.status()).toBe(200);
    return ((await response.json()) as { rules: RuleRow[] }).rules.filter((rule) => rule.source === 'compound');
  }

  beforeAll(async () => {
    receiver = createServer((request, response) => {
      received.push(request.headers['x-cordon-signature'] as string | undefined);
      request.resume();
      request.on('end', () => response.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;

    server = await startServer();
    admin = await adminSession(server);
    await admin.post('/api/jurisdictions/load', { code: DISTRICT });
    const managerPassword = await createAccount(server, admin, MANAGER);

    const compound = await admin.post('/api/addresses/compounds', { communityCode: COMMUNITY, name: '金色家园' });
    compoundId = String(compound.id);
    const gate = await admin.post(`/api/gate-admin/compounds/${compoundId}/gates`, { name: '东门', kind: 'both' });
    const device = await admin.post(`/api/gate-admin/gates/${String(gate.id)}/devices`, { name: '东门道闸' });
    deviceKey = String(device.key);

    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    page.setDefaultTimeout(15_000);
    // page.request shares the page's cookies, so this sign-in is the browser's session too.
    const signIn = await page.request.post(`${server.baseUrl}/api/auth/sign-in`, {
      data: { username: MANAGER.username, password: managerPassword },
    });
    expect(signIn.status()).toBe(200);
    csrfToken = ((await signIn.json()) as { csrfToken: string }).csrfToken;
    expect(csrfToken).not.toBe('');
  });

  /** Sends a write with the browser's session, which is the manager's. */
  async function managerPost(path: string, data: object): Promise<Record<string, unknown>> {
    const response = await page.request.post(`${server.baseUrl}${path}`, { data, headers: { 'x-csrf-token': csrfToken } });
    if (!response.ok()) throw new Error(`POST ${path} failed with ${response.status()}: ${await response.text()}`);
    return (await response.json()) as Record<string, unknown>;
  }

  afterAll(async () => {
    await new Promise((resolve) => receiver?.close(resolve));
    await admin?.api.dispose();
    await browser?.close();
    await server?.stop();
  });

  it('manager adds two compound rules', async () => {
    await page.goto(`${server.baseUrl}/gates`);
    await page.getByTestId('gate-tab-rules').click();
    const note = page.getByTestId('rules-defaults-note');
    await expect.poll(() => note.textContent()).toContain('未单独配置的检查使用默认规则');
    // The safety checks lead the chain; the unregistered checks come last.
    const leading = page.getByTestId('rule-table-default-before');
    const trailing = page.getByTestId('rule-table-default');
    expect(await leading.textContent()).toContain('风险地区车辆');
    expect(await trailing.textContent()).toContain('非登记车辆');

    // The first rule keeps the form's defaults: vehicles from high- and medium-risk regions, let through with an alert.
    await page.getByTestId('rule-add').click();
    await page.getByTestId('rule-form-submit').click();
    await page.getByTestId('rule-dialog').waitFor({ state: 'hidden' });
    // The compound's rule replaces the default of its kind only; the other defaults stay where they were.
    await expect.poll(() => leading.textContent()).not.toContain('风险地区车辆');
    expect(await leading.textContent()).toContain('体温异常');

    await page.getByTestId('rule-add').click();
    await page.getByTestId('rule-form-kind').click();
    await page.getByTestId('rule-form-kind-unregistered_vehicle').click();
    await page.getByTestId('rule-form-action').click();
    await page.getByTestId('rule-form-action-open_and_alert').click();
    await page.getByTestId('rule-form-alert-text').fill('外来车辆，请登记后放行');
    await page.getByTestId('rule-form-submit').click();
    await page.getByTestId('rule-dialog').waitFor({ state: 'hidden' });

    const rules = await compoundRules();
    expect(rules.map((rule) => rule.kind)).toEqual(['risk_region_plate', 'unregistered_vehicle']);
    const table = page.getByTestId('rule-table-compound');
    await expect.poll(() => table.textContent()).toContain('外来车辆，请登记后放行');
    expect(await table.textContent()).toContain('放行并告警');
  });

  it('manager moves a rule up', async () => {
    const [first, second] = await compoundRules();
    await page.getByTestId(`rule-up-${second?.id ?? ''}`).click();

    await expect.poll(async () => (await compoundRules()).map((rule) => rule.id)).toEqual([second?.id, first?.id]);
    const kinds = page.getByTestId('rule-table-compound').locator('[data-testid^="rule-kind-"]');
    await expect.poll(() => kinds.allTextContents()).toEqual(['非登记车辆', '风险地区车辆']);
  });

  it('manager adds and tests a webhook', async () => {
    await page.getByTestId('gate-tab-notify').click();
    await page.getByTestId('webhook-add').click();
    await page.getByTestId('webhook-form-name').fill('物业值班群');
    await page.getByTestId('webhook-form-kind').click();
    await page.getByTestId('webhook-form-kind-generic').click();
    await page.getByTestId('webhook-form-url').fill(receiverUrl);
    await page.getByTestId('webhook-form-secret').fill('e2e-signing-secret');
    await page.getByTestId('webhook-form-submit').click();
    await page.getByTestId('webhook-dialog').waitFor({ state: 'hidden' });

    const listed = await page.request.get(`${server.baseUrl}/api/notifier-webhooks?compoundId=${compoundId}`);
    const webhooks = ((await listed.json()) as { items: Array<{ id: string; hasSecret: boolean; urlMasked: string }> }).items;
    expect(webhooks).toHaveLength(1);
    const webhook = webhooks[0];
    expect(webhook?.hasSecret).toBe(true);
    // The list shows the scheme and host only, never the path that carries a robot's token.
    expect(await page.getByTestId('webhook-table').textContent()).not.toContain('/hook');

    await page.getByTestId(`webhook-test-${webhook?.id ?? ''}`).click();
    await expect.poll(() => page.getByTestId(`webhook-test-result-${webhook?.id ?? ''}`).textContent()).toContain('HTTP 200');
    expect(received.length).toBeGreaterThan(0);
    expect(received[0]).toMatch(/^sha256=[0-9a-f]{64}$/);
  });

  it('event list names the fired rule', async () => {
    const camera = await playwrightRequest.newContext({ baseURL: server.baseUrl });
    let eventId = '';
    try {
      const response = await camera.post('/api/gate-events', {
        data: {
          eventId: randomUUID(),
          occurredAt: new Date().toISOString(),
          kind: 'plate',
          direction: 'in',
          plate: '苏E9Z123',
          pictures: [{ role: 'plate', contentType: 'image/png', data: ONE_PIXEL_PNG }],
        },
        headers: { 'x-device-key': deviceKey },
      });
      expect(response.status()).toBe(200);
      const decision = (await response.json()) as { eventId: string; decision: string; alert: boolean; rule: { kind: string } | null };
      expect(decision.decision).toBe('open');
      expect(decision.alert).toBe(true);
      expect(decision.rule?.kind).toBe('unregistered_vehicle');
      eventId = decision.eventId;
    } finally {
      await camera.dispose();
    }

    await page.goto(`${server.baseUrl}/gate-events`);
    await expect.poll(() => page.getByTestId(`gate-event-plate-${eventId}`).textContent()).toBe('苏E9Z123');
    expect(await page.getByTestId(`gate-event-rule-${eventId}`).textContent()).toBe('非登记车辆 · 本小区');
    expect(await page.getByTestId(`gate-event-decision-${eventId}`).getAttribute('data-decision')).toBe('open');
    expect(await page.getByTestId(`gate-event-alert-${eventId}`).count()).toBe(1);
    expect(await page.getByTestId('gate-events-table').textContent()).toContain('东门');

    // The thumbnail loads the stored picture with the session, and a click opens the preview.
    const thumbnail = page.getByTestId(`gate-event-picture-${eventId}-0`).locator('img');
    await expect.poll(() => thumbnail.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth)).toBe(1);
    await thumbnail.click();
    await page.locator('.el-image-viewer__wrapper').waitFor();
    await page.keyboard.press('Escape');
  });

  it('visitors page counts by status', async () => {
    // One room with an adult host who has a mobile number, as the confirmation SMS needs.
    await admin.post(`/api/addresses/compounds/${compoundId}/generate`, { buildings: '1', units: '1', floors: '1', roomsPerFloor: '1' });
    const detail = (await admin.get(`/api/addresses/compounds/${compoundId}`)) as { buildings: Array<{ id: string }> };
    const layout = (await admin.get(`/api/addresses/buildings/${detail.buildings[0]?.id ?? ''}/rooms`)) as {
      units: Array<{ floors: Array<{ rooms: Array<{ id: string }> }> }>;
    };
    const roomId = layout.units[0]?.floors[0]?.rooms[0]?.id ?? '';
    await admin.post('/api/persons', {
      name: '王住户',
      documentNumber: residentId('32050819850315123'),
      phone: '13912345678',
      communityCode: COMMUNITY,
      roomId,
    });

    const visitor = { compoundId, hostRoomId: roomId, purpose: '探亲', phone: '13800005678' };
    const waiting = await managerPost('/api/visitors', {
      ...visitor,
      name: '李来访',
      documentNumber: residentId('32050819900202123'),
      temperature: 36.5,
    });
    const refused = await managerPost('/api/visitors', {
      ...visitor,
      name: '赵来访',
      documentNumber: residentId('32050819910303123'),
      temperature: 38.2,
    });
    expect(waiting.status).toBe('waiting');
    expect(refused.status).toBe('refused');

    await page.goto(`${server.baseUrl}/visitors`);
    await expect.poll(() => page.getByTestId('visitors-count-waiting').textContent()).toContain('1');
    expect(await page.getByTestId('visitors-count-refused').textContent()).toContain('1');
    expect(await page.getByTestId('visitors-count-confirmed').textContent()).toContain('0');
    expect(await page.getByTestId(`visitor-status-${String(refused.id)}`).textContent()).toContain('体温异常');
    const table = (await page.getByTestId('visitors-table').textContent()) ?? '';
    expect(table).toContain('38.2 °C');
    expect(table).not.toContain('李来访');
    expect(table).not.toContain('13800005678');

    // The refused visitor raised an alert for the compound, named in the alert centre.
    await page.goto(`${server.baseUrl}/alerts`);
    await expect.poll(() => page.getByTestId('alerts-table').textContent()).toContain('金色家园 来访人员体温 38.2 °C');
  });
});
