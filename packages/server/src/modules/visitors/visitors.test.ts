import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decryptField } from '../../crypto/field-encryption.js';
import { describeEachDatabase } from '../../testing/harness.js';
import { createGateFixture, type GateFixture } from '../gates/test-helpers.js';
import { testResidentId, testResidentIdEndingInX, toFullWidth } from '../persons/test-helpers.js';

const HOST_PHONE = '13912340001';
const VISITOR_PHONE = '13700001111';
const VISITOR_NAME = '赵来访';

describeEachDatabase('visitors', (kind) => {
  let f: GateFixture;
  let sequence = 700;

  beforeAll(async () => {
    f = await createGateFixture(kind);
    // Room 2 of A1: a child with a phone and the owner (户主); the owner is the host.
    await f.createResident(f.a1, 1, { phone: '13912340002', documentNumber: testResidentId(690, '20150101') });
    await f.createResident(f.a1, 1, { phone: HOST_PHONE, householdRole: 'owner', name: '钱房主' });
    // Room 3 of A1: a resident without a phone.
    await f.createResident(f.a1, 2);
  });
  afterAll(async () => f.t.close());

  function body(overrides: object = {}) {
    sequence += 1;
    return {
      compoundId: f.a1.id,
      gateId: f.a1.gateId,
      name: VISITOR_NAME,
      documentNumber: testResidentId(sequence, '19900101'),
      phone: VISITOR_PHONE,
      hostRoomId: f.a1.roomIds[1],
      purpose: '探望父母',
      temperature: 36.5,
      ...overrides,
    };
  }

  const register = (overrides: object = {}, session = f.guardA1.session) => f.send(session, 'POST', '/api/visitors', body(overrides));

  /** Reads the confirmation link from the newest visitor_confirm SMS in the outbox and returns its token. */
  async function lastToken(): Promise<string> {
    const row = await f.t.ctx.db
      .selectFrom('sms_outbox')
      .select('body_enc')
      .where('template', '=', 'visitor_confirm')
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
    const text = decryptField(f.t.ctx.keys.fieldEncryption, row.body_enc);
    const match = /\/v\/([A-Za-z0-9_-]{43})/.exec(text);
    if (!match?.[1]) throw new Error('no confirmation link in the SMS');
    return match[1];
  }

  const smsCount = async () =>
    (await f.t.ctx.db.selectFrom('sms_outbox').select('id').where('template', '=', 'visitor_confirm').execute()).length;
  const publicGet = (token: string, locale = 'en') =>
    f.t.app.inject({ method: 'GET', url: `/api/public/visitor-confirmations/${token}`, headers: { 'accept-language': locale } });
  const publicPost = (token: string, decision: string) =>
    f.t.app.inject({
      method: 'POST',
      url: `/api/public/visitor-confirmations/${token}`,
      payload: { decision },
      headers: { 'accept-language': 'en' },
    });

  describe('registration', () => {
    const invalid: Array<[string, object, string, string]> = [
      ['control character in the name', { name: '赵\u202e来访' }, 'NAME_CHARACTERS_INVALID', 'name'],
      ['blank name', { name: '   ' }, 'FIELD_REQUIRED', 'name'],
      ['wrong check digit', { documentNumber: '320508199001010011' }, 'ID_NUMBER_CHECKSUM_INVALID', 'documentNumber'],
      ['invalid phone', { phone: '1380013800' }, 'PHONE_FORMAT_INVALID', 'phone'],
      ['temperature as text', { temperature: 'hot' }, 'DECLARATION_TEMPERATURE_INVALID', 'temperature'],
      ['temperature too low', { temperature: 34.9 }, 'DECLARATION_TEMPERATURE_OUT_OF_RANGE', 'temperature'],
      ['temperature too high', { temperature: '42.1' }, 'DECLARATION_TEMPERATURE_OUT_OF_RANGE', 'temperature'],
      ['empty purpose', { purpose: ' ' }, 'VISITOR_PURPOSE_INVALID', 'purpose'],
      ['purpose too long', { purpose: '访'.repeat(101) }, 'VISITOR_PURPOSE_INVALID', 'purpose'],
      ['room of another compound', { hostRoomId: 'ROOM_A2' }, 'VISITOR_HOST_ROOM_NOT_FOUND', 'hostRoomId'],
      ['gate of another compound', { gateId: 'GATE_A2' }, 'VISITOR_GATE_NOT_FOUND', 'gateId'],
      ['room without a phone', { hostRoomId: 'ROOM_3' }, 'VISITOR_HOST_UNREACHABLE', 'hostRoomId'],
      ['empty room', { hostRoomId: 'ROOM_4' }, 'VISITOR_HOST_UNREACHABLE', 'hostRoomId'],
    ];
    it.each(invalid)('rejects %s', async (_name, overrides, code, field) => {
      const resolved = Object.fromEntries(
        Object.entries(overrides).map(([key, value]) => [
          key,
          value === 'ROOM_A2'
            ? f.a2.roomIds[0]
            : value === 'GATE_A2'
              ? f.a2.gateId
              : value === 'ROOM_3'
                ? f.a1.roomIds[2]
                : value === 'ROOM_4'
                  ? f.a1.roomIds[3]
                  : value,
        ]),
      );
      const before = await f.t.ctx.db.selectFrom('visitors').select('id').execute();
      const response = await register(resolved);
      expect(response.statusCode, response.body).toBeGreaterThanOrEqual(400);
      expect(response.json().error).toMatchObject({ code, field });
      expect(await f.t.ctx.db.selectFrom('visitors').select('id').execute()).toHaveLength(before.length);
    });

    it('accepts documents as offices type them', async () => {
      const withX = testResidentIdEndingInX(750);
      for (const documentNumber of [withX.toLowerCase(), toFullWidth(testResidentId(760, '19900101'))]) {
        const response = await register({ documentNumber });
        expect(response.statusCode, response.body).toBe(201);
      }
      const passport = await register({ documentType: 'passport', documentNumber: 'E12345678', nationality: 'chn' });
      expect(passport.statusCode, passport.body).toBe(201);
    });

    it('texts the owner and returns masked data', async () => {
      const before = await smsCount();
      const response = await register();
      expect(response.statusCode, response.body).toBe(201);
      const created = response.json();
      expect(created).toMatchObject({ status: 'waiting', hostPersonName: '钱**', smsSent: true });
      expect(await smsCount()).toBe(before + 1);

      const outbox = await f.t.ctx.db
        .selectFrom('sms_outbox')
        .select(['phone_masked'])
        .where('template', '=', 'visitor_confirm')
        .orderBy('created_at', 'desc')
        .executeTakeFirstOrThrow();
      expect(outbox.phone_masked).toBe('139****0001');

      const detail = await f.send(f.guardA1.session, 'GET', `/api/visitors/${created.id}`);
      expect(detail.json()).toMatchObject({
        status: 'waiting',
        visitorName: '赵**',
        phoneMasked: '137****1111',
        temperature: 36.5,
        purpose: '探望父母',
      });
      for (const text of [detail.body, response.body]) {
        expect(text).not.toContain(VISITOR_NAME);
        expect(text).not.toContain(VISITOR_PHONE);
        expect(text).not.toContain(HOST_PHONE);
      }

      const row = await f.t.ctx.db.selectFrom('visitors').selectAll().where('id', '=', created.id).executeTakeFirstOrThrow();
      expect(JSON.stringify(row)).not.toContain(VISITOR_NAME);
      expect(JSON.stringify(row)).not.toContain(VISITOR_PHONE);
      const audit = await f.t.ctx.db.selectFrom('audit_log').select(['action', 'node_code']).where('entity_id', '=', created.id).execute();
      expect(audit).toEqual([{ action: 'visitor.create', node_code: f.a1.communityCode }]);
    });

    it('refuses a visitor with a fever and alerts the compound', async () => {
      const before = await smsCount();
      const response = await register({ temperature: '37.3' });
      expect(response.statusCode).toBe(201);
      expect(response.json()).toMatchObject({ status: 'refused', smsSent: false });
      expect(await smsCount()).toBe(before);
      const alert = await f.t.ctx.db
        .selectFrom('alerts')
        .select(['kind', 'severity', 'compound_id', 'details'])
        .where('source_key', '=', `visitor:${response.json().id}`)
        .executeTakeFirstOrThrow();
      expect(alert).toMatchObject({ kind: 'visitor_fever', severity: 'warning', compound_id: f.a1.id });
      expect(alert.details).not.toContain(VISITOR_NAME);
    });

    it('raises a critical alert from 38.5 °C', async () => {
      const severities: Record<string, string> = {};
      for (const temperature of ['38.4', '38.5', '39.2']) {
        const response = await register({ temperature });
        expect(response.json().status, temperature).toBe('refused');
        const alert = await f.t.ctx.db
          .selectFrom('alerts')
          .select('severity')
          .where('source_key', '=', `visitor:${response.json().id}`)
          .executeTakeFirstOrThrow();
        severities[temperature] = alert.severity;
      }
      expect(severities).toEqual({ '38.4': 'warning', '38.5': 'critical', '39.2': 'critical' });
    });
  });

  describe('host confirmation', () => {
    it('confirms once and rejects a replay', async () => {
      const created = (await register()).json();
      const token = await lastToken();
      const state = await publicGet(token);
      expect(state.statusCode).toBe(200);
      expect(state.json()).toMatchObject({ visitorName: '赵**', purpose: '探望父母', temperature: 36.5, status: 'waiting' });
      expect(state.body).not.toContain(VISITOR_PHONE);

      expect((await publicPost(token, 'confirm')).json()).toEqual({ status: 'confirmed' });
      const replay = await publicPost(token, 'confirm');
      expect(replay.statusCode).toBe(409);
      expect(replay.json().error.code).toBe('VISITOR_ALREADY_DECIDED');
      expect((await publicPost(token, 'decline')).statusCode).toBe(409);

      expect((await f.send(f.guardA1.session, 'GET', `/api/visitors/${created.id}`)).json().status).toBe('confirmed');
      const audit = await f.t.ctx.db.selectFrom('audit_log').select('action').where('entity_id', '=', created.id).orderBy('seq').execute();
      expect(audit.map((entry) => entry.action)).toEqual(['visitor.create', 'visitor.confirm']);
    });

    it('records a decline', async () => {
      const created = (await register()).json();
      expect((await publicPost(await lastToken(), 'decline')).json()).toEqual({ status: 'declined' });
      expect((await f.send(f.staffA, 'GET', `/api/visitors/${created.id}`)).json().status).toBe('declined');
    });

    it('expires after 30 minutes', async () => {
      const created = (await register()).json();
      const token = await lastToken();
      await f.t.ctx.db
        .updateTable('visitors')
        .set({ confirm_expires_at: new Date(Date.now() - 1000).toISOString() })
        .where('id', '=', created.id)
        .execute();
      const state = await publicGet(token, 'ja');
      expect(state.statusCode).toBe(410);
      expect(state.json().error.code).toBe('VISITOR_CONFIRMATION_EXPIRED');
      expect(state.json().error.message).toContain('期限切れ');
      expect((await publicPost(token, 'confirm')).statusCode).toBe(410);
      expect((await f.send(f.guardA1.session, 'GET', `/api/visitors/${created.id}`)).json().status).toBe('expired');
    });

    it('rejects unknown tokens', async () => {
      const unknown = await publicGet('A'.repeat(43), 'ko');
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json().error.code).toBe('VISITOR_CONFIRMATION_NOT_FOUND');
      expect((await publicGet('short')).statusCode).toBe(404);
      expect((await publicPost('A'.repeat(43), 'confirm')).statusCode).toBe(404);
    });
  });

  describe('daily list', () => {
    it('names no gate when the volunteer chose none', async () => {
      const created = (await register({ gateId: undefined })).json();
      const detail = await f.send(f.guardA1.session, 'GET', `/api/visitors/${created.id}`);
      expect(detail.json().gateName).toBeNull();
      expect(detail.json().hostRoomText).toMatch(/室$/);
    });

    it('shows a guard his compound only', async () => {
      const created = (await register()).json();
      const listed = await f.send(f.guardA1.session, 'GET', `/api/visitors?compoundId=${f.a1.id}`);
      expect(listed.statusCode).toBe(200);
      expect(listed.json().items.map((item: { id: string }) => item.id)).toContain(created.id);
      const item = listed.json().items.find((row: { id: string }) => row.id === created.id);
      expect(item.gateName).toBe('东门');
      expect(item.hostRoomText).toMatch(/^\d+幢\d+单元\d+室$/);
      expect(listed.body).not.toContain(VISITOR_NAME);
      expect(listed.body).not.toContain(VISITOR_PHONE);

      expect((await f.send(f.guardA1.session, 'GET', `/api/visitors?compoundId=${f.a2.id}`)).statusCode).toBe(404);
      expect((await f.send(f.guardA2.session, 'GET', `/api/visitors/${created.id}`)).statusCode).toBe(404);
      expect((await f.send(f.staffB, 'GET', `/api/visitors/${created.id}`)).statusCode).toBe(404);
      expect((await f.send(f.guardA2.session, 'POST', '/api/visitors', body())).statusCode).toBe(404);

      const other = await f.send(f.guardA1.session, 'GET', `/api/visitors?compoundId=${f.a1.id}&date=2020-02-01`);
      expect(other.json().items).toEqual([]);
      const invalid = await f.send(f.guardA1.session, 'GET', `/api/visitors?compoundId=${f.a1.id}&date=2020-2-1`);
      expect(invalid.json().error).toMatchObject({ code: 'VISITOR_DATE_INVALID', field: 'date' });
    });
  });
});
