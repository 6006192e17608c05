import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEachDatabase, type TestApp } from '../../testing/harness.js';
import { AppError } from '../../errors/app-error.js';
import { loadRegion } from './service.js';

describeEachDatabase('region load', (kind) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(async () => t.close());

  it('Suzhou loads with its ancestors and 2,248 communities', async () => {
    const result = await loadRegion(t.ctx, null, '320500');
    expect(result.inserted).toBe(result.total);

    const province = await t.ctx.db
      .selectFrom('jurisdictions')
      .select(['parent_code', 'path', 'level'])
      .where('code', '=', '320000')
      .executeTakeFirstOrThrow();
    expect(province).toEqual({ parent_code: 'CN', path: '/CN/320000/', level: 'province' });
    const community = await t.ctx.db
      .selectFrom('jurisdictions')
      .select(['path', 'name'])
      .where('code', '=', '320508018014')
      .executeTakeFirstOrThrow();
    expect(community.path).toBe('/CN/320000/320500/320508/320508018/320508018014/');

    const { count } = await t.ctx.db
      .selectFrom('jurisdictions')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('level', '=', 'community')
      .where('path', 'like', '/CN/320000/320500/%')
      .executeTakeFirstOrThrow();
    expect(Number(count)).toBe(2248);
  });

  it('loading a neighbour adds only what is missing', async () => {
    const again = await loadRegion(t.ctx, null, '320508');
    expect(again.inserted).toBe(0);
    const wuxi = await loadRegion(t.ctx, null, '3202');
    expect(wuxi.inserted).toBe(wuxi.total - 1);
  });

  it('invalid and unknown codes are rejected', async () => {
    await expect(loadRegion(t.ctx, null, '32x')).rejects.toMatchObject({ code: 'REGION_CODE_INVALID' });
    await expect(loadRegion(t.ctx, null, '999900')).rejects.toBeInstanceOf(AppError);
  });
});
