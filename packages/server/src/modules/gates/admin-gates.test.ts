import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMUNITY_A, COMMUNITY_B, createStaff, createTestGrid } from '../../testing/fixtures.js';
import { describeEachDatabase, type Session } from '../../testing/harness.js';
import { cordonPost } from './formats/samples.js';
import { createGateFixture, type GateFixture } from './test-helpers.js';

describeEachDatabase('gate admin: compounds, gates, devices and managers', (kind) => {
  let f: GateFixture;
  let gridWorker: Session;

  beforeAll(async () => {
    f = await createGateFixture(kind);
    const grid = await createTestGrid(f.t.ctx, COMMUNITY_A, '金色网格');
    await f.t.ctx.db.updateTable('compounds').set({ grid_code: grid.code }).where('id', '=', f.a1.id).execute();
    gridWorker = (await createStaff(f.t.app, f.t.ctx, 'grid_worker', grid.code)).session;
  });
  afterAll(async () => f.t.close());

  async function auditActions(entityId: string) {
    const rows = await f.t.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'fields'])
      .where('entity_id', '=', entityId)
      .orderBy('seq')
      .execute();
    return rows;
  }

  describe('compound list', () => {
    it('lists the compounds each actor may reach', async () => {
      const idsOf = async (session: Session) => {
        const response = await f.send(session, 'GET', '/api/gate-admin/compounds');
        expect(response.statusCode).toBe(200);
        return (response.json().items as { id: string }[]).map((item) => item.id).sort();
      };
      expect(await idsOf(f.guardA1.session)).toEqual([f.a1.id]);
      expect(await idsOf(f.guardA2.session)).toEqual([f.a2.id]);
      expect(await idsOf(f.staffB)).toEqual([f.b1.id]);
      expect(await idsOf(f.staffA)).toEqual([f.a1.id, f.a2.id].sort());
      expect(await idsOf(gridWorker)).toEqual([f.a1.id]);
    });

    it('counts gates, devices and passes and tells who manages', async () => {
      const mine = (await f.send(f.guardA1.session, 'GET', '/api/gate-admin/compounds')).json().items[0];
      expect(mine).toMatchObject({
        id: f.a1.id,
        name: '金色家园',
        communityCode: COMMUNITY_A,
        gateCount: 1,
        deviceCount: 1,
        managed: true,
      });
      expect(typeof mine.communityName).toBe('string');
      const viewed = (await f.send(gridWorker, 'GET', '/api/gate-admin/compounds')).json().items[0];
      expect(viewed.managed).toBe(false);
    });

    it('filters by a part of the name', async () => {
      const response = await f.send(f.staffA, 'GET', `/api/gate-admin/compounds?q=${encodeURIComponent('银杏')}`);
      expect(response.json().items.map((item: { id: string }) => item.id)).toEqual([f.a2.id]);
    });
  });

  describe('gates', () => {
    it('lists the gates with their devices', async () => {
      const response = await f.send(f.guardA1.session, 'GET', `/api/gate-admin/compounds/${f.a1.id}/gates`);
      expect(response.statusCode).toBe(200);
      const [gate] = response.json().items;
      expect(gate).toMatchObject({ id: f.a1.gateId, compoundId: f.a1.id, name: '东门', kind: 'both', active: true });
      expect(gate.devices).toHaveLength(1);
      expect(gate.devices[0]).toMatchObject({ id: f.a1.deviceId, revokedAt: null });
      expect(gate.devices[0].keyPrefix).toMatch(/^cdk_/);
    });

    it('a gate guard of another compound gets 404', async () => {
      for (const url of [`/api/gate-admin/compounds/${f.a2.id}/gates`, `/api/gate-admin/compounds/${f.b1.id}/gates`]) {
        const response = await f.send(f.guardA1.session, 'GET', url);
        expect(response.statusCode).toBe(404);
        expect(response.json().error).toMatchObject({ code: 'COMPOUND_NOT_FOUND', field: 'compoundId' });
      }
      const patch = await f.send(f.guardA1.session, 'PATCH', `/api/gate-admin/gates/${f.a2.gateId}`, { name: '西门' });
      expect(patch.statusCode).toBe(404);
      expect(patch.json().error.code).toBe('GATE_NOT_FOUND');
      const device = await f.send(f.guardA1.session, 'POST', `/api/gate-admin/devices/${f.b1.deviceId}/revoke`);
      expect(device.statusCode).toBe(404);
    });

    it('a grid worker cannot set up gates', async () => {
      const response = await f.send(gridWorker, 'POST', `/api/gate-admin/compounds/${f.a1.id}/gates`, { name: '北门', kind: 'pedestrian' });
      expect(response.statusCode).toBe(403);
    });

    it('creates, renames and disables a gate, audited', async () => {
      const created = await f.send(f.guardA1.session, 'POST', `/api/gate-admin/compounds/${f.a1.id}/gates`, {
        name: ' 北门 ',
        kind: 'pedestrian',
      });
      expect(created.statusCode).toBe(201);
      const gate = created.json();
      expect(gate).toMatchObject({ compoundId: f.a1.id, name: '北门', kind: 'pedestrian', active: true, devices: [] });

      const renamed = await f.send(f.guardA1.session, 'PATCH', `/api/gate-admin/gates/${gate.id}`, { name: '北门人行', active: false });
      expect(renamed.statusCode).toBe(200);
      expect(renamed.json()).toMatchObject({ name: '北门人行', active: false });

      const audit = await auditActions(gate.id);
      expect(audit.map((row) => row.action)).toEqual(['gate.create', 'gate.update']);
      expect(JSON.parse(audit[1]?.fields ?? '[]')).toEqual(['name', 'active']);

      const device = await f.send(f.guardA1.session, 'POST', `/api/gate-admin/gates/${gate.id}/devices`, { name: '人脸机' });
      expect(device.statusCode, device.body).toBe(409);
      expect(device.json().error.code).toBe('GATE_DISABLED');
    });

    it('rejects a duplicate gate name and a bad kind by field', async () => {
      const duplicate = await f.send(f.staffA, 'POST', `/api/gate-admin/compounds/${f.a1.id}/gates`, { name: '东门', kind: 'both' });
      expect(duplicate.statusCode).toBe(409);
      expect(duplicate.json().error).toMatchObject({ code: 'GATE_NAME_TAKEN', field: 'name' });
      const badKind = await f.send(f.staffA, 'POST', `/api/gate-admin/compounds/${f.a1.id}/gates`, { name: '南门', kind: 'car' });
      expect(badKind.statusCode).toBe(400);
      expect(badKind.json().error.field).toBe('kind');
    });
  });

  describe('gate devices', () => {
    it('creates a key bound to the gate and revokes it', async () => {
      const created = await f.send(f.guardA1.session, 'POST', `/api/gate-admin/gates/${f.a1.gateId}/devices`, { name: '东门车牌相机' });
      expect(created.statusCode).toBe(201);
      const { device, key } = created.json();
      expect(key).toMatch(/^cdk_/);
      // The prefix is random base64url, which may itself contain "_", so compare by position.
      expect(key.startsWith(`${device.keyPrefix}_`)).toBe(true);
      expect(device.keyPrefix).toHaveLength('cdk_'.length + 8);

      const row = await f.t.ctx.db.selectFrom('devices').selectAll().where('id', '=', device.id).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ kind: 'gate', node_code: COMMUNITY_A, gate_id: f.a1.gateId });
      expect(row.key_hash).not.toContain(key);

      const whoami = await f.t.app.inject({ method: 'GET', url: '/api/device/whoami', headers: { 'x-device-key': key } });
      expect(whoami.statusCode).toBe(200);

      const revoked = await f.send(f.guardA1.session, 'POST', `/api/gate-admin/devices/${device.id}/revoke`);
      expect(revoked.statusCode).toBe(200);
      expect(revoked.json().revokedAt).not.toBeNull();
      const after = await f.t.app.inject({ method: 'GET', url: '/api/device/whoami', headers: { 'x-device-key': key } });
      expect(after.statusCode).toBe(401);

      const again = await f.send(f.guardA1.session, 'POST', `/api/gate-admin/devices/${device.id}/revoke`);
      expect(again.statusCode).toBe(409);
      expect((await auditActions(device.id)).map((entry) => entry.action)).toEqual(['gate_device.create', 'gate_device.revoke']);
    });
    it('a deactivated gate refuses its devices at once', async () => {
      const gate = (await f.send(f.staffA, 'POST', `/api/gate-admin/compounds/${f.a1.id}/gates`, { name: '西门', kind: 'vehicle' })).json();
      const { key } = (await f.send(f.staffA, 'POST', `/api/gate-admin/gates/${gate.id}/devices`, { name: '西门相机' })).json();
      const post = () => f.device('/api/gate-events', JSON.parse(cordonPost({ kind: 'plate', plate: '苏E12345' }).body as string), { key });
      expect((await post()).statusCode).toBe(200);

      await f.send(f.staffA, 'PATCH', `/api/gate-admin/gates/${gate.id}`, { active: false });
      const refused = await post();
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error.code).toBe('GATE_INACTIVE');
    });
  });

  describe('managers', () => {
    it('lists managers to a gate guard of the compound', async () => {
      const response = await f.send(f.guardA1.session, 'GET', `/api/gate-admin/compounds/${f.a1.id}/managers`);
      expect(response.statusCode).toBe(200);
      expect(response.json().items).toEqual([
        expect.objectContaining({ userId: f.guardA1.userId, role: 'gate_guard', smsAlerts: false, phoneMasked: null }),
      ]);
    });

    it('only office staff change the managers', async () => {
      const body = { managers: [{ userId: f.guardA1.userId, smsAlerts: false }] };
      const response = await f.send(f.guardA1.session, 'PUT', `/api/gate-admin/compounds/${f.a1.id}/managers`, body);
      expect(response.statusCode).toBe(404);
      expect(response.json().error.code).toBe('COMPOUND_NOT_FOUND');
    });

    it('replaces managers with phones for SMS alerts, audited', async () => {
      const body = {
        managers: [
          { userId: f.guardA1.userId, phone: '138 0013 8000', smsAlerts: true },
          { userId: f.guardA2.userId, smsAlerts: false },
        ],
      };
      const response = await f.send(f.staffA, 'PUT', `/api/gate-admin/compounds/${f.a1.id}/managers`, body);
      expect(response.statusCode).toBe(200);
      const items = response.json().items as { userId: string; phoneMasked: string | null; smsAlerts: boolean }[];
      expect(items).toHaveLength(2);
      const guard = items.find((item) => item.userId === f.guardA1.userId);
      expect(guard?.smsAlerts).toBe(true);
      expect(guard?.phoneMasked).toMatch(/^138\*+8000$/);
      const stored = await f.t.ctx.db
        .selectFrom('compound_managers')
        .select('phone_enc')
        .where('user_id', '=', f.guardA1.userId)
        .executeTakeFirstOrThrow();
      expect(stored.phone_enc).not.toContain('13800138000');

      // guardA2 now sees A1 as well.
      const compounds = await f.send(f.guardA2.session, 'GET', '/api/gate-admin/compounds');
      expect(compounds.json().items).toHaveLength(2);

      // Omitting the phone keeps it; dropping guardA2 removes his access.
      const kept = await f.send(f.staffA, 'PUT', `/api/gate-admin/compounds/${f.a1.id}/managers`, {
        managers: [{ userId: f.guardA1.userId, smsAlerts: true }],
      });
      expect(kept.json().items[0].phoneMasked).toBe(guard?.phoneMasked);
      expect((await f.send(f.guardA2.session, 'GET', `/api/gate-admin/compounds/${f.a1.id}/gates`)).statusCode).toBe(404);

      const audit = await auditActions(f.a1.id);
      expect(audit.filter((row) => row.action === 'compound_managers.replace')).toHaveLength(2);
    });

    it('lists manager candidates to office staff', async () => {
      const outsider = await createStaff(f.t.app, f.t.ctx, 'gate_guard', COMMUNITY_B);
      const disabled = await createStaff(f.t.app, f.t.ctx, 'gate_guard', COMMUNITY_A);
      await f.t.ctx.db.updateTable('users').set({ disabled: 1 }).where('id', '=', disabled.user.id).execute();
      const gridWorkerA = await createStaff(f.t.app, f.t.ctx, 'grid_worker', COMMUNITY_A);

      const response = await f.send(f.staffA, 'GET', `/api/gate-admin/compounds/${f.a1.id}/manager-candidates`);
      expect(response.statusCode).toBe(200);
      const items = response.json().items as { userId: string; username: string; role: string; displayName: string }[];
      const ids = items.map((item) => item.userId);
      expect(ids).toContain(f.guardA1.userId);
      expect(ids).toContain(f.guardA2.userId);
      expect(ids).not.toContain(outsider.user.id);
      expect(ids).not.toContain(disabled.user.id);
      expect(ids).not.toContain(gridWorkerA.user.id);
      expect(items.find((item) => item.userId === f.guardA2.userId)).toMatchObject({ role: 'gate_guard' });

      // Every candidate passes the eligibility check of the PUT.
      const current = (await f.send(f.staffA, 'GET', `/api/gate-admin/compounds/${f.a2.id}/managers`)).json().items as {
        userId: string;
        smsAlerts: boolean;
      }[];
      const candidatesA2 = (await f.send(f.staffA, 'GET', `/api/gate-admin/compounds/${f.a2.id}/manager-candidates`)).json().items as {
        userId: string;
      }[];
      const all = candidatesA2.map((item) => ({ userId: item.userId, smsAlerts: false }));
      const accepted = await f.send(f.staffA, 'PUT', `/api/gate-admin/compounds/${f.a2.id}/managers`, { managers: all });
      expect(accepted.statusCode).toBe(200);
      await f.send(f.staffA, 'PUT', `/api/gate-admin/compounds/${f.a2.id}/managers`, {
        managers: current.map((item) => ({ userId: item.userId, smsAlerts: item.smsAlerts })),
      });
    });

    it('filters manager candidates by name', async () => {
      const guard = await createStaff(f.t.app, f.t.ctx, 'gate_guard', COMMUNITY_A);
      const response = await f.send(
        f.staffA,
        'GET',
        `/api/gate-admin/compounds/${f.a1.id}/manager-candidates?q=${encodeURIComponent(guard.username.toUpperCase())}`,
      );
      expect(response.statusCode).toBe(200);
      expect(response.json().items.map((item: { userId: string }) => item.userId)).toEqual([guard.user.id]);
    });

    it('hides manager candidates from gate guards and other communities', async () => {
      const guard = await f.send(f.guardA1.session, 'GET', `/api/gate-admin/compounds/${f.a1.id}/manager-candidates`);
      expect(guard.statusCode).toBe(404);
      expect(guard.json().error.code).toBe('COMPOUND_NOT_FOUND');
      const other = await f.send(f.staffB, 'GET', `/api/gate-admin/compounds/${f.a1.id}/manager-candidates`);
      expect(other.statusCode).toBe(404);
    });

    it('rejects ineligible users, repeats and SMS without a mobile', async () => {
      const staffB = await f.t.ctx.db.selectFrom('users').select('id').where('node_code', '=', '320508017003').executeTakeFirstOrThrow();
      const cases: [object[], string, string][] = [
        [[{ userId: staffB.id, smsAlerts: false }], 'COMPOUND_MANAGER_INVALID', 'managers.0.userId'],
        [
          [
            { userId: f.guardA1.userId, smsAlerts: false },
            { userId: f.guardA1.userId, smsAlerts: false },
          ],
          'COMPOUND_MANAGER_DUPLICATE',
          'managers.1.userId',
        ],
        [[{ userId: f.guardA2.userId, smsAlerts: true }], 'COMPOUND_MANAGER_PHONE_REQUIRED', 'managers.0.phone'],
        [[{ userId: f.guardA2.userId, phone: '0512-65223456', smsAlerts: true }], 'COMPOUND_MANAGER_PHONE_REQUIRED', 'managers.0.phone'],
        [[{ userId: f.guardA2.userId, phone: '1380013800', smsAlerts: true }], 'PHONE_FORMAT_INVALID', 'managers.0.phone'],
      ];
      for (const [managers, code, field] of cases) {
        const response = await f.send(f.staffA, 'PUT', `/api/gate-admin/compounds/${f.a2.id}/managers`, { managers });
        expect(response.statusCode, code).toBe(400);
        expect(response.json().error, code).toMatchObject({ code, field });
      }
    });
  });
});
