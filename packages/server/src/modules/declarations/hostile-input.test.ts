import { addCalendarDays } from '@cordon/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMUNITY_A, TODAY, chinaTime, createFollowUpFixture, type FollowUpFixture } from '../../testing/declaration-follow-up.js';
import { createStaff } from '../../testing/fixtures.js';
import { describeEachDatabase, request, type Session } from '../../testing/harness.js';

/**
 * Bad and hostile input to the declaration endpoints: each case must get a
 * 4xx whose message names the field in the request's language, and must
 * leave nothing half-written.
 */
describeEachDatabase('declaration hostile input', (kind) => {
  let f: FollowUpFixture;
  let admin: Session;
  let personId: string;
  let token: string;

  const declare = (payload: unknown, locale = 'en') =>
    request(f.t.app, null, { method: 'POST', url: `/api/public/declare/${token}`, payload: payload as object, locale });
  const rawDeclare = (body: string) =>
    f.t.app.inject({
      method: 'POST',
      url: `/api/public/declare/${token}`,
      headers: { 'content-type': 'application/json', 'accept-language': 'en' },
      payload: body,
    });
  const declarationsOf = (id: string) => f.t.ctx.db.selectFrom('declarations').selectAll().where('person_id', '=', id).execute();
  const clearDeclarations = (id: string) => f.t.ctx.db.deleteFrom('declarations').where('person_id', '=', id).execute();

  beforeAll(async () => {
    f = await createFollowUpFixture(kind);
    admin = (await createStaff(f.t.app, f.t.ctx, 'admin', 'CN')).session;
    personId = await f.addPerson({ communityCode: COMMUNITY_A, gridCode: f.gridA1 });
    f.setClock(chinaTime('08:30:00'));
    const link = await f.post(f.staffA, '/api/declarations/links', { personId });
    if (link.statusCode !== 201) throw new Error(`link creation failed with ${link.statusCode}: ${link.body}`);
    const url = f.sms[f.sms.length - 1]?.params.url ?? '';
    token = url.slice(url.lastIndexOf('/') + 1);
  });
  afterAll(async () => f.t.close());

  describe('public declaration body', () => {
    it.each([
      ['number', 1, '"1"'],
      ['null', null, '"null"'],
      ['object', { code: 'fever' }, '"{…}"'],
      ['array', ['fever'], '"[…]"'],
    ])('symptom item of type %s names symptoms', async (_type, item, shown) => {
      const response = await declare({ temperature: 36.6, symptoms: [item] });

      expect(response.statusCode).toBe(400);
      expect(response.json().error).toMatchObject({ code: 'DECLARATION_SYMPTOM_UNKNOWN', field: 'symptoms' });
      expect(response.json().error.message).toContain(shown);
      expect(response.json().error.message).not.toContain('symptoms.0');
    });

    it('deeply nested symptom item', async () => {
      const depth = 200_000;
      const body = `{"temperature":36.6,"symptoms":[${'['.repeat(depth)}${']'.repeat(depth)}]}`;

      const response = await rawDeclare(body);

      // The body parser rejects the nesting before the symptoms are read.
      expect(response.statusCode).toBe(400);
      expect(response.json().error.code).toBe('BODY_TOO_DEEP');
    });

    it('symptom item message in Japanese', async () => {
      const response = await declare({ temperature: 36.6, symptoms: [7] }, 'ja');

      expect(response.json().error.message).toMatch(/^症状/);
    });

    it('ten thousand symptoms', async () => {
      const response = await declare({ temperature: 36.6, symptoms: Array.from({ length: 10_000 }, () => 'cough') });

      expect(response.statusCode).toBe(400);
      expect(response.json().error).toMatchObject({ code: 'DECLARATION_SYMPTOM_DUPLICATE', field: 'symptoms' });
      expect(response.json().error.message).not.toContain('characters');
    });

    it('nine distinct-looking symptoms', async () => {
      const symptoms = [
        'fever',
        'cough',
        'sore_throat',
        'fatigue',
        'shortness_of_breath',
        'diarrhoea',
        'loss_of_smell_or_taste',
        'none',
        'none',
      ];
      const response = await declare({ temperature: 36.6, symptoms });

      expect(response.json().error).toMatchObject({ code: 'DECLARATION_SYMPTOM_DUPLICATE', field: 'symptoms' });
    });

    it('temperature text of 21 characters', async () => {
      const response = await declare({ temperature: '36.6 degrees celsius!', symptoms: ['none'] });

      expect(response.statusCode).toBe(400);
      expect(response.json().error).toMatchObject({ code: 'DECLARATION_TEMPERATURE_INVALID', field: 'temperature' });
      expect(response.json().error.message).toContain('"36.6 degrees celsius"');
    });

    it('rejected bodies write nothing', async () => {
      await clearDeclarations(personId);
      const auditBefore = await f.t.ctx.db.selectFrom('audit_log').select('seq').where('action', 'like', 'declaration.%').execute();

      for (const body of [
        { temperature: '\u0000', symptoms: ['none'] },
        { temperature: 36.6, symptoms: ['none', '\ud800'] },
        { temperature: 36.6, symptoms: ['none'], location: 'x'.repeat(101) },
        { temperature: 1e308, symptoms: ['fever'] },
      ]) {
        const response = await declare(body);
        expect(response.statusCode).toBe(400);
      }

      expect(await declarationsOf(personId)).toEqual([]);
      const auditAfter = await f.t.ctx.db.selectFrom('audit_log').select('seq').where('action', 'like', 'declaration.%').execute();
      expect(auditAfter).toHaveLength(auditBefore.length);
    });

    it.each([
      ['right-to-left mark', '\u200f36.6'],
      ['zero-width space and BOM', '\u200b３６．６\ufeff'],
    ])('temperature with %s is stored', async (_case, temperature) => {
      await clearDeclarations(personId);

      const response = await declare({ temperature, symptoms: ['none'] });

      expect(response.statusCode).toBe(201);
      expect(response.json().declaration.temperature).toBe(36.6);
    });

    it('lone surrogates leave the location', async () => {
      await clearDeclarations(personId);

      const response = await rawDeclare('{"temperature":36.6,"symptoms":["none"],"location":"\\ud800街道\\udc00 1号"}');

      expect(response.statusCode).toBe(201);
      expect(response.json().declaration.location).toBe('街道 1号');
      const [row] = await declarationsOf(personId);
      expect(row?.location).toBe('街道 1号');
    });

    it('location of lone surrogates only is null', async () => {
      await clearDeclarations(personId);

      const response = await rawDeclare('{"temperature":36.6,"symptoms":["none"],"location":"\\udfff"}');

      expect(response.statusCode).toBe(201);
      expect(response.json().declaration.location).toBeNull();
    });
  });

  describe('edit limit', () => {
    it('twenty edits, then 409', async () => {
      await clearDeclarations(personId);
      await declare({ temperature: 37.3, symptoms: ['none'] });

      for (let edit = 1; edit <= 20; edit++) {
        const response = await declare({ temperature: edit % 2 === 1 ? 37.4 : 37.3, symptoms: ['none'] });
        expect(response.statusCode).toBe(200);
      }
      const rejected = await declare({ temperature: 38.9, symptoms: ['cough'] });

      expect(rejected.statusCode).toBe(409);
      expect(rejected.json().error).toMatchObject({ code: 'DECLARATION_EDIT_LIMIT', field: 'window' });
      expect(rejected.json().error.message).toContain('20 times');
      const [row] = await declarationsOf(personId);
      expect(row?.revision).toBe(21);
      expect(row?.temperature_tenths).toBe(373);
    });

    it('tasks stop at the edit limit', async () => {
      const [row] = await declarationsOf(personId);
      const tasks = await f.t.ctx.db.selectFrom('tasks').select('id').where('source_key', 'like', `declaration:${row?.id}:%`).execute();

      expect(tasks).toHaveLength(21);
    });

    it('unchanged resubmission passes the limit', async () => {
      const response = await declare({ temperature: 37.3, symptoms: ['none'] });

      expect(response.statusCode).toBe(200);
    });
  });

  describe('races', () => {
    it('parallel first declarations store one row', async () => {
      await clearDeclarations(personId);

      const responses = await Promise.all(
        Array.from({ length: 8 }, (_, index) => declare({ temperature: 36 + index / 10, symptoms: ['none'] })),
      );

      const statuses = responses.map((response) => response.statusCode).sort();
      expect(statuses.filter((status) => status === 201)).toHaveLength(1);
      expect(statuses.filter((status) => status === 200)).toHaveLength(7);
      const rows = await declarationsOf(personId);
      expect(rows).toHaveLength(1);
    });

    it('parallel edits all succeed', async () => {
      await clearDeclarations(personId);
      await declare({ temperature: 36.5, symptoms: ['none'] });

      const responses = await Promise.all(
        Array.from({ length: 12 }, (_, index) => declare({ temperature: 35 + index / 10, symptoms: ['none'] })),
      );

      expect(responses.map((response) => response.statusCode)).toEqual(Array.from({ length: 12 }, () => 200));
      const [row] = await declarationsOf(personId);
      expect(row?.revision).toBe(13);
    });

    it('parallel reminders send one message', async () => {
      f.setClock(chinaTime('08:30:00'));
      const remindMe = await f.addPerson({ communityCode: COMMUNITY_A, gridCode: f.gridA1 });
      const sentBefore = f.sms.length;

      const responses = await Promise.all(
        Array.from({ length: 4 }, () => f.post(f.staffA, '/api/declarations/reminders', { personIds: [remindMe] })),
      );

      expect(responses.map((response) => response.statusCode)).toEqual([200, 200, 200, 200]);
      expect(responses.reduce((sum, response) => sum + (response.json().sent as number), 0)).toBe(1);
      expect(f.sms.length - sentBefore).toBe(1);
    });

    it('parallel right codes open one session', async () => {
      const phone = '13700137000';
      await f.addPerson({ communityCode: COMMUNITY_A, phone });
      const sent = await request(f.t.app, null, { method: 'POST', url: '/api/public/declare/code', payload: { phone }, locale: 'en' });
      expect(sent.statusCode).toBe(202);
      const code = f.sms[f.sms.length - 1]?.params.code ?? '';

      const responses = await Promise.all(
        Array.from({ length: 6 }, () =>
          request(f.t.app, null, { method: 'POST', url: '/api/public/declare/code/verify', payload: { phone, code }, locale: 'en' }),
        ),
      );

      const statuses = responses.map((response) => response.statusCode).sort();
      expect(statuses).toEqual([200, 400, 400, 400, 400, 400]);
    });
  });

  describe('follow-up window key', () => {
    it.each([
      ['impossible day', '2026-02-30/1'],
      ['number beyond the windows', `${TODAY}/3`],
      ['year zero', '0000-00-00/1'],
      ['word', 'today'],
      ['right-to-left mark', '\u200f2026-12-05/1'],
    ])('%s is named', async (_case, key) => {
      const response = await f.get(f.staffA, `/api/declarations/follow-up?window=${encodeURIComponent(key)}`);

      expect(response.statusCode).toBe(400);
      expect(response.json().error).toMatchObject({ code: 'DECLARATION_WINDOW_KEY_INVALID', field: 'window' });
      expect(response.json().error.message).toContain(`"${key}"`);
      expect(response.json().error.message).toContain('from 1 to 2');
    });

    it('person list names the key too', async () => {
      const response = await f.get(f.staffA, `/api/declarations/follow-up/persons?window=${TODAY}/9`);

      expect(response.json().error).toMatchObject({ code: 'DECLARATION_WINDOW_KEY_INVALID', field: 'window' });
    });
  });

  describe('reminder window', () => {
    it('past window names the current one', async () => {
      f.setClock(chinaTime('08:30:00'));
      const past = `${addCalendarDays(TODAY, -1)}/2`;

      const response = await f.post(f.staffA, '/api/declarations/reminders', { window: past });

      expect(response.statusCode).toBe(400);
      expect(response.json().error).toMatchObject({ code: 'DECLARATION_REMINDER_WINDOW_NOT_CURRENT', field: 'window' });
      expect(response.json().error.message).toContain(`(${TODAY}/1)`);
      expect(response.json().error.message).toContain(`"${past}"`);
    });

    it('person list label in Chinese', async () => {
      const response = await request(f.t.app, f.staffA, {
        method: 'POST',
        url: '/api/declarations/reminders',
        payload: { personIds: 'not-a-list' },
        locale: 'zh-CN',
      });

      expect(response.statusCode).toBe(400);
      expect(response.json().error.message).toBe('提醒人员的类型不正确');
    });
  });

  describe('completion range', () => {
    const completion = (from: string, to: string) => f.get(f.staffA, `/api/declarations/completion?from=${from}&to=${to}`);

    it('reversed range names both dates', async () => {
      const response = await completion(TODAY, addCalendarDays(TODAY, -3));

      expect(response.statusCode).toBe(400);
      expect(response.json().error).toMatchObject({ code: 'DECLARATION_DATE_RANGE_REVERSED', field: 'to' });
      expect(response.json().error.message).toContain(TODAY);
      expect(response.json().error.message).toContain(addCalendarDays(TODAY, -3));
    });

    it('range of 32 days states the maximum', async () => {
      const from = addCalendarDays(TODAY, -31);

      const response = await completion(from, TODAY);

      expect(response.statusCode).toBe(400);
      expect(response.json().error).toMatchObject({ code: 'DECLARATION_DATE_RANGE_TOO_LONG', field: 'to' });
      expect(response.json().error.message).toContain('31 days');
      expect(response.json().error.message).toContain(addCalendarDays(from, 30));
    });

    it('range across centuries', async () => {
      const response = await completion('1900-01-01', '9999-12-31');

      expect(response.json().error).toMatchObject({ code: 'DECLARATION_DATE_RANGE_TOO_LONG', field: 'to' });
    });
  });

  describe('settings', () => {
    const put = (payload: object, locale = 'en') =>
      request(f.t.app, admin, { method: 'PUT', url: '/api/declarations/settings', payload, locale });

    it('ten thousand windows', async () => {
      const windows = Array.from({ length: 10_000 }, () => ({ start: '07:00', end: '08:00' }));

      const response = await put({ windows });

      expect(response.statusCode).toBe(400);
      expect(response.json().error).toMatchObject({ code: 'DECLARATION_WINDOWS_TOO_MANY', field: 'windows' });
      expect(response.json().error.message).not.toContain('characters');
    });

    it('quarantine length label in Chinese', async () => {
      const response = await put({ quarantineDays: 0 }, 'zh-CN');

      expect(response.statusCode).toBe(400);
      expect(response.json().error.message).toContain('隔离天数');
    });

    it('rejected settings change nothing', async () => {
      const before = await f.t.ctx.db.selectFrom('settings').selectAll().execute();

      const response = await put({ linkDays: 7, windows: [{ start: '10:00', end: '07:00' }] });

      expect(response.statusCode).toBe(400);
      expect(await f.t.ctx.db.selectFrom('settings').selectAll().execute()).toEqual(before);
    });
  });
});
