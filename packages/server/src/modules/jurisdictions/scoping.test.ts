import { afterAll, beforeAll, expect, it } from 'vitest';
import { COMMUNITY_A, COMMUNITY_B, createStaff, DISTRICT, loadGusu, SUBDISTRICT_A, SUBDISTRICT_B } from '../../testing/fixtures.js';
import { createTestApp, describeEachDatabase, request, type Session, type TestApp } from '../../testing/harness.js';

/**
 * Staff see only their subtree. Everything outside returns 404, as if it did
 * not exist, and writes outside change nothing.
 */
describeEachDatabase('jurisdiction scoping', (kind) => {
  let t: TestApp;
  let admin: Session;
  let subdistrictAdmin: Session;
  let community: Session;
  let otherUserId: string;

  beforeAll(async () => {
    t = await createTestApp(kind);
    await loadGusu(t.ctx);
    admin = (await createStaff(t.app, t.ctx, 'admin', 'CN')).session;
    subdistrictAdmin = (await createStaff(t.app, t.ctx, 'admin', SUBDISTRICT_A)).session;
    community = (await createStaff(t.app, t.ctx, 'community_staff', COMMUNITY_A)).session;
    otherUserId = (await createStaff(t.app, t.ctx, 'community_staff', COMMUNITY_B)).user.id;
  });
  afterAll(async () => t.close());

  it('root of a community worker is their community', async () => {
    const response = await request(t.app, community, { method: 'GET', url: '/api/jurisdictions/root' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ code: COMMUNITY_A, level: 'community', parentCode: SUBDISTRICT_A });
  });

  it('nodes above or beside the own node answer 404', async () => {
    for (const code of [SUBDISTRICT_A, DISTRICT, 'CN', COMMUNITY_B, '320508017']) {
      const response = await request(t.app, community, { method: 'GET', url: `/api/jurisdictions/${code}` });
      expect(response.statusCode, code).toBe(404);
      expect(response.json().error).toMatchObject({ code: 'JURISDICTION_NOT_FOUND', field: 'code' });
      const children = await request(t.app, community, { method: 'GET', url: `/api/jurisdictions/${code}/children` });
      expect(children.statusCode, code).toBe(404);
    }
  });

  it('search stays inside the subtree', async () => {
    const inside = await request(t.app, subdistrictAdmin, { method: 'GET', url: '/api/jurisdictions/search?q=社区' });
    const codes = (inside.json().items as Array<{ node: { code: string } }>).map((item) => item.node.code);
    expect(codes.length).toBeGreaterThan(0);
    expect(codes.every((code) => code.startsWith(SUBDISTRICT_A))).toBe(true);

    const outside = await request(t.app, community, { method: 'GET', url: `/api/jurisdictions/search?q=${SUBDISTRICT_B}` });
    expect(outside.json().items).toEqual([]);
  });

  it('path of a node starts at the own node', async () => {
    const response = await request(t.app, subdistrictAdmin, { method: 'GET', url: `/api/jurisdictions/${COMMUNITY_A}` });
    expect(response.statusCode).toBe(200);
    expect(response.json().path.map((node: { code: string }) => node.code)).toEqual([SUBDISTRICT_A, COMMUNITY_A]);
  });

  it('admin of a subdistrict cannot read a user elsewhere', async () => {
    const response = await request(t.app, subdistrictAdmin, { method: 'GET', url: `/api/users/${otherUserId}` });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('USER_NOT_FOUND');
    const list = await request(t.app, subdistrictAdmin, { method: 'GET', url: '/api/users?pageSize=200' });
    const ids = (list.json().items as Array<{ id: string; nodeCode: string }>).map((user) => user.id);
    expect(ids).not.toContain(otherUserId);
    expect((list.json().items as Array<{ nodeCode: string }>).every((user) => user.nodeCode.startsWith(SUBDISTRICT_A))).toBe(true);
  });

  it('admin of a subdistrict cannot edit a user elsewhere', async () => {
    const cases = [
      { method: 'PATCH' as const, url: `/api/users/${otherUserId}`, payload: { displayName: 'Changed', disabled: true } },
      { method: 'POST' as const, url: `/api/users/${otherUserId}/reset-password` },
    ];
    for (const testCase of cases) {
      const response = await request(t.app, subdistrictAdmin, testCase);
      expect(response.statusCode, testCase.url).toBe(404);
    }
    const row = await t.ctx.db
      .selectFrom('users')
      .select(['display_name', 'disabled', 'must_change_password'])
      .where('id', '=', otherUserId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ display_name: expect.stringMatching(/^Test /), disabled: 0, must_change_password: 0 });
  });

  it('admin of a subdistrict cannot create users or devices outside', async () => {
    const user = await request(t.app, subdistrictAdmin, {
      method: 'POST',
      url: '/api/users',
      payload: { username: 'intruder', displayName: 'X', role: 'community_staff', nodeCode: COMMUNITY_B },
    });
    expect(user.statusCode).toBe(404);
    expect(user.json().error).toMatchObject({ code: 'JURISDICTION_NOT_FOUND', field: 'nodeCode' });

    const device = await request(t.app, subdistrictAdmin, {
      method: 'POST',
      url: '/api/devices',
      payload: { name: 'Gate', kind: 'gate', nodeCode: COMMUNITY_B },
    });
    expect(device.statusCode).toBe(404);

    const moved = await request(t.app, subdistrictAdmin, { method: 'GET', url: `/api/users?nodeCode=${COMMUNITY_B}` });
    expect(moved.json().items).toEqual([]);
    const stored = await t.ctx.db.selectFrom('users').select('id').where('username', '=', 'intruder').execute();
    expect(stored).toHaveLength(0);
  });

  it('admin of a subdistrict cannot move a user out of it', async () => {
    const created = await request(t.app, subdistrictAdmin, {
      method: 'POST',
      url: '/api/users',
      payload: { username: 'mover', displayName: 'M', role: 'grid_worker', nodeCode: COMMUNITY_A },
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().user.id as string;
    const moved = await request(t.app, subdistrictAdmin, { method: 'PATCH', url: `/api/users/${id}`, payload: { nodeCode: COMMUNITY_B } });
    expect(moved.statusCode).toBe(404);
    const row = await t.ctx.db.selectFrom('users').select('node_code').where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.node_code).toBe(COMMUNITY_A);
  });

  it('devices of another subdistrict are invisible and cannot be revoked', async () => {
    const created = await request(t.app, admin, {
      method: 'POST',
      url: '/api/devices',
      payload: { name: 'North gate', kind: 'gate', nodeCode: COMMUNITY_B },
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().device.id as string;

    const list = await request(t.app, subdistrictAdmin, { method: 'GET', url: '/api/devices' });
    expect((list.json().items as Array<{ id: string }>).map((device) => device.id)).not.toContain(id);
    const revoke = await request(t.app, subdistrictAdmin, { method: 'POST', url: `/api/devices/${id}/revoke` });
    expect(revoke.statusCode).toBe(404);
    const row = await t.ctx.db.selectFrom('devices').select('revoked_at').where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.revoked_at).toBeNull();
  });

  it('community staff may not manage users', async () => {
    const response = await request(t.app, community, { method: 'GET', url: '/api/users' });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('FORBIDDEN');
  });

  it('community staff may add a grid only to their community', async () => {
    const own = await request(t.app, community, {
      method: 'POST',
      url: `/api/jurisdictions/${COMMUNITY_A}/grids`,
      payload: { name: '一网格' },
    });
    expect(own.statusCode).toBe(201);
    expect(own.json()).toMatchObject({ code: `${COMMUNITY_A}G001`, level: 'grid', parentCode: COMMUNITY_A });

    const duplicate = await request(t.app, community, {
      method: 'POST',
      url: `/api/jurisdictions/${COMMUNITY_A}/grids`,
      payload: { name: '一网格' },
    });
    expect(duplicate.statusCode).toBe(409);

    const other = await request(t.app, community, {
      method: 'POST',
      url: `/api/jurisdictions/${COMMUNITY_B}/grids`,
      payload: { name: '一网格' },
    });
    expect(other.statusCode).toBe(404);
    const rows = await t.ctx.db.selectFrom('jurisdictions').select('code').where('parent_code', '=', COMMUNITY_B).execute();
    expect(rows).toHaveLength(0);
  });

  it('only an administrator on the root loads regions', async () => {
    const sub = await request(t.app, subdistrictAdmin, { method: 'POST', url: '/api/jurisdictions/load', payload: { code: '320100' } });
    expect(sub.statusCode).toBe(403);
    const rootLoad = await request(t.app, admin, { method: 'POST', url: '/api/jurisdictions/load', payload: { code: DISTRICT } });
    expect(rootLoad.statusCode).toBe(200);
    expect(rootLoad.json().inserted).toBe(0);
  });

  it('audit entries of other subtrees are hidden', async () => {
    const response = await request(t.app, admin, { method: 'GET', url: '/api/audit?action=device.create' });
    expect(response.json().total).toBeGreaterThan(0);
    const sub = await request(t.app, subdistrictAdmin, { method: 'GET', url: '/api/audit?action=device.create' });
    expect(sub.json().total).toBe(0);
  });

  it('grid names that only look different are duplicates', async () => {
    const response = await request(t.app, community, {
      method: 'POST',
      url: `/api/jurisdictions/${COMMUNITY_A}/grids`,
      payload: { name: '一网格\u200b' },
    });
    expect(response.statusCode).toBe(409);
  });

  it('only a root administrator verifies the chain', async () => {
    const sub = await request(t.app, subdistrictAdmin, { method: 'POST', url: '/api/audit/verify' });
    expect(sub.statusCode).toBe(403);
    const root = await request(t.app, admin, { method: 'POST', url: '/api/audit/verify' });
    expect(root.statusCode).toBe(200);
  });

  it('leap seconds in audit filters are rejected', async () => {
    const response = await request(t.app, admin, { method: 'GET', url: '/api/audit?from=2016-12-31T23:59:60Z', locale: 'en' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ code: 'FIELD_FORMAT_INVALID', field: 'from' });
  });
});
