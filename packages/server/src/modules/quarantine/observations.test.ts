import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { COMMUNITY_A, createStaff, loadGusu } from '../../testing/fixtures.js';
import { createTestApp, describeEachDatabase, request, type Session, type TestApp } from '../../testing/harness.js';
import { testResidentId } from '../persons/test-helpers.js';

const shanghaiMorning = (day: string) => new Date(`${day}T02:00:00Z`);

describeEachDatabase('quarantine observations', (kind) => {
  let t: TestApp;
  let staffA: Session;
  let doctorA: Session;
  let gridWorkerA: Session;
  let quarantineId: string;
  let now = shanghaiMorning('2026-12-05');

  const post = (session: Session | null, url: string, payload: object, locale = 'en') =>
    request(t.app, session, { method: 'POST', url, payload, locale });
  const get = (session: Session | null, url: string) => request(t.app, session, { method: 'GET', url, locale: 'en' });
  const observe = (session: Session, payload: object, locale = 'en') =>
    post(session, `/api/quarantines/${quarantineId}/observations`, payload, locale);
  const countObservations = async () =>
    Number(
      (
        await t.ctx.db
          .selectFrom('quarantine_observations')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('quarantine_id', '=', quarantineId)
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    t = await createTestApp(kind);
    t.ctx.clock = () => now;
    await loadGusu(t.ctx);
    staffA = (await createStaff(t.app, t.ctx, 'community_staff', COMMUNITY_A)).session;
    doctorA = (await createStaff(t.app, t.ctx, 'doctor', COMMUNITY_A)).session;
    gridWorkerA = (await createStaff(t.app, t.ctx, 'grid_worker', COMMUNITY_A)).session;
    const person = await post(staffA, '/api/persons', {
      name: '观察对象',
      documentNumber: testResidentId(401),
      communityCode: COMMUNITY_A,
    });
    const started = await post(staffA, '/api/quarantines', {
      personId: person.json().person.id,
      reason: '入境',
      startOn: '2026-11-28',
      addressText: '平江路1号',
    });
    quarantineId = started.json().id;
  });
  afterAll(async () => t.close());
  beforeEach(() => {
    now = shanghaiMorning('2026-12-05');
  });

  it('doctor records a morning observation', async () => {
    const response = await observe(doctorA, { period: 'morning', temperature: 36.6, symptoms: ['none'], note: '精神好' });
    expect(response.statusCode).toBe(201);
    const observation = response.json();
    expect(observation).toMatchObject({
      quarantineId,
      observedOn: '2026-12-05',
      dayNumber: 8,
      period: 'morning',
      temperature: 36.6,
      symptoms: ['none'],
      abnormal: false,
      note: '精神好',
    });
    const row = await t.ctx.db.selectFrom('quarantine_observations').selectAll().where('id', '=', observation.id).executeTakeFirstOrThrow();
    expect(row.temperature_tenths).toBe(366);
    expect(JSON.parse(row.symptoms)).toEqual(['none']);
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'entity_type'])
      .where('entity_id', '=', observation.id)
      .execute();
    expect(audit).toEqual([{ action: 'quarantine.observe', entity_type: 'quarantine_observation' }]);
  });

  it('second record of a half-day is rejected', async () => {
    await observe(staffA, { observedOn: '2026-12-01', period: 'afternoon', temperature: 36.8, symptoms: ['none'] });
    const before = await countObservations();
    const response = await observe(doctorA, { observedOn: '2026-12-01', period: 'afternoon', temperature: 37.0, symptoms: ['none'] });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe('QUARANTINE_OBSERVATION_EXISTS');
    expect(response.json().error.message).toContain('2026-12-01');
    expect(await countObservations()).toBe(before);
  });

  it('fever with a symptom is abnormal', async () => {
    const response = await observe(doctorA, {
      observedOn: '2026-12-02',
      period: 'morning',
      temperature: 37.5,
      symptoms: ['cough', 'fever'],
    });
    expect(response.statusCode).toBe(201);
    expect(response.json().abnormal).toBe(true);
    expect(response.json().symptoms).toEqual(['cough', 'fever']);
  });

  it('invalid measurements name the field and range', async () => {
    const cases: Array<[object, string, string]> = [
      [{ period: 'afternoon', temperature: 42.1, symptoms: ['none'] }, 'QUARANTINE_TEMPERATURE_OUT_OF_RANGE', 'temperature'],
      [{ period: 'afternoon', temperature: 34.9, symptoms: ['none'] }, 'QUARANTINE_TEMPERATURE_OUT_OF_RANGE', 'temperature'],
      [{ period: 'afternoon', temperature: 36.65, symptoms: ['none'] }, 'QUARANTINE_TEMPERATURE_OUT_OF_RANGE', 'temperature'],
      [{ period: 'afternoon', temperature: '36.6', symptoms: ['none'] }, 'FIELD_TYPE_INVALID', 'temperature'],
      [{ period: 'afternoon', temperature: 36.6, symptoms: [] }, 'QUARANTINE_SYMPTOMS_REQUIRED', 'symptoms'],
      [{ period: 'afternoon', temperature: 36.6, symptoms: ['none', 'cough'] }, 'QUARANTINE_SYMPTOMS_CONFLICT', 'symptoms'],
      [{ period: 'afternoon', temperature: 36.6, symptoms: ['sneezing'] }, 'FIELD_NOT_ALLOWED', 'symptoms.0'],
      [{ period: 'evening', temperature: 36.6, symptoms: ['none'] }, 'FIELD_NOT_ALLOWED', 'period'],
      [{ temperature: 36.6, symptoms: ['none'] }, 'FIELD_REQUIRED', 'period'],
      [
        { observedOn: '2026-11-27', period: 'morning', temperature: 36.6, symptoms: ['none'] },
        'QUARANTINE_OBSERVATION_DAY_OUTSIDE',
        'observedOn',
      ],
      [
        { observedOn: '2026-12-06', period: 'morning', temperature: 36.6, symptoms: ['none'] },
        'QUARANTINE_OBSERVATION_DAY_OUTSIDE',
        'observedOn',
      ],
    ];
    const before = await countObservations();
    for (const [payload, code, field] of cases) {
      const response = await observe(doctorA, payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json().error.code, JSON.stringify(payload)).toBe(code);
      expect(response.json().error.field, JSON.stringify(payload)).toBe(field);
    }
    expect(await countObservations()).toBe(before);
  });

  it('temperature error states the range', async () => {
    const english = await observe(doctorA, { period: 'afternoon', temperature: 42.5, symptoms: ['none'] });
    expect(english.json().error.message).toBe('Temperature must be between 35.0 and 42.0 °C, with at most one decimal');
    const chinese = await observe(doctorA, { period: 'afternoon', temperature: 42.5, symptoms: ['none'] }, 'zh-CN');
    expect(chinese.json().error.message).toBe('体温应在35.0至42.0 °C之间，最多一位小数');
  });

  it('day outside names the allowed days', async () => {
    const response = await observe(doctorA, { observedOn: '2026-12-06', period: 'morning', temperature: 36.6, symptoms: ['none'] });
    expect(response.json().error.message).toBe(
      'Observation date must be inside the quarantine and not after today: 2026-11-28 to 2026-12-05',
    );
  });

  it('grid worker cannot record', async () => {
    const response = await observe(gridWorkerA, { period: 'afternoon', temperature: 36.6, symptoms: ['none'] });
    expect(response.statusCode).toBe(403);
  });

  it('list orders by day and half-day', async () => {
    await observe(doctorA, { observedOn: '2026-12-03', period: 'afternoon', temperature: 36.4, symptoms: ['none'] });
    await observe(doctorA, { observedOn: '2026-12-03', period: 'morning', temperature: 36.5, symptoms: ['none'] });
    const response = await get(gridWorkerA, `/api/quarantines/${quarantineId}/observations`);
    expect(response.statusCode).toBe(200);
    const items = response.json().items as Array<{ observedOn: string; period: string; observedByName: string | null }>;
    // Morning sorts first within a day: rank it "0", the afternoon "1".
    const keys = items.map((item) => `${item.observedOn} ${item.period === 'morning' ? 0 : 1}`);
    expect(keys).toEqual([...keys].sort());
    expect(keys).toContain('2026-12-03 0');
    expect(keys.indexOf('2026-12-03 0')).toBe(keys.indexOf('2026-12-03 1') - 1);
    expect(items[0]?.observedByName).toMatch(/^Test /);
  });

  it('late record after the release stays inside the period', async () => {
    now = shanghaiMorning('2026-12-11');
    const released = await post(staffA, `/api/quarantines/${quarantineId}/release`, {});
    expect(released.statusCode).toBe(200);
    now = shanghaiMorning('2026-12-12');
    const inside = await observe(doctorA, { observedOn: '2026-12-11', period: 'morning', temperature: 36.5, symptoms: ['none'] });
    expect(inside.statusCode).toBe(201);
    expect(inside.json().dayNumber).toBe(14);
    const after = await observe(doctorA, { observedOn: '2026-12-12', period: 'morning', temperature: 36.5, symptoms: ['none'] });
    expect(after.statusCode).toBe(400);
    expect(after.json().error.code).toBe('QUARANTINE_OBSERVATION_DAY_OUTSIDE');
  });
});
