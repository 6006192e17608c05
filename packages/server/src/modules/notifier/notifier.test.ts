import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startWebhookReceiver, type WebhookReceiver } from '../../cli/webhook-receiver.js';
import { encryptField } from '../../crypto/field-encryption.js';
import { COMMUNITY_A, COMMUNITY_B } from '../../testing/fixtures.js';
import { describeEachDatabase } from '../../testing/harness.js';
import { raiseAlert } from '../alerts/raise.js';
import { createGateFixture, type FixtureCompound, type GateFixture } from '../gates/test-helpers.js';
import { deliverDue, MAX_DELIVERY_ATTEMPTS, retryDelayMs } from './delivery.js';
import { enqueueAlertNotifications } from './enqueue.js';
import { useNotifierLogger } from './log.js';
import { genericSignature, verifyGenericSignature } from './signing.js';
import { maskWebhookUrl } from './webhook-url.js';

const SECRET = 'whsec-test-0123456789';
const URL_TOKEN = 'robot-token-5f2a9c7e1d';
const MANAGER_PHONE = '13912345678';

interface Captured {
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A receiver on 127.0.0.1 that answers each request with the next status of `statuses` (then 200) and keeps what it got. */
async function startScriptedReceiver(statuses: number[] = [], reply = '{"errcode":0,"errmsg":"ok"}') {
  const received: Captured[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ url: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(statuses.shift() ?? 200, { 'content-type': 'application/json' });
      response.end(reply);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function captureLog() {
  const lines: string[] = [];
  const write = (fields: Record<string, unknown>, message: string) =>
    void lines.push(`${message} ${JSON.stringify(fields, (_key, value: unknown) => (value instanceof Error ? value.message : value))}`);
  return { lines, logger: { info: write, warn: write, error: write } };
}

describe('webhook signing', () => {
  it('signs generic deliveries with timestamp and body', () => {
    const signature = genericSignature(SECRET, '1764900000', '{"alert":{}}');
    expect(signature).toBe(`sha256=${createHmac('sha256', SECRET).update('1764900000.{"alert":{}}').digest('hex')}`);
    const headers = { timestamp: '1764900000', signature };
    expect(verifyGenericSignature(SECRET, headers, '{"alert":{}}', 1764900010)).toBe(true);
    expect(verifyGenericSignature(SECRET, headers, '{"alert":{"x":1}}', 1764900010)).toBe(false);
    expect(verifyGenericSignature('other', headers, '{"alert":{}}', 1764900010)).toBe(false);
    expect(verifyGenericSignature(SECRET, headers, '{"alert":{}}', 1764900000 + 301)).toBe(false);
  });

  it('masks everything after the host', () => {
    expect(maskWebhookUrl(new URL(`https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${URL_TOKEN}`))).toBe(
      'https://qyapi.weixin.qq.com/…',
    );
    expect(maskWebhookUrl(new URL('http://127.0.0.1:8080/'))).toBe('http://127.0.0.1:8080/');
  });

  it('backs off up to an hour', () => {
    expect([1, 2, 3, 7, 20].map(retryDelayMs)).toEqual([30_000, 60_000, 120_000, 1_920_000, 3_600_000]);
  });
});

describeEachDatabase('notifier', (kind) => {
  let f: GateFixture;
  let log: ReturnType<typeof captureLog>;

  beforeAll(async () => {
    f = await createGateFixture(kind);
  });
  afterAll(async () => f.t.close());
  beforeEach(async () => {
    log = captureLog();
    useNotifierLogger(f.t.ctx, log.logger);
    await f.t.ctx.db.deleteFrom('notifier_deliveries').execute();
    await f.t.ctx.db.deleteFrom('notifier_webhooks').execute();
  });

  const createWebhook = async (body: object) => {
    const response = await f.send(f.staffA, 'POST', '/api/notifier-webhooks', body);
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as { id: string; urlMasked: string; hasSecret: boolean };
  };

  /** Raises a gate alert of the compound and queues its notifications in one transaction, then announces it, as the gate pipeline does. */
  async function raiseGateAlert(compound: FixtureCompound, nodeCode: string) {
    const now = f.t.ctx.clock().toISOString();
    const { notice } = await f.t.ctx.db.transaction().execute(async (trx) => {
      const raised = await raiseAlert(
        trx,
        {
          kind: 'gate_rule',
          severity: 'warning',
          nodeCode,
          compoundId: compound.id,
          details: {
            compoundId: compound.id,
            gateName: '东门',
            ruleKind: 'risk_region_plate',
            alertText: '请注意观察，防范肺炎，共抗疫情',
            plateNumber: '鄂A12345',
            direction: 'in',
            eventCount: 1,
          },
        },
        now,
      );
      await enqueueAlertNotifications(trx, f.t.ctx, {
        alertId: raised.notice.alertId,
        compoundId: compound.id,
        nodeCode,
        text: '请注意观察，防范肺炎，共抗疫情',
        now,
      });
      return raised;
    });
    await f.t.ctx.events.announceAlerts([notice]);
    return notice.alertId;
  }

  const deliveriesOf = (alertId: string) =>
    f.t.ctx.db
      .selectFrom('notifier_deliveries')
      .select(['webhook_id', 'status', 'attempts', 'last_status_code', 'last_error'])
      .where('alert_id', '=', alertId)
      .execute();

  describe('webhooks API', () => {
    it('stores URL and secret encrypted and lists them masked', async () => {
      const created = await createWebhook({
        compoundId: f.a1.id,
        name: '东门值班群',
        kind: 'generic',
        url: `http://127.0.0.1:9/hook?token=${URL_TOKEN}`,
        secret: SECRET,
      });
      expect(created.urlMasked).toBe('http://127.0.0.1:9/…');
      expect(created.hasSecret).toBe(true);
      const row = await f.t.ctx.db.selectFrom('notifier_webhooks').selectAll().where('id', '=', created.id).executeTakeFirstOrThrow();
      expect(JSON.stringify(row)).not.toContain(URL_TOKEN);
      expect(JSON.stringify(row)).not.toContain(SECRET);

      const listed = await f.send(f.guardA1.session, 'GET', `/api/notifier-webhooks?compoundId=${f.a1.id}`);
      expect(listed.statusCode).toBe(200);
      expect(listed.body).not.toContain(URL_TOKEN);
      expect(listed.json().items[0]).toMatchObject({ id: created.id, kind: 'generic', active: true, lastDelivery: null });

      const audit = await f.t.ctx.db.selectFrom('audit_log').select(['action', 'fields']).where('entity_id', '=', created.id).execute();
      expect(audit.map((entry) => entry.action)).toEqual(['notifier_webhook.create']);
      expect(JSON.stringify(audit)).not.toContain(SECRET);
    });

    it('rejects bad URLs and other compounds', async () => {
      for (const url of ['ftp://127.0.0.1/x', 'not a url', 'http://user:pass@127.0.0.1/x', 'javascript:alert(1)']) {
        const response = await f.send(f.staffA, 'POST', '/api/notifier-webhooks', { compoundId: f.a1.id, name: 'x', kind: 'wecom', url });
        expect(response.json().error, url).toMatchObject({ code: 'WEBHOOK_URL_INVALID', field: 'url' });
      }
      const guard = await f.send(f.guardA1.session, 'POST', '/api/notifier-webhooks', {
        compoundId: f.a2.id,
        name: 'x',
        kind: 'wecom',
        url: 'http://127.0.0.1/x',
      });
      expect(guard.statusCode).toBe(404);
      const outside = await f.send(f.staffA, 'POST', '/api/notifier-webhooks', {
        compoundId: f.b1.id,
        name: 'x',
        kind: 'wecom',
        url: 'http://127.0.0.1/x',
      });
      expect(outside.statusCode).toBe(404);
      const both = await f.send(f.staffA, 'POST', '/api/notifier-webhooks', {
        compoundId: f.a1.id,
        nodeCode: COMMUNITY_A,
        name: 'x',
        kind: 'wecom',
        url: 'http://127.0.0.1/x',
      });
      expect(both.json().error.code).toBe('WEBHOOK_TARGET_REQUIRED');
    });

    it('gate guard manages own compound webhooks', async () => {
      const receiver = await startScriptedReceiver([200]);
      try {
        const created = await f.send(f.guardA1.session, 'POST', '/api/notifier-webhooks', {
          compoundId: f.a1.id,
          name: '物业群',
          kind: 'wecom',
          url: `${receiver.base}/send?key=${URL_TOKEN}`,
        });
        expect(created.statusCode).toBe(201);
        const id = created.json().id as string;
        const renamed = await f.send(f.guardA1.session, 'PATCH', `/api/notifier-webhooks/${id}`, { name: '物业值班群' });
        expect(renamed.json()).toMatchObject({ name: '物业值班群', compoundId: f.a1.id });
        expect((await f.send(f.guardA1.session, 'POST', `/api/notifier-webhooks/${id}/test`)).json()).toEqual({ statusCode: 200 });
        expect((await f.send(f.guardA1.session, 'DELETE', `/api/notifier-webhooks/${id}`)).statusCode).toBe(204);
        const audit = await f.t.ctx.db.selectFrom('audit_log').select('action').where('entity_id', '=', id).execute();
        expect(audit.map((entry) => entry.action).sort()).toEqual([
          'notifier_webhook.create',
          'notifier_webhook.delete',
          'notifier_webhook.update',
        ]);
      } finally {
        await receiver.close();
      }
    });

    it('gate guard cannot reach other webhooks', async () => {
      const ofA2 = await createWebhook({ compoundId: f.a2.id, name: 'A2', kind: 'wecom', url: 'http://127.0.0.1:9/a2' });
      const ofCommunity = await createWebhook({ nodeCode: COMMUNITY_A, name: '社区', kind: 'wecom', url: 'http://127.0.0.1:9/c' });
      const guard = f.guardA1.session;

      const createInA2 = await f.send(guard, 'POST', '/api/notifier-webhooks', {
        compoundId: f.a2.id,
        name: 'x',
        kind: 'wecom',
        url: 'http://127.0.0.1/x',
      });
      expect(createInA2.statusCode).toBe(404);
      expect(createInA2.json().error.code).toBe('COMPOUND_NOT_FOUND');
      const createInCommunity = await f.send(guard, 'POST', '/api/notifier-webhooks', {
        nodeCode: COMMUNITY_A,
        name: 'x',
        kind: 'wecom',
        url: 'http://127.0.0.1/x',
      });
      expect(createInCommunity.statusCode).toBe(404);
      expect((await f.send(guard, 'GET', `/api/notifier-webhooks?compoundId=${f.a2.id}`)).statusCode).toBe(404);

      for (const id of [ofA2.id, ofCommunity.id]) {
        const patched = await f.send(guard, 'PATCH', `/api/notifier-webhooks/${id}`, { name: 'taken' });
        expect(patched.json().error.code).toBe('WEBHOOK_NOT_FOUND');
        expect((await f.send(guard, 'POST', `/api/notifier-webhooks/${id}/test`)).statusCode).toBe(404);
        expect((await f.send(guard, 'DELETE', `/api/notifier-webhooks/${id}`)).statusCode).toBe(404);
      }
      const names = await f.t.ctx.db.selectFrom('notifier_webhooks').select('name').where('id', 'in', [ofA2.id, ofCommunity.id]).execute();
      expect(names.map((row) => row.name).sort()).toEqual(['A2', '社区']);

      for (const id of [ofA2.id, ofCommunity.id]) {
        expect((await f.send(f.staffA, 'DELETE', `/api/notifier-webhooks/${id}`)).statusCode).toBe(204);
      }
    });

    it('updates, tests and deletes a webhook', async () => {
      const receiver = await startScriptedReceiver([200, 500]);
      try {
        const created = await createWebhook({
          nodeCode: COMMUNITY_A,
          name: '社区群',
          kind: 'wecom',
          url: `${receiver.base}/send?key=${URL_TOKEN}`,
        });
        const tested = await f.send(f.staffA, 'POST', `/api/notifier-webhooks/${created.id}/test`);
        expect(tested.json()).toEqual({ statusCode: 200 });
        expect(JSON.parse(receiver.received[0]?.body ?? '{}')).toMatchObject({ msgtype: 'text', text: { content: expect.any(String) } });
        // The group reads a whole test sentence in the default language, not an English word.
        const content = JSON.parse(receiver.received[0]?.body ?? '{}').text.content as string;
        expect(content).toContain('门禁告警推送测试');
        expect(content).not.toMatch(/\btest\b/);

        const failed = await f.send(f.staffA, 'POST', `/api/notifier-webhooks/${created.id}/test`);
        expect(failed.statusCode).toBe(502);
        expect(failed.json().error.code).toBe('WEBHOOK_TEST_FAILED');
        expect(failed.json().error.message).toContain('HTTP 500');

        const disabled = await f.send(f.staffA, 'PATCH', `/api/notifier-webhooks/${created.id}`, { active: false, name: '社区值班群' });
        expect(disabled.json()).toMatchObject({ active: false, name: '社区值班群' });
        expect((await f.send(f.staffA, 'DELETE', `/api/notifier-webhooks/${created.id}`)).statusCode).toBe(204);
        expect(await f.t.ctx.db.selectFrom('notifier_webhooks').select('id').where('id', '=', created.id).execute()).toEqual([]);
      } finally {
        await receiver.close();
      }
    });
  });

  describe('deliveries', () => {
    it('posts a signed generic delivery that the receiver verifies', async () => {
      const printed: string[] = [];
      const receiver: WebhookReceiver = await startWebhookReceiver({ port: 0, secret: SECRET, print: (line) => printed.push(line) });
      try {
        await createWebhook({
          compoundId: f.a1.id,
          name: '东门',
          kind: 'generic',
          url: `${receiver.url}hook?token=${URL_TOKEN}`,
          secret: SECRET,
        });
        await createWebhook({ nodeCode: COMMUNITY_A, name: '社区', kind: 'generic', url: `${receiver.url}community`, secret: SECRET });
        const foreign = await f.send(f.staffB, 'POST', '/api/notifier-webhooks', {
          compoundId: f.b1.id,
          name: 'B',
          kind: 'generic',
          url: `${receiver.url}b`,
        });
        expect(foreign.statusCode).toBe(201);

        const alertId = await raiseGateAlert(f.a1, COMMUNITY_A);
        await expect
          .poll(async () => (await deliveriesOf(alertId)).map((row) => row.status), { timeout: 10_000 })
          .toEqual(['sent', 'sent']);
        expect(printed).toHaveLength(2);
        expect(printed[0]).toContain('gate_rule');
        expect(printed[0]).toContain('金色家园');
        expect(printed[0]).toContain('请注意观察');
        expect(printed.join('\n')).not.toContain('rejected');
        const listed = (await f.send(f.staffA, 'GET', `/api/notifier-webhooks?compoundId=${f.a1.id}`)).json();
        expect(listed.items[0].lastDelivery).toMatchObject({ status: 'sent', statusCode: 200 });
        expect(Number.isNaN(Date.parse(listed.items[0].lastDelivery.at))).toBe(false);
        const joined = log.lines.join('\n');
        expect(joined).not.toContain(URL_TOKEN);
        expect(joined).not.toContain(SECRET);
        expect(joined).not.toContain('127.0.0.1');
      } finally {
        await receiver.close();
      }
    });

    it('rejects a delivery signed with another secret', async () => {
      const printed: string[] = [];
      const receiver = await startWebhookReceiver({ port: 0, secret: SECRET, print: (line) => printed.push(line) });
      try {
        await createWebhook({ compoundId: f.a1.id, name: '东门', kind: 'generic', url: receiver.url, secret: 'another-secret' });
        const alertId = await raiseGateAlert(f.a1, COMMUNITY_A);
        await expect.poll(async () => (await deliveriesOf(alertId))[0]?.last_status_code, { timeout: 10_000 }).toBe(401);
        expect((await deliveriesOf(alertId))[0]).toMatchObject({ status: 'pending', attempts: 1 });
        expect(printed[0]).toContain('rejected');
      } finally {
        await receiver.close();
      }
    });

    it('retries after a 500 and gives up after the last attempt', async () => {
      const receiver = await startScriptedReceiver([500]);
      try {
        await createWebhook({ compoundId: f.a1.id, name: '东门', kind: 'wecom', url: `${receiver.base}/send?key=${URL_TOKEN}` });
        const alertId = await raiseGateAlert(f.a1, COMMUNITY_A);
        await expect.poll(async () => (await deliveriesOf(alertId))[0]?.attempts, { timeout: 10_000 }).toBe(1);
        expect((await deliveriesOf(alertId))[0]).toMatchObject({ status: 'pending', last_status_code: 500, last_error: 'HTTP 500' });

        // The retry is due 30 s later; move it to now instead of waiting.
        await f.t.ctx.db
          .updateTable('notifier_deliveries')
          .set({ next_attempt_at: new Date(Date.now() - 1000).toISOString() })
          .where('alert_id', '=', alertId)
          .execute();
        expect(await deliverDue(f.t.ctx)).toBe(1);
        expect((await deliveriesOf(alertId))[0]).toMatchObject({ status: 'sent', attempts: 2, last_status_code: 200 });
        expect(JSON.parse(receiver.received[1]?.body ?? '{}')).toMatchObject({ msgtype: 'text' });
        expect(log.lines.join('\n')).not.toContain(URL_TOKEN);
      } finally {
        await receiver.close();
      }

      const dead = await startScriptedReceiver(Array(MAX_DELIVERY_ATTEMPTS).fill(500));
      try {
        await createWebhook({ compoundId: f.a2.id, name: '西门', kind: 'generic', url: dead.base });
        const alertId = await raiseGateAlert(f.a2, COMMUNITY_A);
        await expect.poll(async () => (await deliveriesOf(alertId))[0]?.attempts, { timeout: 10_000 }).toBe(1);
        for (let attempt = 2; attempt <= MAX_DELIVERY_ATTEMPTS; attempt += 1) {
          await f.t.ctx.db
            .updateTable('notifier_deliveries')
            .set({ next_attempt_at: new Date(Date.now() - 1000).toISOString() })
            .where('alert_id', '=', alertId)
            .execute();
          await deliverDue(f.t.ctx);
        }
        expect((await deliveriesOf(alertId))[0]).toMatchObject({ status: 'failed', attempts: MAX_DELIVERY_ATTEMPTS });
        await f.t.ctx.db
          .updateTable('notifier_deliveries')
          .set({ next_attempt_at: new Date(Date.now() - 1000).toISOString() })
          .where('alert_id', '=', alertId)
          .execute();
        await deliverDue(f.t.ctx);
        expect(dead.received).toHaveLength(MAX_DELIVERY_ATTEMPTS);
      } finally {
        await dead.close();
      }
    });

    it('signs DingTalk URLs as DingTalk documents', async () => {
      const receiver = await startScriptedReceiver();
      try {
        await createWebhook({
          compoundId: f.a1.id,
          name: '钉钉群',
          kind: 'dingtalk',
          url: `${receiver.base}/robot/send?access_token=${URL_TOKEN}`,
          secret: SECRET,
        });
        const alertId = await raiseGateAlert(f.a1, COMMUNITY_A);
        await expect.poll(async () => (await deliveriesOf(alertId))[0]?.status, { timeout: 10_000 }).toBe('sent');

        const request = new URL(receiver.received[0]?.url ?? '', receiver.base);
        expect(request.searchParams.get('access_token')).toBe(URL_TOKEN);
        const timestamp = request.searchParams.get('timestamp') ?? '';
        expect(timestamp).toMatch(/^\d{13}$/);
        const expected = createHmac('sha256', SECRET).update(`${timestamp}\n${SECRET}`).digest('base64');
        expect(request.searchParams.get('sign')).toBe(expected);
        const body = JSON.parse(receiver.received[0]?.body ?? '{}');
        expect(body).toMatchObject({ msgtype: 'text', text: { content: expect.stringContaining('鄂A12345') } });
      } finally {
        await receiver.close();
      }
    });

    it('counts a robot errcode as a failure', async () => {
      const receiver = await startScriptedReceiver([], '{"errcode":310000,"errmsg":"sign not match"}');
      try {
        await createWebhook({
          compoundId: f.a1.id,
          name: '钉钉群',
          kind: 'dingtalk',
          url: `${receiver.base}/robot/send?access_token=${URL_TOKEN}`,
        });
        const alertId = await raiseGateAlert(f.a1, COMMUNITY_A);
        await expect.poll(async () => (await deliveriesOf(alertId))[0]?.last_error, { timeout: 10_000 }).toBe('errcode 310000');
      } finally {
        await receiver.close();
      }
    });
  });

  describe('SMS to managers', () => {
    it('texts managers who asked for SMS after the commit', async () => {
      const before = await f.t.ctx.db.selectFrom('sms_outbox').select('id').where('template', '=', 'gate_alert').execute();
      await f.t.ctx.db
        .updateTable('compound_managers')
        .set({ phone_enc: encryptField(f.t.ctx.keys.fieldEncryption, MANAGER_PHONE), phone_masked: '139****5678', sms_alerts: 1 })
        .where('compound_id', '=', f.a1.id)
        .execute();
      try {
        await raiseGateAlert(f.a1, COMMUNITY_A);
        await expect
          .poll(
            async () => (await f.t.ctx.db.selectFrom('sms_outbox').select('id').where('template', '=', 'gate_alert').execute()).length,
            { timeout: 10_000 },
          )
          .toBe(before.length + 1);
        expect(log.lines.join('\n')).not.toContain(MANAGER_PHONE);

        // A compound whose managers did not ask for SMS gets none.
        await raiseGateAlert(f.b1, COMMUNITY_B);
        await new Promise((resolve) => setTimeout(resolve, 200));
        expect((await f.t.ctx.db.selectFrom('sms_outbox').select('id').where('template', '=', 'gate_alert').execute()).length).toBe(
          before.length + 1,
        );
      } finally {
        await f.t.ctx.db.updateTable('compound_managers').set({ phone_enc: null, phone_masked: null, sms_alerts: 0 }).execute();
      }
    });

    it('sends nothing for a rolled-back alert', async () => {
      await f.t.ctx.db
        .updateTable('compound_managers')
        .set({ phone_enc: encryptField(f.t.ctx.keys.fieldEncryption, MANAGER_PHONE), sms_alerts: 1 })
        .where('compound_id', '=', f.a1.id)
        .execute();
      const before = (await f.t.ctx.db.selectFrom('sms_outbox').select('id').execute()).length;
      const now = f.t.ctx.clock().toISOString();
      await expect(
        f.t.ctx.db.transaction().execute(async (trx) => {
          const raised = await raiseAlert(trx, { kind: 'gate_rule', severity: 'warning', nodeCode: COMMUNITY_A, compoundId: f.a1.id }, now);
          await enqueueAlertNotifications(trx, f.t.ctx, {
            alertId: raised.notice.alertId,
            compoundId: f.a1.id,
            nodeCode: COMMUNITY_A,
            text: 'x',
            now,
          });
          throw new Error('rolled back');
        }),
      ).rejects.toThrow('rolled back');
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect((await f.t.ctx.db.selectFrom('sms_outbox').select('id').execute()).length).toBe(before);
      await f.t.ctx.db.updateTable('compound_managers').set({ phone_enc: null, sms_alerts: 0 }).execute();
    });
  });
});
