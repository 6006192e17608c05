import { afterAll, beforeAll, expect, it } from 'vitest';
import { COMMUNITY_A, createStaff, loadGusu } from '../../testing/fixtures.js';
import { createTestApp, describeEachDatabase, request, type Session, type TestApp } from '../../testing/harness.js';

describeEachDatabase('device keys', (kind) => {
  let t: TestApp;
  let admin: Session;

  beforeAll(async () => {
    t = await createTestApp(kind);
    await loadGusu(t.ctx);
    admin = (await createStaff(t.app, t.ctx, 'admin', 'CN')).session;
  });
  afterAll(async () => t.close());

  it('key is shown once and stored hashed', async () => {
    const response = await request(t.app, admin, {
      method: 'POST',
      url: '/api/devices',
      payload: { name: '东门道闸', kind: 'gate', nodeCode: COMMUNITY_A },
    });
    expect(response.statusCode).toBe(201);
    const { device, key } = response.json();
    expect(key).toMatch(/^cdk_[\w-]{8}_[\w-]{43}$/);
    expect(key.startsWith(device.keyPrefix)).toBe(true);

    const row = await t.ctx.db.selectFrom('devices').selectAll().where('id', '=', device.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(key);
    const list = await request(t.app, admin, { method: 'GET', url: '/api/devices' });
    expect(list.body).not.toContain(key);
  });

  it('a device authenticates with its key until revoked', async () => {
    const created = await request(t.app, admin, {
      method: 'POST',
      url: '/api/devices',
      payload: { name: '北门道闸', kind: 'gate', nodeCode: COMMUNITY_A },
    });
    const { device, key } = created.json();

    const whoami = await t.app.inject({ method: 'GET', url: '/api/device/whoami', headers: { 'x-device-key': key } });
    expect(whoami.statusCode).toBe(200);
    expect(whoami.json()).toEqual({ id: device.id, name: '北门道闸', kind: 'gate', nodeCode: COMMUNITY_A });

    const revoked = await request(t.app, admin, { method: 'POST', url: `/api/devices/${device.id}/revoke` });
    expect(revoked.json().revokedAt).not.toBeNull();
    const again = await request(t.app, admin, { method: 'POST', url: `/api/devices/${device.id}/revoke` });
    expect(again.statusCode).toBe(409);

    const after = await t.app.inject({ method: 'GET', url: '/api/device/whoami', headers: { 'x-device-key': key } });
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('DEVICE_KEY_INVALID');
  });

  it('missing, forged and oversized keys are rejected', async () => {
    for (const headers of [{ 'x-device-key': 'cdk_forged_key' }, { 'x-device-key': 'k'.repeat(5000) }]) {
      const response = await t.app.inject({ method: 'GET', url: '/api/device/whoami', headers });
      expect(response.statusCode).toBe(401);
    }
  });

  it('a missing key says which header to send', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/device/whoami', headers: { 'accept-language': 'en' } });
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe('DEVICE_KEY_MISSING');
    expect(response.json().error.message).toContain('X-Device-Key');
  });

  it('a session cookie is not a device key', async () => {
    const response = await request(t.app, admin, { method: 'GET', url: '/api/device/whoami' });
    expect(response.statusCode).toBe(401);
  });

  it('invalid kind names the field', async () => {
    const response = await request(t.app, admin, {
      method: 'POST',
      url: '/api/devices',
      payload: { name: 'X', kind: 'camera', nodeCode: COMMUNITY_A },
      locale: 'zh-CN',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toEqual({ code: 'FIELD_NOT_ALLOWED', field: 'kind', message: '类型不是可选的值之一' });
  });

  it('checkpoint kind points to checkpoint enrolment', async () => {
    const response = await request(t.app, admin, {
      method: 'POST',
      url: '/api/devices',
      payload: { name: '卡口手机 1', kind: 'checkpoint', nodeCode: COMMUNITY_A },
      locale: 'zh-CN',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toEqual({
      code: 'DEVICE_KIND_CHECKPOINT_NOT_ALLOWED',
      field: 'kind',
      message: '卡口手机不能在此创建：请在“卡口管理”中为卡口生成二维码，再用手机扫描绑定',
    });
    expect(await t.ctx.db.selectFrom('devices').select('id').where('name', '=', '卡口手机 1').execute()).toEqual([]);
  });

  it('blank names are rejected', async () => {
    const response = await request(t.app, admin, {
      method: 'POST',
      url: '/api/devices',
      payload: { name: ' \u200b ', kind: 'gate', nodeCode: COMMUNITY_A },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ code: 'FIELD_REQUIRED', field: 'name' });
  });
});
