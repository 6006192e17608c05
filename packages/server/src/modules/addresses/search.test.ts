import { afterAll, beforeAll, expect, it } from 'vitest';
import { COMMUNITY_A, COMMUNITY_B, createStaff, createTestGrid, loadGusu } from '../../testing/fixtures.js';
import { createTestApp, describeEachDatabase, request, type Session, type TestApp } from '../../testing/harness.js';

interface Hit {
  type: 'room' | 'place';
  id: string;
  text: string;
  communityCode: string;
  communityName: string;
  placeKind: string | null;
}

describeEachDatabase('address search', (kind) => {
  let t: TestApp;
  let admin: Session;
  let staffA: Session;
  let staffB: Session;
  let gridWorkerA: Session;
  let otherGridWorkerA: Session;
  let communityAName: string;
  let targetRoom: string;

  const search = async (session: Session, q: string, limit?: number) => {
    const query = new URLSearchParams({ q, ...(limit ? { limit: String(limit) } : {}) });
    const response = await request(t.app, session, { method: 'GET', url: `/api/addresses/search?${query.toString()}` });
    expect(response.statusCode, q).toBe(200);
    return response.json().items as Hit[];
  };

  async function createCompound(session: Session, payload: { communityCode: string; name: string; gridCode?: string }) {
    const response = await request(t.app, session, { method: 'POST', url: '/api/addresses/compounds', payload });
    const id = response.json().id as string;
    const generated = await request(t.app, session, {
      method: 'POST',
      url: `/api/addresses/compounds/${id}/generate`,
      payload: { buildings: '1-3', units: '1-2', floors: '1-12', roomsPerFloor: '1-2' },
    });
    expect(generated.statusCode).toBe(200);
    return id;
  }

  async function roomIdOf(compoundId: string, building: string, unit: string, room: string) {
    const row = await t.ctx.db
      .selectFrom('rooms')
      .innerJoin('units', 'units.id', 'rooms.unit_id')
      .innerJoin('buildings', 'buildings.id', 'units.building_id')
      .select('rooms.id')
      .where('buildings.compound_id', '=', compoundId)
      .where('buildings.number', '=', building)
      .where('units.number', '=', unit)
      .where('rooms.number', '=', room)
      .executeTakeFirstOrThrow();
    return row.id;
  }

  beforeAll(async () => {
    t = await createTestApp(kind);
    await loadGusu(t.ctx);
    const gridA = (await createTestGrid(t.ctx, COMMUNITY_A, '第一网格')).code;
    const otherGridA = (await createTestGrid(t.ctx, COMMUNITY_A, '第二网格')).code;
    admin = (await createStaff(t.app, t.ctx, 'admin', 'CN')).session;
    staffA = (await createStaff(t.app, t.ctx, 'community_staff', COMMUNITY_A)).session;
    staffB = (await createStaff(t.app, t.ctx, 'community_staff', COMMUNITY_B)).session;
    gridWorkerA = (await createStaff(t.app, t.ctx, 'grid_worker', gridA)).session;
    otherGridWorkerA = (await createStaff(t.app, t.ctx, 'grid_worker', otherGridA)).session;
    const community = await t.ctx.db.selectFrom('jurisdictions').select('name').where('code', '=', COMMUNITY_A).executeTakeFirstOrThrow();
    communityAName = community.name;

    const compoundA = await createCompound(staffA, { communityCode: COMMUNITY_A, name: '金色里程', gridCode: gridA });
    await createCompound(staffA, { communityCode: COMMUNITY_A, name: '金色里程二期' });
    await createCompound(staffB, { communityCode: COMMUNITY_B, name: '金色里程' });
    targetRoom = await roomIdOf(compoundA, '3', '2', '1202');

    const places = [
      { session: staffA, payload: { communityCode: COMMUNITY_A, kind: 'shop', text: '平江路128号 ＡＢＣ茶馆' } },
      { session: staffB, payload: { communityCode: COMMUNITY_B, kind: 'village_house', text: '平江路200号' } },
    ];
    for (const { session, payload } of places) {
      const response = await request(t.app, session, { method: 'POST', url: '/api/addresses/places', payload });
      expect(response.statusCode).toBe(201);
    }
  });
  afterAll(async () => t.close());

  it('search requires a session', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/addresses/search?q=1202' });
    expect(response.statusCode).toBe(401);
  });

  it('search rejects each invalid parameter', async () => {
    const cases = [
      { url: '/api/addresses/search', code: 'FIELD_REQUIRED', field: 'q' },
      { url: '/api/addresses/search?q=', code: 'FIELD_TOO_SHORT', field: 'q' },
      { url: `/api/addresses/search?q=${'1'.repeat(101)}`, code: 'FIELD_TOO_LONG', field: 'q' },
      { url: '/api/addresses/search?q=1202&limit=0', code: 'FIELD_OUT_OF_RANGE', field: 'limit' },
      { url: '/api/addresses/search?q=1202&limit=101', code: 'FIELD_OUT_OF_RANGE', field: 'limit' },
      { url: '/api/addresses/search?q=1202&limit=x', code: 'FIELD_TYPE_INVALID', field: 'limit' },
    ];
    for (const testCase of cases) {
      const response = await request(t.app, staffA, { method: 'GET', url: testCase.url, locale: 'en' });
      expect(response.statusCode, testCase.url).toBe(400);
      expect(response.json().error, testCase.url).toMatchObject({ code: testCase.code, field: testCase.field });
    }
  });

  it('written forms of one room find it alike', async () => {
    for (const q of [
      '金色里程3幢2单元1202',
      '金色里程3栋2-1202',
      '金色里程 3-2-1202室',
      '金色里程３幢２单元１２０２',
      '金色里程三幢二单元1202室',
    ]) {
      expect(await search(staffA, q), q).toEqual([
        {
          type: 'room',
          id: targetRoom,
          text: '金色里程3幢2单元1202室',
          communityCode: COMMUNITY_A,
          communityName: communityAName,
          placeKind: null,
        },
      ]);
    }
  });

  it('room forms without a compound search every compound', async () => {
    const withUnit = await search(staffA, '3幢2单元1202');
    expect(withUnit.map((hit) => hit.text)).toEqual(['金色里程3幢2单元1202室', '金色里程二期3幢2单元1202室']);
    expect(withUnit[0]?.id).toBe(targetRoom);
    expect((await search(staffA, '3栋2-1202')).map((hit) => hit.id)).toEqual(withUnit.map((hit) => hit.id));

    const withoutUnit = await search(staffA, '金色里程3号楼1202');
    expect(withoutUnit.map((hit) => hit.text)).toEqual(['金色里程3幢1单元1202室', '金色里程3幢2单元1202室']);
    expect(withoutUnit.map((hit) => hit.id)).toContain(targetRoom);
  });

  it('the longest compound name wins', async () => {
    const hits = await search(staffA, '金色里程二期3幢2单元1202');
    expect(hits.map((hit) => hit.text)).toEqual(['金色里程二期3幢2单元1202室']);
  });

  it('search never returns rows outside scope', async () => {
    const hitsB = await search(staffB, '金色里程3幢2单元1202');
    expect(hitsB).toHaveLength(1);
    expect(hitsB[0]).toMatchObject({ communityCode: COMMUNITY_B, text: '金色里程3幢2单元1202室' });
    expect(hitsB[0]?.id).not.toBe(targetRoom);

    const everywhere = await search(admin, '金色里程3幢2单元1202');
    expect(everywhere.map((hit) => hit.communityCode).sort()).toEqual([COMMUNITY_A, COMMUNITY_B].sort());

    const placesB = await search(staffB, '平江路');
    expect(placesB.map((hit) => hit.text)).toEqual(['平江路200号']);
  });

  it('grid workers search their grid only', async () => {
    const own = await search(gridWorkerA, '3幢2单元1202');
    expect(own.map((hit) => hit.id)).toEqual([targetRoom]);
    expect(await search(otherGridWorkerA, '3幢2单元1202')).toEqual([]);
  });

  it('places match by contained text', async () => {
    const hits = await search(staffA, 'abc茶馆');
    expect(hits).toEqual([
      {
        type: 'place',
        id: expect.any(String),
        text: '平江路128号 ABC茶馆',
        communityCode: COMMUNITY_A,
        communityName: communityAName,
        placeKind: 'shop',
      },
    ]);
    expect(await search(staffA, '平江路%茶馆')).toEqual([]);
    expect(await search(staffA, '平江路_28号')).toEqual([]);
  });

  it('limit caps rooms and places together', async () => {
    expect(await search(admin, '1202', 3)).toHaveLength(3);
    const all = await search(admin, '1202', 100);
    expect(all).toHaveLength(18);
    expect(all.every((hit) => hit.type === 'room' && hit.text.endsWith('1202室'))).toBe(true);
  });

  it('text that names nothing finds nothing', async () => {
    expect(await search(staffA, '不存在的小区3幢2单元1202')).toEqual([]);
    expect(await search(staffA, '金色里程')).toEqual([]);
    expect(await search(staffA, '金色里程9幢1单元101')).toEqual([]);
  });
});
