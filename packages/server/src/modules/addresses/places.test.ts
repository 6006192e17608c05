import { afterAll, beforeAll, expect, it } from 'vitest';
import { COMMUNITY_A, COMMUNITY_B, createStaff, createTestGrid, loadGusu, SUBDISTRICT_A } from '../../testing/fixtures.js';
import { createTestApp, describeEachDatabase, request, type Session, type TestApp } from '../../testing/harness.js';

describeEachDatabase('address places', (kind) => {
  let t: TestApp;
  let admin: Session;
  let staffA: Session;
  let staffB: Session;
  let gridWorkerA: Session;
  let gridA: string;
  let gridB: string;
  let communityAName: string;
  let placeB: string;

  const create = (session: Session | null, payload: unknown, locale = 'en') =>
    request(t.app, session, { method: 'POST', url: '/api/addresses/places', payload: payload as object, locale });

  beforeAll(async () => {
    t = await createTestApp(kind);
    await loadGusu(t.ctx);
    gridA = (await createTestGrid(t.ctx, COMMUNITY_A, '第一网格')).code;
    gridB = (await createTestGrid(t.ctx, COMMUNITY_B, '第一网格')).code;
    admin = (await createStaff(t.app, t.ctx, 'admin', 'CN')).session;
    staffA = (await createStaff(t.app, t.ctx, 'community_staff', COMMUNITY_A)).session;
    staffB = (await createStaff(t.app, t.ctx, 'community_staff', COMMUNITY_B)).session;
    gridWorkerA = (await createStaff(t.app, t.ctx, 'grid_worker', gridA)).session;
    const community = await t.ctx.db.selectFrom('jurisdictions').select('name').where('code', '=', COMMUNITY_A).executeTakeFirstOrThrow();
    communityAName = community.name;
    placeB = (await create(staffB, { communityCode: COMMUNITY_B, kind: 'enterprise', text: '苏州某某科技有限公司 厂房' })).json().id;
  });
  afterAll(async () => t.close());

  it('create requires a session', async () => {
    const response = await create(null, { communityCode: COMMUNITY_A, kind: 'shop', text: '平江路1号' });
    expect(response.statusCode).toBe(401);
  });

  it('create rejects each invalid field', async () => {
    const valid = { communityCode: COMMUNITY_A, kind: 'shop', text: '无效地址1号', gridCode: gridA };
    const cases = [
      { payload: { ...valid, communityCode: undefined }, status: 400, code: 'FIELD_REQUIRED', field: 'communityCode' },
      { payload: { ...valid, communityCode: SUBDISTRICT_A }, status: 400, code: 'JURISDICTION_LEVEL_INVALID', field: 'communityCode' },
      { payload: { ...valid, communityCode: '999999999999' }, status: 404, code: 'JURISDICTION_NOT_FOUND', field: 'communityCode' },
      { payload: { ...valid, kind: undefined }, status: 400, code: 'FIELD_REQUIRED', field: 'kind' },
      { payload: { ...valid, kind: 'house' }, status: 400, code: 'FIELD_NOT_ALLOWED', field: 'kind' },
      { payload: { ...valid, text: undefined }, status: 400, code: 'FIELD_REQUIRED', field: 'text' },
      { payload: { ...valid, text: '\u200b\u3000 ' }, status: 400, code: 'FIELD_REQUIRED', field: 'text' },
      { payload: { ...valid, text: '号'.repeat(201) }, status: 400, code: 'FIELD_TOO_LONG', field: 'text' },
      { payload: { ...valid, text: ['平江路1号'] }, status: 400, code: 'FIELD_TYPE_INVALID', field: 'text' },
      { payload: { ...valid, gridCode: gridB }, status: 400, code: 'GRID_NOT_IN_COMMUNITY', field: 'gridCode' },
    ];
    for (const testCase of cases) {
      const response = await create(admin, testCase.payload);
      const label = JSON.stringify(testCase.payload);
      expect(response.statusCode, label).toBe(testCase.status);
      expect(response.json().error.code, label).toBe(testCase.code);
      expect(response.json().error.field, label).toBe(testCase.field);
      expect(response.json().error.message, label).not.toBe(testCase.code);
    }
    const stored = await t.ctx.db.selectFrom('places').select('id').where('community_code', '=', COMMUNITY_A).execute();
    expect(stored).toEqual([]);
  });

  it('grid workers cannot create places', async () => {
    const response = await create(gridWorkerA, { communityCode: COMMUNITY_A, kind: 'shop', text: '越权地址' });
    expect(response.statusCode).toBe(403);
    const stored = await t.ctx.db.selectFrom('places').select('id').where('text', '=', '越权地址').execute();
    expect(stored).toEqual([]);
  });

  it('cannot create or read a place of another community', async () => {
    const created = await create(staffA, { communityCode: COMMUNITY_B, kind: 'shop', text: '越界地址' });
    expect(created.statusCode).toBe(404);
    expect(created.json().error).toMatchObject({ code: 'JURISDICTION_NOT_FOUND', field: 'communityCode' });

    const read = await request(t.app, staffA, { method: 'GET', url: `/api/addresses/places/${placeB}`, locale: 'en' });
    expect(read.statusCode).toBe(404);
    expect(read.json().error).toEqual({ code: 'PLACE_NOT_FOUND', field: 'id', message: 'Place not found' });

    const list = await request(t.app, staffA, { method: 'GET', url: `/api/addresses/places?communityCode=${COMMUNITY_B}` });
    expect(list.json()).toEqual({ items: [], total: 0 });
    const stored = await t.ctx.db.selectFrom('places').select('id').where('text', '=', '越界地址').execute();
    expect(stored).toEqual([]);
  });

  it('create normalises the text and audits it', async () => {
    const response = await create(staffA, {
      communityCode: COMMUNITY_A,
      kind: 'village_house',
      text: ' 平江路１２８号\u200b  ＡＢＣ茶馆 ',
      gridCode: gridA,
    });
    expect(response.statusCode).toBe(201);
    const place = response.json();
    expect(place).toEqual({
      id: expect.any(String),
      communityCode: COMMUNITY_A,
      communityName: communityAName,
      gridCode: gridA,
      gridName: '第一网格',
      kind: 'village_house',
      text: '平江路128号 ABC茶馆',
      createdAt: expect.any(String),
      updatedAt: place.createdAt,
    });

    const row = await t.ctx.db
      .selectFrom('places')
      .select(['text', 'normalized_text', 'kind'])
      .where('id', '=', place.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ text: '平江路128号 ABC茶馆', normalized_text: '平江路128号 abc茶馆', kind: 'village_house' });
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'node_code', 'fields'])
      .where('entity_id', '=', place.id)
      .execute();
    expect(audit).toEqual([{ action: 'place.create', node_code: COMMUNITY_A, fields: '["communityCode","kind","text","gridCode"]' }]);

    const read = await request(t.app, gridWorkerA, { method: 'GET', url: `/api/addresses/places/${place.id}` });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toEqual(place);
  });

  it('list filters by text, kind and community', async () => {
    await create(staffA, { communityCode: COMMUNITY_A, kind: 'shop', text: '十全街9号 面馆' });

    const byText = await request(t.app, staffA, { method: 'GET', url: `/api/addresses/places?q=${encodeURIComponent('ａｂｃ')}` });
    expect(byText.json().items.map((item: { text: string }) => item.text)).toEqual(['平江路128号 ABC茶馆']);
    expect(byText.json().total).toBe(1);

    const byKind = await request(t.app, staffA, { method: 'GET', url: '/api/addresses/places?kind=shop' });
    expect(byKind.json().items.map((item: { text: string }) => item.text)).toEqual(['十全街9号 面馆']);

    const all = await request(t.app, admin, { method: 'GET', url: '/api/addresses/places' });
    expect(all.json().total).toBe(3);
    const other = await request(t.app, admin, { method: 'GET', url: `/api/addresses/places?communityCode=${COMMUNITY_B}` });
    expect(other.json().items.map((item: { id: string }) => item.id)).toEqual([placeB]);

    const gridOnly = await request(t.app, gridWorkerA, { method: 'GET', url: '/api/addresses/places' });
    expect(gridOnly.json().items.map((item: { text: string }) => item.text)).toEqual(['平江路128号 ABC茶馆']);

    const badKind = await request(t.app, staffA, { method: 'GET', url: '/api/addresses/places?kind=house', locale: 'en' });
    expect(badKind.json().error).toMatchObject({ code: 'FIELD_NOT_ALLOWED', field: 'kind' });
  });
});
