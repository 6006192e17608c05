import { afterAll, beforeAll, expect, it } from 'vitest';
import { testResidentId } from '../persons/test-helpers.js';
import { COMMUNITY_A, COMMUNITY_B, createStaff, createTestGrid, loadGusu } from '../../testing/fixtures.js';
import { createTestApp, describeEachDatabase, request, type Session, type TestApp } from '../../testing/harness.js';

describeEachDatabase('compound edit', (kind) => {
  let t: TestApp;
  let staffA: Session;
  let staffB: Session;
  let gridWorker: Session;
  let gridCode: string;
  let otherCommunityGrid: string;
  let compoundId: string;
  let residentId: string;

  const send = (session: Session, method: 'GET' | 'PATCH' | 'POST', url: string, payload?: object) =>
    request(t.app, session, { method, url, locale: 'en', ...(payload ? { payload } : {}) });

  beforeAll(async () => {
    t = await createTestApp(kind);
    await loadGusu(t.ctx);
    gridCode = (await createTestGrid(t.ctx, COMMUNITY_A, '第三网格')).code;
    otherCommunityGrid = (await createTestGrid(t.ctx, COMMUNITY_B, '第一网格')).code;
    staffA = (await createStaff(t.app, t.ctx, 'community_staff', COMMUNITY_A)).session;
    staffB = (await createStaff(t.app, t.ctx, 'community_staff', COMMUNITY_B)).session;
    gridWorker = (await createStaff(t.app, t.ctx, 'grid_worker', gridCode)).session;

    compoundId = (await send(staffA, 'POST', '/api/addresses/compounds', { communityCode: COMMUNITY_A, name: '桃花坞' })).json().id;
    await send(staffA, 'POST', '/api/addresses/compounds', { communityCode: COMMUNITY_A, name: '金色里程' });
    await send(staffA, 'POST', `/api/addresses/compounds/${compoundId}/generate`, {
      buildings: '1',
      units: '1',
      floors: '1',
      roomsPerFloor: '1-2',
    });
    const room = await t.ctx.db.selectFrom('rooms').select('id').orderBy('number').executeTakeFirstOrThrow();
    const registered = await send(staffA, 'POST', '/api/persons', {
      name: '陆住户',
      documentNumber: testResidentId(901),
      communityCode: COMMUNITY_A,
      roomId: room.id,
    });
    residentId = registered.json().person.id;
  });
  afterAll(async () => t.close());

  it('grid worker sees nothing before', async () => {
    const buildings = await send(gridWorker, 'GET', '/api/screening/buildings');
    expect(buildings.json().total).toBe(0);
  });

  it('putting a compound on a grid', async () => {
    const response = await send(staffA, 'PATCH', `/api/addresses/compounds/${compoundId}`, { gridCode });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ id: compoundId, gridCode, name: '桃花坞' });

    // The residents follow, so the grid worker can see them at the door.
    const person = await t.ctx.db.selectFrom('persons').select('grid_code').where('id', '=', residentId).executeTakeFirstOrThrow();
    expect(person.grid_code).toBe(gridCode);
    expect((await send(gridWorker, 'GET', '/api/screening/buildings')).json().total).toBe(1);
    expect((await send(gridWorker, 'GET', `/api/persons/${residentId}`)).statusCode).toBe(200);

    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'entity_id', 'fields'])
      .where('action', 'in', ['compound.update', 'person.update'])
      .orderBy('seq')
      .execute();
    expect(audit).toEqual([
      { action: 'compound.update', entity_id: compoundId, fields: JSON.stringify(['gridCode']) },
      { action: 'person.update', entity_id: residentId, fields: JSON.stringify(['gridCode']) },
    ]);
  });

  it('taking it off the grid', async () => {
    const response = await send(staffA, 'PATCH', `/api/addresses/compounds/${compoundId}`, { gridCode: null });
    expect(response.json().gridCode).toBeNull();
    expect((await send(gridWorker, 'GET', '/api/screening/buildings')).json().total).toBe(0);
  });

  it('renaming checks the name', async () => {
    const taken = await send(staffA, 'PATCH', `/api/addresses/compounds/${compoundId}`, { name: '金色里程' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error).toMatchObject({ code: 'COMPOUND_NAME_TAKEN', field: 'name' });

    const blank = await send(staffA, 'PATCH', `/api/addresses/compounds/${compoundId}`, { name: '\u200b' });
    expect(blank.json().error).toMatchObject({ code: 'FIELD_REQUIRED', field: 'name' });

    const renamed = await send(staffA, 'PATCH', `/api/addresses/compounds/${compoundId}`, { name: ' 桃花坞新村 ' });
    expect(renamed.json().name).toBe('桃花坞新村');
  });

  it('rejects bad bodies and other communities', async () => {
    const foreignGrid = await send(staffA, 'PATCH', `/api/addresses/compounds/${compoundId}`, { gridCode: otherCommunityGrid });
    expect(foreignGrid.statusCode).toBe(404);
    expect(foreignGrid.json().error.field).toBe('gridCode');

    const notAGrid = await send(staffA, 'PATCH', `/api/addresses/compounds/${compoundId}`, { gridCode: COMMUNITY_A });
    expect(notAGrid.json().error).toMatchObject({ code: 'GRID_NOT_IN_COMMUNITY', field: 'gridCode' });

    const empty = await send(staffA, 'PATCH', `/api/addresses/compounds/${compoundId}`, {});
    expect(empty.statusCode).toBe(400);

    const outside = await send(staffB, 'PATCH', `/api/addresses/compounds/${compoundId}`, { name: '别处' });
    expect(outside.statusCode).toBe(404);
    expect(outside.json().error.code).toBe('COMPOUND_NOT_FOUND');

    const byGridWorker = await send(gridWorker, 'PATCH', `/api/addresses/compounds/${compoundId}`, { name: '网格改名' });
    expect(byGridWorker.statusCode).toBe(403);
  });
});
