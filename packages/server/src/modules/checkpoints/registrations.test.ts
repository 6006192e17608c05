import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { decryptField } from '../../crypto/field-encryption.js';
import { COMMUNITY_A, COMMUNITY_B, ROOT_ACTOR, SUBDISTRICT_A, SUBDISTRICT_B } from '../../testing/fixtures.js';
import { describeEachDatabase, request } from '../../testing/harness.js';
import { generateRooms } from '../addresses/generate.js';
import { createCompound } from '../addresses/service.js';
import { testResidentId, testResidentIdEndingInX, toFullWidth, withWrongCheckDigit } from '../persons/test-helpers.js';
import { type CheckpointFixture, createCheckpointFixture, quickRegistration } from './test-helpers.js';

const REGISTER = '/api/checkpoint-registrations';
const BATCH = '/api/checkpoint-registrations/batch';

describeEachDatabase('checkpoint registrations', (kind) => {
  let f: CheckpointFixture;

  beforeAll(async () => {
    f = await createCheckpointFixture(kind);
  });
  afterAll(async () => f.t.close());

  const register = (payload: unknown, key = f.phoneKey) => f.phone('POST', REGISTER, payload, key);
  const countRows = async (ids: string[]) =>
    (await f.t.ctx.db.selectFrom('checkpoint_registrations').select('id').where('id', 'in', ids).execute()).length;

  it('request without key or session is rejected', async () => {
    const response = await f.phone('POST', REGISTER, quickRegistration(f.checkpointA));
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe('DEVICE_OR_SESSION_REQUIRED');
    expect(response.json().error.message).toBe('Sign in first, or use a phone enrolled at a checkpoint');
  });

  it('garbage device key is invalid', async () => {
    const response = await register(quickRegistration(f.checkpointA), 'cdk_garbage_key');
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe('DEVICE_KEY_INVALID');
  });

  it('revoked key tells the phone to enrol again', async () => {
    const { key, deviceId } = await f.enrolPhone(f.staffA, f.checkpointA, '丢失的手机');
    await f.send(f.staffA, 'POST', `/api/checkpoints/${f.checkpointA}/devices/${deviceId}/revoke`);
    const body = quickRegistration(f.checkpointA);
    const response = await register(body, key);
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe('DEVICE_KEY_INVALID');
    expect(response.json().error.message).toContain('enrolled again');
    expect(await countRows([body.id])).toBe(0);
  });

  it('gate key or key without checkpoint is forbidden', async () => {
    for (const deviceKind of ['gate', 'checkpoint']) {
      const created = await f.send(f.admin, 'POST', '/api/devices', { name: `${deviceKind} key`, kind: 'gate', nodeCode: COMMUNITY_A });
      // The Devices page no longer creates checkpoint keys, but rows created before that change have no checkpoint.
      await f.t.ctx.db.updateTable('devices').set({ kind: deviceKind }).where('id', '=', created.json().device.id).execute();
      const response = await register(quickRegistration(f.checkpointA), created.json().key);
      expect(response.statusCode, deviceKind).toBe(403);
      expect(response.json().error.code, deviceKind).toBe('CHECKPOINT_DEVICE_REQUIRED');
      const context = await f.phone('GET', '/api/checkpoint-phone/context', undefined, created.json().key);
      expect(context.statusCode, deviceKind).toBe(403);
    }
  });

  it('device registers and gets the derived facts', async () => {
    const id = testResidentIdEndingInX(1);
    const body = quickRegistration(f.checkpointA, {
      plate: '鄂a 12345',
      officerId: f.officerA.userId,
      occupants: [{ role: 'driver', documentNumber: id.toLowerCase(), phone: '+86 138 0013 8000' }],
    });
    const response = await register(body);
    expect(response.statusCode).toBe(201);
    const { registration } = response.json();
    expect(registration).toMatchObject({
      id: body.id,
      checkpointId: f.checkpointA,
      plateNumber: '鄂A12345',
      plateProvince: '湖北省',
      plateCity: '武汉市',
      disposition: 'pass',
    });
    // GB 11643: the 17th digit is odd for men.
    const sex = Number(id.charAt(16)) % 2 === 1 ? 'male' : 'female';
    expect(registration.occupants[0]).toMatchObject({ role: 'driver', regionCode: '320508', sex, phoneMasked: '138****8000' });
    expect(registration.occupants[0].documentMasked.endsWith('X')).toBe(true);
    expect(registration.occupants[0].age).toBeGreaterThanOrEqual(40);
    expect(response.body).not.toContain(id);

    const row = await f.t.ctx.db.selectFrom('checkpoint_registrations').selectAll().where('id', '=', body.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      device_id: f.phoneId,
      officer_id: f.officerA.userId,
      node_code: SUBDISTRICT_A,
      plate_region_code: '420100',
    });
    const occupant = await f.t.ctx.db
      .selectFrom('checkpoint_occupants')
      .selectAll()
      .where('registration_id', '=', body.id)
      .executeTakeFirstOrThrow();
    expect(decryptField(f.t.ctx.keys.fieldEncryption, occupant.document_number_enc)).toBe(id);
    expect(JSON.stringify(occupant)).not.toContain('13800138000');
    const audit = await f.t.ctx.db.selectFrom('audit_log').select(['action', 'actor_device_id']).where('entity_id', '=', body.id).execute();
    expect(audit).toEqual([{ action: 'checkpoint.register', actor_device_id: f.phoneId }]);
  });

  it('plates are parsed and normalised', async () => {
    const cases: [string, string | null, string | null][] = [
      ['鄂A·12345', '鄂A12345', null],
      [`苏${toFullWidth('E12345')}`, '苏E12345', null],
      ['苏EF12345', '苏EF12345', null],
      ['苏E1234O', '苏E12340', null],
      ['苏EI2345', '苏E12345', null],
      ['使014578', '使014578', null],
      ['苏A1234警', '苏A1234警', null],
      ['苏E1234挂', '苏E1234挂', null],
      ['WJ苏12345', 'WJ苏12345', null],
      ['苏E12', null, 'PLATE_LENGTH_INVALID'],
      ['京X12345', null, 'PLATE_ISSUER_UNKNOWN'],
      ['   ', null, 'CHECKPOINT_PLATE_REQUIRED'],
    ];
    for (const [plate, number, code] of cases) {
      const response = await register(quickRegistration(f.checkpointA, { plate }));
      if (code === null) {
        expect(response.statusCode, plate).toBe(201);
        expect(response.json().registration.plateNumber, plate).toBe(number);
      } else {
        expect(response.statusCode, plate).toBe(400);
        expect(response.json().error, plate).toMatchObject({ code, field: 'plate' });
      }
    }
  });

  it('document numbers are parsed', async () => {
    const valid = testResidentId(501, '19900101');
    const cases: [string, string | null][] = [
      [toFullWidth(valid), null],
      [valid.slice(0, 6) + valid.slice(8, 17), null],
      ['4.20106E+17', 'ID_NUMBER_EXCEL_MANGLED'],
      [withWrongCheckDigit(valid), 'ID_NUMBER_CHECKSUM_INVALID'],
    ];
    for (const [documentNumber, code] of cases) {
      const body = quickRegistration(f.checkpointA, { occupants: [{ role: 'driver', documentNumber, phone: '13800138000' }] });
      const response = await register(body);
      if (code === null) {
        expect(response.statusCode, documentNumber).toBe(201);
      } else {
        expect(response.statusCode, documentNumber).toBe(400);
        expect(response.json().error, documentNumber).toMatchObject({ code, field: 'occupants.0.documentNumber' });
      }
    }
  });

  it('passport needs its nationality', async () => {
    const passport = { role: 'driver', documentType: 'passport', documentNumber: 'E12345678', phone: '13800138000' };
    const missing = await register(quickRegistration(f.checkpointA, { occupants: [passport] }));
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error).toMatchObject({ code: 'PASSPORT_COUNTRY_INVALID', field: 'occupants.0.documentNumber' });
    const withNationality = await register(quickRegistration(f.checkpointA, { occupants: [{ ...passport, nationality: 'DEU' }] }));
    expect(withNationality.statusCode).toBe(201);
    expect(withNationality.json().registration.occupants[0].documentType).toBe('passport');
  });

  it('detailed mode keeps names and checks each occupant', async () => {
    const driver = {
      role: 'driver',
      name: '阿卜杜·热合曼',
      documentNumber: testResidentId(601),
      phone: '138 0013 8000',
      temperature: 36.6,
      symptoms: ['none'],
    };
    const passenger = {
      role: 'passenger',
      name: '𠮷田',
      documentNumber: testResidentId(602),
      temperature: 37.5,
      symptoms: ['cough', 'fever'],
    };
    const body = quickRegistration(f.checkpointA, {
      mode: 'detailed',
      occupants: [driver, passenger],
      originRegionCode: '420106',
      destination: { communityCode: COMMUNITY_A, text: '3幢2单元1202' },
      purpose: 'return_home',
      travelHistory: [{ regionCode: '420100' }],
      notes: '行李已检查',
    });
    const response = await register(body);
    expect(response.statusCode).toBe(201);
    const { registration } = response.json();
    expect(registration.occupants.map((occupant: { symptoms: string[] }) => occupant.symptoms)).toEqual([['none'], ['fever', 'cough']]);
    expect(registration.occupants[1].temperature).toBe(37.5);
    expect(registration.destinationCommunityCode).toBe(COMMUNITY_A);

    const occupants = await f.t.ctx.db
      .selectFrom('checkpoint_occupants')
      .select('name_enc')
      .where('registration_id', '=', body.id)
      .orderBy('position')
      .execute();
    expect(occupants.map((row) => decryptField(f.t.ctx.keys.fieldEncryption, row.name_enc as string))).toEqual(['阿卜杜·热合曼', '𠮷田']);
    const row = await f.t.ctx.db.selectFrom('checkpoint_registrations').selectAll().where('id', '=', body.id).executeTakeFirstOrThrow();
    expect(decryptField(f.t.ctx.keys.fieldEncryption, row.destination_text_enc as string)).toBe('3幢2单元1202');
  });

  it('invalid registrations name the field', async () => {
    const driver = { role: 'driver', documentNumber: testResidentId(701), phone: '13800138000' };
    const passenger = { role: 'passenger', documentNumber: testResidentId(702) };
    const cases: [Record<string, unknown>, number, string, string][] = [
      [{ registeredAt: new Date(Date.now() + 10 * 60_000).toISOString() }, 400, 'CHECKPOINT_REGISTERED_AT_IN_FUTURE', 'registeredAt'],
      [{ registeredAt: new Date(Date.now() - 8 * 86_400_000).toISOString() }, 400, 'CHECKPOINT_REGISTERED_AT_TOO_OLD', 'registeredAt'],
      [{ occupants: [driver, passenger] }, 400, 'CHECKPOINT_QUICK_OCCUPANT_COUNT_INVALID', 'occupants'],
      [
        {
          mode: 'detailed',
          occupants: [
            { ...driver, name: '张三' },
            { ...passenger, name: '李四', role: 'driver' },
          ],
        },
        400,
        'CHECKPOINT_DRIVER_COUNT_INVALID',
        'occupants',
      ],
      [{ mode: 'detailed', occupants: [driver] }, 400, 'FIELD_REQUIRED', 'occupants.0.name'],
      [{ occupants: [{ ...driver, phone: undefined }] }, 400, 'FIELD_REQUIRED', 'occupants.0.phone'],
      [{ occupants: [{ ...driver, phone: '1380013800' }] }, 400, 'PHONE_FORMAT_INVALID', 'occupants.0.phone'],
      [{ occupants: [{ ...driver, temperature: 43 }] }, 400, 'DECLARATION_TEMPERATURE_OUT_OF_RANGE', 'occupants.0.temperature'],
      [{ occupants: [{ ...driver, symptoms: ['none', 'cough'] }] }, 400, 'DECLARATION_SYMPTOMS_CONFLICT', 'occupants.0.symptoms'],
      [{ occupants: [{ ...driver, symptoms: ['sneezing'] }] }, 400, 'DECLARATION_SYMPTOM_UNKNOWN', 'occupants.0.symptoms'],
      [
        {
          mode: 'detailed',
          occupants: [
            { ...driver, name: '甲' },
            { ...passenger, name: '乙', documentNumber: driver.documentNumber },
          ],
        },
        400,
        'CHECKPOINT_DOCUMENT_DUPLICATE',
        'occupants.1.documentNumber',
      ],
      [{ originRegionCode: '999999' }, 404, 'REGION_NOT_FOUND', 'originRegionCode'],
      [{ travelHistory: [{ regionCode: '420100', from: '2000-01-01' }] }, 400, 'CHECKPOINT_TRAVEL_DATES_INVALID', 'travelHistory.0.from'],
      [{ travelHistory: [{ regionCode: 'abc' }] }, 400, 'REGION_CODE_INVALID', 'travelHistory.0.regionCode'],
      [{ destination: { communityCode: '110101001001' } }, 404, 'JURISDICTION_NOT_FOUND', 'destination.communityCode'],
      [{ destination: { roomId: randomUUID() } }, 404, 'ROOM_NOT_FOUND', 'destination.roomId'],
      [{ disposition: 'turned_back' }, 400, 'FIELD_REQUIRED', 'dispositionReason'],
      [{ disposition: 'transferred' }, 400, 'FIELD_REQUIRED', 'siteId'],
      [{ siteId: randomUUID() }, 400, 'CHECKPOINT_SITE_NOT_ALLOWED', 'siteId'],
      [{ disposition: 'transferred', siteId: randomUUID() }, 404, 'SITE_NOT_FOUND', 'siteId'],
      [{ officerId: f.officerB.userId }, 400, 'CHECKPOINT_OFFICER_NOT_ON_ROSTER', 'officerId'],
      [{ officerId: undefined }, 400, 'CHECKPOINT_OFFICER_REQUIRED', 'officerId'],
      ...['\u202e测试', '张\u0000三', '\u001b[31m张三', '张\ud800'].map((name): [Record<string, unknown>, number, string, string] => [
        { mode: 'detailed', occupants: [{ ...driver, name }] },
        400,
        'NAME_CHARACTERS_INVALID',
        'occupants.0.name',
      ]),
      [{ id: 'short' }, 400, 'FIELD_TOO_SHORT', 'id'],
      [{ id: 'has space in it' }, 400, 'FIELD_FORMAT_INVALID', 'id'],
      [{ notes: 'x'.repeat(501) }, 400, 'FIELD_TOO_LONG', 'notes'],
    ];
    for (const [override, status, code, field] of cases) {
      const body = quickRegistration(f.checkpointA, override);
      const label = `${code} ${field}`;
      const response = await register(body);
      expect(response.statusCode, label).toBe(status);
      expect(response.json().error, label).toMatchObject({ code, field });
      expect(response.json().error.message, label).not.toBe(code);
      expect(await countRows([body.id]), label).toBe(0);
    }
  });

  it('station takes walk-ins without a plate', async () => {
    const station = await f.createCheckpoint(f.staffA, { type: 'station' });
    await f.send(f.staffA, 'PUT', `/api/checkpoints/${station}/officers`, { userIds: [f.officerA.userId] });
    const body = quickRegistration(station, { plate: undefined, occupants: [{ role: 'passenger', documentNumber: testResidentId(801) }] });
    const response = await request(f.t.app, f.officerA.session, { method: 'POST', url: REGISTER, payload: body });
    expect(response.statusCode).toBe(201);
    expect(response.json().registration.plateNumber).toBeNull();
  });

  it('officer registers as himself only where assigned', async () => {
    const body = quickRegistration(f.checkpointA, { officerId: f.officerB.userId });
    const own = await request(f.t.app, f.officerA.session, { method: 'POST', url: REGISTER, payload: body });
    expect(own.statusCode).toBe(201);
    const row = await f.t.ctx.db
      .selectFrom('checkpoint_registrations')
      .select(['officer_id', 'device_id'])
      .where('id', '=', body.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ officer_id: f.officerA.userId, device_id: null });

    const other = quickRegistration(f.checkpointA);
    const foreign = await request(f.t.app, f.officerB.session, { method: 'POST', url: REGISTER, payload: other, locale: 'en' });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().error).toMatchObject({ code: 'CHECKPOINT_NOT_ASSIGNED', field: 'checkpointId' });
    expect(await countRows([other.id])).toBe(0);

    const staff = await request(f.t.app, f.staffA, { method: 'POST', url: REGISTER, payload: quickRegistration(f.checkpointA) });
    expect(staff.statusCode).toBe(403);
  });

  it('device registers only at its own checkpoint', async () => {
    const checkpointB = await f.createCheckpoint(f.staffB, { nodeCode: SUBDISTRICT_B });
    const body = quickRegistration(checkpointB);
    const response = await register(body);
    expect(response.statusCode).toBe(403);
    expect(response.json().error).toMatchObject({ code: 'CHECKPOINT_NOT_ASSIGNED', field: 'checkpointId' });
    expect(await countRows([body.id])).toBe(0);
  });

  it('same body resent returns 200 once stored', async () => {
    const body = quickRegistration(f.checkpointA);
    expect((await register(body)).statusCode).toBe(201);
    const again = await register({ ...body, occupants: body.occupants });
    expect(again.statusCode).toBe(200);
    expect(again.json().registration.id).toBe(body.id);
    expect(await countRows([body.id])).toBe(1);
  });

  it('concurrent resends store one registration', async () => {
    const body = quickRegistration(f.checkpointA, { disposition: 'turned_back', dispositionReason: '无通行证' });
    const responses = await Promise.all([register(body), register(body), register(body)]);
    expect(responses.map((response) => response.statusCode).sort()).toEqual([200, 200, 201]);
    expect(await countRows([body.id])).toBe(1);
    const alerts = await f.t.ctx.db.selectFrom('alerts').select('id').where('source_key', '=', body.id).execute();
    expect(alerts).toHaveLength(1);
  });

  it('changed body with a used id conflicts', async () => {
    const body = quickRegistration(f.checkpointA);
    await register(body);
    const changed = await register({ ...body, plate: '苏E54321' });
    expect(changed.statusCode).toBe(409);
    expect(changed.json().error).toMatchObject({ code: 'CHECKPOINT_REGISTRATION_CONFLICT', field: 'id' });
    const row = await f.t.ctx.db
      .selectFrom('checkpoint_registrations')
      .select('plate_number')
      .where('id', '=', body.id)
      .executeTakeFirstOrThrow();
    expect(row.plate_number).toBe('苏E12345');
  });

  it('id replayed from another device conflicts', async () => {
    const body = quickRegistration(f.checkpointA);
    await register(body);
    const other = await f.enrolPhone(f.staffA, f.checkpointA, '另一台手机');
    const replayed = await register(body, other.key);
    expect(replayed.statusCode).toBe(409);
    expect(replayed.json().error.code).toBe('CHECKPOINT_REGISTRATION_CONFLICT');
    expect(replayed.body).not.toContain(body.occupants[0]?.documentNumber.slice(-4));
  });

  it('batch of 20 sent three times stores 20', async () => {
    const items = Array.from({ length: 20 }, () => quickRegistration(f.checkpointA));
    const ids = items.map((item) => item.id);
    const statuses: number[][] = [];
    for (let round = 0; round < 3; round++) {
      const response = await f.phone('POST', BATCH, { items }, f.phoneKey);
      expect(response.statusCode).toBe(200);
      const { results } = response.json();
      expect(results.map((result: { id: string }) => result.id)).toEqual(ids);
      statuses.push(results.map((result: { status: number }) => result.status));
    }
    expect(statuses[0]).toEqual(ids.map(() => 201));
    expect(statuses[1]).toEqual(ids.map(() => 200));
    expect(statuses[2]).toEqual(ids.map(() => 200));
    expect(await countRows(ids)).toBe(20);
  });

  it('batch cut half-way then resent stores 20', async () => {
    const items = Array.from({ length: 20 }, () => quickRegistration(f.checkpointA));
    const first = await f.phone('POST', BATCH, { items: items.slice(0, 10) }, f.phoneKey);
    expect(first.json().results.every((result: { status: number }) => result.status === 201)).toBe(true);
    const whole = await f.phone('POST', BATCH, { items }, f.phoneKey);
    const statuses = whole.json().results.map((result: { status: number }) => result.status);
    expect(statuses).toEqual([...Array(10).fill(200), ...Array(10).fill(201)]);
    expect(await countRows(items.map((item) => item.id))).toBe(20);
  });

  it('malformed batch items fail one by one', async () => {
    const good = quickRegistration(f.checkpointA);
    const huge = quickRegistration(f.checkpointA, { notes: '长'.repeat(100_000) });
    const noId = { ...quickRegistration(f.checkpointA), id: undefined };
    const items = [1, 'text', null, [], noId, huge, good];
    const response = await f.phone('POST', BATCH, { items }, f.phoneKey, 'zh-CN');
    expect(response.statusCode).toBe(200);
    const { results } = response.json();
    expect(results.map((result: { status: number }) => result.status)).toEqual([400, 400, 400, 400, 400, 400, 201]);
    expect(results[4].error).toMatchObject({ code: 'FIELD_REQUIRED', field: 'id' });
    expect(results[5]).toMatchObject({ id: huge.id, error: { code: 'FIELD_TOO_LONG', field: 'notes' } });
    expect(results[5].error.message).toContain('备注');
    expect(await countRows([huge.id, good.id])).toBe(1);
  });

  it('deeply nested batch item fails alone', async () => {
    let nested: unknown = '备注';
    for (let level = 0; level < 100; level += 1) nested = { inner: nested };
    const good = quickRegistration(f.checkpointA);
    const deepNotes = quickRegistration(f.checkpointA, { notes: nested });
    const deepArray = JSON.parse(`${'['.repeat(100)}1${']'.repeat(100)}`);
    const response = await f.phone('POST', BATCH, { items: [good, deepArray, deepNotes] }, f.phoneKey);

    expect(response.statusCode).toBe(200);
    const { results } = response.json();
    expect(results.map((result: { status: number }) => result.status)).toEqual([201, 400, 400]);
    expect(results[1].error).toMatchObject({ code: 'BODY_TOO_DEEP', message: 'The request body is nested too deeply: at most 32 levels' });
    expect(results[2]).toMatchObject({ id: deepNotes.id, error: { code: 'FIELD_TOO_DEEP', field: 'notes' } });
    expect(results[2].error.message).toBe('Notes is nested too deeply: at most 32 levels');
    expect(await countRows([good.id, deepNotes.id])).toBe(1);
  });

  it('batch nested past the body limit is rejected whole', async () => {
    const good = quickRegistration(f.checkpointA);
    const payload = `{"items":[${JSON.stringify(good)},${'['.repeat(5000)}1${']'.repeat(5000)}]}`;
    const response = await f.t.app.inject({
      method: 'POST',
      url: BATCH,
      payload,
      headers: { 'content-type': 'application/json', 'accept-language': 'en', 'x-device-key': f.phoneKey },
    });

    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({
      code: 'BODY_TOO_DEEP',
      message: 'The request body is nested too deeply: at most 256 levels',
    });
    expect(await countRows([good.id])).toBe(0);
  });

  it('roster requires officer on duty', async () => {
    const body = quickRegistration(f.checkpointA, { officerId: undefined });
    const response = await f.phone('POST', REGISTER, body, f.phoneKey, 'zh-CN');
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toEqual({
      code: 'CHECKPOINT_OFFICER_REQUIRED',
      field: 'officerId',
      message: '请选择值班民警：该卡口已安排值班民警，用手机登记时必须选择当班民警',
    });

    const unstaffed = await f.createCheckpoint(f.staffA);
    const { key } = await f.enrolPhone(f.staffA, unstaffed);
    const withoutRoster = await f.phone('POST', REGISTER, quickRegistration(unstaffed), key);
    expect(withoutRoster.statusCode, withoutRoster.body).toBe(201);
  });

  it('batch over 100 items is rejected whole', async () => {
    const items = Array.from({ length: 101 }, () => quickRegistration(f.checkpointA));
    const response = await f.phone('POST', BATCH, { items }, f.phoneKey);
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ code: 'FIELD_TOO_MANY_ITEMS', field: 'items' });
    expect(await countRows(items.map((item) => item.id))).toBe(0);
  });

  it('bodies over the route limit get 413', async () => {
    const single = quickRegistration(f.checkpointA, { filler: 'x'.repeat(70 * 1024) });
    const response = await register(single);
    expect(response.statusCode).toBe(413);
    expect(response.json().error).toMatchObject({
      code: 'BODY_TOO_LARGE',
      message: 'The request body is too large: this address accepts at most 64 KiB',
    });
    const batch = await f.phone(
      'POST',
      BATCH,
      { items: [quickRegistration(f.checkpointA, { filler: 'x'.repeat(1100 * 1024) })] },
      f.phoneKey,
    );
    expect(batch.statusCode).toBe(413);
    expect(batch.json().error.message).toBe('The request body is too large: this address accepts at most 1 MiB');
    expect(await countRows([single.id])).toBe(0);
  });

  it('risk level comes from plate, origin and travel', async () => {
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const risk = await f.send(f.admin, 'POST', '/api/risk-regions', {
      kind: 'region',
      value: '410100',
      level: 'high',
      effectiveFrom: today,
    });
    expect(risk.statusCode).toBe(201);
    const byPlate = await register(quickRegistration(f.checkpointA, { plate: '豫A12345' }));
    expect(byPlate.json().registration.riskLevel).toBe('high');
    expect(byPlate.json().registration.riskReasons).toEqual([{ subject: 'plate', regionCode: '410100', level: 'high' }]);
    const body = quickRegistration(f.checkpointA, {
      mode: 'detailed',
      originRegionCode: '410102',
      occupants: [{ role: 'driver', name: '王五', documentNumber: testResidentId(901), phone: '13800138000' }],
    });
    const byOrigin = await register(body);
    expect(byOrigin.json().registration.riskReasons).toEqual([{ subject: 'origin', regionCode: '410102', level: 'high' }]);
    const row = await f.t.ctx.db
      .selectFrom('checkpoint_registrations')
      .select('risk_level')
      .where('id', '=', body.id)
      .executeTakeFirstOrThrow();
    expect(row.risk_level).toBe('high');
    const clear = await register(quickRegistration(f.checkpointA));
    expect(clear.json().registration.riskLevel).toBeNull();
  });

  it('turned back raises one alert to the checkpoint node', async () => {
    const body = quickRegistration(f.checkpointA, { disposition: 'turned_back', dispositionReason: '无通行证' });
    expect((await register(body)).statusCode).toBe(201);
    expect((await register(body)).statusCode).toBe(200);
    const alerts = await f.t.ctx.db.selectFrom('alerts').selectAll().where('source_key', '=', body.id).execute();
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ kind: 'checkpoint_turned_back', severity: 'warning', node_code: SUBDISTRICT_A });
    expect(JSON.parse(alerts[0]?.details ?? '{}')).toEqual({
      checkpointId: f.checkpointA,
      checkpointName: expect.any(String),
      plateNumber: '苏E12345',
      disposition: 'turned_back',
      siteId: null,
    });
    expect(alerts[0]?.details).not.toContain(body.occupants[0]?.documentNumber);
  });

  it('transfer needs an active site', async () => {
    const site = await f.send(f.staffA, 'POST', '/api/sites', {
      name: '新区隔离点',
      type: 'quarantine_site',
      nodeCode: SUBDISTRICT_A,
      address: '某路1号',
    });
    expect(site.statusCode).toBe(201);
    const siteId = site.json().id as string;
    const context = await f.phone('GET', '/api/checkpoint-phone/context', undefined, f.phoneKey);
    expect(context.json().sites.map((entry: { id: string }) => entry.id)).toContain(siteId);

    const body = quickRegistration(f.checkpointA, { disposition: 'transferred', siteId });
    const response = await register(body);
    expect(response.statusCode).toBe(201);
    expect(response.json().registration.siteId).toBe(siteId);
    const alert = await f.t.ctx.db
      .selectFrom('alerts')
      .select(['kind', 'node_code'])
      .where('source_key', '=', body.id)
      .executeTakeFirstOrThrow();
    expect(alert).toEqual({ kind: 'checkpoint_transferred', node_code: SUBDISTRICT_A });

    await f.send(f.staffA, 'PATCH', `/api/sites/${siteId}`, { active: false });
    const inactive = await register(quickRegistration(f.checkpointA, { disposition: 'transferred', siteId }));
    expect(inactive.statusCode).toBe(409);
    expect(inactive.json().error).toMatchObject({ code: 'SITE_INACTIVE', field: 'siteId' });
  });

  it('duplicates are found by plate and document', async () => {
    const documentNumber = testResidentIdEndingInX(300);
    const first = quickRegistration(f.checkpointA, {
      plate: '苏E77777',
      occupants: [{ role: 'driver', documentNumber, phone: '13800138000' }],
    });
    await register(first);
    const second = await register(
      quickRegistration(f.checkpointA, {
        plate: '苏E77777',
        occupants: [{ role: 'driver', documentNumber: testResidentId(950), phone: '13800138000' }],
      }),
    );
    expect(second.json().duplicates).toEqual([
      expect.objectContaining({ registrationId: first.id, matchedBy: 'plate', plateNumber: '苏E77777' }),
    ]);

    const byPlate = await f.phone(
      'GET',
      `/api/checkpoint-phone/duplicates?plate=${encodeURIComponent('苏e 77777')}`,
      undefined,
      f.phoneKey,
    );
    expect(byPlate.json().items.map((item: { registrationId: string }) => item.registrationId)).toContain(first.id);
    const byDocument = await f.phone(
      'GET',
      `/api/checkpoint-phone/duplicates?documentNumber=${documentNumber.toLowerCase()}`,
      undefined,
      f.phoneKey,
    );
    expect(byDocument.json().items).toEqual([expect.objectContaining({ registrationId: first.id, matchedBy: 'document' })]);
    expect(byDocument.body).not.toContain(documentNumber.slice(6, 14));
    const empty = await f.phone('GET', '/api/checkpoint-phone/duplicates', undefined, f.phoneKey);
    expect(empty.json().error.code).toBe('CHECKPOINT_DUPLICATE_QUERY_REQUIRED');
  });

  it('phone context lists roster and device', async () => {
    const response = await f.phone('GET', '/api/checkpoint-phone/context', undefined, f.phoneKey);
    expect(response.statusCode).toBe(200);
    const context = response.json();
    expect(context.checkpoint.id).toBe(f.checkpointA);
    expect(context.device.id).toBe(f.phoneId);
    expect(context.officer).toBeNull();
    expect(context.officers.map((officer: { id: string }) => officer.id)).toEqual([f.officerA.userId]);
    expect(context.assignedCheckpoints).toEqual([]);

    const officer = await request(f.t.app, f.officerA.session, { method: 'GET', url: '/api/checkpoint-phone/context' });
    expect(officer.json().officer.id).toBe(f.officerA.userId);
    expect(officer.json().assignedCheckpoints.map((entry: { id: string }) => entry.id)).toContain(f.checkpointA);
    const unassigned = await request(f.t.app, f.officerB.session, { method: 'GET', url: '/api/checkpoint-phone/context' });
    expect(unassigned.statusCode).toBe(403);
    expect(unassigned.json().error.code).toBe('CHECKPOINT_NONE_ASSIGNED');
  });

  it('destination search spans the tree', async () => {
    const community = await f.t.ctx.db
      .selectFrom('jurisdictions')
      .select(['code', 'name'])
      .where('code', '=', COMMUNITY_B)
      .executeTakeFirstOrThrow();
    const response = await f.phone(
      'GET',
      `/api/checkpoint-phone/destinations?q=${encodeURIComponent(community.name)}`,
      undefined,
      f.phoneKey,
    );
    expect(response.statusCode).toBe(200);
    expect(response.json().items).toContainEqual({
      type: 'community',
      id: null,
      communityCode: community.code,
      communityName: community.name,
      text: community.name,
    });
    const wildcard = await f.phone('GET', '/api/checkpoint-phone/destinations?q=%25', undefined, f.phoneKey);
    expect(wildcard.json().items).toEqual([]);
    const anonymous = await f.phone('GET', '/api/checkpoint-phone/destinations?q=x');
    expect(anonymous.statusCode).toBe(401);
  });

  it('compound name alone finds its community and rooms', async () => {
    const compound = await createCompound(f.t.ctx, ROOT_ACTOR, { communityCode: COMMUNITY_B, name: '星湖花园' });
    await generateRooms(f.t.ctx, ROOT_ACTOR, compound.id, { buildings: '1-2', units: '1', floors: '1-3', roomsPerFloor: '1-2' });
    const search = (q: string) =>
      f.phone('GET', `/api/checkpoint-phone/destinations?q=${encodeURIComponent(q)}&limit=5`, undefined, f.phoneKey);

    const response = await search('星湖花园');
    expect(response.statusCode).toBe(200);
    const items = response.json().items as { type: string; communityCode: string; text: string }[];
    expect(items, response.body).toHaveLength(5);
    expect(items[0]).toMatchObject({ type: 'community', communityCode: COMMUNITY_B });
    expect(items.slice(1).map((item) => item.type)).toEqual(['room', 'room', 'room', 'room']);
    expect(items.slice(1).every((item) => item.text.startsWith('星湖花园1幢') && item.communityCode === COMMUNITY_B)).toBe(true);

    const room = await search('星湖花园2幢1单元302');
    expect(room.json().items.map((item: { text: string }) => item.text)).toEqual(['星湖花园2幢1单元302室']);
    expect((await search('星湖')).json().items).toEqual([]);
  });
});
