import { afterAll, beforeAll, expect, it } from 'vitest';
import { COMMUNITY_A, createStaff, loadGusu, SUBDISTRICT_A } from '../../testing/fixtures.js';
import { createTestApp, describeEachDatabase, request, type Session, signIn, type TestApp } from '../../testing/harness.js';

describeEachDatabase('users', (kind) => {
  let t: TestApp;
  let admin: Session;

  beforeAll(async () => {
    t = await createTestApp(kind);
    await loadGusu(t.ctx);
    admin = (await createStaff(t.app, t.ctx, 'admin', 'CN')).session;
  });
  afterAll(async () => t.close());

  it('create requires a session', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/users', payload: {} });
    expect(response.statusCode).toBe(401);
  });

  it('create rejects each invalid field', async () => {
    const valid = { username: 'grid.wang', displayName: '王网格', role: 'grid_worker', nodeCode: COMMUNITY_A };
    const cases = [
      { payload: { ...valid, username: undefined }, code: 'FIELD_REQUIRED', field: 'username' },
      { payload: { ...valid, username: 'ab' }, code: 'FIELD_TOO_SHORT', field: 'username' },
      { payload: { ...valid, username: 'has space' }, code: 'USERNAME_INVALID', field: 'username' },
      { payload: { ...valid, username: '王小明' }, code: 'USERNAME_INVALID', field: 'username' },
      { payload: { ...valid, displayName: '   ' }, code: 'FIELD_REQUIRED', field: 'displayName' },
      { payload: { ...valid, displayName: 'x'.repeat(51) }, code: 'FIELD_TOO_LONG', field: 'displayName' },
      { payload: { ...valid, role: 'resident' }, code: 'FIELD_NOT_ALLOWED', field: 'role' },
      { payload: { ...valid, nodeCode: '32050801801X-' }, code: 'FIELD_FORMAT_INVALID', field: 'nodeCode' },
      { payload: { ...valid, nodeCode: '999999999999' }, code: 'JURISDICTION_NOT_FOUND', field: 'nodeCode' },
    ];
    for (const testCase of cases) {
      const response = await request(t.app, admin, { method: 'POST', url: '/api/users', payload: testCase.payload, locale: 'en' });
      expect(response.json().error?.code, JSON.stringify(testCase.payload)).toBe(testCase.code);
      expect(response.json().error.field).toBe(testCase.field);
      expect(response.json().error.message).not.toBe(testCase.code);
    }
    const stored = await t.ctx.db.selectFrom('users').select('id').where('username', 'in', ['grid.wang', 'ab', 'has space']).execute();
    expect(stored).toHaveLength(0);
  });

  it('create returns a one-time password that works once changed', async () => {
    const response = await request(t.app, admin, {
      method: 'POST',
      url: '/api/users',
      payload: { username: 'Grid.Li', displayName: '李·网格', role: 'grid_worker', nodeCode: COMMUNITY_A },
    });
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body.user).toMatchObject({
      username: 'grid.li',
      displayName: '李·网格',
      role: 'grid_worker',
      nodeCode: COMMUNITY_A,
      mustChangePassword: true,
      disabled: false,
    });
    expect(body.temporaryPassword).toMatch(/^[A-Za-z2-9]{16}$/);

    const session = await signIn(t.app, 'grid.li', body.temporaryPassword);
    const blocked = await request(t.app, session, { method: 'GET', url: '/api/jurisdictions/root' });
    expect(blocked.json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');

    const duplicate = await request(t.app, admin, {
      method: 'POST',
      url: '/api/users',
      payload: { username: 'GRID.LI', displayName: 'Other', role: 'doctor', nodeCode: COMMUNITY_A },
    });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().error).toMatchObject({ code: 'USERNAME_TAKEN', field: 'username' });
  });

  it('names outside the BMP are kept intact', async () => {
    const response = await request(t.app, admin, {
      method: 'POST',
      url: '/api/users',
      payload: { username: 'doctor.rare', displayName: '𠀀𪚥医生', role: 'doctor', nodeCode: COMMUNITY_A },
    });
    expect(response.statusCode).toBe(201);
    const row = await t.ctx.db.selectFrom('users').select('display_name').where('username', '=', 'doctor.rare').executeTakeFirstOrThrow();
    expect(row.display_name).toBe('𠀀𪚥医生');
  });

  it('list filters by role, node and text', async () => {
    const byRole = await request(t.app, admin, { method: 'GET', url: '/api/users?role=grid_worker' });
    expect((byRole.json().items as Array<{ role: string }>).every((user) => user.role === 'grid_worker')).toBe(true);
    const byText = await request(t.app, admin, { method: 'GET', url: `/api/users?q=${encodeURIComponent('李')}` });
    expect(byText.json().items.map((user: { username: string }) => user.username)).toEqual(['grid.li']);
    const page = await request(t.app, admin, { method: 'GET', url: '/api/users?page=1&pageSize=1' });
    expect(page.json().items).toHaveLength(1);
    expect(page.json().total).toBeGreaterThan(1);
    const badPage = await request(t.app, admin, { method: 'GET', url: '/api/users?pageSize=500', locale: 'en' });
    expect(badPage.json().error).toMatchObject({ code: 'FIELD_OUT_OF_RANGE', field: 'pageSize' });
  });

  it('disabling a user ends their sessions', async () => {
    const target = await createStaff(t.app, t.ctx, 'doctor', COMMUNITY_A);
    const response = await request(t.app, admin, { method: 'PATCH', url: `/api/users/${target.user.id}`, payload: { disabled: true } });
    expect(response.statusCode).toBe(200);
    expect(response.json().disabled).toBe(true);
    const me = await request(t.app, target.session, { method: 'GET', url: '/api/auth/me' });
    expect(me.statusCode).toBe(401);
  });

  it('role and node changes apply and are audited', async () => {
    const target = await createStaff(t.app, t.ctx, 'doctor', COMMUNITY_A);
    const response = await request(t.app, admin, {
      method: 'PATCH',
      url: `/api/users/${target.user.id}`,
      payload: { role: 'subdistrict_staff', nodeCode: SUBDISTRICT_A },
    });
    expect(response.json()).toMatchObject({ role: 'subdistrict_staff', nodeCode: SUBDISTRICT_A });
    const audit = await request(t.app, admin, { method: 'GET', url: `/api/audit?entityId=${target.user.id}&action=user.update` });
    expect(audit.json().items[0].fields).toEqual(['role', 'nodeCode']);
  });

  it('an administrator cannot disable themselves', async () => {
    const self = await createStaff(t.app, t.ctx, 'admin', 'CN');
    const response = await request(t.app, self.session, {
      method: 'PATCH',
      url: `/api/users/${self.user.id}`,
      payload: { disabled: true },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ code: 'USER_CANNOT_CHANGE_SELF', field: 'disabled' });
  });

  it('password reset issues a new one-time password', async () => {
    const target = await createStaff(t.app, t.ctx, 'doctor', COMMUNITY_A);
    const response = await request(t.app, admin, { method: 'POST', url: `/api/users/${target.user.id}/reset-password` });
    expect(response.statusCode).toBe(200);
    const old = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { username: target.username, password: target.password },
    });
    expect(old.statusCode).toBe(401);
    const fresh = await signIn(t.app, target.username, response.json().temporaryPassword);
    const me = await request(t.app, fresh, { method: 'GET', url: '/api/auth/me' });
    expect(me.json().user.mustChangePassword).toBe(true);
  });

  it('malformed ids answer 400 naming the field', async () => {
    const response = await request(t.app, admin, { method: 'GET', url: '/api/users/not-a-uuid', locale: 'en' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ code: 'FIELD_FORMAT_INVALID', field: 'id' });
  });

  it('null never stands for false', async () => {
    const target = await createStaff(t.app, t.ctx, 'doctor', COMMUNITY_A);
    await request(t.app, admin, { method: 'PATCH', url: `/api/users/${target.user.id}`, payload: { disabled: true } });
    const response = await request(t.app, admin, {
      method: 'PATCH',
      url: `/api/users/${target.user.id}`,
      payload: { disabled: null },
      locale: 'en',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ code: 'FIELD_TYPE_INVALID', field: 'disabled' });
    const row = await t.ctx.db.selectFrom('users').select('disabled').where('id', '=', target.user.id).executeTakeFirstOrThrow();
    expect(row.disabled).toBe(1);
  });

  it('a body that is not an object is named', async () => {
    const response = await request(t.app, admin, { method: 'POST', url: '/api/users', payload: ['x'], locale: 'en' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toEqual({ code: 'BODY_INVALID', message: 'The request body must be a JSON object' });
  });

  it('invisible characters are removed from names', async () => {
    const response = await request(t.app, admin, {
      method: 'POST',
      url: '/api/users',
      payload: { username: 'zw.user', displayName: '\u200b张\u202e三\u0000 ', role: 'doctor', nodeCode: COMMUNITY_A },
    });
    expect(response.json().user.displayName).toBe('张三');
    const blank = await request(t.app, admin, {
      method: 'POST',
      url: '/api/users',
      payload: { username: 'zw.blank', displayName: '\u200b\u200b', role: 'doctor', nodeCode: COMMUNITY_A },
    });
    expect(blank.json().error).toMatchObject({ code: 'FIELD_REQUIRED', field: 'displayName' });
  });

  it('an administrator cannot take over a peer', async () => {
    const first = await createStaff(t.app, t.ctx, 'admin', SUBDISTRICT_A);
    const peer = await createStaff(t.app, t.ctx, 'admin', SUBDISTRICT_A);
    const reset = await request(t.app, first.session, { method: 'POST', url: `/api/users/${peer.user.id}/reset-password` });
    expect(reset.statusCode).toBe(403);
    expect(reset.json().error.code).toBe('USER_PEER_ADMIN');
    const disable = await request(t.app, first.session, {
      method: 'PATCH',
      url: `/api/users/${peer.user.id}`,
      payload: { disabled: true },
    });
    expect(disable.statusCode).toBe(403);
    const row = await t.ctx.db
      .selectFrom('users')
      .select(['disabled', 'must_change_password'])
      .where('id', '=', peer.user.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ disabled: 0, must_change_password: 0 });

    const above = await request(t.app, admin, { method: 'POST', url: `/api/users/${peer.user.id}/reset-password` });
    expect(above.statusCode).toBe(200);
  });

  it('an administrator cannot reset their own password', async () => {
    const self = await createStaff(t.app, t.ctx, 'admin', SUBDISTRICT_A);
    const response = await request(t.app, self.session, { method: 'POST', url: `/api/users/${self.user.id}/reset-password` });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ code: 'USER_CANNOT_CHANGE_SELF', field: 'password' });
  });
});
