import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaCalendarDate } from '@cordon/core';
import { encryptField } from '../../crypto/field-encryption.js';
import { sha256Hex } from '../../crypto/tokens.js';
import { describeEachDatabase } from '../../testing/harness.js';
import { generateDeviceKey } from '../devices/service.js';
import { Readable } from 'node:stream';
import { buildMultipart, type MultipartPart } from './formats/multipart.js';
import { SAMPLE_JPEG, cordonPost, hikvisionPost, platePost, type DevicePost } from './formats/samples.js';
import { forgetGateRules } from './effective-rules.js';
import { generatePassSecret, paperPassCode, rotatingPassCode } from './pass-code.js';
import { createGateFixture, type FixtureCompound, type GateFixture } from './test-helpers.js';

describeEachDatabase('gate device API', (kind) => {
  let f: GateFixture;
  const logLines: string[] = [];

  beforeAll(async () => {
    f = await createGateFixture(kind);
    // The test app logs nowhere; its logger's child is itself, so patching it captures every line the routes write.
    const log = f.t.app.log as unknown as Record<string, (...args: unknown[]) => void>;
    for (const level of ['info', 'warn', 'error']) {
      log[level] = (...args: unknown[]) => {
        // Fastify's own request lines carry the raw request here; in production pino's serializers reduce them to method and path.
        if (args[1] === 'incoming request' || args[1] === 'request completed') return;
        logLines.push(JSON.stringify(args, (_key, value: unknown) => (value instanceof Error ? { message: value.message } : value)));
      };
    }
    const risk = await f.send(f.admin, 'POST', '/api/risk-regions', {
      kind: 'region',
      value: '420000',
      level: 'high',
      effectiveFrom: chinaCalendarDate(new Date(Date.now() - 86_400_000)),
    });
    expect(risk.statusCode).toBe(201);
  });
  afterAll(async () => f.t.close());

  /** Rows of every gate event and picture, to show a rejected post stored nothing. */
  async function storedCounts() {
    const count = async (table: 'gate_events' | 'gate_pictures') =>
      Number(
        (
          await f.t.ctx.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('count'))
            .executeTakeFirstOrThrow()
        ).count,
      );
    return { events: await count('gate_events'), pictures: await count('gate_pictures') };
  }

  function post(compound: FixtureCompound, sample: DevicePost, options: { key?: string | null; query?: string } = {}) {
    return f.t.app.inject({
      method: 'POST',
      url: `/api/gate-events${sample.path === '/' ? '' : sample.path}${options.query ?? ''}`,
      payload: sample.body,
      headers: {
        'content-type': sample.contentType,
        'accept-language': 'en',
        ...(options.key === null ? {} : { 'x-device-key': options.key ?? compound.deviceKey }),
      },
    });
  }

  async function registerVehicle(compound: FixtureCompound, plate: string) {
    const now = new Date().toISOString();
    await f.t.ctx.db
      .insertInto('vehicles')
      .values({
        id: randomUUID(),
        compound_id: compound.id,
        room_id: compound.roomIds[0]!,
        plate_number: plate,
        plate_region_code: null,
        owner_person_id: compound.residentId,
        notes: null,
        created_by: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
  }

  async function issuePass(compound: FixtureCompound, personId: string, overrides: { status?: string; cardNumber?: string } = {}) {
    const id = randomUUID();
    const secret = generatePassSecret();
    const now = new Date().toISOString();
    await f.t.ctx.db
      .insertInto('access_passes')
      .values({
        id,
        compound_id: compound.id,
        person_id: personId,
        serial: `T${id.slice(0, 7)}`,
        card_number: overrides.cardNumber ?? null,
        secret_enc: encryptField(f.t.ctx.keys.fieldEncryption, secret),
        link_token_hash: null,
        status: overrides.status ?? 'active',
        valid_until: null,
        revoked_reason: overrides.status === 'revoked' ? 'manual' : null,
        revoked_at: overrides.status === 'revoked' ? now : null,
        revoked_by: null,
        created_by: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    return { id, secret };
  }

  async function events(compoundId: string) {
    const response = await f.send(f.staffA, 'GET', `/api/gate-events?compoundId=${compoundId}&pageSize=200`);
    expect(response.statusCode).toBe(200);
    return response.json().items as Array<Record<string, unknown>>;
  }

  it('registered vehicle opens in every format', async () => {
    await registerVehicle(f.a1, '苏E10001');
    for (const format of ['cordon', 'hikvision', 'dahua', 'vzenith', 'gat1400'] as const) {
      const response = await post(f.a1, platePost(format, { plate: '苏E·10001', direction: 'in' }));
      expect(response.statusCode, `${format} ${response.body}`).toBe(200);
      expect(response.headers['x-cordon-decision'], format).toBe('open');
    }
    const vzenith = await post(f.a1, platePost('vzenith', { plate: '苏E10001' }));
    expect(vzenith.json().Response_AlarmInfoPlate.info).toBe('ok');
  });

  it('unregistered vehicle is denied', async () => {
    const response = await post(f.a1, platePost('cordon', { plate: '苏E99999' }));
    expect(response.json()).toMatchObject({ decision: 'deny', action: 'deny', alert: false, rule: { kind: 'unregistered_vehicle' } });
    expect(response.json().message).toBe('Entry denied: vehicle not registered');
    const vzenith = await post(f.a1, platePost('vzenith', { plate: '苏E99998' }));
    expect(vzenith.json().Response_AlarmInfoPlate.info).not.toBe('ok');
  });

  it('risk plate alerts and folds', async () => {
    const first = await post(f.a1, platePost('hikvision', { plate: '鄂A12345', direction: 'in' }));
    expect(first.statusCode, first.body).toBe(200);
    expect(first.headers['x-cordon-decision']).toBe('open');
    expect(first.body).toContain('<ResponseStatus');
    await post(f.a1, platePost('dahua', { plate: '鄂A·12345' }));
    await post(f.a1, platePost('cordon', { plate: '蓝鄂A12345' }));

    const alerts = await f.t.ctx.db
      .selectFrom('alerts')
      .selectAll()
      .where('compound_id', '=', f.a1.id)
      .where('kind', '=', 'gate_rule')
      .execute();
    const riskAlerts = alerts.filter((alert) => JSON.parse(alert.details).plateNumber === '鄂A12345');
    expect(riskAlerts).toHaveLength(1);
    const details = JSON.parse(riskAlerts[0]!.details);
    expect(details).toMatchObject({
      eventCount: 3,
      ruleKind: 'risk_region_plate',
      alertText: '请注意观察，防范肺炎，共抗疫情',
      gateName: '东门',
    });
    const listed = (await events(f.a1.id)).filter((event) => event.plateNumber === '鄂A12345');
    expect(listed).toHaveLength(3);
    expect(new Set(listed.map((event) => event.alertId))).toEqual(new Set([riskAlerts[0]!.id]));
    expect(listed[0]).toMatchObject({ ruleKind: 'risk_region_plate', ruleSource: 'default', plateRegionCode: '420100' });
  });

  it('one compound rule keeps the other defaults', async () => {
    const created = await f.send(f.staffA, 'POST', '/api/gate-rules', { compoundId: f.a1.id, kind: 'key_person', action: 'open' });
    expect(created.statusCode, created.body).toBe(201);
    try {
      const risk = await post(f.a1, platePost('cordon', { plate: '鄂A11111' }));
      expect(risk.json()).toMatchObject({ decision: 'open', alert: true, rule: { id: 'default:risk_region_plate' } });
      const unregistered = await post(f.a1, platePost('cordon', { plate: '苏E11111' }));
      expect(unregistered.json()).toMatchObject({ decision: 'deny', rule: { id: 'default:unregistered_vehicle' } });

      // A disabled rule of a kind turns that check off instead.
      await f.send(f.staffA, 'POST', '/api/gate-rules', {
        compoundId: f.a1.id,
        kind: 'unregistered_vehicle',
        action: 'deny',
        enabled: false,
      });
      expect((await post(f.a1, platePost('cordon', { plate: '苏E11112' }))).json()).toMatchObject({ decision: 'open', rule: null });
    } finally {
      await f.t.ctx.db.deleteFrom('gate_rules').where('compound_id', '=', f.a1.id).execute();
      forgetGateRules(f.t.ctx);
    }
  });

  it('fold window ends', async () => {
    await post(f.a1, platePost('cordon', { plate: '鄂B54321' }));
    // Move the fold's start back past the 10-minute window.
    await f.t.ctx.db
      .updateTable('gate_alert_folds')
      .set({ first_at: new Date(Date.now() - 11 * 60_000).toISOString() })
      .where('subject_key', 'like', 'plate:鄂B54321|%')
      .execute();
    await post(f.a1, platePost('cordon', { plate: '鄂B54321' }));
    const alerts = await f.t.ctx.db.selectFrom('alerts').select('details').where('compound_id', '=', f.a1.id).execute();
    expect(alerts.filter((alert) => JSON.parse(alert.details).plateNumber === '鄂B54321')).toHaveLength(2);
  });

  it('hikvision multipart picture served back', async () => {
    const response = await post(f.a1, hikvisionPost({ plate: '苏E10001', withPicture: true }));
    expect(response.statusCode).toBe(200);
    const eventId = response.headers['x-cordon-event-id'] as string;
    const item = (await events(f.a1.id)).find((event) => event.id === eventId)!;
    expect(item.pictureIds).toHaveLength(2);
    const picture = await f.send(f.guardA1.session, 'GET', `/api/gate-events/${eventId}/pictures/${(item.pictureIds as string[])[0]}`);
    expect(picture.statusCode).toBe(200);
    expect(picture.headers['content-type']).toBe('image/jpeg');
    expect(picture.rawPayload.subarray(0, 3).toString('hex')).toBe('ffd8ff');
    const other = await f.send(f.guardA2.session, 'GET', `/api/gate-events/${eventId}/pictures/${(item.pictureIds as string[])[0]}`);
    expect(other.statusCode).toBe(404);
  });

  it('passes: card, QR codes, revoked, temperature', async () => {
    const holder = await f.createResident(f.a1, 1);
    const pass = await issuePass(f.a1, holder, { cardNumber: 'CARD0001' });
    const revoked = await issuePass(f.a1, await f.createResident(f.a1, 2), { status: 'revoked', cardNumber: 'CARD0002' });
    const decide = async (body: Parameters<typeof cordonPost>[0]) => (await post(f.a1, cordonPost(body))).json();

    expect(await decide({ kind: 'card', cardNumber: 'CARD0001' })).toMatchObject({ decision: 'open', rule: null });
    // Readers print the same card in lower case with separators.
    expect(await decide({ kind: 'card', cardNumber: 'card-0001' })).toMatchObject({ decision: 'open', rule: null });
    expect(await decide({ kind: 'card', cardNumber: 'CARD0002' })).toMatchObject({ decision: 'deny', rule: { kind: 'revoked_pass' } });
    expect(await decide({ kind: 'qr', qrCode: paperPassCode(pass.id, pass.secret) })).toMatchObject({ decision: 'open' });
    expect(await decide({ kind: 'qr', qrCode: rotatingPassCode(pass.id, pass.secret, new Date()).code })).toMatchObject({
      decision: 'open',
    });
    const screenshot = rotatingPassCode(pass.id, pass.secret, new Date(Date.now() - 5 * 60_000)).code;
    expect(await decide({ kind: 'qr', qrCode: screenshot })).toMatchObject({ decision: 'deny', rule: { kind: 'unregistered_person' } });
    const forged = paperPassCode(pass.id, generatePassSecret());
    expect(await decide({ kind: 'qr', qrCode: forged })).toMatchObject({ decision: 'deny', rule: { kind: 'unregistered_person' } });
    expect(await decide({ kind: 'qr', qrCode: paperPassCode(revoked.id, revoked.secret) })).toMatchObject({
      rule: { kind: 'revoked_pass' },
    });
    const fever = await decide({ kind: 'card', cardNumber: 'CARD0001', temperature: 37.3 });
    expect(fever).toMatchObject({ decision: 'deny', alert: true, rule: { kind: 'high_temperature' } });
    expect(await decide({ kind: 'card', cardNumber: 'CARD0001', temperature: 37.2 })).toMatchObject({ decision: 'open' });
    const alert = await f.t.ctx.db
      .selectFrom('alerts')
      .select(['severity', 'details'])
      .where('id', '=', (await events(f.a1.id)).find((e) => e.id === fever.eventId)!.alertId as string)
      .executeTakeFirstOrThrow();
    expect(alert.severity).toBe('warning');

    // From 38.5 °C a fever is critical, the line the health declarations use.
    const other = await issuePass(f.a1, await f.createResident(f.a1, 3), { cardNumber: 'CARD0003' });
    const high = await decide({ kind: 'card', cardNumber: 'CARD0003', temperature: 38.5 });
    const alertOf = async (eventId: string) => (await events(f.a1.id)).find((e) => e.id === eventId)!.alertId as string;
    const highAlert = await alertOf(high.eventId);
    const severity = await f.t.ctx.db.selectFrom('alerts').select('severity').where('id', '=', highAlert).executeTakeFirstOrThrow();
    expect(severity.severity).toBe('critical');

    // Repeats fold per rule: the same pass revoked after its fever alert raises an alert of its own.
    await f.t.ctx.db.updateTable('access_passes').set({ status: 'revoked' }).where('id', '=', other.id).execute();
    const afterRevoke = await decide({ kind: 'card', cardNumber: 'CARD0003' });
    expect(afterRevoke).toMatchObject({ alert: true, rule: { kind: 'revoked_pass' } });
    expect(await alertOf(afterRevoke.eventId)).not.toBe(highAlert);
  });

  it('pass of another compound is not found', async () => {
    const pass = await issuePass(f.b1, f.b1.residentId, { cardNumber: 'CARDB001' });
    expect((await post(f.a1, cordonPost({ kind: 'card', cardNumber: 'CARDB001' }))).json().rule.kind).toBe('unregistered_person');
    expect((await post(f.a1, cordonPost({ kind: 'qr', qrCode: paperPassCode(pass.id, pass.secret) }))).json().rule.kind).toBe(
      'unregistered_person',
    );
  });

  it('replay, stale, future', async () => {
    const sample = cordonPost({ kind: 'plate', plate: '苏E10001', eventId: 'replay-1' });
    expect((await post(f.a1, sample)).statusCode).toBe(200);
    const replay = await post(f.a1, sample);
    expect(replay.statusCode).toBe(409);
    expect(replay.json().error.code).toBe('GATE_EVENT_REPLAYED');
    const stale = await post(f.a1, cordonPost({ kind: 'plate', plate: '苏E10001', at: new Date(Date.now() - 11 * 60_000) }));
    expect(stale.statusCode).toBe(400);
    expect(stale.json().error.code).toBe('GATE_EVENT_STALE');
    const future = await post(f.a1, platePost('hikvision', { plate: '苏E10001', at: new Date(Date.now() + 3 * 60_000) }));
    expect(future.json().error.code).toBe('GATE_EVENT_IN_FUTURE');
  });

  it('keys: missing, query, revoked, checkpoint', async () => {
    const sample = platePost('vzenith', { plate: '苏E10001' });
    const missing = await post(f.a1, sample, { key: null });
    expect(missing.statusCode).toBe(401);
    const query = await post(f.a1, platePost('vzenith', { plate: '苏E10001' }), {
      key: null,
      query: `?key=${encodeURIComponent(f.a1.deviceKey)}`,
    });
    expect(query.statusCode).toBe(200);
    expect(query.json().Response_AlarmInfoPlate.info).toBe('ok');

    const { key, keyPrefix } = generateDeviceKey();
    const now = new Date().toISOString();
    const device = {
      id: randomUUID(),
      name: 'spare',
      kind: 'gate',
      node_code: f.a1.communityCode,
      key_hash: sha256Hex(key),
      key_prefix: keyPrefix,
    };
    await f.t.ctx.db
      .insertInto('devices')
      .values({
        ...device,
        created_by: null,
        created_at: now,
        last_used_at: null,
        revoked_at: now,
        checkpoint_id: null,
        gate_id: f.a1.gateId,
      })
      .execute();
    expect((await post(f.a1, sample, { key })).statusCode).toBe(401);

    const checkpoint = generateDeviceKey();
    await f.t.ctx.db
      .insertInto('devices')
      .values({
        ...device,
        id: randomUUID(),
        kind: 'checkpoint',
        key_hash: sha256Hex(checkpoint.key),
        key_prefix: checkpoint.keyPrefix,
        created_by: null,
        created_at: now,
        last_used_at: null,
        revoked_at: null,
        checkpoint_id: null,
        gate_id: null,
      })
      .execute();
    const unbound = await post(f.a1, sample, { key: checkpoint.key });
    expect(unbound.statusCode).toBe(403);
    expect(unbound.json().error.code).toBe('GATE_DEVICE_NOT_BOUND');
  });

  it('malformed XML through the route', async () => {
    const before = await storedCounts();
    const doctype = await post(f.a1, {
      path: '/hikvision',
      contentType: 'application/xml',
      body: '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>\n<EventNotificationAlert>&b;</EventNotificationAlert>',
    });
    expect(doctype.statusCode).toBe(400);
    expect(doctype.json().error.code).toBe('GATE_EVENT_XML_DOCTYPE');
    expect(doctype.json().error.message).toContain('DOCTYPE');
    const deep = await post(f.a1, { path: '/hikvision', contentType: 'application/xml', body: `${'<a>'.repeat(40)}${'</a>'.repeat(40)}` });
    expect(deep.statusCode).toBe(400);
    expect(deep.json().error.code).toBe('GATE_EVENT_XML_TOO_DEEP');
    expect(deep.json().error.message).toContain('32');
    expect(await storedCounts()).toEqual(before);
  });

  describe('hikvision multipart rejected', () => {
    const boundary = 'cordon-test-boundary';
    const xmlPart = (plate: string): MultipartPart => ({
      name: 'anpr.xml',
      filename: 'anpr.xml',
      contentType: 'application/xml',
      data: Buffer.from(hikvisionPost({ plate }).body.toString()),
    });
    const picture = (name: string, data: Buffer = SAMPLE_JPEG): MultipartPart => ({
      name,
      filename: name,
      contentType: 'image/jpeg',
      data,
    });
    const multipartPost = (body: Buffer | Readable, contentType = `multipart/form-data; boundary=${boundary}`) =>
      f.t.app.inject({
        method: 'POST',
        url: '/api/gate-events/hikvision',
        payload: body,
        headers: { 'content-type': contentType, 'accept-language': 'en', 'x-device-key': f.a1.deviceKey },
      });
    let before: Awaited<ReturnType<typeof storedCounts>>;
    beforeAll(async () => {
      before = await storedCounts();
    });

    it('without boundary', async () => {
      const response = await multipartPost(buildMultipart([xmlPart('苏E20001')], boundary), 'multipart/form-data');
      expect(response.statusCode).toBe(400);
      expect(response.json().error.code).toBe('GATE_EVENT_MULTIPART_NO_BOUNDARY');
      expect(response.json().error.message).toContain('boundary');
    });

    it('truncated body', async () => {
      const whole = buildMultipart([xmlPart('苏E20002'), picture('licensePlatePicture.jpg')], boundary);
      const response = await multipartPost(whole.subarray(0, whole.length - 30));
      expect(response.statusCode).toBe(400);
      expect(response.json().error.code).toBe('GATE_EVENT_MULTIPART_TRUNCATED');
      expect(response.json().error.message).toContain('truncated');
    });

    it('17 parts', async () => {
      const pictures = Array.from({ length: 16 }, (_, index) => picture(`picture${index}.jpg`));
      const response = await multipartPost(buildMultipart([xmlPart('苏E20003'), ...pictures], boundary));
      expect(response.statusCode).toBe(413);
      expect(response.json().error.code).toBe('GATE_EVENT_MULTIPART_TOO_MANY_PARTS');
      expect(response.json().error.message).toContain('16 parts');
    });

    it('oversized picture', async () => {
      const large = Buffer.concat([SAMPLE_JPEG, Buffer.alloc(2 * 1_048_576)]);
      const body = buildMultipart([xmlPart('苏E20004'), picture('licensePlatePicture.jpg', large)], boundary);
      const response = await multipartPost(body);
      expect(response.statusCode).toBe(413);
      expect(response.json().error.code).toBe('BODY_TOO_LARGE');
      expect(response.json().error.message).toContain('2 MiB');
    });

    it('oversized picture without Content-Length', async () => {
      const large = Buffer.concat([SAMPLE_JPEG, Buffer.alloc(2 * 1_048_576)]);
      const body = buildMultipart([xmlPart('苏E20005'), picture('licensePlatePicture.jpg', large)], boundary);
      // A stream payload goes out chunked, so only the bytes counted while reading can stop it.
      const response = await multipartPost(Readable.from([body.subarray(0, 65_536), body.subarray(65_536)]));
      expect(response.statusCode).toBe(413);
      expect(response.json().error.message).toContain('2 MiB');
    });

    it('picture part that is no image', async () => {
      const body = buildMultipart([xmlPart('苏E20006'), picture('licensePlatePicture.jpg', Buffer.from('not a picture'))], boundary);
      const response = await multipartPost(body);
      expect(response.statusCode).toBe(400);
      expect(response.json().error).toMatchObject({ code: 'GATE_EVENT_FIELD_INVALID', field: 'licensePlatePicture.jpg' });
    });

    it('multipart to a JSON format', async () => {
      const response = await f.t.app.inject({
        method: 'POST',
        url: '/api/gate-events/dahua',
        payload: buildMultipart([xmlPart('苏E20007')], boundary),
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'x-device-key': f.a1.deviceKey },
      });
      // Only the Hikvision route reads multipart parts; the Dahua adapter gets no body.
      expect(response.statusCode).toBe(400);
      expect(response.json().error).toMatchObject({ code: 'GATE_EVENT_FIELD_INVALID', field: 'body' });
    });

    it('stores nothing', async () => {
      expect(await storedCounts()).toEqual(before);
    });
  });

  it('oversized and malformed bodies', async () => {
    const huge = await post(f.a1, { path: '/', contentType: 'application/json', body: JSON.stringify({ pad: 'x'.repeat(2 * 1_048_576) }) });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error.message).toContain('2 MiB');
    const bigXml = await post(f.a1, { path: '/hikvision', contentType: 'application/xml', body: `<a>${'x'.repeat(70_000)}</a>` });
    expect(bigXml.statusCode).toBe(413);
    expect(bigXml.json().error.message).toContain('64 KiB');

    const badXml = await post(f.a1, {
      path: '/hikvision',
      contentType: 'application/xml',
      body: '<EventNotificationAlert><eventType>ANPR</eventType>',
    });
    expect(badXml.statusCode).toBe(400);
    expect(badXml.json().error.message).toContain('unclosed tag: EventNotificationAlert');
    const badJson = await post(f.a1, { path: '/dahua', contentType: 'application/json', body: '{"Picture":' });
    expect(badJson.json().error.code).toBe('BODY_INVALID_JSON');
    const missing = await post(f.a1, {
      path: '/vzenith',
      contentType: 'application/json',
      body: JSON.stringify({ AlarmInfoPlate: { result: { PlateResult: {} } } }),
    });
    expect(missing.json().error).toMatchObject({ code: 'GATE_EVENT_FIELD_MISSING', field: 'AlarmInfoPlate.result.PlateResult.license' });
  });

  it('events stay in their compound', async () => {
    const response = await post(f.a1, platePost('cordon', { plate: '苏E77777' }));
    const eventId = response.json().eventId;
    const row = await f.t.ctx.db
      .selectFrom('gate_events')
      .select(['compound_id', 'node_code'])
      .where('id', '=', eventId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ compound_id: f.a1.id, node_code: f.a1.communityCode });
    const forB = await f.send(f.staffB, 'GET', `/api/gate-events?compoundId=${f.b1.id}`);
    expect(forB.json().items.map((item: { id: string }) => item.id)).not.toContain(eventId);
    expect((await f.send(f.staffB, 'GET', `/api/gate-events?compoundId=${f.a1.id}`)).statusCode).toBe(404);
    const guardA2 = await f.send(f.guardA2.session, 'GET', '/api/gate-events');
    expect(guardA2.json().items.map((item: { id: string }) => item.id)).not.toContain(eventId);
    const guardA1 = await f.send(f.guardA1.session, 'GET', '/api/gate-events?plate=苏E77777');
    expect(guardA1.json().items.map((item: { id: string }) => item.id)).toEqual([eventId]);
  });

  it('rejections log no personal data', async () => {
    logLines.length = 0;
    await post(f.a1, cordonPost({ kind: 'plate', plate: '鄂C13579', eventId: 'log-1' }));
    await post(f.a1, cordonPost({ kind: 'plate', plate: '鄂C13579', eventId: 'log-1' }));
    await post(f.a1, platePost('vzenith', { plate: '鄂C24680' }), { key: `${f.a1.deviceKey}x` });
    const text = logLines.join('\n');
    expect(text).toContain('GATE_EVENT_REPLAYED');
    expect(text).toContain(f.a1.deviceId);
    expect(text).not.toContain('鄂C13579');
    expect(text).not.toContain('鄂C24680');
    expect(text).not.toContain(f.a1.deviceKey);
  });
});
