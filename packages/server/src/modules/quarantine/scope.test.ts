import { afterAll, beforeAll, expect, it } from 'vitest';
import { COMMUNITY_A, COMMUNITY_B, createStaff, createTestGrid, loadGusu, SUBDISTRICT_A } from '../../testing/fixtures.js';
import { createTestApp, describeEachDatabase, request, type Session, type TestApp } from '../../testing/harness.js';
import { testResidentId } from '../persons/test-helpers.js';

const shanghaiMorning = (day: string) => new Date(`${day}T02:00:00Z`);

describeEachDatabase('home quarantine scope', (kind) => {
  let t: TestApp;
  let staffA: Session;
  let staffB: Session;
  let doctorB: Session;
  let subdistrictA: Session;
  let gridWorkerA: Session;
  let personA: string;
  let quarantineA: string;
  let gridQuarantine: string;
  let roomB: string;
  let now = shanghaiMorning('2026-12-05');

  const post = (session: Session | null, url: string, payload: object) =>
    request(t.app, session, { method: 'POST', url, payload, locale: 'en' });
  const get = (session: Session | null, url: string) => request(t.app, session, { method: 'GET', url, locale: 'en' });
  const rowOf = (id: string) => t.ctx.db.selectFrom('home_quarantines').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  async function registerPerson(session: Session, sequence: number, payload: object) {
    const response = await post(session, '/api/persons', { name: '居民', documentNumber: testResidentId(sequence), ...payload });
    if (response.statusCode !== 201) throw new Error(`registration failed with ${response.statusCode}: ${response.body}`);
    return response.json().person.id as string;
  }

  async function start(session: Session, payload: object) {
    const response = await post(session, '/api/quarantines', { reason: '密接', addressText: '某路1号', ...payload });
    if (response.statusCode !== 201) throw new Error(`start failed with ${response.statusCode}: ${response.body}`);
    return response.json().id as string;
  }

  beforeAll(async () => {
    t = await createTestApp(kind);
    t.ctx.clock = () => now;
    await loadGusu(t.ctx);
    const gridA = (await createTestGrid(t.ctx, COMMUNITY_A, '第一网格')).code;
    staffA = (await createStaff(t.app, t.ctx, 'community_staff', COMMUNITY_A)).session;
    staffB = (await createStaff(t.app, t.ctx, 'community_staff', COMMUNITY_B)).session;
    doctorB = (await createStaff(t.app, t.ctx, 'doctor', COMMUNITY_B)).session;
    subdistrictA = (await createStaff(t.app, t.ctx, 'subdistrict_staff', SUBDISTRICT_A)).session;
    gridWorkerA = (await createStaff(t.app, t.ctx, 'grid_worker', gridA)).session;

    personA = await registerPerson(staffA, 701, { communityCode: COMMUNITY_A });
    quarantineA = await start(staffA, { personId: personA });
    const gridPerson = await registerPerson(staffA, 702, { communityCode: COMMUNITY_A, gridCode: gridA });
    gridQuarantine = await start(staffA, { personId: gridPerson });

    const compoundB = (await post(staffB, '/api/addresses/compounds', { communityCode: COMMUNITY_B, name: '乙小区' })).json().id;
    await post(staffB, `/api/addresses/compounds/${compoundB}/generate`, { buildings: '1', units: '1', floors: '1', roomsPerFloor: '1' });
    const room = await t.ctx.db
      .selectFrom('rooms')
      .innerJoin('units', 'units.id', 'rooms.unit_id')
      .innerJoin('buildings', 'buildings.id', 'units.building_id')
      .select('rooms.id')
      .where('buildings.compound_id', '=', compoundB)
      .executeTakeFirstOrThrow();
    roomB = room.id;
  });
  afterAll(async () => t.close());

  it('other community cannot read a quarantine', async () => {
    for (const url of [
      `/api/quarantines/${quarantineA}`,
      `/api/quarantines/${quarantineA}/observations`,
      `/api/quarantines/${quarantineA}/notice.pdf`,
      `/api/quarantines/${quarantineA}/release-notice.pdf`,
    ]) {
      const response = await get(staffB, url);
      expect(response.statusCode, url).toBe(404);
      expect(response.json().error.code, url).toBe('QUARANTINE_NOT_FOUND');
    }
    const prints = await t.ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', quarantineA)
      .where('action', 'like', '%print')
      .execute();
    expect(prints).toEqual([]);
  });

  it('other community cannot change a quarantine', async () => {
    const before = await rowOf(quarantineA);
    const cases: Array<[Session, string, object]> = [
      [staffB, 'extend', { days: 3, reason: 'x' }],
      [staffB, 'end-early', { reason: 'x' }],
      [doctorB, 'release', {}],
      [doctorB, 'observations', { period: 'morning', temperature: 36.5, symptoms: ['none'] }],
    ];
    for (const [session, action, payload] of cases) {
      const response = await post(session, `/api/quarantines/${quarantineA}/${action}`, payload);
      expect(response.statusCode, action).toBe(404);
      expect(response.json().error.code, action).toBe('QUARANTINE_NOT_FOUND');
    }
    expect(await rowOf(quarantineA)).toEqual(before);
    const observations = await t.ctx.db
      .selectFrom('quarantine_observations')
      .select('id')
      .where('quarantine_id', '=', quarantineA)
      .execute();
    expect(observations).toEqual([]);
  });

  it('other community cannot start for a person', async () => {
    const person = await registerPerson(staffA, 703, { communityCode: COMMUNITY_A });
    const response = await post(staffB, '/api/quarantines', { personId: person, reason: 'x', addressText: '某路' });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('PERSON_NOT_FOUND');
    const rows = await t.ctx.db.selectFrom('home_quarantines').select('id').where('person_id', '=', person).execute();
    expect(rows).toEqual([]);
  });

  it('room of another community is rejected', async () => {
    const person = await registerPerson(staffA, 704, { communityCode: COMMUNITY_A });
    const hidden = await post(staffA, '/api/quarantines', { personId: person, reason: 'x', roomId: roomB });
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().error.code).toBe('ROOM_NOT_FOUND');
  });

  it('lists and counts stay in scope', async () => {
    const listB = (await get(staffB, '/api/quarantines?view=all')).json();
    expect(listB.total).toBe(0);
    const calendarB = (await get(staffB, '/api/quarantines/calendar?from=2026-12-01&to=2026-12-31')).json();
    expect(calendarB.days).toEqual([]);
    const endingB = (await get(staffB, '/api/quarantines/ending?day=2026-12-18')).json();
    expect(endingB.total).toBe(0);

    const calendarA = (await get(subdistrictA, '/api/quarantines/calendar?from=2026-12-01&to=2026-12-31')).json();
    expect(calendarA.days).toEqual([{ day: '2026-12-18', count: 2 }]);
  });

  it('node filter outside the scope is 404', async () => {
    for (const url of [
      `/api/quarantines?nodeCode=${COMMUNITY_A}`,
      `/api/quarantines/calendar?from=2026-12-01&to=2026-12-31&nodeCode=${COMMUNITY_A}`,
      `/api/quarantines/ending?nodeCode=${COMMUNITY_A}`,
      `/api/quarantines/release-notices.pdf?day=2026-12-18&nodeCode=${COMMUNITY_A}`,
    ]) {
      const response = await get(staffB, url);
      expect(response.statusCode, url).toBe(404);
      expect(response.json().error.code, url).toBe('JURISDICTION_NOT_FOUND');
    }
  });

  it('bulk release notices leave out other communities', async () => {
    now = shanghaiMorning('2026-12-18');
    const personB = await registerPerson(staffB, 705, { communityCode: COMMUNITY_B });
    now = shanghaiMorning('2026-12-05');
    const quarantineB = await start(staffB, { personId: personB });
    now = shanghaiMorning('2026-12-18');
    expect((await post(staffA, `/api/quarantines/${quarantineA}/release`, {})).statusCode).toBe(200);
    const response = await get(staffB, '/api/quarantines/release-notices.pdf?day=2026-12-18');
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('QUARANTINE_NO_RELEASES');
    expect((await rowOf(quarantineB)).status).toBe('active');
    now = shanghaiMorning('2026-12-05');
  });

  it('grid worker sees the quarantines of the grid', async () => {
    const list = (await get(gridWorkerA, '/api/quarantines?view=all')).json();
    expect(list.items.map((item: { id: string }) => item.id)).toEqual([gridQuarantine]);
    const hidden = await get(gridWorkerA, `/api/quarantines/${quarantineA}`);
    expect(hidden.statusCode).toBe(404);
    const visible = await get(gridWorkerA, `/api/quarantines/${gridQuarantine}`);
    expect(visible.statusCode).toBe(200);
  });

  it('subdistrict staff read every community below', async () => {
    const list = (await get(subdistrictA, `/api/quarantines?view=all&nodeCode=${COMMUNITY_A}`)).json();
    const ids = list.items.map((item: { id: string }) => item.id);
    expect(ids).toContain(quarantineA);
    expect(ids).toContain(gridQuarantine);
  });
});
