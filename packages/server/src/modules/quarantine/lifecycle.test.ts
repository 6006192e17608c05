import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { COMMUNITY_A, createStaff, loadGusu } from '../../testing/fixtures.js';
import { createTestApp, describeEachDatabase, request, type Session, type TestApp } from '../../testing/harness.js';
import { testResidentId } from '../persons/test-helpers.js';

/** An instant at 10:00 in Shanghai (02:00 UTC) of a day. */
const shanghaiMorning = (day: string) => new Date(`${day}T02:00:00Z`);

describeEachDatabase('home quarantine lifecycle', (kind) => {
  let t: TestApp;
  let staffA: Session;
  let doctorA: Session;
  let gridWorkerA: Session;
  let roomId: string;
  let now = shanghaiMorning('2026-12-05');

  const post = (session: Session | null, url: string, payload: object, locale = 'en') =>
    request(t.app, session, { method: 'POST', url, payload, locale });
  const get = (session: Session | null, url: string) => request(t.app, session, { method: 'GET', url, locale: 'en' });

  let sequence = 300;
  async function registerPerson(payload: object = {}) {
    sequence += 1;
    const response = await post(staffA, '/api/persons', {
      name: '隔离人员',
      documentNumber: testResidentId(sequence),
      communityCode: COMMUNITY_A,
      roomId,
      ...payload,
    });
    if (response.statusCode !== 201) throw new Error(`registration failed with ${response.statusCode}: ${response.body}`);
    return response.json().person.id as string;
  }

  async function start(payload: object) {
    const response = await post(staffA, '/api/quarantines', { reason: '密切接触者', ...payload });
    if (response.statusCode !== 201) throw new Error(`start failed with ${response.statusCode}: ${response.body}`);
    return response.json();
  }

  const rowOf = (id: string) => t.ctx.db.selectFrom('home_quarantines').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const auditActionsOf = async (id: string) =>
    (await t.ctx.db.selectFrom('audit_log').select('action').where('entity_id', '=', id).orderBy('seq').execute()).map((row) => row.action);

  beforeAll(async () => {
    t = await createTestApp(kind);
    t.ctx.clock = () => now;
    await loadGusu(t.ctx);
    staffA = (await createStaff(t.app, t.ctx, 'community_staff', COMMUNITY_A)).session;
    doctorA = (await createStaff(t.app, t.ctx, 'doctor', COMMUNITY_A)).session;
    gridWorkerA = (await createStaff(t.app, t.ctx, 'grid_worker', COMMUNITY_A)).session;
    const compoundId = (await post(staffA, '/api/addresses/compounds', { communityCode: COMMUNITY_A, name: '桂花小区' })).json().id;
    await post(staffA, `/api/addresses/compounds/${compoundId}/generate`, { buildings: '1', units: '1', floors: '1', roomsPerFloor: '1' });
    const room = await t.ctx.db
      .selectFrom('rooms')
      .innerJoin('units', 'units.id', 'rooms.unit_id')
      .innerJoin('buildings', 'buildings.id', 'units.building_id')
      .select('rooms.id')
      .where('buildings.compound_id', '=', compoundId)
      .executeTakeFirstOrThrow();
    roomId = room.id;
  });
  afterAll(async () => t.close());
  beforeEach(() => {
    now = shanghaiMorning('2026-12-05');
  });

  it('start requires a session', async () => {
    const response = await post(null, '/api/quarantines', { personId: await registerPerson(), reason: 'x' });
    expect(response.statusCode).toBe(401);
  });

  it('start rejects invalid fields', async () => {
    const personId = await registerPerson();
    const cases: Array<[object, string, string]> = [
      [{ personId }, 'FIELD_REQUIRED', 'reason'],
      [{ personId, reason: '   ' }, 'FIELD_REQUIRED', 'reason'],
      [{ personId, reason: 'x', days: 0 }, 'FIELD_OUT_OF_RANGE', 'days'],
      [{ personId, reason: 'x', days: 61 }, 'FIELD_OUT_OF_RANGE', 'days'],
      [{ personId, reason: 'x', startOn: '2026-12-06' }, 'QUARANTINE_START_OUT_OF_RANGE', 'startOn'],
      [{ personId, reason: 'x', startOn: '2026-11-04' }, 'QUARANTINE_START_OUT_OF_RANGE', 'startOn'],
      [{ personId, reason: 'x', roomId, addressText: '某路1号' }, 'QUARANTINE_PLACE_CONFLICT', 'roomId'],
    ];
    for (const [payload, code, field] of cases) {
      const response = await post(staffA, '/api/quarantines', payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json().error.code, JSON.stringify(payload)).toBe(code);
      expect(response.json().error.field, JSON.stringify(payload)).toBe(field);
    }
    expect(await t.ctx.db.selectFrom('home_quarantines').select('id').where('person_id', '=', personId).execute()).toEqual([]);
  });

  it('start range error names the allowed days', async () => {
    const response = await post(staffA, '/api/quarantines', { personId: await registerPerson(), reason: 'x', startOn: '2026-12-06' });
    expect(response.json().error.message).toBe(
      'Start date must be between 2026-11-05 and 2026-12-05: not after today, and at most 30 days back for a quarantine entered late',
    );
  });

  it('start of a person without address needs a place', async () => {
    const personId = await registerPerson({ roomId: undefined });
    const response = await post(staffA, '/api/quarantines', { personId, reason: 'x' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('QUARANTINE_PLACE_REQUIRED');
    const started = await start({ personId, addressText: ' 平江路  100号 ' });
    expect(started.addressText).toBe('平江路 100号');
    expect(started.roomId).toBeNull();
  });

  it('grid worker and doctor cannot start', async () => {
    const personId = await registerPerson();
    for (const session of [gridWorkerA, doctorA]) {
      const response = await post(session, '/api/quarantines', { personId, reason: 'x' });
      expect(response.statusCode).toBe(403);
    }
  });

  it('start counts the start day as day 1', async () => {
    const personId = await registerPerson({ phone: '13900002222' });
    const started = await start({ personId });
    expect(started.startOn).toBe('2026-12-05');
    expect(started.plannedEndOn).toBe('2026-12-18');
    expect(started.days).toBe(14);
    expect(started.dayNumber).toBe(1);
    expect(started.status).toBe('active');
    expect(started.phase).toBe('active');
    expect(started.addressText).toBe('桂花小区1幢1单元101室');
    expect(started.roomId).toBe(roomId);
    expect(started.phoneMasked).toBe('139****2222');
    expect(started.documentMasked).toMatch(/\*/);
    expect(started.noticeNumber).toMatch(/^苏隔告〔2026〕第\d{6}号$/);
    expect(started.releaseNoticeNumber).toBeNull();

    const row = await rowOf(started.id);
    expect(row.status).toBe('active');
    expect(row.community_code).toBe(COMMUNITY_A);
    expect(row.planned_end_on).toBe('2026-12-18');
    expect(row.notice_number).toBe(started.noticeNumber);
    expect(await auditActionsOf(started.id)).toEqual(['quarantine.start']);
  });

  it('start in the past keeps its planned end', async () => {
    const started = await start({ personId: await registerPerson(), startOn: '2026-11-25', days: 10 });
    expect(started.plannedEndOn).toBe('2026-12-04');
    expect(started.phase).toBe('overdue');
    expect(started.dayNumber).toBe(11);
  });

  it('start reads the quarantine.days setting', async () => {
    await t.ctx.db.insertInto('settings').values({ key: 'quarantine.days', value: '7', updated_at: now.toISOString() }).execute();
    try {
      const started = await start({ personId: await registerPerson() });
      expect(started.plannedEndOn).toBe('2026-12-11');
      const explicit = await start({ personId: await registerPerson(), days: 21 });
      expect(explicit.plannedEndOn).toBe('2026-12-25');
    } finally {
      await t.ctx.db.deleteFrom('settings').where('key', '=', 'quarantine.days').execute();
    }
  });

  it('second start names the active quarantine', async () => {
    const personId = await registerPerson();
    const first = await start({ personId });
    const response = await post(staffA, '/api/quarantines', { personId, reason: '再次' });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe('QUARANTINE_ALREADY_ACTIVE');
    expect(response.json().error.field).toBe('personId');
    expect(response.json().error.message).toContain(first.id);
    expect(response.json().error.message).toContain('2026-12-05 to 2026-12-18');

    // A second start with another mistake in it is still refused as a second start.
    const incomplete = await post(staffA, '/api/quarantines', { personId, reason: '再次', startOn: '2020-01-01' });
    expect(incomplete.statusCode).toBe(409);
    expect(incomplete.json().error.code).toBe('QUARANTINE_ALREADY_ACTIVE');
  });

  it('concurrent starts for one person store one', async () => {
    const personId = await registerPerson();
    const responses = await Promise.all(Array.from({ length: 4 }, () => post(staffA, '/api/quarantines', { personId, reason: '并发' })));
    const statuses = responses.map((response) => response.statusCode).sort();
    expect(statuses).toEqual([201, 409, 409, 409]);
    const rows = await t.ctx.db.selectFrom('home_quarantines').select('id').where('person_id', '=', personId).execute();
    expect(rows).toHaveLength(1);
  });

  it('concurrent starts get distinct notice numbers', async () => {
    const persons = await Promise.all(Array.from({ length: 8 }, () => registerPerson()));
    const responses = await Promise.all(persons.map((personId) => post(staffA, '/api/quarantines', { personId, reason: '并发' })));
    expect(responses.map((response) => response.statusCode)).toEqual(persons.map(() => 201));
    const numbers = responses.map((response) => response.json().noticeNumber as string);
    expect(new Set(numbers).size).toBe(numbers.length);
    const counter = await t.ctx.db
      .selectFrom('quarantine_notice_counters')
      .select('last_number')
      .where('kind', '=', 'notice')
      .where('year', '=', 2026)
      .executeTakeFirstOrThrow();
    const stored = await t.ctx.db.selectFrom('home_quarantines').select('notice_number').execute();
    // Every number given so far is stored once, with no gap left by a rolled-back start.
    expect(stored).toHaveLength(Number(counter.last_number));
  });

  it('start after the year end numbers from 1 again', async () => {
    now = shanghaiMorning('2027-01-02');
    const started = await start({ personId: await registerPerson() });
    expect(started.noticeNumber).toBe('苏隔告〔2027〕第000001号');
  });

  it('notice prefix comes from the setting', async () => {
    now = shanghaiMorning('2029-03-01');
    const value = JSON.stringify({ notice: '京隔告', release: '京解隔' });
    await t.ctx.db.insertInto('settings').values({ key: 'quarantine.noticePrefixes', value, updated_at: now.toISOString() }).execute();
    try {
      const started = await start({ personId: await registerPerson() });
      expect(started.noticeNumber).toBe('京隔告〔2029〕第000001号');
    } finally {
      await t.ctx.db.deleteFrom('settings').where('key', '=', 'quarantine.noticePrefixes').execute();
    }
  });

  it('extend moves the end across the month end', async () => {
    now = shanghaiMorning('2026-12-20');
    const started = await start({ personId: await registerPerson() });
    expect(started.plannedEndOn).toBe('2027-01-02');

    const response = await post(doctorA, `/api/quarantines/${started.id}/extend`, { days: 30, reason: '出现咳嗽' });
    expect(response.statusCode).toBe(200);
    const extended = response.json();
    expect(extended.plannedEndOn).toBe('2027-02-01');
    expect(extended.days).toBe(44);
    expect(extended.changes).toHaveLength(1);
    expect(extended.changes[0]).toMatchObject({
      kind: 'extended',
      previousEndOn: '2027-01-02',
      newEndOn: '2027-02-01',
      days: 30,
      reason: '出现咳嗽',
    });
    expect((await rowOf(started.id)).planned_end_on).toBe('2027-02-01');
    expect(await auditActionsOf(started.id)).toEqual(['quarantine.start', 'quarantine.extend']);
  });

  it('extend rejects invalid days and a blank reason', async () => {
    const started = await start({ personId: await registerPerson() });
    const cases: Array<[object, string, string]> = [
      [{ days: 31, reason: 'x' }, 'FIELD_OUT_OF_RANGE', 'days'],
      [{ days: 0, reason: 'x' }, 'FIELD_OUT_OF_RANGE', 'days'],
      [{ days: 1.5, reason: 'x' }, 'FIELD_TYPE_INVALID', 'days'],
      [{ days: 3 }, 'FIELD_REQUIRED', 'reason'],
      [{ days: 3, reason: ' ' }, 'FIELD_REQUIRED', 'reason'],
    ];
    for (const [payload, code, field] of cases) {
      const response = await post(staffA, `/api/quarantines/${started.id}/extend`, payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json().error.code, JSON.stringify(payload)).toBe(code);
      expect(response.json().error.field, JSON.stringify(payload)).toBe(field);
    }
    expect((await rowOf(started.id)).planned_end_on).toBe(started.plannedEndOn);
  });

  it('concurrent extensions never lose one', async () => {
    const started = await start({ personId: await registerPerson() });
    const responses = await Promise.all([
      post(staffA, `/api/quarantines/${started.id}/extend`, { days: 3, reason: '甲' }),
      post(doctorA, `/api/quarantines/${started.id}/extend`, { days: 3, reason: '乙' }),
    ]);
    for (const response of responses) {
      if (response.statusCode !== 200) expect(response.json().error.code).toBe('QUARANTINE_CHANGED_CONCURRENTLY');
    }
    const applied = responses.filter((response) => response.statusCode === 200).length;
    expect(applied).toBeGreaterThanOrEqual(1);
    // Every extension that returned 200 moved the end, and none was applied on a stale end.
    const row = await rowOf(started.id);
    const expectedEnd = applied === 2 ? '2026-12-24' : '2026-12-21';
    expect(row.planned_end_on).toBe(expectedEnd);
    const changes = await t.ctx.db.selectFrom('quarantine_changes').select('id').where('quarantine_id', '=', started.id).execute();
    expect(changes).toHaveLength(applied);
  });

  it('release before the planned end is rejected', async () => {
    const started = await start({ personId: await registerPerson() });
    now = shanghaiMorning('2026-12-17');
    const response = await post(staffA, `/api/quarantines/${started.id}/release`, {});
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe('QUARANTINE_RELEASE_TOO_EARLY');
    expect(response.json().error.message).toContain('2026-12-18');
    expect((await rowOf(started.id)).status).toBe('active');
  });

  it('release on the planned end day', async () => {
    const started = await start({ personId: await registerPerson() });
    now = shanghaiMorning('2026-12-18');
    const response = await post(doctorA, `/api/quarantines/${started.id}/release`, { note: '体温正常' });
    expect(response.statusCode).toBe(200);
    const released = response.json();
    expect(released.status).toBe('released');
    expect(released.phase).toBe('released');
    expect(released.endedOn).toBe('2026-12-18');
    expect(released.dayNumber).toBeNull();
    expect(released.endReason).toBe('体温正常');
    expect(released.releaseNoticeNumber).toMatch(/^苏解隔〔2026〕第\d{6}号$/);
    expect(released.changes.map((change: { kind: string }) => change.kind)).toEqual(['released']);

    const row = await rowOf(started.id);
    expect(row.status).toBe('released');
    expect(row.ended_on).toBe('2026-12-18');
    expect(row.release_notice_number).toBe(released.releaseNoticeNumber);
    expect(await auditActionsOf(started.id)).toEqual(['quarantine.start', 'quarantine.release']);

    for (const action of ['release', 'end-early', 'extend']) {
      const again = await post(staffA, `/api/quarantines/${started.id}/${action}`, { days: 1, reason: 'x' });
      expect(again.statusCode, action).toBe(409);
      expect(again.json().error.code, action).toBe('QUARANTINE_NOT_ACTIVE');
    }
  });

  it('release after a late extension uses the new end', async () => {
    now = shanghaiMorning('2028-02-16');
    const started = await start({ personId: await registerPerson() });
    expect(started.plannedEndOn).toBe('2028-02-29');
    now = shanghaiMorning('2028-02-28');
    const tomorrow = (await get(staffA, '/api/quarantines?view=ending_tomorrow')).json();
    expect(tomorrow.items.map((item: { id: string }) => item.id)).toContain(started.id);

    await post(staffA, `/api/quarantines/${started.id}/extend`, { days: 2, reason: '复查' });
    now = shanghaiMorning('2028-02-29');
    const early = await post(staffA, `/api/quarantines/${started.id}/release`, {});
    expect(early.json().error.code).toBe('QUARANTINE_RELEASE_TOO_EARLY');
    now = shanghaiMorning('2028-03-02');
    const released = await post(staffA, `/api/quarantines/${started.id}/release`, {});
    expect(released.statusCode).toBe(200);
    expect(released.json().endedOn).toBe('2028-03-02');
  });

  it('end early before the planned end', async () => {
    const started = await start({ personId: await registerPerson() });
    now = shanghaiMorning('2026-12-09');
    const missing = await post(staffA, `/api/quarantines/${started.id}/end-early`, {});
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.field).toBe('reason');

    const response = await post(staffA, `/api/quarantines/${started.id}/end-early`, { reason: '转入集中隔离点' });
    expect(response.statusCode).toBe(200);
    const ended = response.json();
    expect(ended.status).toBe('ended_early');
    expect(ended.endedOn).toBe('2026-12-09');
    expect(ended.endReason).toBe('转入集中隔离点');
    expect(ended.releaseNoticeNumber).toBeNull();
    expect(ended.changes[0]).toMatchObject({ kind: 'ended_early', previousEndOn: '2026-12-18', newEndOn: '2026-12-09' });
    expect(await auditActionsOf(started.id)).toEqual(['quarantine.start', 'quarantine.end_early']);
  });

  it('end early on the planned end day is a release', async () => {
    const started = await start({ personId: await registerPerson() });
    now = shanghaiMorning('2026-12-18');
    const response = await post(staffA, `/api/quarantines/${started.id}/end-early`, { reason: 'x' });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe('QUARANTINE_END_EARLY_TOO_LATE');
    expect((await rowOf(started.id)).status).toBe('active');
  });

  it('grid worker cannot change a quarantine', async () => {
    const started = await start({ personId: await registerPerson() });
    for (const [action, payload] of [
      ['extend', { days: 1, reason: 'x' }],
      ['end-early', { reason: 'x' }],
      ['release', {}],
    ] as const) {
      const response = await post(gridWorkerA, `/api/quarantines/${started.id}/${action}`, payload);
      expect(response.statusCode, action).toBe(403);
    }
    const doctorEnd = await post(doctorA, `/api/quarantines/${started.id}/end-early`, { reason: 'x' });
    expect(doctorEnd.statusCode).toBe(403);
  });

  it('unknown quarantine is 404', async () => {
    const response = await get(staffA, '/api/quarantines/00000000-0000-4000-8000-000000000000');
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('QUARANTINE_NOT_FOUND');
  });

  it('list splits active quarantines by planned end', async () => {
    now = shanghaiMorning('2030-05-01');
    const endingToday = await start({ personId: await registerPerson(), startOn: '2030-04-18' });
    const endingTomorrow = await start({ personId: await registerPerson(), startOn: '2030-04-19' });
    const later = await start({ personId: await registerPerson() });
    const released = await start({ personId: await registerPerson(), startOn: '2030-04-17' });
    await post(staffA, `/api/quarantines/${released.id}/release`, {});

    const idsOf = async (view: string) => {
      const body = (await get(staffA, `/api/quarantines?view=${view}&pageSize=200`)).json();
      return body.items.map((item: { id: string }) => item.id) as string[];
    };
    expect(await idsOf('ending_today')).toEqual([endingToday.id]);
    expect(await idsOf('ending_tomorrow')).toEqual([endingTomorrow.id]);
    const active = await idsOf('active');
    expect(active).toContain(later.id);
    expect(active).not.toContain(released.id);
    expect((await idsOf('released'))[0]).toBe(released.id);

    const list = (await get(staffA, '/api/quarantines?view=ending_today')).json();
    expect(list.today).toBe('2030-05-01');
    expect(list.total).toBe(1);
    expect(list.items[0]).toMatchObject({ phase: 'ending_today', dayNumber: 14, days: 14, communityCode: COMMUNITY_A });

    const ending = (await get(staffA, '/api/quarantines/ending?day=2030-05-02')).json();
    expect(ending.day).toBe('2030-05-02');
    expect(ending.items.map((item: { id: string }) => item.id)).toEqual([endingTomorrow.id]);
    const defaultDay = (await get(staffA, '/api/quarantines/ending')).json();
    expect(defaultDay.day).toBe('2030-05-01');

    const byPerson = (await get(staffA, `/api/quarantines?view=all&personId=${later.personId}`)).json();
    expect(byPerson.items.map((item: { id: string }) => item.id)).toEqual([later.id]);
  });

  it('calendar counts planned ends per day', async () => {
    now = shanghaiMorning('2031-02-16');
    await start({ personId: await registerPerson() });
    await start({ personId: await registerPerson() });
    await start({ personId: await registerPerson(), days: 7 });

    const response = await get(staffA, '/api/quarantines/calendar?from=2031-02-01&to=2031-03-31');
    expect(response.statusCode).toBe(200);
    expect(response.json().days).toEqual([
      { day: '2031-02-22', count: 1 },
      { day: '2031-03-01', count: 2 },
    ]);

    const tooLong = await get(staffA, '/api/quarantines/calendar?from=2031-01-01&to=2031-03-31');
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().error.code).toBe('QUARANTINE_RANGE_INVALID');
    const reversed = await get(staffA, '/api/quarantines/calendar?from=2031-03-01&to=2031-02-01');
    expect(reversed.json().error.code).toBe('QUARANTINE_RANGE_INVALID');
    const invalid = await get(staffA, '/api/quarantines/calendar?from=2031-02-29&to=2031-03-01');
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error.field).toBe('from');
  });
});
