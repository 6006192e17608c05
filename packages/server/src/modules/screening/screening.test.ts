import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { COMMUNITY_A, COMMUNITY_B, createStaff, createTestGrid, loadGusu } from '../../testing/fixtures.js';
import { createTestApp, describeEachDatabase, request, type Session, type TestApp } from '../../testing/harness.js';
import { chinaToday } from '../persons/input.js';
import { testResidentId } from '../persons/test-helpers.js';
import { addDays } from './visit-input.js';

describeEachDatabase('screening visits', (kind) => {
  let t: TestApp;
  let staffA: Session;
  let staffB: Session;
  let gridWorkerA: Session;
  let gridWorkerA2: Session;
  let gateGuardA: Session;
  let gridA: string;
  let buildingId: string;
  let otherBuildingId: string;
  /** Rooms of the building in grid A, in unit, floor and number order. */
  let rooms: string[];
  let otherRooms: string[];

  const postVisit = (session: Session | null, payload: unknown, locale = 'en') =>
    request(t.app, session, { method: 'POST', url: '/api/screening/visits', payload: payload as object, locale });
  const postBatch = (session: Session | null, visits: unknown[], locale = 'en') =>
    request(t.app, session, { method: 'POST', url: '/api/screening/visits/batch', payload: { visits }, locale });
  const get = (session: Session | null, url: string) => request(t.app, session, { method: 'GET', url, locale: 'en' });

  /** Temperature and symptom choice a present person needs. */
  const measured = { temperature: 36.5, symptoms: ['none'] };
  /** Next sequence number for a test document. The tests below use fixed numbers from 501 to 599. */
  let nextDocument = 600;
  const presentPerson = () => ({
    present: true,
    person: { name: '在场住户', documentNumber: testResidentId(nextDocument++) },
    ...measured,
  });

  /** A completed screening of the room with one new person present; `overrides` replaces any of its fields. */
  const visitOf = (roomId: string, overrides: Record<string, unknown> = {}) => ({
    id: randomUUID(),
    roomId,
    visitedAt: new Date().toISOString(),
    outcome: 'screened',
    persons: [presentPerson()],
    ...overrides,
  });

  const countVisits = async (ids: string[]) =>
    Number(
      (
        await t.ctx.db
          .selectFrom('screening_visits')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('id', 'in', ids)
          .executeTakeFirstOrThrow()
      ).n,
    );

  const countAudits = async (ids: string[]) =>
    Number(
      (
        await t.ctx.db
          .selectFrom('audit_log')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('action', '=', 'screening.visit')
          .where('entity_id', 'in', ids)
          .executeTakeFirstOrThrow()
      ).n,
    );

  async function createBuilding(session: Session, communityCode: string, name: string, gridCode?: string) {
    const compound = await request(t.app, session, {
      method: 'POST',
      url: '/api/addresses/compounds',
      payload: { communityCode, name, ...(gridCode ? { gridCode } : {}) },
    });
    const compoundId = compound.json().id as string;
    await request(t.app, session, {
      method: 'POST',
      url: `/api/addresses/compounds/${compoundId}/generate`,
      payload: { buildings: '1', units: '1', floors: '1-2', roomsPerFloor: '1-3' },
    });
    const detail = await get(session, `/api/addresses/compounds/${compoundId}`);
    const id = detail.json().buildings[0].id as string;
    const layout = await get(session, `/api/addresses/buildings/${id}/rooms`);
    const roomIds = (layout.json().units[0].floors as Array<{ rooms: Array<{ id: string }> }>).flatMap((floor) =>
      floor.rooms.map((room) => room.id),
    );
    return { id, rooms: roomIds };
  }

  beforeAll(async () => {
    t = await createTestApp(kind);
    await loadGusu(t.ctx);
    gridA = (await createTestGrid(t.ctx, COMMUNITY_A, '第一网格')).code;
    const gridA2 = (await createTestGrid(t.ctx, COMMUNITY_A, '第二网格')).code;
    staffA = (await createStaff(t.app, t.ctx, 'community_staff', COMMUNITY_A)).session;
    staffB = (await createStaff(t.app, t.ctx, 'community_staff', COMMUNITY_B)).session;
    gridWorkerA = (await createStaff(t.app, t.ctx, 'grid_worker', gridA)).session;
    gridWorkerA2 = (await createStaff(t.app, t.ctx, 'grid_worker', gridA2)).session;
    gateGuardA = (await createStaff(t.app, t.ctx, 'gate_guard', COMMUNITY_A)).session;
    const building = await createBuilding(staffA, COMMUNITY_A, '金色里程', gridA);
    buildingId = building.id;
    rooms = building.rooms;
    const other = await createBuilding(staffA, COMMUNITY_A, '平江花园', gridA2);
    otherBuildingId = other.id;
    otherRooms = other.rooms;
  });
  afterAll(async () => t.close());

  it('visit requires a session', async () => {
    const response = await postVisit(null, visitOf(rooms[0] as string));
    expect(response.statusCode).toBe(401);
  });

  it('gate guards cannot record visits', async () => {
    const response = await postVisit(gateGuardA, visitOf(rooms[0] as string));
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('FORBIDDEN');
  });

  it('visit is stored once when sent again', async () => {
    const visit = visitOf(rooms[0] as string, { notes: '门口登记' });
    const first = await postVisit(gridWorkerA, visit);
    const second = await postVisit(gridWorkerA, visit);
    const reordered = await postVisit(gridWorkerA, Object.fromEntries(Object.entries(visit).reverse()));

    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(200);
    expect(reordered.statusCode).toBe(200);
    expect(second.json()).toEqual(first.json());
    expect(first.json().notes).toBe('门口登记');
    expect(await countVisits([visit.id])).toBe(1);
    expect(await countAudits([visit.id])).toBe(1);
  });

  it('same id with another body conflicts', async () => {
    const visit = visitOf(rooms[1] as string);
    expect((await postVisit(gridWorkerA, visit)).statusCode).toBe(201);

    const changed = await postVisit(gridWorkerA, { ...visit, outcome: 'refused', persons: [] });
    expect(changed.statusCode).toBe(409);
    expect(changed.json().error.code).toBe('SCREENING_VISIT_CONFLICT');
    const byAnotherUser = await postVisit(staffA, visit);
    expect(byAnotherUser.statusCode).toBe(409);

    const stored = await t.ctx.db.selectFrom('screening_visits').select('outcome').where('id', '=', visit.id).executeTakeFirstOrThrow();
    expect(stored.outcome).toBe('screened');
  });

  it('batch sent three times stores each visit once', async () => {
    const visits = [
      visitOf(rooms[0] as string),
      visitOf(rooms[1] as string, { outcome: 'nobody_home', persons: [] }),
      visitOf(rooms[2] as string),
    ];
    const ids = visits.map((visit) => visit.id);
    const statuses: number[][] = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      const response = await postBatch(gridWorkerA, visits);
      expect(response.statusCode).toBe(200);
      const results = response.json().results as Array<{ id: string; status: number }>;
      expect(results.map((result) => result.id)).toEqual(ids);
      statuses.push(results.map((result) => result.status));
    }

    expect(statuses).toEqual([
      [201, 201, 201],
      [200, 200, 200],
      [200, 200, 200],
    ]);
    expect(await countVisits(ids)).toBe(3);
    expect(await countAudits(ids)).toBe(3);
  });

  it('batch cut half-way and resent stores the rest', async () => {
    const visits = [0, 1, 2, 3].map((index) => visitOf(rooms[index] as string));
    const ids = visits.map((visit) => visit.id);

    const cut = await postBatch(gridWorkerA, visits.slice(0, 2));
    expect((cut.json().results as Array<{ status: number }>).map((result) => result.status)).toEqual([201, 201]);
    const resent = await postBatch(gridWorkerA, visits);
    expect((resent.json().results as Array<{ status: number }>).map((result) => result.status)).toEqual([200, 200, 201, 201]);
    expect(await countVisits(ids)).toBe(4);
  });

  it('batch reports a bad visit and stores the others', async () => {
    const good = visitOf(rooms[3] as string);
    const outOfRange = visitOf(rooms[4] as string, { persons: [{ present: true, personId: randomUUID(), temperature: 45 }] });
    const missingOutcome = { ...visitOf(rooms[5] as string), outcome: undefined };
    const notAnObject = 'visit';
    const response = await postBatch(gridWorkerA, [outOfRange, good, missingOutcome, notAnObject], 'zh-CN');

    const results = response.json().results as Array<{
      id: string | null;
      status: number;
      error?: { code: string; field?: string; message: string };
    }>;
    expect(results.map((result) => result.status)).toEqual([400, 201, 400, 400]);
    expect(results[0]?.error?.code).toBe('SCREENING_TEMPERATURE_OUT_OF_RANGE');
    expect(results[0]?.error?.field).toBe('persons.0.temperature');
    expect(results[0]?.error?.message).toContain('体温');
    expect(results[2]?.error?.code).toBe('FIELD_REQUIRED');
    expect(results[2]?.error?.field).toBe('outcome');
    expect(results[3]?.id).toBeNull();
    expect(await countVisits([good.id, outOfRange.id, missingOutcome.id])).toBe(1);
  });

  it('batch rejects a deeply nested visit alone', async () => {
    let nested: unknown = 1;
    for (let level = 0; level < 100; level += 1) nested = { inner: nested };
    const good = visitOf(rooms[3] as string);
    const deep = visitOf(rooms[4] as string, { notes: nested });
    const response = await postBatch(gridWorkerA, [good, deep]);

    expect(response.statusCode).toBe(200);
    const results = response.json().results as Array<{ id: string | null; status: number; error?: { code: string; field?: string } }>;
    expect(
      results.map((result) => result.status),
      response.body,
    ).toEqual([201, 400]);
    expect(results[1]).toMatchObject({ id: deep.id, error: { code: 'FIELD_TOO_DEEP', field: 'notes' } });
    expect(await countVisits([good.id, deep.id])).toBe(1);
  });

  it('batch rejects more than 100 visits', async () => {
    const visits = Array.from({ length: 101 }, () => visitOf(rooms[0] as string));
    const response = await postBatch(gridWorkerA, visits);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('FIELD_TOO_MANY_ITEMS');
    expect(await countVisits(visits.map((visit) => visit.id))).toBe(0);
  });

  it('temperature outside 35.0–42.0 is rejected', async () => {
    const documentNumber = testResidentId(501);
    const person = { name: '体温测试', documentNumber };
    for (const temperature of [34.9, 42.1, 36.65, -1]) {
      const visit = visitOf(rooms[0] as string, { persons: [{ present: true, person, temperature, symptoms: ['none'] }] });
      const response = await postVisit(gridWorkerA, visit);
      expect(response.statusCode, String(temperature)).toBe(400);
      expect(response.json().error.code, String(temperature)).toBe('SCREENING_TEMPERATURE_OUT_OF_RANGE');
      expect(response.json().error.field, String(temperature)).toBe('persons.0.temperature');
      expect(response.json().error.message, String(temperature)).toBe(
        'Temperature must be between 35.0 and 42.0 °C, with at most one decimal',
      );
    }
    const registered = await t.ctx.db.selectFrom('persons').select('id').where('name', '=', '体温测试').execute();
    expect(registered).toEqual([]);

    for (const temperature of [35, 42, 37.3]) {
      const visit = visitOf(rooms[0] as string, { persons: [{ present: true, person, temperature, symptoms: ['none'] }] });
      const response = await postVisit(gridWorkerA, visit);
      expect(response.statusCode, String(temperature)).toBe(201);
      expect(response.json().persons[0].temperature).toBe(temperature);
    }
  });

  it('visit rejects each invalid field', async () => {
    const now = Date.now();
    const person = { name: '字段测试', documentNumber: testResidentId(502) };
    const cases = [
      { overrides: { roomId: undefined }, code: 'SCREENING_ADDRESS_REQUIRED', field: 'roomId' },
      { overrides: { visitedAt: new Date(now + 10 * 60_000).toISOString() }, code: 'SCREENING_VISITED_AT_IN_FUTURE', field: 'visitedAt' },
      { overrides: { visitedAt: new Date(now - 8 * 86_400_000).toISOString() }, code: 'SCREENING_VISITED_AT_TOO_OLD', field: 'visitedAt' },
      { overrides: { revisitOn: chinaToday() }, code: 'SCREENING_REVISIT_NOT_ALLOWED', field: 'revisitOn' },
      {
        overrides: { outcome: 'nobody_home', persons: [], revisitOn: '2020-01-01' },
        code: 'SCREENING_REVISIT_DATE_INVALID',
        field: 'revisitOn',
      },
      { overrides: { outcome: 'refused', persons: [{ present: true, person }] }, code: 'SCREENING_PERSONS_NOT_ALLOWED', field: 'persons' },
      { overrides: { persons: [{ present: true }] }, code: 'SCREENING_PERSON_REFERENCE_INVALID', field: 'persons.0' },
      {
        overrides: { persons: [{ present: true, person, symptoms: ['none', 'cough'] }] },
        code: 'SCREENING_SYMPTOMS_CONFLICT',
        field: 'persons.0.symptoms',
      },
      {
        overrides: { persons: [{ present: true, person, symptoms: ['sneezing'] }] },
        code: 'FIELD_NOT_ALLOWED',
        field: 'persons.0.symptoms.0',
      },
      {
        overrides: { persons: [{ present: false, person, temperature: 36.5 }] },
        code: 'SCREENING_MEASUREMENT_NOT_PRESENT',
        field: 'persons.0.temperature',
      },
      {
        overrides: {
          persons: [
            { present: true, person, ...measured },
            { present: true, person, ...measured },
          ],
        },
        code: 'SCREENING_PERSON_DUPLICATE',
        field: 'persons.1',
      },
      {
        overrides: { persons: [{ present: true, person: { ...person, documentNumber: '320508198503150011' }, ...measured }] },
        code: 'ID_NUMBER_CHECKSUM_INVALID',
        field: 'persons.0.person.documentNumber',
      },
      {
        overrides: { persons: [{ present: true, person, arrivalDate: '2999-01-01', ...measured }] },
        code: 'DATE_IN_FUTURE',
        field: 'persons.0.arrivalDate',
      },
      {
        overrides: { persons: [{ present: true, personId: randomUUID(), ...measured }] },
        code: 'PERSON_NOT_FOUND',
        field: 'persons.0.personId',
      },
      { overrides: { roomId: otherRooms[0] }, code: 'ROOM_NOT_FOUND', field: 'roomId' },
    ];
    for (const testCase of cases) {
      const visit = visitOf(rooms[0] as string, testCase.overrides);
      const response = await postVisit(gridWorkerA, visit);
      const label = testCase.code;
      expect(response.statusCode, label).toBeGreaterThanOrEqual(400);
      expect(response.json().error.code, label).toBe(testCase.code);
      expect(response.json().error.field, label).toBe(testCase.field);
      expect(await countVisits([visit.id]), label).toBe(0);
    }
  });

  it('screened visit requires a present person', async () => {
    const absent = { present: false, person: { name: '不在场', documentNumber: testResidentId(505) } };
    for (const persons of [[], [absent]]) {
      const visit = visitOf(rooms[0] as string, { persons });
      const response = await postVisit(gridWorkerA, visit, 'zh-CN');
      const label = `${persons.length} persons`;
      expect(response.statusCode, label).toBe(400);
      expect(response.json().error.code, label).toBe('SCREENING_PRESENT_PERSON_REQUIRED');
      expect(response.json().error.field, label).toBe('persons');
      expect(response.json().error.message, label).toContain('人员');
      expect(await countVisits([visit.id]), label).toBe(0);
    }
    const registered = await t.ctx.db.selectFrom('persons').select('id').where('name', '=', '不在场').execute();
    expect(registered).toEqual([]);

    const withAbsent = visitOf(rooms[0] as string, { persons: [absent, presentPerson()] });
    expect((await postVisit(gridWorkerA, withAbsent)).statusCode).toBe(201);
  });

  it('present person requires temperature and symptoms', async () => {
    const person = { name: '测量测试', documentNumber: testResidentId(506) };
    const cases = [
      {
        entry: { present: true, person, symptoms: ['none'] },
        code: 'SCREENING_TEMPERATURE_REQUIRED',
        field: 'persons.1.temperature',
        message: 'Person 2 is present, so enter temperature from 35.0 to 42.0 °C',
      },
      {
        entry: { present: true, person, temperature: 36.5 },
        code: 'SCREENING_SYMPTOMS_REQUIRED',
        field: 'persons.1.symptoms',
        message: 'Person 2 is present, so symptoms must list "none" or at least one symptom',
      },
      {
        entry: { present: true, person, temperature: 36.5, symptoms: [] },
        code: 'SCREENING_SYMPTOMS_REQUIRED',
        field: 'persons.1.symptoms',
        message: 'Person 2 is present, so symptoms must list "none" or at least one symptom',
      },
    ];
    for (const testCase of cases) {
      const visit = visitOf(rooms[0] as string, { persons: [presentPerson(), testCase.entry] });
      const response = await postVisit(gridWorkerA, visit);
      const label = `${testCase.code} ${testCase.field}`;
      expect(response.statusCode, label).toBe(400);
      expect(response.json().error.code, label).toBe(testCase.code);
      expect(response.json().error.field, label).toBe(testCase.field);
      expect(response.json().error.message, label).toBe(testCase.message);
      expect(await countVisits([visit.id]), label).toBe(0);
    }

    const inBatch = await postBatch(gridWorkerA, [visitOf(rooms[0] as string, { persons: [{ present: true, person }] })], 'ja');
    expect(inBatch.json().results[0].error.code).toBe('SCREENING_TEMPERATURE_REQUIRED');
    expect(inBatch.json().results[0].error.message).toBe('1人目の人員はその場にいるため、体温（35.0～42.0 °C）の入力が必要です');
  });

  it('new person is registered with source screening', async () => {
    const documentNumber = testResidentId(503);
    const visit = visitOf(rooms[2] as string, {
      persons: [
        {
          present: true,
          person: { name: '新住户', documentNumber, phone: '13900005030', householdRole: 'tenant' },
          temperature: 36.6,
          symptoms: ['cough', 'cough'],
          arrivalDate: '2026-01-20',
          originRegionCode: '420106',
        },
      ],
    });
    const response = await postVisit(gridWorkerA, visit);
    expect(response.statusCode).toBe(201);
    const [entry] = response.json().persons;
    expect(entry.symptoms).toEqual(['cough']);
    expect(entry.documentMasked).not.toContain(documentNumber);

    const row = await t.ctx.db.selectFrom('persons').selectAll().where('id', '=', entry.personId).executeTakeFirstOrThrow();
    expect(row.source).toBe('screening');
    expect(row.room_id).toBe(rooms[2]);
    expect(row.community_code).toBe(COMMUNITY_A);
    expect(row.grid_code).toBe(gridA);
    expect(row.household_role).toBe('tenant');
    expect(row.arrival_date).toBe('2026-01-20');
    expect(row.origin_region_code).toBe('420106');
    const stored = await t.ctx.db.selectFrom('screening_visit_persons').selectAll().where('visit_id', '=', visit.id).execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]?.temperature_tenths).toBe(366);

    const building = await get(gridWorkerA, `/api/screening/buildings/${buildingId}`);
    const room = building.json().units[0].floors[0].rooms[2];
    expect(room.persons.map((person: { id: string }) => person.id)).toContain(entry.personId);
    expect(JSON.stringify(room.persons)).not.toContain(documentNumber);
  });

  it('existing file is recorded by id', async () => {
    const registered = await request(t.app, staffA, {
      method: 'POST',
      url: '/api/persons',
      payload: { name: '老住户', documentNumber: testResidentId(504), communityCode: COMMUNITY_A, gridCode: gridA, roomId: rooms[3] },
    });
    const personId = registered.json().person.id as string;
    const visit = visitOf(rooms[3] as string, { persons: [{ present: false, personId }, presentPerson()] });
    const response = await postVisit(gridWorkerA, visit);
    expect(response.statusCode).toBe(201);
    expect(response.json().persons[0]).toMatchObject({ personId, present: false, temperature: null, symptoms: [] });
    const row = await t.ctx.db.selectFrom('persons').select('source').where('id', '=', personId).executeTakeFirstOrThrow();
    expect(row.source).toBe('manual');
  });

  it('outside scope gets 404', async () => {
    const communityB = await postVisit(staffB, visitOf(rooms[0] as string));
    expect(communityB.statusCode).toBe(404);
    expect(communityB.json().error.code).toBe('ROOM_NOT_FOUND');
    const otherGrid = await postVisit(gridWorkerA2, visitOf(rooms[0] as string));
    expect(otherGrid.statusCode).toBe(404);

    expect((await get(staffB, `/api/screening/buildings/${buildingId}`)).statusCode).toBe(404);
    expect((await get(gridWorkerA2, `/api/screening/buildings/${buildingId}`)).statusCode).toBe(404);
    expect((await get(gridWorkerA, `/api/screening/buildings/${otherBuildingId}`)).statusCode).toBe(404);
    const listB = await get(staffB, '/api/screening/buildings');
    expect(listB.json()).toEqual({ items: [], total: 0 });
    const listA = await get(gridWorkerA, '/api/screening/buildings');
    expect(listA.json().items.map((item: { id: string }) => item.id)).toEqual([buildingId]);
    const outsideNode = await get(staffA, `/api/screening/buildings?nodeCode=${COMMUNITY_B}`);
    expect(outsideNode.statusCode).toBe(404);
    expect(outsideNode.json().error.code).toBe('JURISDICTION_NOT_FOUND');
  });

  it('progress counts the latest visit of each room', async () => {
    const today = chinaToday();
    const earlier = new Date(Date.now() - 3_600_000).toISOString();
    const later = new Date().toISOString();
    // Room 0: nobody home, then screened, sent in reverse order as an offline queue might.
    await postVisit(gridWorkerA2, visitOf(otherRooms[0] as string, { visitedAt: later }));
    await postVisit(
      gridWorkerA2,
      visitOf(otherRooms[0] as string, { visitedAt: earlier, outcome: 'nobody_home', persons: [], revisitOn: today }),
    );
    // Room 1: nobody home, revisit due today. Room 2: nobody home, revisit tomorrow by default. Room 3: refused.
    await postVisit(gridWorkerA2, visitOf(otherRooms[1] as string, { outcome: 'nobody_home', persons: [], revisitOn: today }));
    const defaulted = await postVisit(gridWorkerA2, visitOf(otherRooms[2] as string, { outcome: 'nobody_home', persons: [] }));
    expect(defaulted.json().revisitOn).toBe(addDays(chinaToday(new Date(defaulted.json().visitedAt)), 1));
    await postVisit(gridWorkerA2, visitOf(otherRooms[3] as string, { outcome: 'refused', persons: [] }));

    const list = await get(gridWorkerA2, '/api/screening/buildings');
    expect(list.json().items).toEqual([
      expect.objectContaining({
        id: otherBuildingId,
        communityCode: COMMUNITY_A,
        roomCount: 6,
        visitedCount: 4,
        screenedCount: 1,
        nobodyHomeCount: 2,
        refusedCount: 1,
        revisitDueCount: 1,
      }),
    ]);

    const detail = await get(gridWorkerA2, `/api/screening/buildings/${otherBuildingId}`);
    const statuses = (detail.json().units[0].floors as Array<{ rooms: Array<{ status: string }> }>).flatMap((floor) =>
      floor.rooms.map((room) => room.status),
    );
    expect(statuses).toEqual(['screened', 'revisit_due', 'nobody_home', 'refused', 'not_visited', 'not_visited']);

    const revisits = await get(gridWorkerA2, '/api/screening/revisits');
    expect(revisits.json().total).toBe(1);
    expect(revisits.json().items[0]).toMatchObject({ roomId: otherRooms[1], buildingId: otherBuildingId, revisitOn: today });
    expect(revisits.json().items[0].addressText).toContain('平江花园');
    expect((await get(gridWorkerA, '/api/screening/revisits')).json().total).toBe(0);

    const communities = await get(staffA, '/api/screening/communities');
    expect(communities.json().items).toEqual([
      expect.objectContaining({ communityCode: COMMUNITY_A, buildingCount: 2, roomCount: 12, revisitDueCount: 1 }),
    ]);
  });
});
