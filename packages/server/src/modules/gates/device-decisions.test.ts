import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { chinaCalendarDate } from '@cordon/core';
import { decryptField, encryptField } from '../../crypto/field-encryption.js';
import { describeEachDatabase } from '../../testing/harness.js';
import { forgetDeviceGates } from './event-gate.js';
import { buildMultipart, type MultipartPart } from './formats/multipart.js';
import { SAMPLE_JPEG, cordonPost, dahuaPost, gat1400Post, hikvisionXml, type DevicePost } from './formats/samples.js';
import { generatePassSecret, paperPassCode, rotatingPassCode } from './pass-code.js';
import { createGateFixture, type FixtureCompound, type GateFixture } from './test-helpers.js';

// Decisions on input that a camera or a person at the gate can get wrong or forge.
describeEachDatabase('gate decisions on hostile input', (kind) => {
  let f: GateFixture;

  beforeAll(async () => {
    f = await createGateFixture(kind);
    const risk = await f.send(f.admin, 'POST', '/api/risk-regions', {
      kind: 'region',
      value: '420000',
      level: 'high',
      effectiveFrom: chinaCalendarDate(new Date(Date.now() - 86_400_000)),
    });
    expect(risk.statusCode).toBe(201);
  });
  afterAll(async () => f.t.close());

  function post(compound: FixtureCompound, sample: DevicePost) {
    return f.t.app.inject({
      method: 'POST',
      url: `/api/gate-events${sample.path === '/' ? '' : sample.path}`,
      payload: sample.body,
      headers: { 'content-type': sample.contentType, 'accept-language': 'en', 'x-device-key': compound.deviceKey },
    });
  }

  async function eventItem(compoundId: string, eventId: string) {
    const response = await f.send(f.staffA, 'GET', `/api/gate-events?compoundId=${compoundId}&pageSize=200`);
    expect(response.statusCode).toBe(200);
    return (response.json().items as Array<Record<string, unknown>>).find((item) => item.id === eventId);
  }

  async function alertOfEvent(compoundId: string, eventId: string) {
    const event = await f.t.ctx.db.selectFrom('gate_events').select('alert_id').where('id', '=', eventId).executeTakeFirstOrThrow();
    expect(event.alert_id).not.toBeNull();
    const alert = await f.t.ctx.db
      .selectFrom('alerts')
      .select(['id', 'details', 'compound_id'])
      .where('id', '=', event.alert_id as string)
      .executeTakeFirstOrThrow();
    expect(alert.compound_id).toBe(compoundId);
    return { id: alert.id, summary: String((JSON.parse(alert.details) as { summary?: unknown }).summary ?? '') };
  }

  async function issuePass(compound: FixtureCompound, personId: string) {
    const id = randomUUID();
    const secret = generatePassSecret();
    const now = new Date().toISOString();
    await f.t.ctx.db
      .insertInto('access_passes')
      .values({
        id,
        compound_id: compound.id,
        person_id: personId,
        serial: `S${id.slice(0, 7)}`,
        card_number: null,
        secret_enc: encryptField(f.t.ctx.keys.fieldEncryption, secret),
        link_token_hash: null,
        status: 'active',
        valid_until: null,
        revoked_reason: null,
        revoked_at: null,
        revoked_by: null,
        created_by: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    return { id, secret, serial: `S${id.slice(0, 7)}` };
  }

  it.each(['苏E1234', 'ABCDEFG', '!!!', '无车牌', 'ｅ鄂A12345', '\u202e54321E苏', '苏E𠀀12345'])(
    'unread plate %j is denied',
    async (plate) => {
      const response = await post(f.a1, cordonPost({ kind: 'plate', plate }));
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toMatchObject({ decision: 'deny', rule: { kind: 'unregistered_vehicle' } });
      const item = await eventItem(f.a1.id, response.json().eventId);
      expect(item).toMatchObject({ plateNumber: null, ruleKind: 'unregistered_vehicle' });
      expect(item?.plateText).toBe(plate.replace(/\u202e/g, '').normalize('NFKC'));
    },
  );

  it('plate with a NUL alerts as risk', async () => {
    const response = await post(f.a1, cordonPost({ kind: 'plate', plate: '鄂A12345\u0000', direction: 'in' }));
    expect(response.json()).toMatchObject({ decision: 'open', alert: true, rule: { kind: 'risk_region_plate' } });
    const item = await eventItem(f.a1.id, response.json().eventId);
    expect(item).toMatchObject({ plateNumber: '鄂A12345', plateText: '鄂A12345' });
  });

  it('full-width plate alerts as risk', async () => {
    const response = await post(f.a1, cordonPost({ kind: 'plate', plate: '鄂Ａ１２３４６' }));
    expect(response.json()).toMatchObject({ alert: true, rule: { kind: 'risk_region_plate' } });
  });

  it('numeric plates are rejected', async () => {
    const dahua = JSON.parse(dahuaPost({ plate: '苏E12345' }).body.toString());
    dahua.Picture.Plate.PlateNumber = 123;
    const rejected = await post(f.a1, { path: '/dahua', contentType: 'application/json', body: JSON.stringify(dahua) });
    expect(rejected.statusCode).toBe(400);
    expect(rejected.json().error).toMatchObject({ code: 'GATE_EVENT_FIELD_INVALID', field: 'Picture.Plate.PlateNumber' });

    const gat = JSON.parse(gat1400Post([{ plate: '苏E12345' }]).body.toString());
    gat.MotorVehicleListObject.MotorVehicleObject[0].PlateNo = 5;
    const gatRejected = await post(f.a1, { path: '/gat1400', contentType: 'application/json', body: JSON.stringify(gat) });
    expect(gatRejected.statusCode).toBe(400);
    expect(gatRejected.json().error.field).toBe('MotorVehicleListObject.MotorVehicleObject.0.PlateNo');
  });

  it('huge vzenith time is a 400', async () => {
    const body = {
      AlarmInfoPlate: {
        serialno: 'ivs-1',
        result: { PlateResult: { license: '苏E12345', plateid: 1, timeStamp: { Timeval: { sec: 1e20 } } } },
      },
    };
    const response = await post(f.a1, { path: '/vzenith', contentType: 'application/json', body: JSON.stringify(body) });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({
      code: 'GATE_EVENT_FIELD_INVALID',
      field: 'AlarmInfoPlate.result.PlateResult.timeStamp.Timeval.sec',
    });
  });

  it('QR codes record their check', async () => {
    const holder = await f.createResident(f.a1, 1);
    const pass = await issuePass(f.a1, holder);
    const decide = async (qrCode: string) => {
      const response = await post(f.a1, cordonPost({ kind: 'qr', qrCode }));
      expect(response.statusCode, response.body).toBe(200);
      return { reply: response.json(), item: await eventItem(f.a1.id, response.json().eventId) };
    };

    const valid = await decide(rotatingPassCode(pass.id, pass.secret, new Date()).code);
    expect(valid.reply).toMatchObject({ decision: 'open' });
    expect(valid.item).toMatchObject({ passSerial: pass.serial, passCheck: 'valid' });

    const screenshot = await decide(rotatingPassCode(pass.id, pass.secret, new Date(Date.now() - 5 * 60_000)).code);
    expect(screenshot.reply).toMatchObject({ decision: 'deny', rule: { kind: 'unregistered_person' } });
    expect(screenshot.item).toMatchObject({ passSerial: pass.serial, passCheck: 'expired', personName: null });

    const forged = await decide(paperPassCode(pass.id, generatePassSecret()));
    expect(forged.reply).toMatchObject({ decision: 'deny', rule: { kind: 'unregistered_person' } });
    expect(forged.item).toMatchObject({ passSerial: null, passCheck: 'forged' });
  });

  it('pedestrian gate rejects plate events', async () => {
    await f.t.ctx.db.updateTable('gates').set({ kind: 'pedestrian' }).where('id', '=', f.a2.gateId).execute();
    forgetDeviceGates(f.t.ctx);
    try {
      const response = await post(f.a2, cordonPost({ kind: 'plate', plate: '苏E12345' }));
      expect(response.statusCode).toBe(400);
      expect(response.json().error).toMatchObject({ code: 'GATE_EVENT_KIND_NOT_FOR_GATE', field: 'kind' });
      expect(response.json().error.message).toContain('pedestrian gate');
      // The Chinese message names the gate kind in words, not the API's enum values.
      const chinese = await f.device('/api/gate-events', JSON.parse(cordonPost({ kind: 'plate', plate: '苏E12345' }).body as string), {
        key: f.a2.deviceKey,
        locale: 'zh-CN',
      });
      expect(chinese.json().error.message).toContain('人行出入口');
      expect(chinese.json().error.message).not.toMatch(/pedestrian|plate/);
      expect((await post(f.a2, cordonPost({ kind: 'card', cardNumber: 'NOPASS01' }))).statusCode).toBe(200);
    } finally {
      await f.t.ctx.db.updateTable('gates').set({ kind: 'both' }).where('id', '=', f.a2.gateId).execute();
      forgetDeviceGates(f.t.ctx);
    }
  });

  it('multipart limits: XML part and pictures', async () => {
    const boundary = 'cordon-decisions-boundary';
    const contentType = `multipart/form-data; boundary=${boundary}`;
    const xml = (padding: number): MultipartPart => ({
      name: 'anpr.xml',
      filename: 'anpr.xml',
      contentType: 'application/xml',
      data: Buffer.from(hikvisionXml({ plate: '苏E12345' }).replace('<portNo>', `<!--${'x'.repeat(padding)}--><portNo>`)),
    });
    const picture = (index: number): MultipartPart => ({
      name: `picture${index}.jpg`,
      filename: `picture${index}.jpg`,
      contentType: 'image/jpeg',
      data: SAMPLE_JPEG,
    });

    const bigXml = await post(f.a1, { path: '/hikvision', contentType, body: buildMultipart([xml(1_900_000)], boundary) });
    expect(bigXml.statusCode).toBe(413);
    expect(bigXml.json().error.code).toBe('GATE_EVENT_PART_TOO_LARGE');
    expect(bigXml.json().error.message).toContain('64 KiB');

    const pictures = Array.from({ length: 10 }, (_, index) => picture(index));
    const tooMany = await post(f.a1, { path: '/hikvision', contentType, body: buildMultipart([xml(0), ...pictures], boundary) });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().error.code).toBe('GATE_EVENT_TOO_MANY_PICTURES');
    expect(tooMany.json().error.message).toContain('4');
  });

  it('alert SMS says what happened', async () => {
    const phone = '13912345678';
    await f.t.ctx.db
      .updateTable('compound_managers')
      .set({ phone_enc: encryptField(f.t.ctx.keys.fieldEncryption, phone), phone_masked: '139****5678', sms_alerts: 1 })
      .where('compound_id', '=', f.a2.id)
      .execute();
    try {
      const response = await post(f.a2, cordonPost({ kind: 'plate', plate: '鄂A54321', direction: 'in' }));
      expect(response.json()).toMatchObject({ alert: true, rule: { kind: 'risk_region_plate' } });
      const summary = '风险地区车辆 鄂A54321 驶入。请注意观察，防范肺炎，共抗疫情';

      const alert = await f.t.ctx.db
        .selectFrom('alerts')
        .select('details')
        .where('compound_id', '=', f.a2.id)
        .where('kind', '=', 'gate_rule')
        .executeTakeFirstOrThrow();
      expect(JSON.parse(alert.details).summary).toBe(summary);

      const outbox = f.t.ctx.db.selectFrom('sms_outbox').select('body_enc').where('template', '=', 'gate_alert');
      await expect.poll(async () => (await outbox.execute()).length, { timeout: 10_000 }).toBeGreaterThan(0);
      const texts = (await outbox.execute()).map((row) => decryptField(f.t.ctx.keys.fieldEncryption, row.body_enc));
      expect(texts.some((text) => text.includes(summary))).toBe(true);
    } finally {
      await f.t.ctx.db.updateTable('compound_managers').set({ phone_enc: null, phone_masked: null, sms_alerts: 0 }).execute();
    }
  });

  it('permissive rules leave the safety checks first', async () => {
    // A manager lets every unregistered car and person in; fevers and risk-region cars must still stop or alert.
    for (const kind of ['unregistered_vehicle', 'unregistered_person']) {
      const created = await f.send(f.staffB, 'POST', '/api/gate-rules', { compoundId: f.b1.id, kind, action: 'open' });
      expect(created.statusCode, created.body).toBe(201);
    }

    const fever = await post(f.b1, cordonPost({ kind: 'card', cardNumber: 'UNKNOWN1', temperature: 39.6 }));
    expect(fever.json()).toMatchObject({ decision: 'deny', alert: true, rule: { kind: 'high_temperature' } });
    const riskCar = await post(f.b1, cordonPost({ kind: 'plate', plate: '鄂A54321' }));
    expect(riskCar.json()).toMatchObject({ decision: 'open', alert: true, rule: { kind: 'risk_region_plate' } });
    const stranger = await post(f.b1, cordonPost({ kind: 'plate', plate: '沪A54321' }));
    expect(stranger.json()).toMatchObject({ decision: 'open', alert: false, rule: { kind: 'unregistered_vehicle' } });

    // The alert names the unknown card by its last digits, not as an unread plate.
    const feverAlert = await alertOfEvent(f.b1.id, fever.json().eventId);
    expect(feverAlert.summary).toContain('卡号 ****OWN1');
    expect(feverAlert.summary).not.toContain('车牌');
  });

  it('entry and exit alerts do not fold together', async () => {
    const entering = await post(f.b1, cordonPost({ kind: 'plate', plate: '鄂A65432', direction: 'in' }));
    const leaving = await post(f.b1, cordonPost({ kind: 'plate', plate: '鄂A65432', direction: 'out' }));
    const again = await post(f.b1, cordonPost({ kind: 'plate', plate: '鄂A65432', direction: 'out' }));
    const [first, second, third] = await Promise.all(
      [entering, leaving, again].map(async (response) => (await alertOfEvent(f.b1.id, response.json().eventId)).id),
    );
    expect(second).not.toBe(first);
    expect(third).toBe(second);
  });
});
