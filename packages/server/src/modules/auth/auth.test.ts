import { afterAll, beforeAll, expect, it } from 'vitest';
import { createStaff } from '../../testing/fixtures.js';
import {
  createTestApp,
  describeEachDatabase,
  request,
  sessionCookieOf,
  signIn,
  type TestApp,
  testPassword,
} from '../../testing/harness.js';
import { createUser } from '../users/service.js';

describeEachDatabase('auth', (kind) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(kind, { sessionIdleMinutes: 30 });
  });
  afterAll(async () => t.close());

  it('sign-in sets an HttpOnly SameSite cookie', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { username: 'admin', password: t.adminPassword },
    });
    expect(response.statusCode).toBe(200);
    const setCookie = String(response.headers['set-cookie']);
    expect(setCookie).toMatch(/cordon_session=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const body = response.json();
    expect(body.user.username).toBe('admin');
    expect(body.user.role).toBe('admin');
    expect(body.user.mustChangePassword).toBe(true);
    expect(body.user.nodePath).toEqual([{ code: 'CN', name: '全国', level: 'country' }]);
    expect(body.csrfToken).toMatch(/^[\w-]{40,}$/);
  });

  it('username is case-insensitive and trimmed', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { username: '  ADMIN ', password: t.adminPassword },
    });
    expect(response.statusCode).toBe(200);
  });

  it('wrong password and unknown user answer alike', async () => {
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { username: 'nobody-here', password: 'whatever-123' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe('AUTH_INVALID_CREDENTIALS');
    expect(wrong.json().error.message).toBe('用户名或密码错误');
  });

  it('missing fields name the field in the chosen language', async () => {
    const zh = await t.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username: 'admin' } });
    expect(zh.statusCode).toBe(400);
    expect(zh.json().error).toEqual({ code: 'FIELD_REQUIRED', message: '请填写密码', field: 'password' });

    const en = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      headers: { 'accept-language': 'en-US,en;q=0.9' },
      payload: { password: 'x' },
    });
    expect(en.json().error).toEqual({ code: 'FIELD_REQUIRED', message: 'Username is required', field: 'username' });
  });

  it('a pending password change blocks everything but me, sign-out and password', async () => {
    const session = await signIn(t.app, 'admin', t.adminPassword);
    const me = await request(t.app, session, { method: 'GET', url: '/api/auth/me' });
    expect(me.statusCode).toBe(200);
    const users = await request(t.app, session, { method: 'GET', url: '/api/users' });
    expect(users.statusCode).toBe(403);
    expect(users.json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');
  });

  it('password change checks current, strength and sameness', async () => {
    const session = await signIn(t.app, 'admin', t.adminPassword);
    const cases = [
      {
        payload: { currentPassword: 'not-the-password', newPassword: testPassword() },
        code: 'PASSWORD_CURRENT_INVALID',
        field: 'currentPassword',
      },
      { payload: { currentPassword: t.adminPassword, newPassword: 'short' }, code: 'PASSWORD_TOO_WEAK', field: 'newPassword' },
      { payload: { currentPassword: t.adminPassword, newPassword: 'my-admin-password' }, code: 'PASSWORD_TOO_WEAK', field: 'newPassword' },
      {
        payload: { currentPassword: t.adminPassword, newPassword: t.adminPassword },
        code: 'PASSWORD_SAME_AS_CURRENT',
        field: 'newPassword',
      },
    ];
    for (const testCase of cases) {
      const response = await request(t.app, session, { method: 'POST', url: '/api/auth/password', payload: testCase.payload });
      expect(response.statusCode, testCase.code).toBe(400);
      expect(response.json().error.code).toBe(testCase.code);
      expect(response.json().error.field).toBe(testCase.field);
    }
  });

  it('password change clears the flag and ends other sessions', async () => {
    const password = testPassword();
    const { user } = await createUser(t.ctx, null, { username: 'changer', displayName: 'C', role: 'hq', nodeCode: 'CN' }, { password });
    const first = await signIn(t.app, 'changer', password);
    const second = await signIn(t.app, 'changer', password);
    const newPassword = testPassword();

    const changed = await request(t.app, first, {
      method: 'POST',
      url: '/api/auth/password',
      payload: { currentPassword: password, newPassword },
    });
    expect(changed.statusCode).toBe(204);

    const meFirst = await request(t.app, first, { method: 'GET', url: '/api/auth/me' });
    expect(meFirst.json().user.mustChangePassword).toBe(false);
    const meSecond = await request(t.app, second, { method: 'GET', url: '/api/auth/me' });
    expect(meSecond.statusCode).toBe(401);

    const row = await t.ctx.db
      .selectFrom('users')
      .select(['must_change_password', 'password_changed_at'])
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(row.must_change_password).toBe(0);
    expect(row.password_changed_at).not.toBeNull();
  });

  it('writes without the CSRF token are rejected', async () => {
    const { session } = await createStaff(t.app, t.ctx, 'admin', 'CN');
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-out',
      headers: { cookie: session.cookie, 'x-csrf-token': 'forged' },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('CSRF_TOKEN_INVALID');
    const still = await request(t.app, session, { method: 'GET', url: '/api/auth/me' });
    expect(still.statusCode).toBe(200);
  });

  it('five failures lock the account for 15 minutes', async () => {
    const password = testPassword();
    const { user } = await createUser(
      t.ctx,
      null,
      { username: 'locky', displayName: 'L', role: 'hq', nodeCode: 'CN' },
      { password, mustChangePassword: false },
    );
    for (let attempt = 1; attempt <= 4; attempt++) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/auth/sign-in',
        payload: { username: 'locky', password: 'wrong-password' },
      });
      expect(response.json().error.code).toBe('AUTH_INVALID_CREDENTIALS');
    }
    const fifth = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      headers: { 'accept-language': 'en' },
      payload: { username: 'locky', password: 'wrong-password' },
    });
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json().error.message).toContain('15 minutes');

    const right = await t.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username: 'locky', password } });
    expect(right.statusCode).toBe(423);

    const row = await t.ctx.db.selectFrom('users').select('locked_until').where('id', '=', user.id).executeTakeFirstOrThrow();
    const minutes = (Date.parse(row.locked_until ?? '') - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(14);
    expect(minutes).toBeLessThanOrEqual(15);

    // Once the lock has passed, the right password works again.
    await t.ctx.db
      .updateTable('users')
      .set({ locked_until: new Date(Date.now() - 1000).toISOString() })
      .where('id', '=', user.id)
      .execute();
    const after = await t.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username: 'locky', password } });
    expect(after.statusCode).toBe(200);
  });

  it('idle sessions expire', async () => {
    const { session, user } = await createStaff(t.app, t.ctx, 'hq', 'CN');
    const longAgo = new Date(Date.now() - 31 * 60_000).toISOString();
    await t.ctx.db.updateTable('sessions').set({ last_seen_at: longAgo }).where('user_id', '=', user.id).execute();

    const response = await request(t.app, session, { method: 'GET', url: '/api/auth/me' });
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe('AUTH_SESSION_EXPIRED');
    const left = await t.ctx.db.selectFrom('sessions').select('id_hash').where('user_id', '=', user.id).execute();
    expect(left).toHaveLength(0);
  });

  it('sign-out ends the session', async () => {
    const { session } = await createStaff(t.app, t.ctx, 'hq', 'CN');
    const out = await request(t.app, session, { method: 'POST', url: '/api/auth/sign-out' });
    expect(out.statusCode).toBe(204);
    expect(sessionCookieOf(out)).toBe('cordon_session=');
    const me = await request(t.app, session, { method: 'GET', url: '/api/auth/me' });
    expect(me.statusCode).toBe(401);
  });

  it('a forged cookie is not a session', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: 'cordon_session=forged-token' } });
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe('AUTH_REQUIRED');
  });

  it('disabled users cannot sign in', async () => {
    const { user, password, username } = await createStaff(t.app, t.ctx, 'hq', 'CN');
    await t.ctx.db.updateTable('users').set({ disabled: 1 }).where('id', '=', user.id).execute();
    const response = await t.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username, password } });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('AUTH_ACCOUNT_DISABLED');
  });

  it('parallel guesses still lock after five', async () => {
    const password = testPassword();
    const { user } = await createUser(
      t.ctx,
      null,
      { username: 'swarm', displayName: 'S', role: 'hq', nodeCode: 'CN' },
      { password, mustChangePassword: false },
    );
    const guesses = await Promise.all(
      Array.from({ length: 20 }, () =>
        t.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username: 'swarm', password: 'wrong-password' } }),
      ),
    );
    const statuses = guesses.map((response) => response.statusCode);
    expect(statuses.filter((status) => status === 401).length).toBeLessThanOrEqual(4);
    expect(statuses.filter((status) => status === 200)).toEqual([]);

    const right = await t.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username: 'swarm', password } });
    expect(right.statusCode).toBe(423);
    const failures = await t.ctx.db.selectFrom('audit_log').select('action').where('entity_id', '=', user.id).execute();
    expect(failures.filter((row) => row.action !== 'user.create')).toHaveLength(5);
    const row = await t.ctx.db.selectFrom('users').select('locked_until').where('id', '=', user.id).executeTakeFirstOrThrow();
    expect(row.locked_until).not.toBeNull();
  });

  it('parallel right passwords do not lock', async () => {
    const password = testPassword();
    await createUser(
      t.ctx,
      null,
      { username: 'many.phones', displayName: 'P', role: 'hq', nodeCode: 'CN' },
      { password, mustChangePassword: false },
    );
    const signIns = await Promise.all(
      Array.from({ length: 12 }, () =>
        t.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username: 'many.phones', password } }),
      ),
    );
    const statuses = signIns.map((response) => response.statusCode);
    expect(statuses.every((status) => status === 200 || status === 429)).toBe(true);
    const after = await t.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username: 'many.phones', password } });
    expect(after.statusCode).toBe(200);
  });

  it('failed sign-ins leave the owner signed in', async () => {
    const { session, username } = await createStaff(t.app, t.ctx, 'checkpoint_officer', 'CN');
    for (let attempt = 0; attempt < 5; attempt++) {
      await t.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username, password: 'someone-guessing' } });
    }
    const me = await request(t.app, session, { method: 'GET', url: '/api/auth/me' });
    expect(me.statusCode).toBe(200);
  });

  it('passwords of rare characters work', async () => {
    const { session, password, username } = await createStaff(t.app, t.ctx, 'hq', 'CN');
    const astral = '🔒'.repeat(130);
    const changed = await request(t.app, session, {
      method: 'POST',
      url: '/api/auth/password',
      payload: { currentPassword: password, newPassword: astral },
    });
    expect(changed.statusCode).toBe(204);
    const again = await t.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username, password: astral } });
    expect(again.statusCode).toBe(200);
  });

  it('overlong password counts as a wrong one', async () => {
    const { user, username } = await createStaff(t.app, t.ctx, 'hq', 'CN');
    const response = await t.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username, password: '😀'.repeat(200) } });
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe('AUTH_INVALID_CREDENTIALS');
    const row = await t.ctx.db.selectFrom('users').select('failed_attempts').where('id', '=', user.id).executeTakeFirstOrThrow();
    expect(row.failed_attempts).toBe(1);
  });

  it('guessing the current password locks the account', async () => {
    const { session, user } = await createStaff(t.app, t.ctx, 'hq', 'CN');
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 5; attempt++) {
      const response = await request(t.app, session, {
        method: 'POST',
        url: '/api/auth/password',
        payload: { currentPassword: `guess-${attempt}-password`, newPassword: testPassword() },
      });
      statuses.push(response.statusCode);
    }
    expect(statuses).toEqual([400, 400, 400, 400, 423]);
    const me = await request(t.app, session, { method: 'GET', url: '/api/auth/me' });
    expect(me.statusCode).toBe(401);
    const row = await t.ctx.db.selectFrom('users').select('locked_until').where('id', '=', user.id).executeTakeFirstOrThrow();
    expect(row.locked_until).not.toBeNull();
  });

  it('active sessions outlive a short idle limit', async () => {
    const short = await createTestApp(kind, { sessionIdleMinutes: 1 });
    const { session, user } = await createStaff(short.app, short.ctx, 'hq', 'CN');
    const twentySecondsAgo = new Date(Date.now() - 20_000).toISOString();
    await short.ctx.db.updateTable('sessions').set({ last_seen_at: twentySecondsAgo }).where('user_id', '=', user.id).execute();

    const response = await request(short.app, session, { method: 'GET', url: '/api/auth/me' });
    expect(response.statusCode).toBe(200);
    const row = await short.ctx.db.selectFrom('sessions').select('last_seen_at').where('user_id', '=', user.id).executeTakeFirstOrThrow();
    expect(Date.parse(row.last_seen_at)).toBeGreaterThan(Date.now() - 5_000);
    await short.close();
  });

  it('sign-in rejects values of the wrong type', async () => {
    const cases = [
      { payload: { username: ['admin'], password: t.adminPassword }, field: 'username' },
      { payload: { username: 'admin', password: 12345678901 }, field: 'password' },
      { payload: { username: null, password: 'x' }, field: 'username' },
    ];
    for (const testCase of cases) {
      const response = await t.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: testCase.payload });
      expect(response.statusCode).toBe(400);
      expect(response.json().error).toMatchObject({ code: 'FIELD_TYPE_INVALID', field: testCase.field });
    }
  });
});
