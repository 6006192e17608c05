import { afterAll, beforeAll, expect, it } from 'vitest';
import { SUBDISTRICT_A, SUBDISTRICT_B } from '../../testing/fixtures.js';
import { describeEachDatabase } from '../../testing/harness.js';
import { type CheckpointFixture, createCheckpointFixture } from './test-helpers.js';

describeEachDatabase('checkpoints in the console', (kind) => {
  let f: CheckpointFixture;

  beforeAll(async () => {
    f = await createCheckpointFixture(kind);
  });
  afterAll(async () => f.t.close());

  it('create requires a session', async () => {
    const response = await f.send(null, 'POST', '/api/checkpoints', { name: 'X', type: 'road', nodeCode: SUBDISTRICT_A, location: 'Y' });
    expect(response.statusCode).toBe(401);
  });

  it('create returns the checkpoint and audits it', async () => {
    const body = {
      name: '京沪高速新区出口',
      type: 'highway_exit',
      nodeCode: SUBDISTRICT_A,
      location: 'G2 southbound',
      longitude: '120.5853',
      latitude: '31.2989',
    };
    const response = await f.send(f.staffA, 'POST', '/api/checkpoints', body);
    expect(response.statusCode).toBe(201);
    const checkpoint = response.json();
    expect(checkpoint).toMatchObject({ ...body, active: true, officers: [], activeDeviceCount: 0 });
    const audit = await f.t.ctx.db.selectFrom('audit_log').select(['action', 'fields']).where('entity_id', '=', checkpoint.id).execute();
    expect(audit.map((row) => row.action)).toEqual(['checkpoint.create']);
  });

  it('create rejects invalid fields by name', async () => {
    const base = { name: '卡口', type: 'road', nodeCode: SUBDISTRICT_A, location: '路口' };
    const cases: [object, number, string, string][] = [
      [{ type: 'airport' }, 400, 'FIELD_NOT_ALLOWED', 'type'],
      [{ name: ' \u200b ' }, 400, 'FIELD_REQUIRED', 'name'],
      [{ location: '' }, 400, 'FIELD_TOO_SHORT', 'location'],
      [{ longitude: '181' }, 400, 'FIELD_OUT_OF_RANGE', 'longitude'],
      [{ latitude: 'north' }, 400, 'FIELD_FORMAT_INVALID', 'latitude'],
      [{ nodeCode: SUBDISTRICT_B }, 404, 'JURISDICTION_NOT_FOUND', 'nodeCode'],
    ];
    for (const [override, status, code, field] of cases) {
      const response = await f.send(f.staffA, 'POST', '/api/checkpoints', { ...base, ...override });
      expect(response.statusCode, JSON.stringify(override)).toBe(status);
      expect(response.json().error, JSON.stringify(override)).toMatchObject({ code, field });
    }
  });

  it('duplicate name in one jurisdiction is a conflict', async () => {
    await f.createCheckpoint(f.staffA, { name: '同名卡口' });
    const response = await f.send(f.staffA, 'POST', '/api/checkpoints', {
      name: '同名卡口',
      type: 'road',
      nodeCode: SUBDISTRICT_A,
      location: 'x',
    });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe('CHECKPOINT_NAME_TAKEN');
  });

  it('manager of B cannot see or edit checkpoints of A', async () => {
    const list = await f.send(f.staffB, 'GET', '/api/checkpoints');
    expect(list.json().items.map((item: { id: string }) => item.id)).not.toContain(f.checkpointA);
    const patch = await f.send(f.staffB, 'PATCH', `/api/checkpoints/${f.checkpointA}`, { name: 'taken over' });
    expect(patch.statusCode).toBe(404);
    expect(patch.json().error.code).toBe('CHECKPOINT_NOT_FOUND');
    const enrol = await f.send(f.staffB, 'POST', `/api/checkpoints/${f.checkpointA}/enrolments`, { deviceName: 'x' });
    expect(enrol.statusCode).toBe(404);
    const devices = await f.send(f.staffB, 'GET', `/api/checkpoints/${f.checkpointA}/devices`);
    expect(devices.statusCode).toBe(404);
    const row = await f.t.ctx.db.selectFrom('checkpoints').select('name').where('id', '=', f.checkpointA).executeTakeFirstOrThrow();
    expect(row.name).not.toBe('taken over');
  });

  it('officers may not create checkpoints', async () => {
    const response = await f.send(f.officerA.session, 'POST', '/api/checkpoints', {
      name: 'x',
      type: 'road',
      nodeCode: SUBDISTRICT_A,
      location: 'y',
    });
    expect(response.statusCode).toBe(403);
  });

  it('officer lists only assigned checkpoints', async () => {
    const own = await f.send(f.officerA.session, 'GET', '/api/checkpoints');
    expect(own.json().items.map((item: { id: string }) => item.id)).toEqual([f.checkpointA]);
    const other = await f.send(f.officerB.session, 'GET', '/api/checkpoints');
    expect(other.json().items).toEqual([]);
  });

  it('patch deactivates and hides from default list', async () => {
    const id = await f.createCheckpoint(f.staffA);
    const patched = await f.send(f.staffA, 'PATCH', `/api/checkpoints/${id}`, { active: false, longitude: null });
    expect(patched.statusCode).toBe(200);
    expect(patched.json().active).toBe(false);
    const active = await f.send(f.staffA, 'GET', '/api/checkpoints');
    expect(active.json().items.map((item: { id: string }) => item.id)).not.toContain(id);
    const all = await f.send(f.staffA, 'GET', '/api/checkpoints?includeInactive=true');
    expect(all.json().items.map((item: { id: string }) => item.id)).toContain(id);
    const enrol = await f.send(f.staffA, 'POST', `/api/checkpoints/${id}/enrolments`, { deviceName: 'x' });
    expect(enrol.statusCode).toBe(409);
    expect(enrol.json().error.code).toBe('CHECKPOINT_INACTIVE');
  });

  it('roster accepts only officers in scope', async () => {
    const candidates = await f.send(f.staffA, 'GET', '/api/checkpoints/officer-candidates');
    const ids = candidates.json().items.map((item: { userId: string }) => item.userId);
    expect(ids).toContain(f.officerA.userId);
    expect(ids).not.toContain(f.officerB.userId);

    const outside = await f.send(f.staffA, 'PUT', `/api/checkpoints/${f.checkpointA}/officers`, {
      userIds: [f.officerA.userId, f.officerB.userId],
    });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error).toMatchObject({ code: 'CHECKPOINT_OFFICER_INVALID', field: 'userIds.1' });
    const notOfficer = await f.send(f.staffA, 'PUT', `/api/checkpoints/${f.checkpointA}/officers`, { userIds: [f.staffA.userId] });
    expect(notOfficer.json().error).toMatchObject({ code: 'CHECKPOINT_OFFICER_INVALID', field: 'userIds.0' });
    const tooMany = await f.send(f.staffA, 'PUT', `/api/checkpoints/${f.checkpointA}/officers`, {
      userIds: Array.from({ length: 201 }, () => f.officerA.userId),
    });
    expect(tooMany.json().error).toMatchObject({ code: 'FIELD_TOO_MANY_ITEMS', field: 'userIds' });

    const roster = await f.t.ctx.db
      .selectFrom('checkpoint_officers')
      .select('user_id')
      .where('checkpoint_id', '=', f.checkpointA)
      .execute();
    expect(roster.map((row) => row.user_id)).toEqual([f.officerA.userId]);
  });

  it('enrolment is usable once', async () => {
    const created = await f.send(f.staffA, 'POST', `/api/checkpoints/${f.checkpointA}/enrolments`, { deviceName: '2号手机' });
    expect(created.statusCode).toBe(201);
    const { id, token, url } = created.json();
    expect(url).toMatch(/\/m\/checkpoint\/enrol#/);
    expect(url.endsWith(`#${token}`)).toBe(true);
    const stored = await f.t.ctx.db.selectFrom('checkpoint_enrolments').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(JSON.stringify(stored)).not.toContain(token);

    const waiting = await f.send(f.staffA, 'GET', `/api/checkpoints/enrolments/${id}`);
    expect(waiting.json()).toMatchObject({ status: 'waiting', deviceId: null });

    const first = await f.phone('POST', '/api/public/checkpoint-enrolments', { token });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ device: { name: '2号手机' }, checkpoint: { id: f.checkpointA } });
    const second = await f.phone('POST', '/api/public/checkpoint-enrolments', { token });
    expect(second.statusCode).toBe(400);
    expect(second.json().error.code).toBe('CHECKPOINT_ENROLMENT_INVALID');

    const used = await f.send(f.staffA, 'GET', `/api/checkpoints/enrolments/${id}`);
    expect(used.json()).toMatchObject({ status: 'used', deviceId: first.json().device.id });
    const device = await f.t.ctx.db.selectFrom('devices').selectAll().where('id', '=', first.json().device.id).executeTakeFirstOrThrow();
    expect(device).toMatchObject({ kind: 'checkpoint', checkpoint_id: f.checkpointA, node_code: SUBDISTRICT_A });
  });

  it('wrong token is invalid', async () => {
    for (const token of ['x', 'A'.repeat(43), 'A'.repeat(100)]) {
      const response = await f.phone('POST', '/api/public/checkpoint-enrolments', { token });
      expect(response.statusCode).toBe(400);
      expect(response.json().error.code).toBe('CHECKPOINT_ENROLMENT_INVALID');
    }
  });

  it('enrolment expires after ten minutes', async () => {
    const created = await f.send(f.staffA, 'POST', `/api/checkpoints/${f.checkpointA}/enrolments`, { deviceName: '3号手机' });
    const { id, token } = created.json();
    const realClock = f.t.ctx.clock;
    f.t.ctx.clock = () => new Date(realClock().getTime() + 10 * 60_000 + 1000);
    try {
      const status = await f.send(f.staffA, 'GET', `/api/checkpoints/enrolments/${id}`);
      expect(status.json().status).toBe('expired');
      const response = await f.phone('POST', '/api/public/checkpoint-enrolments', { token });
      expect(response.statusCode).toBe(400);
      expect(response.json().error.code).toBe('CHECKPOINT_ENROLMENT_INVALID');
    } finally {
      f.t.ctx.clock = realClock;
    }
    const devices = await f.t.ctx.db.selectFrom('devices').select('id').where('name', '=', '3号手机').execute();
    expect(devices).toEqual([]);
  });

  it('devices are listed and revoked per checkpoint', async () => {
    const { key, deviceId } = await f.enrolPhone(f.staffA, f.checkpointA, '待吊销手机');
    const list = await f.send(f.staffA, 'GET', `/api/checkpoints/${f.checkpointA}/devices`);
    expect(list.json().items.map((item: { id: string }) => item.id)).toContain(deviceId);
    expect(list.body).not.toContain(key);

    const revoked = await f.send(f.staffA, 'POST', `/api/checkpoints/${f.checkpointA}/devices/${deviceId}/revoke`);
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json().revokedAt).not.toBeNull();
    const again = await f.send(f.staffA, 'POST', `/api/checkpoints/${f.checkpointA}/devices/${deviceId}/revoke`);
    expect(again.statusCode).toBe(409);

    const context = await f.phone('GET', '/api/checkpoint-phone/context', undefined, key);
    expect(context.statusCode).toBe(401);
    expect(context.json().error.code).toBe('DEVICE_KEY_INVALID');
    expect(context.json().error.message).toContain('enrolled again');
  });

  it('enrolment exchange is rate-limited per address', async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 25; attempt++) {
      statuses.push((await f.phone('POST', '/api/public/checkpoint-enrolments', { token: `guess-${attempt}` })).statusCode);
    }
    expect(statuses).toContain(429);
    expect(statuses.filter((status) => status !== 400 && status !== 429)).toEqual([]);
  });
});
