import { afterAll, beforeAll, expect, it } from 'vitest';
import { COMMUNITY_A, COMMUNITY_B, createStaff, createTestGrid, loadGusu } from '../../testing/fixtures.js';
import { createTestApp, describeEachDatabase, request, type Session, type TestApp } from '../../testing/harness.js';

describeEachDatabase('address generation', (kind) => {
  let t: TestApp;
  let staffA: Session;
  let staffB: Session;
  let gridWorkerA: Session;
  let compoundA: string;
  let compoundB: string;
  let communityAName: string;

  const generate = (session: Session | null, compoundId: string, payload: unknown, locale = 'en') =>
    request(t.app, session, { method: 'POST', url: `/api/addresses/compounds/${compoundId}/generate`, payload: payload as object, locale });

  async function createCompound(session: Session, communityCode: string, name: string): Promise<string> {
    const response = await request(t.app, session, { method: 'POST', url: '/api/addresses/compounds', payload: { communityCode, name } });
    return response.json().id;
  }

  async function countOfCompound(compoundId: string) {
    const buildings = await t.ctx.db.selectFrom('buildings').select('id').where('compound_id', '=', compoundId).execute();
    const units = await t.ctx.db
      .selectFrom('units')
      .innerJoin('buildings', 'buildings.id', 'units.building_id')
      .select('units.id')
      .where('buildings.compound_id', '=', compoundId)
      .execute();
    const rooms = await t.ctx.db
      .selectFrom('rooms')
      .innerJoin('units', 'units.id', 'rooms.unit_id')
      .innerJoin('buildings', 'buildings.id', 'units.building_id')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('buildings.compound_id', '=', compoundId)
      .executeTakeFirstOrThrow();
    return { buildings: buildings.length, units: units.length, rooms: Number(rooms.count) };
  }

  function generateAudits(compoundId: string) {
    return t.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'node_code', 'fields'])
      .where('entity_id', '=', compoundId)
      .where('action', '=', 'compound.generate')
      .orderBy('seq')
      .execute();
  }

  beforeAll(async () => {
    t = await createTestApp(kind);
    await loadGusu(t.ctx);
    const gridA = (await createTestGrid(t.ctx, COMMUNITY_A, '第一网格')).code;
    staffA = (await createStaff(t.app, t.ctx, 'community_staff', COMMUNITY_A)).session;
    staffB = (await createStaff(t.app, t.ctx, 'community_staff', COMMUNITY_B)).session;
    gridWorkerA = (await createStaff(t.app, t.ctx, 'grid_worker', gridA)).session;
    compoundA = await createCompound(staffA, COMMUNITY_A, '金色里程');
    compoundB = await createCompound(staffB, COMMUNITY_B, '平江花园');
    const community = await t.ctx.db.selectFrom('jurisdictions').select('name').where('code', '=', COMMUNITY_A).executeTakeFirstOrThrow();
    communityAName = community.name;
  });
  afterAll(async () => t.close());

  it('generate requires a session', async () => {
    const response = await generate(null, compoundA, { buildings: '1', units: '1', floors: '1', roomsPerFloor: '1' });
    expect(response.statusCode).toBe(401);
  });

  it('generate rejects each invalid field', async () => {
    const valid = { buildings: '1-2', units: '1', floors: '1-3', roomsPerFloor: '1-2' };
    const cases = [
      { payload: { ...valid, buildings: undefined }, code: 'FIELD_REQUIRED', field: 'buildings' },
      { payload: { ...valid, buildings: '' }, code: 'FIELD_TOO_SHORT', field: 'buildings' },
      { payload: { ...valid, buildings: 30 }, code: 'FIELD_TYPE_INVALID', field: 'buildings' },
      { payload: { ...valid, buildings: '1-' }, code: 'ADDRESS_RANGE_INVALID', field: 'buildings' },
      { payload: { ...valid, buildings: '30-1' }, code: 'ADDRESS_RANGE_INVALID', field: 'buildings' },
      { payload: { ...valid, buildings: '0' }, code: 'ADDRESS_RANGE_INVALID', field: 'buildings' },
      { payload: { ...valid, buildings: '1-1000000' }, code: 'ADDRESS_RANGE_TOO_LARGE', field: 'buildings' },
      { payload: { ...valid, buildings: '10000' }, code: 'ADDRESS_NUMBER_TOO_LARGE', field: 'buildings' },
      { payload: { ...valid, units: undefined }, code: 'FIELD_REQUIRED', field: 'units' },
      { payload: { ...valid, units: '1,100' }, code: 'ADDRESS_NUMBER_TOO_LARGE', field: 'units' },
      { payload: { ...valid, floors: 'B1-3' }, code: 'ADDRESS_RANGE_INVALID', field: 'floors' },
      { payload: { ...valid, floors: '1-100' }, code: 'ADDRESS_NUMBER_TOO_LARGE', field: 'floors' },
      { payload: { ...valid, roomsPerFloor: '四' }, code: 'ADDRESS_RANGE_INVALID', field: 'roomsPerFloor' },
      { payload: { ...valid, roomsPerFloor: '1-100' }, code: 'ADDRESS_NUMBER_TOO_LARGE', field: 'roomsPerFloor' },
      { payload: { ...valid, skipFloors: '4,,13' }, code: 'ADDRESS_RANGE_INVALID', field: 'skipFloors' },
      { payload: { ...valid, skipFloors: 4 }, code: 'FIELD_TYPE_INVALID', field: 'skipFloors' },
      { payload: { ...valid, skipBuildings: '2-1' }, code: 'ADDRESS_RANGE_INVALID', field: 'skipBuildings' },
    ];
    for (const testCase of cases) {
      const response = await generate(staffA, compoundA, testCase.payload);
      const label = JSON.stringify(testCase.payload);
      expect(response.statusCode, label).toBe(400);
      expect(response.json().error.code, label).toBe(testCase.code);
      expect(response.json().error.field, label).toBe(testCase.field);
      expect(response.json().error.message, label).not.toBe(testCase.code);
    }
    expect(await countOfCompound(compoundA)).toEqual({ buildings: 0, units: 0, rooms: 0 });
  });

  it('number limit is in the message', async () => {
    const response = await generate(staffA, compoundA, { buildings: '1', units: '1', floors: '1-120', roomsPerFloor: '1' }, 'zh-CN');
    expect(response.json().error.message).toBe('楼层范围中的编号不能大于 99');
  });

  it('over-cap request is rejected with nothing stored', async () => {
    const payload = { buildings: '1-100', units: '1-3', floors: '1-33', roomsPerFloor: '1-4' };
    const response = await generate(staffA, compoundA, payload);
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toEqual({
      code: 'ADDRESS_GENERATION_TOO_LARGE',
      field: 'buildings',
      message:
        'This request would create 39600 rooms, more than the limit of 20000 per request; narrow the building range and generate the rest in another request',
    });
    expect(await countOfCompound(compoundA)).toEqual({ buildings: 0, units: 0, rooms: 0 });
    expect(await generateAudits(compoundA)).toEqual([]);
  });

  it('grid workers cannot generate', async () => {
    const response = await generate(gridWorkerA, compoundA, { buildings: '1', units: '1', floors: '1', roomsPerFloor: '1' });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('FORBIDDEN');
    expect(await countOfCompound(compoundA)).toEqual({ buildings: 0, units: 0, rooms: 0 });
  });

  it('cannot generate in another community', async () => {
    const response = await generate(staffA, compoundB, { buildings: '1', units: '1', floors: '1', roomsPerFloor: '1' });
    expect(response.statusCode).toBe(404);
    expect(response.json().error).toMatchObject({ code: 'COMPOUND_NOT_FOUND', field: 'id' });
    expect(await countOfCompound(compoundB)).toEqual({ buildings: 0, units: 0, rooms: 0 });

    const missing = await generate(staffA, '00000000-0000-4000-8000-000000000000', {
      buildings: '1',
      units: '1',
      floors: '1',
      roomsPerFloor: '1',
    });
    expect(missing.statusCode).toBe(404);
  });

  it('large compound creates 11,880 rooms', async () => {
    const payload = { buildings: '1-30', units: '1-3', floors: '1-33', roomsPerFloor: '1-4' };
    const response = await generate(staffA, compoundA, payload);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ buildings: 30, units: 90, rooms: 11_880, skipped: 0 });
    expect(await countOfCompound(compoundA)).toEqual({ buildings: 30, units: 90, rooms: 11_880 });

    const room = await t.ctx.db
      .selectFrom('rooms')
      .innerJoin('units', 'units.id', 'rooms.unit_id')
      .innerJoin('buildings', 'buildings.id', 'units.building_id')
      .select(['rooms.floor', 'rooms.number'])
      .where('buildings.compound_id', '=', compoundA)
      .where('buildings.number', '=', '30')
      .where('units.number', '=', '3')
      .where('rooms.number', '=', '3304')
      .executeTakeFirstOrThrow();
    expect(room).toEqual({ floor: 33, number: '3304' });
    expect(await generateAudits(compoundA)).toEqual([
      { action: 'compound.generate', node_code: COMMUNITY_A, fields: '["buildings","units","rooms"]' },
    ]);
  });

  it('re-running adds nothing', async () => {
    const payload = { buildings: '1-30', units: '1-3', floors: '1-33', roomsPerFloor: '1-4' };
    const response = await generate(staffA, compoundA, payload);
    expect(response.json()).toEqual({ buildings: 0, units: 0, rooms: 0, skipped: 11_880 });
    expect(await countOfCompound(compoundA)).toEqual({ buildings: 30, units: 90, rooms: 11_880 });
    expect(await generateAudits(compoundA)).toHaveLength(1);
  });

  it('a wider range adds only the new rooms', async () => {
    const response = await generate(staffA, compoundA, { buildings: '30-31', units: '1-3', floors: '1-33', roomsPerFloor: '1-4' });
    expect(response.json()).toEqual({ buildings: 1, units: 3, rooms: 396, skipped: 396 });
    expect(await countOfCompound(compoundA)).toEqual({ buildings: 31, units: 93, rooms: 12_276 });
  });

  it('concurrent requests create each room once', async () => {
    const compound = await createCompound(staffA, COMMUNITY_A, '并发小区');
    const payload = { buildings: '1-20', units: '1-2', floors: '1-30', roomsPerFloor: '1-4' };
    const responses = await Promise.all([generate(staffA, compound, payload), generate(staffA, compound, payload)]);
    expect(responses.map((response) => response.statusCode)).toEqual([200, 200]);
    const created = responses.map((response) => response.json().rooms as number);
    expect(created.sort((a, b) => a - b)).toEqual([0, 4800]);
    expect(await countOfCompound(compound)).toEqual({ buildings: 20, units: 40, rooms: 4800 });
  });

  it('skipped floors and buildings are not created', async () => {
    const compound = await createCompound(staffA, COMMUNITY_A, '跳层小区');
    const response = await generate(staffA, compound, {
      buildings: '1-3',
      units: '1',
      floors: '1-15',
      roomsPerFloor: '1-2',
      skipFloors: '4,13-14',
      skipBuildings: '2',
    });
    expect(response.json()).toEqual({ buildings: 2, units: 2, rooms: 48, skipped: 0 });

    const floors = await t.ctx.db
      .selectFrom('rooms')
      .innerJoin('units', 'units.id', 'rooms.unit_id')
      .innerJoin('buildings', 'buildings.id', 'units.building_id')
      .select('rooms.floor')
      .distinct()
      .where('buildings.compound_id', '=', compound)
      .orderBy('rooms.floor')
      .execute();
    expect(floors.map((row) => row.floor)).toEqual([1, 2, 3, 5, 6, 7, 8, 9, 10, 11, 12, 15]);
    const buildings = await t.ctx.db
      .selectFrom('buildings')
      .select('number')
      .where('compound_id', '=', compound)
      .orderBy('number')
      .execute();
    expect(buildings.map((row) => row.number)).toEqual(['1', '3']);
  });

  it('compound detail counts buildings, units and rooms', async () => {
    const response = await request(t.app, staffA, { method: 'GET', url: `/api/addresses/compounds/${compoundA}` });
    expect(response.statusCode).toBe(200);
    const detail = response.json();
    expect(detail).toMatchObject({ id: compoundA, name: '金色里程', buildingCount: 31, roomCount: 12_276 });
    expect(detail.buildings).toHaveLength(31);
    expect(detail.buildings.slice(0, 3).map((building: { number: string }) => building.number)).toEqual(['1', '2', '3']);
    expect(detail.buildings[9]).toEqual({ id: expect.any(String), number: '10', unitCount: 3, roomCount: 396 });

    const list = await request(t.app, staffA, { method: 'GET', url: `/api/addresses/compounds?q=${encodeURIComponent('金色')}` });
    expect(list.json().items[0]).toMatchObject({ buildingCount: 31, roomCount: 12_276 });
  });

  it('building rooms are grouped by unit and floor', async () => {
    const detail = await request(t.app, staffA, { method: 'GET', url: `/api/addresses/compounds/${compoundA}` });
    const building = detail.json().buildings[2];
    const response = await request(t.app, staffA, { method: 'GET', url: `/api/addresses/buildings/${building.id}/rooms` });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ id: building.id, number: '3', compoundId: compoundA, compoundName: '金色里程' });
    expect(body.units.map((unit: { number: string }) => unit.number)).toEqual(['1', '2', '3']);
    expect(body.units[1].floors).toHaveLength(33);
    expect(body.units[1].floors[0].floor).toBe(1);
    expect(body.units[1].floors[0].rooms.map((room: { number: string }) => room.number)).toEqual(['101', '102', '103', '104']);
    expect(body.units[1].floors[32].rooms.map((room: { number: string }) => room.number)).toEqual(['3301', '3302', '3303', '3304']);
  });

  it('room shows its full address', async () => {
    const row = await t.ctx.db
      .selectFrom('rooms')
      .innerJoin('units', 'units.id', 'rooms.unit_id')
      .innerJoin('buildings', 'buildings.id', 'units.building_id')
      .select(['rooms.id', 'units.id as unit_id', 'buildings.id as building_id'])
      .where('buildings.compound_id', '=', compoundA)
      .where('buildings.number', '=', '3')
      .where('units.number', '=', '2')
      .where('rooms.number', '=', '1202')
      .executeTakeFirstOrThrow();
    const response = await request(t.app, staffA, { method: 'GET', url: `/api/addresses/rooms/${row.id}` });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      id: row.id,
      number: '1202',
      floor: 12,
      unitId: row.unit_id,
      unitNumber: '2',
      buildingId: row.building_id,
      buildingNumber: '3',
      compoundId: compoundA,
      compoundName: '金色里程',
      communityCode: COMMUNITY_A,
      communityName: communityAName,
      gridCode: null,
      text: '金色里程3幢2单元1202室',
    });
  });

  it('room and building of another community answer 404', async () => {
    const row = await t.ctx.db
      .selectFrom('rooms')
      .innerJoin('units', 'units.id', 'rooms.unit_id')
      .select(['rooms.id', 'units.building_id'])
      .limit(1)
      .executeTakeFirstOrThrow();
    const room = await request(t.app, staffB, { method: 'GET', url: `/api/addresses/rooms/${row.id}`, locale: 'en' });
    expect(room.statusCode).toBe(404);
    expect(room.json().error).toEqual({ code: 'ROOM_NOT_FOUND', field: 'id', message: 'Room not found' });

    const building = await request(t.app, staffB, { method: 'GET', url: `/api/addresses/buildings/${row.building_id}/rooms` });
    expect(building.statusCode).toBe(404);
    expect(building.json().error).toMatchObject({ code: 'BUILDING_NOT_FOUND', field: 'id' });
  });

  it('grid worker reads rooms of their grid only', async () => {
    const row = await t.ctx.db.selectFrom('rooms').select('id').limit(1).executeTakeFirstOrThrow();
    const response = await request(t.app, gridWorkerA, { method: 'GET', url: `/api/addresses/rooms/${row.id}` });
    expect(response.statusCode).toBe(404);
  });
});
