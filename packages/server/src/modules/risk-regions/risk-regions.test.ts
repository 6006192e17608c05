import { chinaCalendarDate } from '@cordon/core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { COMMUNITY_A, createStaff, loadGusu } from '../../testing/fixtures.js';
import { createTestApp, describeEachDatabase, request, type Session, type TestApp } from '../../testing/harness.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const today = () => chinaCalendarDate(new Date());
const daysFromToday = (days: number) => chinaCalendarDate(new Date(Date.now() + days * DAY_MS));

describeEachDatabase('risk regions', (kind) => {
  let t: TestApp;
  let hq: Session;
  let admin: Session;
  let staffA: Session;

  const create = (session: Session | null, payload: object) =>
    request(t.app, session, { method: 'POST', url: '/api/risk-regions', payload, locale: 'en' });
  const readRow = (id: string) => t.ctx.db.selectFrom('risk_regions').selectAll().where('id', '=', id).executeTakeFirst();
  const auditOf = (id: string) =>
    t.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_type', '=', 'risk_region')
      .where('entity_id', '=', id)
      .orderBy('seq')
      .execute();
  const countRows = async () =>
    Number(
      (
        await t.ctx.db
          .selectFrom('risk_regions')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    t = await createTestApp(kind);
    await loadGusu(t.ctx);
    hq = (await createStaff(t.app, t.ctx, 'hq', 'CN')).session;
    admin = (await createStaff(t.app, t.ctx, 'admin', 'CN')).session;
    staffA = (await createStaff(t.app, t.ctx, 'community_staff', COMMUNITY_A)).session;
  });
  afterAll(async () => t.close());

  it('list requires a session', async () => {
    const response = await request(t.app, null, { method: 'GET', url: '/api/risk-regions' });
    expect(response.statusCode).toBe(401);
  });

  it('create rejects each invalid field', async () => {
    const valid = { kind: 'region', value: '420100', level: 'high', effectiveFrom: today() };
    const cases = [
      { payload: { ...valid, value: '4201x' }, status: 400, code: 'RISK_ENTRY_VALUE_INVALID', field: 'value' },
      { payload: { ...valid, value: '429900' }, status: 400, code: 'RISK_ENTRY_REGION_NOT_FOUND', field: 'value' },
      { payload: { ...valid, kind: 'plate_prefix', value: '京I' }, status: 400, code: 'RISK_ENTRY_VALUE_INVALID', field: 'value' },
      { payload: { ...valid, effectiveTo: daysFromToday(-1) }, status: 400, code: 'RISK_ENTRY_DATE_ORDER_INVALID', field: 'effectiveTo' },
      { payload: { ...valid, effectiveFrom: '2026-02-30' }, status: 400, code: 'FIELD_FORMAT_INVALID', field: 'effectiveFrom' },
      { payload: { ...valid, level: 'severe' }, status: 400, code: 'FIELD_NOT_ALLOWED', field: 'level' },
      { payload: { ...valid, kind: 'city' }, status: 400, code: 'FIELD_NOT_ALLOWED', field: 'kind' },
      { payload: { ...valid, value: undefined }, status: 400, code: 'FIELD_REQUIRED', field: 'value' },
    ];
    const before = await countRows();
    for (const testCase of cases) {
      const response = await create(hq, testCase.payload);
      const label = JSON.stringify(testCase.payload);
      expect(response.statusCode, label).toBe(testCase.status);
      expect(response.json().error.code, label).toBe(testCase.code);
      expect(response.json().error.field, label).toBe(testCase.field);
      expect(response.json().error.message, label).not.toBe(testCase.code);
    }
    expect(await countRows()).toBe(before);
  });

  it('community worker cannot edit the list', async () => {
    const created = await create(hq, { kind: 'region', value: '420102', level: 'low', effectiveFrom: today() });
    const id = created.json().id as string;

    const writes = [
      create(staffA, { kind: 'region', value: '420100', level: 'high', effectiveFrom: today() }),
      request(t.app, staffA, { method: 'PATCH', url: `/api/risk-regions/${id}`, payload: { level: 'high' } }),
      request(t.app, staffA, { method: 'DELETE', url: `/api/risk-regions/${id}` }),
    ];
    for (const response of await Promise.all(writes)) {
      expect(response.statusCode).toBe(403);
      expect(response.json().error.code).toBe('FORBIDDEN');
    }
    expect((await readRow(id))?.level).toBe('low');

    const list = await request(t.app, staffA, { method: 'GET', url: '/api/risk-regions' });
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((item: { id: string }) => item.id)).toContain(id);
  });

  it('hq creates, edits and deletes an entry', async () => {
    const created = await create(hq, { kind: 'plate_prefix', value: ' 鄂a ', level: 'medium', effectiveFrom: today(), note: ' 通报 ' });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    expect(created.json()).toMatchObject({
      value: '鄂A',
      level: 'medium',
      note: '通报',
      effectiveTo: null,
      effectiveToday: true,
      valueName: [],
    });
    expect(await readRow(id)).toMatchObject({ kind: 'plate_prefix', value: '鄂A', effective_from: today(), effective_to: null });

    const updated = await request(t.app, hq, {
      method: 'PATCH',
      url: `/api/risk-regions/${id}`,
      payload: { level: 'high', effectiveTo: daysFromToday(7), note: null },
    });
    expect(updated.statusCode).toBe(200);
    expect(updated.json()).toMatchObject({ level: 'high', effectiveTo: daysFromToday(7), note: null });

    const removed = await request(t.app, admin, { method: 'DELETE', url: `/api/risk-regions/${id}` });
    expect(removed.statusCode).toBe(204);
    expect(await readRow(id)).toBeUndefined();

    const audit = await auditOf(id);
    expect(audit.map((row) => row.action)).toEqual(['risk_region.create', 'risk_region.update', 'risk_region.delete']);
    expect(JSON.parse(audit[1]?.fields ?? '[]')).toEqual(['level', 'effectiveTo', 'note']);
  });

  it('edit validates the merged entry', async () => {
    const created = await create(hq, {
      kind: 'region',
      value: '4201',
      level: 'high',
      effectiveFrom: today(),
      effectiveTo: daysFromToday(3),
    });
    const id = created.json().id as string;
    expect(created.json()).toMatchObject({ value: '420100', valueName: ['湖北省', '武汉市'] });

    const response = await request(t.app, hq, {
      method: 'PATCH',
      url: `/api/risk-regions/${id}`,
      payload: { effectiveFrom: daysFromToday(5) },
      locale: 'en',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ code: 'RISK_ENTRY_DATE_ORDER_INVALID', field: 'effectiveTo' });
    expect((await readRow(id))?.effective_from).toBe(today());
  });

  it('missing entry answers 404', async () => {
    const url = '/api/risk-regions/00000000-0000-4000-8000-000000000000';
    const patch = await request(t.app, hq, { method: 'PATCH', url, payload: { level: 'low' } });
    const remove = await request(t.app, hq, { method: 'DELETE', url });
    expect(patch.json().error.code).toBe('RISK_REGION_NOT_FOUND');
    expect(remove.statusCode).toBe(404);
  });

  it('list filters entries in effect today', async () => {
    const future = await create(hq, { kind: 'region', value: '110101', level: 'low', effectiveFrom: daysFromToday(2) });
    const response = await request(t.app, staffA, { method: 'GET', url: '/api/risk-regions?effectiveToday=true' });
    const ids = response.json().items.map((item: { id: string }) => item.id);
    expect(ids).not.toContain(future.json().id);
    expect(response.json().items.every((item: { effectiveToday: boolean }) => item.effectiveToday)).toBe(true);
  });

  it('region search finds divisions and local nodes', async () => {
    const byName = await request(t.app, hq, { method: 'GET', url: `/api/risk-regions/regions?q=${encodeURIComponent('武汉')}` });
    expect(byName.json().items[0]).toMatchObject({ code: '420100', pathNames: ['湖北省', '武汉市'], level: 'city' });

    const byCode = await request(t.app, staffA, { method: 'GET', url: `/api/risk-regions/regions?q=${COMMUNITY_A}` });
    expect(byCode.json().items.map((item: { code: string }) => item.code)).toContain(COMMUNITY_A);
  });
});
