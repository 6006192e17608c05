import { afterAll, beforeAll, expect, it } from 'vitest';
import { COMMUNITY_A, COMMUNITY_B, createStaff, createTestGrid, loadGusu, SUBDISTRICT_A } from '../../testing/fixtures.js';
import { createTestApp, describeEachDatabase, request, type Session, type TestApp } from '../../testing/harness.js';

describeEachDatabase('address compounds', (kind) => {
  let t: TestApp;
  let admin: Session;
  let staffA: Session;
  let staffB: Session;
  let gridWorkerA: Session;
  let gridA: string;
  let gridB: string;
  let communityAName: string;

  const create = (session: Session | null, payload: unknown, locale = 'en') =>
    request(t.app, session, { method: 'POST', url: '/api/addresses/compounds', payload: payload as object, locale });

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
  });
  afterAll(async () => t.close());

  it('create requires a session', async () => {
    const response = await create(null, { communityCode: COMMUNITY_A, name: '金色里程' });
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe('AUTH_REQUIRED');
  });

  it('create rejects each invalid field', async () => {
    const valid = { communityCode: COMMUNITY_A, name: '无效小区', gridCode: gridA };
    const cases = [
      { payload: { ...valid, communityCode: undefined }, status: 400, code: 'FIELD_REQUIRED', field: 'communityCode' },
      { payload: { ...valid, communityCode: '3205-08' }, status: 400, code: 'FIELD_FORMAT_INVALID', field: 'communityCode' },
      { payload: { ...valid, communityCode: 320508018014 }, status: 400, code: 'FIELD_TYPE_INVALID', field: 'communityCode' },
      { payload: { ...valid, communityCode: '999999999999' }, status: 404, code: 'JURISDICTION_NOT_FOUND', field: 'communityCode' },
      { payload: { ...valid, communityCode: SUBDISTRICT_A }, status: 400, code: 'JURISDICTION_LEVEL_INVALID', field: 'communityCode' },
      { payload: { ...valid, name: undefined }, status: 400, code: 'FIELD_REQUIRED', field: 'name' },
      { payload: { ...valid, name: ' \u200b\u3000' }, status: 400, code: 'FIELD_REQUIRED', field: 'name' },
      { payload: { ...valid, name: '园'.repeat(51) }, status: 400, code: 'FIELD_TOO_LONG', field: 'name' },
      { payload: { ...valid, gridCode: 'G-1' }, status: 400, code: 'FIELD_FORMAT_INVALID', field: 'gridCode' },
      { payload: { ...valid, gridCode: COMMUNITY_A }, status: 400, code: 'GRID_NOT_IN_COMMUNITY', field: 'gridCode' },
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
    const stored = await t.ctx.db.selectFrom('compounds').select('id').execute();
    expect(stored).toEqual([]);
  });

  it('level error names the community field', async () => {
    const response = await create(admin, { communityCode: SUBDISTRICT_A, name: '无效小区' }, 'zh-CN');
    expect(response.json().error.message).toBe('所属社区必须是社区（村）：网格、小区和地址都建在社区（村）下');
  });

  it('grid workers and HQ cannot create compounds', async () => {
    const hq = (await createStaff(t.app, t.ctx, 'hq', 'CN')).session;
    for (const session of [gridWorkerA, hq]) {
      const response = await create(session, { communityCode: COMMUNITY_A, name: '越权小区' });
      expect(response.statusCode).toBe(403);
      expect(response.json().error.code).toBe('FORBIDDEN');
    }
    const stored = await t.ctx.db.selectFrom('compounds').select('id').where('name', '=', '越权小区').execute();
    expect(stored).toEqual([]);
  });

  it('cannot create in another community', async () => {
    const community = await create(staffA, { communityCode: COMMUNITY_B, name: '越界小区' });
    expect(community.statusCode).toBe(404);
    expect(community.json().error).toMatchObject({ code: 'JURISDICTION_NOT_FOUND', field: 'communityCode' });

    const grid = await create(staffA, { communityCode: COMMUNITY_A, name: '越界小区', gridCode: gridB });
    expect(grid.statusCode).toBe(404);
    expect(grid.json().error).toMatchObject({ code: 'JURISDICTION_NOT_FOUND', field: 'gridCode' });

    const stored = await t.ctx.db.selectFrom('compounds').select('id').where('name', '=', '越界小区').execute();
    expect(stored).toEqual([]);
  });

  it('create stores a clean name and audits it', async () => {
    const response = await create(staffA, { communityCode: COMMUNITY_A, name: ' 金色\u200b里程 ', gridCode: gridA });
    expect(response.statusCode).toBe(201);
    const compound = response.json();
    expect(compound).toEqual({
      id: expect.any(String),
      communityCode: COMMUNITY_A,
      communityName: communityAName,
      gridCode: gridA,
      gridName: '第一网格',
      name: '金色里程',
      buildingCount: 0,
      roomCount: 0,
      createdAt: expect.any(String),
      updatedAt: compound.createdAt,
    });

    const row = await t.ctx.db
      .selectFrom('compounds')
      .select(['community_code', 'grid_code', 'name', 'normalized_name'])
      .where('id', '=', compound.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ community_code: COMMUNITY_A, grid_code: gridA, name: '金色里程', normalized_name: '金色里程' });
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'node_code', 'fields'])
      .where('entity_id', '=', compound.id)
      .execute();
    expect(audit).toEqual([{ action: 'compound.create', node_code: COMMUNITY_A, fields: '["communityCode","name","gridCode"]' }]);
  });

  it('names are unique within a community only', async () => {
    const duplicate = await create(staffA, { communityCode: COMMUNITY_A, name: '金色里程' });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().error).toMatchObject({ code: 'COMPOUND_NAME_TAKEN', field: 'name' });

    const elsewhere = await create(staffB, { communityCode: COMMUNITY_B, name: '金色里程' });
    expect(elsewhere.statusCode).toBe(201);
    const rows = await t.ctx.db.selectFrom('compounds').select('community_code').where('name', '=', '金色里程').execute();
    expect(rows.map((row) => row.community_code).sort()).toEqual([COMMUNITY_A, COMMUNITY_B].sort());
  });

  it('list shows only compounds in scope', async () => {
    await create(staffA, { communityCode: COMMUNITY_A, name: '平江新村' });

    const own = await request(t.app, staffA, { method: 'GET', url: '/api/addresses/compounds' });
    expect(own.statusCode).toBe(200);
    expect(own.json().total).toBe(2);
    expect((own.json().items as Array<{ communityCode: string }>).every((item) => item.communityCode === COMMUNITY_A)).toBe(true);

    const other = await request(t.app, staffA, { method: 'GET', url: `/api/addresses/compounds?communityCode=${COMMUNITY_B}` });
    expect(other.json()).toEqual({ items: [], total: 0 });

    const all = await request(t.app, admin, { method: 'GET', url: '/api/addresses/compounds' });
    expect(all.json().total).toBe(3);
  });

  it('list filters by community and text', async () => {
    const byCommunity = await request(t.app, admin, { method: 'GET', url: `/api/addresses/compounds?communityCode=${COMMUNITY_B}` });
    expect(byCommunity.json().items.map((item: { name: string }) => item.name)).toEqual(['金色里程']);

    const byText = await request(t.app, staffA, { method: 'GET', url: `/api/addresses/compounds?q=${encodeURIComponent('平江')}` });
    expect(byText.json().items.map((item: { name: string }) => item.name)).toEqual(['平江新村']);

    await create(staffA, { communityCode: COMMUNITY_A, name: 'Vanke城市花园' });
    const fullWidth = await request(t.app, staffA, {
      method: 'GET',
      url: `/api/addresses/compounds?q=${encodeURIComponent('ｖａｎｋｅ')}`,
    });
    expect(fullWidth.json().items.map((item: { name: string }) => item.name)).toEqual(['Vanke城市花园']);
    const wildcard = await request(t.app, staffA, { method: 'GET', url: `/api/addresses/compounds?q=${encodeURIComponent('金_里%')}` });
    expect(wildcard.json().total).toBe(0);

    const page = await request(t.app, staffA, { method: 'GET', url: '/api/addresses/compounds?page=2&pageSize=2' });
    expect(page.json().items).toHaveLength(1);
    expect(page.json().total).toBe(3);

    const badPage = await request(t.app, staffA, { method: 'GET', url: '/api/addresses/compounds?pageSize=0', locale: 'en' });
    expect(badPage.json().error).toMatchObject({ code: 'FIELD_OUT_OF_RANGE', field: 'pageSize' });
  });

  it('compound of another community answers 404', async () => {
    const list = await request(t.app, admin, { method: 'GET', url: `/api/addresses/compounds?communityCode=${COMMUNITY_B}` });
    const compoundB = list.json().items[0].id as string;

    const response = await request(t.app, staffA, { method: 'GET', url: `/api/addresses/compounds/${compoundB}`, locale: 'en' });
    expect(response.statusCode).toBe(404);
    expect(response.json().error).toEqual({ code: 'COMPOUND_NOT_FOUND', field: 'id', message: 'Compound not found' });

    const own = await request(t.app, staffB, { method: 'GET', url: `/api/addresses/compounds/${compoundB}` });
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({ id: compoundB, communityCode: COMMUNITY_B, buildings: [] });
  });

  it('malformed compound ids answer 400', async () => {
    const response = await request(t.app, staffA, { method: 'GET', url: '/api/addresses/compounds/12345', locale: 'en' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ code: 'FIELD_FORMAT_INVALID', field: 'id' });
  });

  it('grid worker sees compounds of their grid only', async () => {
    const list = await request(t.app, gridWorkerA, { method: 'GET', url: '/api/addresses/compounds' });
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((item: { name: string; gridCode: string }) => [item.name, item.gridCode])).toEqual([['金色里程', gridA]]);

    const outside = await request(t.app, staffA, { method: 'GET', url: `/api/addresses/compounds?q=${encodeURIComponent('平江')}` });
    const withoutGrid = outside.json().items[0].id as string;
    const response = await request(t.app, gridWorkerA, { method: 'GET', url: `/api/addresses/compounds/${withoutGrid}` });
    expect(response.statusCode).toBe(404);
  });
});
