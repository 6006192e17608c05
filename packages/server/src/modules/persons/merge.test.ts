import { afterAll, beforeAll, expect, it } from 'vitest';
import { COMMUNITY_A, COMMUNITY_B, createStaff, createTestGrid, loadGusu } from '../../testing/fixtures.js';
import { createTestApp, describeEachDatabase, request, type Session, type TestApp } from '../../testing/harness.js';
import { testResidentId } from './test-helpers.js';

describeEachDatabase('person merge', (kind) => {
  let t: TestApp;
  let admin: Session;
  let staffA: Session;
  let gridWorkerA: Session;
  let placeA: string;
  let placeB: string;
  let sequence = 500;

  const register = async (session: Session, payload: object) => {
    sequence += 1;
    const documentNumber = testResidentId(sequence);
    const response = await request(t.app, session, { method: 'POST', url: '/api/persons', payload: { documentNumber, ...payload } });
    expect(response.statusCode, response.body).toBe(201);
    return { id: response.json().person.id as string, documentNumber };
  };
  const merge = (session: Session, targetId: string, payload: object) =>
    request(t.app, session, { method: 'POST', url: `/api/persons/${targetId}/merge`, payload, locale: 'en' });
  const readRow = (id: string) => t.ctx.db.selectFrom('persons').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const auditOf = (id: string) =>
    t.ctx.db.selectFrom('audit_log').selectAll().where('entity_type', '=', 'person').where('entity_id', '=', id).orderBy('seq').execute();

  beforeAll(async () => {
    t = await createTestApp(kind);
    await loadGusu(t.ctx);
    const gridA = (await createTestGrid(t.ctx, COMMUNITY_A, '第一网格')).code;
    admin = (await createStaff(t.app, t.ctx, 'admin', 'CN')).session;
    staffA = (await createStaff(t.app, t.ctx, 'community_staff', COMMUNITY_A)).session;
    gridWorkerA = (await createStaff(t.app, t.ctx, 'grid_worker', gridA)).session;
    const place = async (communityCode: string) =>
      (
        await request(t.app, admin, {
          method: 'POST',
          url: '/api/addresses/places',
          payload: { communityCode, kind: 'shop', text: `山塘街${communityCode.slice(-3)}号` },
        })
      ).json().id as string;
    placeA = await place(COMMUNITY_A);
    placeB = await place(COMMUNITY_B);
  });
  afterAll(async () => t.close());

  it('merge rejects a short reason and the same file', async () => {
    const person = await register(staffA, { name: '自身合并', communityCode: COMMUNITY_A });
    const cases = [
      { payload: { sourceId: person.id, reason: '重复档案' }, status: 400, code: 'PERSON_MERGE_SELF', field: 'sourceId' },
      { payload: { sourceId: person.id, reason: ' 重 ' }, status: 400, code: 'FIELD_TOO_SHORT', field: 'reason' },
      { payload: { sourceId: 'not-a-uuid', reason: '重复档案' }, status: 400, code: 'FIELD_FORMAT_INVALID', field: 'sourceId' },
      { payload: { sourceId: person.id }, status: 400, code: 'FIELD_REQUIRED', field: 'reason' },
    ];
    for (const testCase of cases) {
      const response = await merge(staffA, person.id, testCase.payload);
      const label = JSON.stringify(testCase.payload);
      expect(response.statusCode, label).toBe(testCase.status);
      expect(response.json().error.code, label).toBe(testCase.code);
      expect(response.json().error.field, label).toBe(testCase.field);
    }
    expect((await readRow(person.id)).merged_into_id).toBeNull();
  });

  it('grid workers cannot merge', async () => {
    const target = await register(staffA, { name: '网格目标', communityCode: COMMUNITY_A });
    const source = await register(staffA, { name: '网格来源', communityCode: COMMUNITY_A });
    const response = await merge(gridWorkerA, target.id, { sourceId: source.id, reason: '重复档案' });
    expect(response.statusCode).toBe(403);
    expect((await readRow(source.id)).merged_into_id).toBeNull();
  });

  it('merge across communities answers 404', async () => {
    const mine = await register(staffA, { name: '甲社区', communityCode: COMMUNITY_A });
    const other = await register(admin, { name: '乙社区', communityCode: COMMUNITY_B });

    const intoMine = await merge(staffA, mine.id, { sourceId: other.id, reason: '重复档案' });
    expect(intoMine.statusCode).toBe(404);
    expect(intoMine.json().error).toMatchObject({ code: 'PERSON_NOT_FOUND', field: 'sourceId' });

    const intoOther = await merge(staffA, other.id, { sourceId: mine.id, reason: '重复档案' });
    expect(intoOther.statusCode).toBe(404);
    expect(intoOther.json().error).toMatchObject({ code: 'PERSON_NOT_FOUND', field: 'id' });

    expect((await readRow(mine.id)).merged_into_id).toBeNull();
    expect((await readRow(other.id)).merged_into_id).toBeNull();
  });

  it('merge fills empty fields and hides the source', async () => {
    const target = await register(staffA, { name: '张合并', communityCode: COMMUNITY_A, householdRole: 'owner' });
    const source = await register(staffA, {
      name: '张合并',
      communityCode: COMMUNITY_A,
      phone: '13900005001',
      householdRole: 'tenant',
      originRegionCode: '420102',
      placeId: placeA,
      keyPerson: true,
      keyPersonReason: '武汉返回',
    });
    const before = await readRow(target.id);

    const response = await merge(staffA, target.id, { sourceId: source.id, reason: '同一人两份档案' });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().filledFields).toEqual(['phone', 'placeId', 'originRegionCode', 'keyPerson', 'keyPersonReason']);
    expect(response.json().person).toMatchObject({
      id: target.id,
      householdRole: 'owner',
      phoneMasked: '139****5001',
      originRegionCode: '420102',
      placeId: placeA,
      keyPerson: true,
      keyPersonReason: '武汉返回',
      mergedIntoId: null,
    });

    const targetRow = await readRow(target.id);
    expect(targetRow.document_index).toBe(before.document_index);
    const sourceRow = await readRow(source.id);
    expect(sourceRow.merged_into_id).toBe(target.id);
    expect(sourceRow.merged_at).not.toBeNull();

    const sourceDetail = await request(t.app, staffA, { method: 'GET', url: `/api/persons/${source.id}` });
    expect(sourceDetail.json().mergedIntoId).toBe(target.id);

    for (const q of [source.documentNumber, '13900005001', '张合并']) {
      const list = await request(t.app, staffA, { method: 'GET', url: `/api/persons?q=${encodeURIComponent(q)}` });
      const ids = list.json().items.map((item: { id: string }) => item.id);
      expect(ids, q).not.toContain(source.id);
    }

    const targetAudit = await auditOf(target.id);
    const sourceAudit = await auditOf(source.id);
    expect(targetAudit.at(-1)).toMatchObject({ action: 'person.merge', reason: '同一人两份档案' });
    expect(sourceAudit.at(-1)).toMatchObject({ action: 'person.merge', reason: '同一人两份档案', fields: '["mergedIntoId"]' });
  });

  it('merge fills empty notes and appends the source notes', async () => {
    const emptyTarget = await register(staffA, { name: '孙备注', communityCode: COMMUNITY_A });
    const noted = await register(staffA, { name: '孙备注', communityCode: COMMUNITY_A, notes: '行动不便' });
    const filled = await merge(staffA, emptyTarget.id, { sourceId: noted.id, reason: '重复档案' });
    expect(filled.statusCode, filled.body).toBe(200);
    expect(filled.json().filledFields).toEqual(['notes']);
    expect((await readRow(emptyTarget.id)).notes).toBe('行动不便');

    const target = await register(staffA, { name: '周备注', communityCode: COMMUNITY_A, notes: '楼下有商铺\n钥匙在物业' });
    const source = await register(staffA, { name: '周备注', communityCode: COMMUNITY_A, notes: '需要翻译' });
    const appended = await merge(staffA, target.id, { sourceId: source.id, reason: '重复档案' });
    expect(appended.statusCode, appended.body).toBe(200);
    expect(appended.json().filledFields).toEqual(['notes']);
    expect(appended.json().person.notes).toBe('楼下有商铺\n钥匙在物业\n需要翻译');
    expect((await readRow(target.id)).notes).toBe('楼下有商铺\n钥匙在物业\n需要翻译');
    expect((await auditOf(target.id)).at(-1)).toMatchObject({ action: 'person.merge', fields: '["notes"]' });

    const repeatTarget = await register(staffA, { name: '吴备注', communityCode: COMMUNITY_A, notes: '需要翻译\n夜班' });
    const repeatSource = await register(staffA, { name: '吴备注', communityCode: COMMUNITY_A, notes: '夜班' });
    const repeated = await merge(staffA, repeatTarget.id, { sourceId: repeatSource.id, reason: '重复档案' });
    expect(repeated.json().filledFields).toEqual([]);
    expect((await readRow(repeatTarget.id)).notes).toBe('需要翻译\n夜班');
  });

  it('history of the target includes the source', async () => {
    const target = await register(staffA, { name: '李历史', communityCode: COMMUNITY_A });
    const source = await register(staffA, { name: '李历史', communityCode: COMMUNITY_A });
    await merge(staffA, target.id, { sourceId: source.id, reason: '重复档案' });

    const history = await request(t.app, staffA, { method: 'GET', url: `/api/persons/${target.id}/history` });
    const items = history.json().items as Array<{ personId: string; action: string; reason: string | null }>;
    expect(items.map((item) => [item.personId === target.id ? 'target' : 'source', item.action])).toEqual([
      ['target', 'person.create'],
      ['source', 'person.create'],
      ['target', 'person.merge'],
      ['source', 'person.merge'],
    ]);
    expect(items.at(-1)?.reason).toBe('重复档案');
  });

  it('merged source is read-only', async () => {
    const target = await register(staffA, { name: '王只读', communityCode: COMMUNITY_A });
    const source = await register(staffA, { name: '王只读', communityCode: COMMUNITY_A });
    const other = await register(staffA, { name: '王其他', communityCode: COMMUNITY_A });
    await merge(staffA, target.id, { sourceId: source.id, reason: '重复档案' });

    const edit = await request(t.app, staffA, { method: 'PATCH', url: `/api/persons/${source.id}`, payload: { name: '改名' } });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().error.code).toBe('PERSON_MERGED');

    const again = await merge(staffA, other.id, { sourceId: source.id, reason: '重复档案' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'PERSON_MERGED', field: 'sourceId' });
    expect((await readRow(source.id)).name).toBe('王只读');
  });

  it('registering the source document finds the target', async () => {
    const target = await register(staffA, { name: '赵登记', communityCode: COMMUNITY_A });
    const source = await register(staffA, { name: '赵登记', communityCode: COMMUNITY_A });
    await merge(staffA, target.id, { sourceId: source.id, reason: '重复档案' });
    const targetIndex = (await readRow(target.id)).document_index;

    const response = await request(t.app, staffA, {
      method: 'POST',
      url: '/api/persons',
      payload: { name: '赵登记', documentNumber: source.documentNumber, communityCode: COMMUNITY_A, phone: '13900005002' },
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ created: false, person: { id: target.id, phoneMasked: '139****5002' } });
    expect((await readRow(target.id)).document_index).toBe(targetIndex);
  });

  it('admin merges across communities and moves tenancies', async () => {
    const target = await register(admin, { name: '钱租户', communityCode: COMMUNITY_A });
    const source = await register(admin, { name: '钱租户', communityCode: COMMUNITY_B, placeId: placeB, travelMode: 'train' });
    const landlord = await register(admin, { name: '孙房东', communityCode: COMMUNITY_B });
    const now = new Date().toISOString();
    await t.ctx.db
      .insertInto('tenancies')
      .values({
        id: '10000000-0000-4000-8000-000000000001',
        place_id: placeB,
        landlord_person_id: landlord.id,
        tenant_person_id: source.id,
        start_date: '2026-01-01',
        community_code: COMMUNITY_B,
        created_at: now,
        updated_at: now,
      })
      .execute();

    const response = await merge(admin, target.id, { sourceId: source.id, reason: '重复档案' });
    expect(response.statusCode, response.body).toBe(200);
    // The place belongs to community B, so a file of community A does not take it.
    expect(response.json().filledFields).toEqual(['travelMode']);
    const tenancy = await t.ctx.db.selectFrom('tenancies').selectAll().executeTakeFirstOrThrow();
    expect(tenancy.tenant_person_id).toBe(target.id);
    expect(tenancy.landlord_person_id).toBe(landlord.id);
  });
});
