import { chinaCalendarDate } from '@cordon/core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { COMMUNITY_A, COMMUNITY_B, createStaff, loadGusu } from '../../testing/fixtures.js';
import { createTestApp, describeEachDatabase, request, type Session, type TestApp } from '../../testing/harness.js';
import { testResidentId } from '../persons/test-helpers.js';
import { uploadRoster, xlsxOf } from './test-helpers.js';

describeEachDatabase('import verification task', (kind) => {
  let t: TestApp;
  let staffA: Session;
  let staffB: Session;

  const importRows = async (rows: Array<Array<string>>) => {
    const bytes = await xlsxOf([['姓名', '身份证号', '现住址', '来源地'], ...rows]);
    const uploaded = await uploadRoster(t.app, staffA, { kind: 'arrivals', communityCode: COMMUNITY_A }, { name: 'a.xlsx', bytes });
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    const id = uploaded.json().id as string;
    const committed = await request(t.app, staffA, { method: 'POST', url: `/api/imports/${id}/commit`, locale: 'en' });
    expect(committed.statusCode, committed.body).toBe(200);
    return id;
  };
  const tasksOf = (importId: string) =>
    t.ctx.db.selectFrom('tasks').selectAll().where('kind', '=', 'import_verify').where('source_key', '=', `import:${importId}`).execute();

  beforeAll(async () => {
    t = await createTestApp(kind);
    await loadGusu(t.ctx);
    staffA = (await createStaff(t.app, t.ctx, 'community_staff', COMMUNITY_A)).session;
    staffB = (await createStaff(t.app, t.ctx, 'community_staff', COMMUNITY_B)).session;
    const hq = (await createStaff(t.app, t.ctx, 'hq', 'CN')).session;

    const compound = await request(t.app, staffA, {
      method: 'POST',
      url: '/api/addresses/compounds',
      payload: { communityCode: COMMUNITY_A, name: '金色里程' },
    });
    expect(compound.statusCode).toBe(201);
    const generated = await request(t.app, staffA, {
      method: 'POST',
      url: `/api/addresses/compounds/${compound.json().id}/generate`,
      payload: { buildings: '1', units: '1', floors: '1-2', roomsPerFloor: '1-2' },
    });
    expect(generated.statusCode).toBe(200);
    const risk = await request(t.app, hq, {
      method: 'POST',
      url: '/api/risk-regions',
      payload: { kind: 'region', value: '420100', level: 'high', effectiveFrom: chinaCalendarDate(new Date()) },
    });
    expect(risk.statusCode, risk.body).toBe(201);
  });
  afterAll(async () => t?.close());

  it('rows to visit create one task', async () => {
    const importId = await importRows([
      ['武汉来', testResidentId(801), '金色里程1幢1单元101室', '湖北省武汉市江岸区'],
      ['无地址', testResidentId(802), '', ''],
      ['本地人', testResidentId(803), '金色里程1幢1单元102室', '江苏省苏州市姑苏区'],
      ['武汉无地址', testResidentId(804), '', '420102'],
    ]);

    const tasks = await tasksOf(importId);
    expect(tasks).toHaveLength(1);
    const task = tasks[0];
    expect(task?.node_code).toBe(COMMUNITY_A);
    expect(task?.assignee_role).toBe('community_staff');
    expect(task?.status).toBe('open');
    expect(JSON.parse(task?.details ?? '{}')).toEqual({ importId, rows: 3, withoutAddress: 2, fromRiskRegion: 2 });

    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'actor_user_id'])
      .where('entity_id', '=', task?.id ?? '')
      .execute();
    expect(audit).toEqual([{ action: 'task.create', actor_user_id: staffA.userId }]);

    const listA = await request(t.app, staffA, { method: 'GET', url: '/api/tasks?kind=import_verify' });
    expect(listA.json().items.map((item: { id: string }) => item.id)).toContain(task?.id);
    const listB = await request(t.app, staffB, { method: 'GET', url: '/api/tasks?kind=import_verify' });
    expect(listB.json().items).toEqual([]);
  });

  it('import without such rows creates no task', async () => {
    const importId = await importRows([['本地人二', testResidentId(805), '金色里程1幢1单元201室', '']]);
    expect(await tasksOf(importId)).toEqual([]);
  });
});
