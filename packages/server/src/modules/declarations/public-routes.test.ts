import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCALES, MESSAGES } from '@cordon/core';
import { DECLARATION_ERROR_STATUS } from '../../errors/catalog-declaration.js';
import type { AlertNotice } from '../../events/bus.js';
import type { SmsMessage } from '../../sms/gateway.js';
import type { DatabaseKind } from '../../db/dialect.js';
import { COMMUNITY_A, COMMUNITY_B, SUBDISTRICT_A, createStaff, createTestGrid, loadGusu } from '../../testing/fixtures.js';
import { createTestApp, describeEachDatabase, request, type Session, type TestApp } from '../../testing/harness.js';
import { chinaToday } from '../persons/input.js';
import { testResidentId, toFullWidth } from '../persons/test-helpers.js';

/** Test app of the declaration suites: two communities, staff of each, and an SMS gateway that keeps messages in memory. */
interface DeclarationTestApp {
  t: TestApp;
  sms: SmsMessage[];
  admin: Session;
  staffA: Session;
  staffB: Session;
  gridA: string;
  /** Sets the service clock; declaration windows and link expiry read it. */
  setClock(iso: string): void;
  /** Registers a person file through the API as staff of community A (or B) and returns its id. */
  registerPerson(overrides?: Record<string, unknown>, session?: Session): Promise<string>;
  /** Sends a personal link as staff and returns the token taken from the SMS. */
  sendLink(personId: string, session?: Session): Promise<{ token: string; linkId: string }>;
}

/** Next sequence number of a made-up resident ID; each suite's files differ. */
let nextDocument = 700;

async function createDeclarationTestApp(kind: DatabaseKind): Promise<DeclarationTestApp> {
  const t = await createTestApp(kind);
  await loadGusu(t.ctx);
  const gridA = (await createTestGrid(t.ctx, COMMUNITY_A, '第一网格')).code;
  const admin = (await createStaff(t.app, t.ctx, 'admin', 'CN')).session;
  const staffA = (await createStaff(t.app, t.ctx, 'community_staff', COMMUNITY_A)).session;
  const staffB = (await createStaff(t.app, t.ctx, 'community_staff', COMMUNITY_B)).session;

  const sms: SmsMessage[] = [];
  t.ctx.sms = {
    async send(message) {
      sms.push(message);
      return { messageId: `test-${sms.length}` };
    },
  };

  const harness: DeclarationTestApp = {
    t,
    sms,
    admin,
    staffA,
    staffB,
    gridA,
    setClock(iso) {
      const fixed = new Date(iso);
      t.ctx.clock = () => fixed;
    },
    async registerPerson(overrides = {}, session = staffA) {
      const payload = {
        name: '申报测试',
        documentNumber: testResidentId(nextDocument++),
        communityCode: COMMUNITY_A,
        phone: '13800138000',
        ...overrides,
      };
      const response = await request(t.app, session, { method: 'POST', url: '/api/persons', payload, locale: 'en' });
      if (response.statusCode !== 201) throw new Error(`person registration failed with ${response.statusCode}: ${response.body}`);
      return response.json().person.id as string;
    },
    async sendLink(personId, session = staffA) {
      const response = await request(t.app, session, {
        method: 'POST',
        url: '/api/declarations/links',
        payload: { personId },
        locale: 'en',
      });
      if (response.statusCode !== 201) throw new Error(`link creation failed with ${response.statusCode}: ${response.body}`);
      const url = sms[sms.length - 1]?.params.url ?? '';
      return { token: url.slice(url.lastIndexOf('/') + 1), linkId: response.json().id as string };
    },
  };
  return harness;
}

const TODAY = chinaToday();
/** The instant of a time of day in China on `day`, such as "09:59:59". */
const chinaTime = (time: string, day = TODAY) => `${day}T${time}+08:00`;
const dayBefore = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

/** A token of the right shape that no link has. */
const UNKNOWN_TOKEN = 'A'.repeat(43);

it('every declaration error code has messages', () => {
  for (const locale of LOCALES) {
    expect(Object.keys(DECLARATION_ERROR_STATUS).filter((code) => !(code in MESSAGES[locale].errors))).toEqual([]);
  }
});

describeEachDatabase('public declaration API', (kind) => {
  let h: DeclarationTestApp;
  const announced: AlertNotice[] = [];

  const getLink = (token: string, query = '', locale = 'en') =>
    request(h.t.app, null, { method: 'GET', url: `/api/public/declare/link/${token}${query}`, locale });
  const declare = (token: string, payload: unknown, locale = 'en') =>
    request(h.t.app, null, { method: 'POST', url: `/api/public/declare/${token}`, payload: payload as object, locale });

  const declarationsOf = (personId: string) =>
    h.t.ctx.db.selectFrom('declarations').selectAll().where('person_id', '=', personId).orderBy('window_key').execute();
  const auditOf = (entityId: string) =>
    h.t.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'actor_user_id', 'entity_type', 'node_code', 'fields'])
      .where('entity_id', '=', entityId)
      .orderBy('seq')
      .execute();

  beforeAll(async () => {
    h = await createDeclarationTestApp(kind);
    h.t.ctx.events.onAlert((notice) => announced.push(notice));
  });

  afterAll(async () => {
    await h.t.close();
  });

  describe('link lookup', () => {
    it('shows masked name and open window', async () => {
      const personId = await h.registerPerson({ name: '张三', preferredLanguage: 'ja' });
      h.setClock(chinaTime('09:00:00'));
      const { token } = await h.sendLink(personId);

      const response = await getLink(token);

      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({
        person: { maskedName: '张*', preferredLanguage: 'ja' },
        window: { key: `${TODAY}/1`, day: TODAY, index: 0, start: '07:00', end: '10:00', open: true, late: false },
        nextWindow: { key: `${TODAY}/2`, day: TODAY, index: 1, start: '14:00', end: '17:00', open: false, late: false },
        declaration: null,
      });
    });

    it('between windows shows the closed one as late', async () => {
      const personId = await h.registerPerson();
      h.setClock(chinaTime('10:00:00'));
      const { token } = await h.sendLink(personId);

      const body = (await getLink(token)).json();

      expect(body.window).toMatchObject({ key: `${TODAY}/1`, open: false, late: true });
      expect(body.nextWindow).toMatchObject({ key: `${TODAY}/2`, open: false, late: false });
    });

    it.each([
      ['unknown', UNKNOWN_TOKEN],
      ['short', 'abc'],
      ['with a family suffix', `${UNKNOWN_TOKEN}#1`],
    ])('%s token is invalid', async (_case, token) => {
      const response = await getLink(encodeURIComponent(token));

      expect(response.statusCode).toBe(401);
      expect(response.json().error.code).toBe('DECLARATION_LINK_INVALID');
    });

    it('stored hash is no token', async () => {
      const personId = await h.registerPerson();
      const { linkId } = await h.sendLink(personId);
      const row = await h.t.ctx.db.selectFrom('declaration_links').select('token_hash').where('id', '=', linkId).executeTakeFirstOrThrow();

      const whole = await getLink(row.token_hash);
      const cut = await getLink(row.token_hash.slice(0, 43));

      expect(whole.statusCode).toBe(401);
      expect(cut.statusCode).toBe(401);
    });

    it('overlong token is rejected', async () => {
      const response = await getLink('A'.repeat(300));

      expect(response.statusCode).toBe(400);
      expect(response.json().error.field).toBe('token');
    });

    it('expired link is invalid', async () => {
      const personId = await h.registerPerson();
      h.setClock(chinaTime('09:00:00'));
      const { token } = await h.sendLink(personId);

      h.setClock(new Date(Date.parse(chinaTime('09:00:00')) + 14 * 86_400_000 - 1000).toISOString());
      expect((await getLink(token)).statusCode).toBe(200);
      h.setClock(new Date(Date.parse(chinaTime('09:00:00')) + 14 * 86_400_000).toISOString());
      const expired = await getLink(token);
      const declared = await declare(token, { temperature: 36.6, symptoms: ['none'] });

      expect(expired.statusCode).toBe(401);
      expect(expired.json().error.code).toBe('DECLARATION_LINK_INVALID');
      expect(declared.statusCode).toBe(401);
      expect(await declarationsOf(personId)).toHaveLength(0);
    });

    it('revoked link cannot be replayed', async () => {
      const personId = await h.registerPerson();
      h.setClock(chinaTime('08:00:00'));
      const { token, linkId } = await h.sendLink(personId);
      expect((await declare(token, { temperature: 36.6, symptoms: ['none'] })).statusCode).toBe(201);

      const revoked = await request(h.t.app, h.staffA, { method: 'DELETE', url: `/api/declarations/links/${linkId}` });
      const lookup = await getLink(token);
      const replay = await declare(token, { temperature: 37.0, symptoms: ['none'] });

      expect(revoked.statusCode).toBe(200);
      expect(lookup.statusCode).toBe(401);
      expect(replay.statusCode).toBe(401);
      expect(replay.json().error.code).toBe('DECLARATION_LINK_INVALID');
      const rows = await declarationsOf(personId);
      expect(rows).toHaveLength(1);
      expect(rows[0]?.temperature_tenths).toBe(366);
    });

    it('error speaks the requested language', async () => {
      const response = await getLink(UNKNOWN_TOKEN, '', 'ko');

      expect(response.headers['content-language']).toBe('ko');
      expect(response.json().error.message).toContain('신고 링크');
    });
  });

  describe('declaring', () => {
    it('stores a declaration in the open window', async () => {
      const personId = await h.registerPerson({ gridCode: h.gridA });
      h.setClock(chinaTime('07:00:00'));
      const { token, linkId } = await h.sendLink(personId);

      const response = await declare(token, { temperature: 36.6, symptoms: ['none'], location: '家中' });

      expect(response.statusCode).toBe(201);
      expect(response.json()).toEqual({
        declaration: {
          id: expect.any(String),
          temperature: 36.6,
          symptoms: ['none'],
          location: '家中',
          late: false,
          declaredAt: new Date(chinaTime('07:00:00')).toISOString(),
          updatedAt: new Date(chinaTime('07:00:00')).toISOString(),
          editable: true,
        },
        abnormal: false,
      });
      const [row] = await declarationsOf(personId);
      expect(row).toMatchObject({
        window_key: `${TODAY}/1`,
        window_day: TODAY,
        community_code: COMMUNITY_A,
        grid_code: h.gridA,
        temperature_tenths: 366,
        symptoms: '["none"]',
        late: 0,
        abnormal: 0,
        link_id: linkId,
        revision: 1,
      });
      expect(await auditOf(row?.id as string)).toEqual([
        {
          action: 'declaration.submit',
          actor_user_id: null,
          entity_type: 'declaration',
          node_code: COMMUNITY_A,
          fields: '["temperature","symptoms","location"]',
        },
      ]);
      const link = await h.t.ctx.db
        .selectFrom('declaration_links')
        .select('last_used_at')
        .where('id', '=', linkId)
        .executeTakeFirstOrThrow();
      expect(link.last_used_at).toBe(new Date(chinaTime('07:00:00')).toISOString());
    });

    it('edits inside the window', async () => {
      const personId = await h.registerPerson();
      h.setClock(chinaTime('08:00:00'));
      const { token } = await h.sendLink(personId);
      await declare(token, { temperature: 36.6, symptoms: ['none'] });

      h.setClock(chinaTime('09:59:59'));
      const edited = await declare(token, { temperature: 36.8, symptoms: ['none'] });
      const unchanged = await declare(token, { temperature: 36.8, symptoms: ['none'] });

      expect(edited.statusCode).toBe(200);
      expect(edited.json().declaration).toMatchObject({ temperature: 36.8, editable: true, late: false });
      expect(unchanged.statusCode).toBe(200);
      const rows = await declarationsOf(personId);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ temperature_tenths: 368, revision: 2, updated_at: new Date(chinaTime('09:59:59')).toISOString() });
      const audit = await auditOf(rows[0]?.id as string);
      expect(audit.map((entry) => entry.action)).toEqual(['declaration.submit', 'declaration.update']);
      expect(audit[1]?.fields).toBe('["temperature"]');
    });

    it('closed window cannot be edited at 10:00:00', async () => {
      const personId = await h.registerPerson();
      h.setClock(chinaTime('09:30:00'));
      const { token } = await h.sendLink(personId);
      await declare(token, { temperature: 36.6, symptoms: ['none'] });

      h.setClock(chinaTime('10:00:00'));
      const response = await declare(token, { temperature: 36.9, symptoms: ['none'] });
      const state = (await getLink(token)).json();

      expect(response.statusCode).toBe(409);
      expect(response.json().error).toMatchObject({ code: 'DECLARATION_WINDOW_CLOSED', field: 'window' });
      expect(response.json().error.message).toContain('07:00–10:00');
      expect((await declarationsOf(personId))[0]?.temperature_tenths).toBe(366);
      expect(state.declaration).toMatchObject({ temperature: 36.6, editable: false, late: false });
    });

    it('after the window the declaration is late', async () => {
      const personId = await h.registerPerson();
      h.setClock(chinaTime('10:00:00'));
      const { token } = await h.sendLink(personId);

      const response = await declare(token, { temperature: 36.5, symptoms: ['none'] });

      expect(response.statusCode).toBe(201);
      expect(response.json().declaration).toMatchObject({ late: true, editable: false });
      expect(await declarationsOf(personId)).toMatchObject([{ window_key: `${TODAY}/1`, late: 1 }]);
    });

    it('before the first window goes to yesterday', async () => {
      const personId = await h.registerPerson();
      h.setClock(chinaTime('00:00:00'));
      const { token } = await h.sendLink(personId);

      const response = await declare(token, { temperature: 36.5, symptoms: ['none'] });

      expect(response.statusCode).toBe(201);
      expect(await declarationsOf(personId)).toMatchObject([
        { window_key: `${dayBefore(TODAY)}/2`, window_day: dayBefore(TODAY), late: 1 },
      ]);
    });

    it('abnormal declaration raises task and alert', async () => {
      const personId = await h.registerPerson();
      h.setClock(chinaTime('14:30:00'));
      const { token } = await h.sendLink(personId);
      announced.length = 0;

      const response = await declare(token, { temperature: 37.3, symptoms: ['cough'] });

      expect(response.statusCode).toBe(201);
      expect(response.json().abnormal).toBe(true);
      const [row] = await declarationsOf(personId);
      const sourceKey = `declaration:${row?.id}:1`;
      const task = await h.t.ctx.db.selectFrom('tasks').selectAll().where('source_key', '=', sourceKey).executeTakeFirstOrThrow();
      expect(task).toMatchObject({
        kind: 'abnormal_declaration',
        assignee_role: 'doctor',
        node_code: COMMUNITY_A,
        person_id: personId,
        status: 'open',
        due_at: new Date(Date.parse(chinaTime('14:30:00')) + 2 * 3_600_000).toISOString(),
      });
      const alert = await h.t.ctx.db.selectFrom('alerts').selectAll().where('source_key', '=', sourceKey).executeTakeFirstOrThrow();
      expect(alert).toMatchObject({
        kind: 'abnormal_declaration',
        severity: 'warning',
        node_code: COMMUNITY_A,
        task_id: task.id,
        status: 'new',
      });
      expect(JSON.parse(alert.details)).toEqual({
        declarationId: row?.id,
        windowKey: `${TODAY}/2`,
        temperatureTenths: 373,
        symptoms: ['cough'],
      });
      expect(alert.details).not.toContain('申报测试');
      expect(announced).toEqual([{ alertId: alert.id, nodeCode: COMMUNITY_A }]);
    });

    it('fever of 38.5 is critical', async () => {
      const personId = await h.registerPerson();
      h.setClock(chinaTime('15:00:00'));
      const { token } = await h.sendLink(personId);

      await declare(token, { temperature: 38.5, symptoms: ['fever'] });

      const alert = await h.t.ctx.db.selectFrom('alerts').select('severity').where('person_id', '=', personId).executeTakeFirstOrThrow();
      expect(alert.severity).toBe('critical');
    });

    it('normal declaration raises nothing', async () => {
      const personId = await h.registerPerson();
      h.setClock(chinaTime('15:00:00'));
      const { token } = await h.sendLink(personId);

      const response = await declare(token, { temperature: 37.2, symptoms: ['none'] });

      expect(response.json().abnormal).toBe(false);
      expect(await h.t.ctx.db.selectFrom('tasks').select('id').where('person_id', '=', personId).execute()).toHaveLength(0);
    });

    it('abnormal edit raises one task per version', async () => {
      const personId = await h.registerPerson();
      h.setClock(chinaTime('15:00:00'));
      const { token } = await h.sendLink(personId);

      await declare(token, { temperature: 37.5, symptoms: ['none'] });
      await declare(token, { temperature: 37.5, symptoms: ['none'] });
      await declare(token, { temperature: 36.5, symptoms: ['none'] });
      await declare(token, { temperature: 38.0, symptoms: ['none'] });

      const tasks = await h.t.ctx.db
        .selectFrom('tasks')
        .select('source_key')
        .where('person_id', '=', personId)
        .orderBy('source_key')
        .execute();
      const [row] = await declarationsOf(personId);
      expect(tasks.map((task) => task.source_key)).toEqual([`declaration:${row?.id}:1`, `declaration:${row?.id}:3`]);
      expect(row?.abnormal).toBe(1);
    });

    it('parallel first declarations store one row', async () => {
      const personId = await h.registerPerson();
      h.setClock(chinaTime('15:00:00'));
      const { token } = await h.sendLink(personId);

      const responses = await Promise.all(Array.from({ length: 5 }, () => declare(token, { temperature: 37.5, symptoms: ['none'] })));

      expect(responses.map((response) => response.statusCode).sort()).toEqual([200, 200, 200, 200, 201]);
      expect(await declarationsOf(personId)).toMatchObject([{ revision: 1 }]);
      expect(await h.t.ctx.db.selectFrom('tasks').select('id').where('person_id', '=', personId).execute()).toHaveLength(1);
    });

    it('merged file declares for its target', async () => {
      const source = await h.registerPerson();
      const target = await h.registerPerson();
      h.setClock(chinaTime('15:00:00'));
      const { token } = await h.sendLink(source);
      await h.t.ctx.db
        .updateTable('persons')
        .set({ merged_into_id: target, merged_at: new Date().toISOString() })
        .where('id', '=', source)
        .execute();

      const response = await declare(token, { temperature: 36.6, symptoms: ['none'] });

      expect(response.statusCode).toBe(201);
      expect(await declarationsOf(source)).toHaveLength(0);
      expect(await declarationsOf(target)).toHaveLength(1);
    });

    it('emoji location is kept', async () => {
      const personId = await h.registerPerson();
      h.setClock(chinaTime('15:00:00'));
      const { token } = await h.sendLink(personId);
      const location = '🏠 家里 👨‍👩‍👧';

      const response = await declare(token, { temperature: 36.6, symptoms: ['none'], location: `\u200b ${location}\u0000\n` });

      expect(response.statusCode).toBe(201);
      expect(response.json().declaration.location).toBe(location);
    });

    it('typed temperature text is accepted', async () => {
      const personId = await h.registerPerson();
      h.setClock(chinaTime('15:00:00'));
      const { token } = await h.sendLink(personId);

      const response = await declare(token, { temperature: '３６．７', symptoms: ['none'] });

      expect(response.statusCode).toBe(201);
      expect(response.json().declaration.temperature).toBe(36.7);
    });
  });

  describe('hostile input', () => {
    let personId: string;
    let token: string;

    beforeAll(async () => {
      personId = await h.registerPerson();
      h.setClock(chinaTime('15:00:00'));
      ({ token } = await h.sendLink(personId));
    });

    it.each([
      ['42.05', { temperature: 42.05 }, 'DECLARATION_TEMPERATURE_OUT_OF_RANGE', 'temperature'],
      ['negative', { temperature: -36.6 }, 'DECLARATION_TEMPERATURE_OUT_OF_RANGE', 'temperature'],
      ['zero', { temperature: 0 }, 'DECLARATION_TEMPERATURE_OUT_OF_RANGE', 'temperature'],
      ['37.3°C', { temperature: '37.3°C' }, 'DECLARATION_TEMPERATURE_INVALID', 'temperature'],
      ['NaN text', { temperature: 'NaN' }, 'DECLARATION_TEMPERATURE_INVALID', 'temperature'],
      ['comma decimal', { temperature: '36,6' }, 'DECLARATION_TEMPERATURE_INVALID', 'temperature'],
      ['boolean', { temperature: true }, 'FIELD_TYPE_INVALID', 'temperature'],
      ['null', { temperature: null }, 'FIELD_TYPE_INVALID', 'temperature'],
      ['array', { temperature: [36.6] }, 'FIELD_TYPE_INVALID', 'temperature'],
      ['huge text', { temperature: '3'.repeat(100_000) }, 'DECLARATION_TEMPERATURE_INVALID', 'temperature'],
      ['missing', { temperature: undefined }, 'FIELD_REQUIRED', 'temperature'],
      ['1000 symptoms', { symptoms: Array.from({ length: 1000 }, () => 'fever') }, 'DECLARATION_SYMPTOM_DUPLICATE', 'symptoms'],
      ['duplicate symptoms', { symptoms: ['cough', 'cough'] }, 'DECLARATION_SYMPTOM_DUPLICATE', 'symptoms'],
      ['none with fever', { symptoms: ['none', 'fever'] }, 'DECLARATION_SYMPTOMS_CONFLICT', 'symptoms'],
      ['no symptoms', { symptoms: [] }, 'DECLARATION_SYMPTOMS_REQUIRED', 'symptoms'],
      ['unknown symptom', { symptoms: ['headache'] }, 'DECLARATION_SYMPTOM_UNKNOWN', 'symptoms'],
      ['symptom object', { symptoms: [{ code: 'fever' }] }, 'DECLARATION_SYMPTOM_UNKNOWN', 'symptoms'],
      ['symptoms as text', { symptoms: 'fever' }, 'FIELD_TYPE_INVALID', 'symptoms'],
      ['long location', { location: 'x'.repeat(101) }, 'FIELD_TOO_LONG', 'location'],
      ['huge location', { location: '街'.repeat(1_000_000) }, 'BODY_TOO_LARGE', undefined],
      ['location number', { location: 5 }, 'FIELD_TYPE_INVALID', 'location'],
      ['unknown personIndex', { personIndex: 3 }, 'DECLARATION_PERSON_INDEX_INVALID', 'personIndex'],
      ['negative personIndex', { personIndex: -1 }, 'FIELD_OUT_OF_RANGE', 'personIndex'],
      ['personIndex text', { personIndex: '0' }, 'FIELD_TYPE_INVALID', 'personIndex'],
    ])('%s is rejected', async (_case, overrides, code, field) => {
      const response = await declare(token, { temperature: 36.6, symptoms: ['none'], ...overrides });

      expect(response.json().error).toMatchObject({ code, ...(field ? { field } : {}) });
      expect(response.statusCode).toBeGreaterThanOrEqual(400);
      expect(response.statusCode).toBeLessThan(500);
    });

    it('1e400 in JSON is out of range', async () => {
      const response = await h.t.app.inject({
        method: 'POST',
        url: `/api/public/declare/${token}`,
        headers: { 'content-type': 'application/json' },
        payload: '{"temperature": 1e400, "symptoms": ["none"]}',
      });

      expect(response.json().error).toMatchObject({ code: 'DECLARATION_TEMPERATURE_OUT_OF_RANGE', field: 'temperature' });
    });

    it('comma decimal message names the value', async () => {
      const response = await declare(token, { temperature: '36,6', symptoms: ['none'] });

      expect(response.json().error.message).toContain('"36,6"');
    });

    it('range message names the range in Japanese', async () => {
      const response = await declare(token, { temperature: 42.05, symptoms: ['none'] }, 'ja');

      expect(response.json().error.message).toBe('体温は35.0〜42.0 °Cの範囲で、小数点以下1桁までにしてください');
    });

    it.each([
      ['array body', [36.6]],
      ['text body', 'temperature=36.6'],
    ])('%s is rejected', async (_case, payload) => {
      const response = await declare(token, payload);

      expect(response.statusCode).toBeGreaterThanOrEqual(400);
      expect(response.statusCode).toBeLessThan(500);
    });

    it('nothing was stored', async () => {
      expect(await declarationsOf(personId)).toHaveLength(0);
    });
  });

  describe('one-time codes', () => {
    let address = 0;
    /** Each test sends from its own client address, so the per-address limit does not interfere. */
    const from = () => `10.0.0.${++address}`;
    const sendCode = (phone: string, remoteAddress: string, locale = 'en') =>
      request(h.t.app, null, { method: 'POST', url: '/api/public/declare/code', payload: { phone }, locale, remoteAddress });
    const verify = (phone: string, code: string, remoteAddress: string) =>
      request(h.t.app, null, {
        method: 'POST',
        url: '/api/public/declare/code/verify',
        payload: { phone, code },
        locale: 'en',
        remoteAddress,
      });
    const lastCode = () => h.sms[h.sms.length - 1]?.params.code as string;
    const wrongCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

    it('known and unknown phones get the same answer', async () => {
      await h.registerPerson({ phone: '13900000001' });
      h.setClock(chinaTime('08:00:00'));
      const before = h.sms.length;

      const known = await sendCode('13900000001', from());
      const unknown = await sendCode('13900000002', from());

      expect(known.statusCode).toBe(202);
      expect(unknown.statusCode).toBe(202);
      expect(known.json()).toEqual({ resendAfterSeconds: 60, expiresInMinutes: 10 });
      expect(unknown.json()).toEqual(known.json());
      expect(h.sms.slice(before)).toEqual([
        {
          phone: '13900000001',
          template: 'declaration_code',
          params: { code: expect.stringMatching(/^\d{6}$/), minutes: '10' },
          locale: 'en',
          nodeCode: COMMUNITY_A,
        },
      ]);
    });

    it('resend within 60 seconds is limited for every phone', async () => {
      await h.registerPerson({ phone: '13900000003' });
      h.setClock(chinaTime('08:00:00'));
      await sendCode('13900000003', from());
      await sendCode('13900000004', from());

      h.setClock(chinaTime('08:00:59'));
      const known = await sendCode('13900000003', from());
      const unknown = await sendCode('13900000004', from());
      h.setClock(chinaTime('08:01:00'));
      const later = await sendCode('13900000003', from());

      expect(known.statusCode).toBe(429);
      expect(known.json().error).toMatchObject({ code: 'RATE_LIMITED', field: 'phone' });
      expect(known.json().error.message).toContain('1 seconds');
      expect(unknown.statusCode).toBe(429);
      expect(later.statusCode).toBe(202);
    });

    it('six codes an hour are too many', async () => {
      const start = Date.parse(chinaTime('11:00:00'));
      const statuses: number[] = [];
      for (let round = 0; round < 6; round++) {
        h.setClock(new Date(start + round * 61_000).toISOString());
        statuses.push((await sendCode('13900000005', from())).statusCode);
      }
      h.setClock(new Date(start + 3_600_000).toISOString());
      const nextHour = await sendCode('13900000005', from());

      expect(statuses).toEqual([202, 202, 202, 202, 202, 429]);
      expect(nextHour.statusCode).toBe(202);
    });

    it('one address is limited across phones', async () => {
      h.setClock(chinaTime('12:00:00'));
      const address = '10.1.0.1';
      const statuses: number[] = [];
      for (let round = 0; round < 11; round++)
        statuses.push((await sendCode(`1370000${String(round).padStart(4, '0')}`, address)).statusCode);

      expect(statuses.slice(0, 10).every((status) => status === 202)).toBe(true);
      expect(statuses[10]).toBe(429);
    });

    it.each([
      ['letters', 'abc', 'PHONE_FORMAT_INVALID'],
      ['landline', '0512-65223456', 'DECLARATION_PHONE_NOT_MOBILE'],
      ['foreign', '+1 202 555 0100', 'PHONE_COUNTRY_UNSUPPORTED'],
    ])('%s phone is rejected', async (_case, phone, code) => {
      const response = await sendCode(phone, from());

      expect(response.statusCode).toBe(400);
      expect(response.json().error).toMatchObject({ code, field: 'phone' });
    });

    it('full-width phone and code are accepted', async () => {
      const personId = await h.registerPerson({ phone: '13900000006', name: '李四' });
      h.setClock(chinaTime('08:00:00'));
      await sendCode(toFullWidth('139 0000 0006'), from());

      const response = await verify('+86 139-0000-0006', toFullWidth(lastCode()), from());

      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({
        token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
        expiresAt: new Date(Date.parse(chinaTime('10:00:00'))).toISOString(),
      });
      const links = await h.t.ctx.db
        .selectFrom('declaration_links')
        .select(['channel', 'created_by'])
        .where('person_id', '=', personId)
        .execute();
      expect(links).toEqual([{ channel: 'code', created_by: null }]);
    });

    it('verified code opens a session to declare', async () => {
      const personId = await h.registerPerson({ phone: '13900000007' });
      h.setClock(chinaTime('08:00:00'));
      await sendCode('13900000007', from());
      const code = lastCode();
      const { token } = (await verify('13900000007', code, from())).json();

      const declared = await declare(token, { temperature: 36.6, symptoms: ['none'] });
      const replay = await verify('13900000007', code, from());

      expect(declared.statusCode).toBe(201);
      expect(await declarationsOf(personId)).toHaveLength(1);
      expect(replay.statusCode).toBe(400);
      expect(replay.json().error).toMatchObject({ code: 'DECLARATION_CODE_INVALID', field: 'code' });
    });

    it('session expires after two hours', async () => {
      await h.registerPerson({ phone: '13900000008' });
      h.setClock(chinaTime('08:00:00'));
      await sendCode('13900000008', from());
      const { token } = (await verify('13900000008', lastCode(), from())).json();

      h.setClock(chinaTime('09:59:59'));
      const before = await getLink(token);
      h.setClock(chinaTime('10:00:00'));
      const after = await getLink(token);

      expect(before.statusCode).toBe(200);
      expect(after.statusCode).toBe(401);
    });

    it('five wrong codes burn the code', async () => {
      await h.registerPerson({ phone: '13900000009' });
      h.setClock(chinaTime('08:00:00'));
      await sendCode('13900000009', from());
      const code = lastCode();

      const wrong: number[] = [];
      for (let attempt = 0; attempt < 5; attempt++) wrong.push((await verify('13900000009', wrongCode(code), from())).statusCode);
      const right = await verify('13900000009', code, from());

      expect(wrong).toEqual([400, 400, 400, 400, 400]);
      expect(right.statusCode).toBe(400);
      expect(right.json().error.code).toBe('DECLARATION_CODE_INVALID');
    });

    it('four wrong codes leave the code usable', async () => {
      await h.registerPerson({ phone: '13900000010' });
      h.setClock(chinaTime('08:00:00'));
      await sendCode('13900000010', from());
      const code = lastCode();
      for (let attempt = 0; attempt < 4; attempt++) await verify('13900000010', wrongCode(code), from());

      expect((await verify('13900000010', code, from())).statusCode).toBe(200);
    });

    it('code expires after ten minutes', async () => {
      await h.registerPerson({ phone: '13900000011' });
      h.setClock(chinaTime('08:00:00'));
      await sendCode('13900000011', from());

      h.setClock(chinaTime('08:10:00'));
      const response = await verify('13900000011', lastCode(), from());

      expect(response.statusCode).toBe(400);
    });

    it('a newer code replaces the older one', async () => {
      await h.registerPerson({ phone: '13900000012' });
      h.setClock(chinaTime('08:00:00'));
      await sendCode('13900000012', from());
      const first = lastCode();
      h.setClock(chinaTime('08:01:00'));
      await sendCode('13900000012', from());
      const second = lastCode();

      const old = first === second ? 400 : (await verify('13900000012', first, from())).statusCode;
      const current = await verify('13900000012', second, from());

      expect(old).toBe(400);
      expect(current.statusCode).toBe(200);
    });

    it.each([
      ['letters', 'abcdef'],
      ['five digits', '12345'],
      ['seven digits', '1234567'],
    ])('malformed code %s is invalid', async (_case, code) => {
      const response = await verify('13900000013', code, from());

      expect(response.statusCode).toBe(400);
      expect(response.json().error).toMatchObject({ code: 'DECLARATION_CODE_INVALID', field: 'code' });
    });

    it.each([
      ['code', { phone: 13800138000 }, 'FIELD_TYPE_INVALID', 'phone'],
      ['code', { phone: '1'.repeat(41) }, 'FIELD_TOO_LONG', 'phone'],
      ['code', {}, 'FIELD_REQUIRED', 'phone'],
      ['code/verify', { phone: '13800138000', code: 123456 }, 'FIELD_TYPE_INVALID', 'code'],
      ['code/verify', { phone: '13800138000' }, 'FIELD_REQUIRED', 'code'],
      ['code/verify', { phone: '13800138000', code: '1'.repeat(21) }, 'FIELD_TOO_LONG', 'code'],
    ])('%s body %j is rejected', async (path, payload, code, field) => {
      const response = await request(h.t.app, null, {
        method: 'POST',
        url: `/api/public/declare/${path}`,
        payload,
        locale: 'en',
        remoteAddress: from(),
      });

      expect(response.statusCode).toBe(400);
      expect(response.json().error).toMatchObject({ code, field });
    });

    it('unknown phone never verifies', async () => {
      h.setClock(chinaTime('08:00:00'));
      await sendCode('13900000014', from());

      const response = await verify('13900000014', '000000', from());

      expect(response.statusCode).toBe(400);
    });

    it('family shares one phone', async () => {
      const first = await h.registerPerson({ phone: '13900000015', name: '王大明' });
      const second = await h.registerPerson({ phone: '13900000015', name: '王小红' });
      h.setClock(chinaTime('08:00:00'));
      await sendCode('13900000015', from());
      const verified = (await verify('13900000015', lastCode(), from())).json();

      const withoutIndex = await declare(verified.token, { temperature: 36.6, symptoms: ['none'] });
      const forSecond = await declare(verified.token, { temperature: 36.7, symptoms: ['none'], personIndex: 1 });
      const stateOfSecond = (await getLink(verified.token, '?personIndex=1')).json();
      const outOfRange = await declare(verified.token, { temperature: 36.7, symptoms: ['none'], personIndex: 2 });

      expect(verified.persons).toEqual([
        { index: 0, maskedName: '王**' },
        { index: 1, maskedName: '王**' },
      ]);
      expect(withoutIndex.statusCode).toBe(400);
      expect(withoutIndex.json().error).toMatchObject({ code: 'DECLARATION_PERSON_INDEX_REQUIRED', field: 'personIndex' });
      expect(forSecond.statusCode).toBe(201);
      expect(stateOfSecond.declaration).toMatchObject({ temperature: 36.7 });
      expect(outOfRange.json().error.code).toBe('DECLARATION_PERSON_INDEX_INVALID');
      expect(await declarationsOf(first)).toHaveLength(0);
      expect(await declarationsOf(second)).toHaveLength(1);
    });

    it('token of one person cannot declare for another', async () => {
      const owner = await h.registerPerson({ phone: '13900000016' });
      const other = await h.registerPerson({ phone: '13900000017' });
      h.setClock(chinaTime('08:00:00'));
      const { token } = await h.sendLink(owner);

      const response = await declare(token, { temperature: 36.6, symptoms: ['none'], personIndex: 1 });

      expect(response.statusCode).toBe(400);
      expect(await declarationsOf(other)).toHaveLength(0);
      expect(await declarationsOf(owner)).toHaveLength(0);
    });
  });
});

describeEachDatabase('declaration links', (kind) => {
  let h: DeclarationTestApp;
  let personA: string;
  let personB: string;

  const create = (session: Session | null, payload: unknown) =>
    request(h.t.app, session, { method: 'POST', url: '/api/declarations/links', payload: payload as object, locale: 'en' });
  const list = (session: Session | null, personId: string) =>
    request(h.t.app, session, { method: 'GET', url: `/api/declarations/links?personId=${personId}`, locale: 'en' });
  const revoke = (session: Session | null, id: string) =>
    request(h.t.app, session, { method: 'DELETE', url: `/api/declarations/links/${id}`, locale: 'en' });

  beforeAll(async () => {
    h = await createDeclarationTestApp(kind);
    personA = await h.registerPerson({ phone: '13700000001', name: '赵六', preferredLanguage: 'ko' });
    personB = await h.registerPerson({ phone: '13700000002', communityCode: COMMUNITY_B }, h.staffB);
    h.setClock(chinaTime('08:00:00'));
  });

  afterAll(async () => {
    await h.t.close();
  });

  it('sends a link by SMS', async () => {
    const before = h.sms.length;

    const response = await create(h.staffA, { personId: personA });

    expect(response.statusCode).toBe(201);
    expect(response.json()).toEqual({
      id: expect.any(String),
      personId: personA,
      channel: 'sms_link',
      createdBy: h.staffA.userId,
      createdAt: new Date(chinaTime('08:00:00')).toISOString(),
      expiresAt: new Date(Date.parse(chinaTime('08:00:00')) + 14 * 86_400_000).toISOString(),
      revokedAt: null,
      lastUsedAt: null,
    });
    const message = h.sms[before];
    expect(h.sms).toHaveLength(before + 1);
    expect(message).toMatchObject({
      phone: '13700000001',
      template: 'declaration_link',
      locale: 'ko',
      nodeCode: COMMUNITY_A,
      params: { name: '赵六' },
    });
    const token = message?.params.url?.split('/d/')[1] ?? '';
    expect(message?.params.url).toMatch(/^http:\/\/[^/]+\/d\/[A-Za-z0-9_-]{43}$/);
    const row = await h.t.ctx.db.selectFrom('declaration_links').selectAll().where('id', '=', response.json().id).executeTakeFirstOrThrow();
    expect(row.token_hash).not.toContain(token);
    expect(JSON.stringify(response.json())).not.toContain(token);
    const audit = await h.t.ctx.db.selectFrom('audit_log').select(['action', 'actor_user_id']).where('entity_id', '=', row.id).execute();
    expect(audit).toEqual([{ action: 'declaration_link.create', actor_user_id: h.staffA.userId }]);
  });

  it('two links have different tokens', async () => {
    await h.sendLink(personA);
    await h.sendLink(personA);

    const [first, second] = h.sms.slice(-2).map((message) => message.params.url);
    expect(first).not.toBe(second);
  });

  it('expiry follows the setting', async () => {
    const put = await request(h.t.app, h.admin, {
      method: 'PUT',
      url: '/api/declarations/settings',
      payload: { linkDays: 3 },
      locale: 'en',
    });
    const response = await create(h.staffA, { personId: personA });
    await request(h.t.app, h.admin, { method: 'PUT', url: '/api/declarations/settings', payload: { linkDays: 14 }, locale: 'en' });

    expect(put.statusCode).toBe(200);
    expect(response.json().expiresAt).toBe(new Date(Date.parse(chinaTime('08:00:00')) + 3 * 86_400_000).toISOString());
  });

  it('other community gets 404', async () => {
    const response = await create(h.staffA, { personId: personB });

    expect(response.statusCode).toBe(404);
    expect(response.json().error).toMatchObject({ code: 'PERSON_NOT_FOUND', field: 'personId' });
  });

  it('person without phone gets 400', async () => {
    const personId = await h.registerPerson({ phone: undefined });

    const response = await create(h.staffA, { personId });

    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ code: 'DECLARATION_PHONE_MISSING', field: 'phone' });
    expect(response.json().error.message).toContain('Phone number');
  });

  it('landline cannot receive a link', async () => {
    const personId = await h.registerPerson({ phone: '0512-65223456' });

    const response = await create(h.staffA, { personId });

    expect(response.json().error).toMatchObject({ code: 'DECLARATION_PHONE_NOT_MOBILE', field: 'phone' });
  });

  it('caller must be signed in', async () => {
    expect((await create(null, { personId: personA })).statusCode).toBe(401);
    expect((await list(null, personA)).statusCode).toBe(401);
  });

  it('gate guard is forbidden', async () => {
    const guard = (await createStaff(h.t.app, h.t.ctx, 'gate_guard', COMMUNITY_A)).session;

    expect((await create(guard, { personId: personA })).statusCode).toBe(403);
  });

  it.each(['doctor', 'grid_worker', 'subdistrict_staff'] as const)('%s may send links', async (role) => {
    const node = role === 'subdistrict_staff' ? SUBDISTRICT_A : COMMUNITY_A;
    const staff = (await createStaff(h.t.app, h.t.ctx, role, node)).session;

    expect((await create(staff, { personId: personA })).statusCode).toBe(201);
  });

  it.each([
    [{ personId: 'x' }, 'FIELD_FORMAT_INVALID'],
    [{}, 'FIELD_REQUIRED'],
    [{ personId: 5 }, 'FIELD_TYPE_INVALID'],
  ])('bad body %j is rejected', async (payload, code) => {
    const response = await create(h.staffA, payload);

    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe(code);
  });

  it('lists links without tokens', async () => {
    const response = await list(h.staffA, personA);

    expect(response.statusCode).toBe(200);
    const items = response.json().items as Array<Record<string, unknown>>;
    expect(items.length).toBeGreaterThan(0);
    for (const item of items)
      expect(Object.keys(item).sort()).toEqual([
        'channel',
        'createdAt',
        'createdBy',
        'expiresAt',
        'id',
        'lastUsedAt',
        'personId',
        'revokedAt',
      ]);
  });

  it('other community cannot list', async () => {
    const response = await list(h.staffB, personA);

    expect(response.statusCode).toBe(404);
  });

  it('revokes once, then 409', async () => {
    const { linkId } = await h.sendLink(personA);

    const first = await revoke(h.staffA, linkId);
    const second = await revoke(h.staffA, linkId);

    expect(first.statusCode).toBe(200);
    expect(first.json().revokedAt).toBe(new Date(chinaTime('08:00:00')).toISOString());
    expect(second.statusCode).toBe(409);
    expect(second.json().error.code).toBe('DECLARATION_LINK_ALREADY_REVOKED');
    const audit = await h.t.ctx.db.selectFrom('audit_log').select('action').where('entity_id', '=', linkId).orderBy('seq').execute();
    expect(audit.map((entry) => entry.action)).toEqual(['declaration_link.create', 'declaration_link.revoke']);
  });

  it('other community cannot revoke', async () => {
    const { linkId, token } = await h.sendLink(personA);

    const response = await revoke(h.staffB, linkId);

    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('DECLARATION_LINK_NOT_FOUND');
    const state = await request(h.t.app, null, { method: 'GET', url: `/api/public/declare/link/${token}` });
    expect(state.statusCode).toBe(200);
  });
});
