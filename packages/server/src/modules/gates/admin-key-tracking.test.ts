import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { COMMUNITY_A, createStaff, createTestGrid } from '../../testing/fixtures.js';
import { describeEachDatabase, type Session } from '../../testing/harness.js';
import { createGateFixture, type FixtureCompound, type GateFixture } from './test-helpers.js';

describeEachDatabase('gate admin: key tracking', (kind) => {
  let f: GateFixture;
  let gridWorker: Session;
  let eventSequence = 0;

  beforeAll(async () => {
    f = await createGateFixture(kind);
    const grid = await createTestGrid(f.t.ctx, COMMUNITY_A, '跟踪网格');
    await f.t.ctx.db.updateTable('compounds').set({ grid_code: grid.code }).where('id', '=', f.a1.id).execute();
    gridWorker = (await createStaff(f.t.app, f.t.ctx, 'grid_worker', grid.code)).session;
  });
  afterAll(async () => f.t.close());

  /** Inserts a gate event the way the device API would record it. */
  async function insertEvent(compound: FixtureCompound, values: { plate?: string; personId?: string; at?: Date; decision?: string }) {
    eventSequence += 1;
    const id = randomUUID();
    const at = (values.at ?? new Date()).toISOString();
    await f.t.ctx.db
      .insertInto('gate_events')
      .values({
        id,
        device_id: compound.deviceId,
        gate_id: compound.gateId,
        compound_id: compound.id,
        node_code: compound.communityCode,
        format: 'cordon',
        source_key: `test-${eventSequence}`,
        kind: values.plate ? 'plate' : 'card',
        direction: 'in',
        occurred_at: at,
        received_at: at,
        plate_number: values.plate ?? null,
        plate_region_code: values.plate ? '420100' : null,
        card_number_masked: values.plate ? null : '****C3D4',
        pass_id: null,
        vehicle_id: null,
        person_id: values.personId ?? null,
        temperature_tenths: values.plate ? null : 365,
        decision: values.decision ?? 'open',
        rule_id: null,
        rule_kind: values.decision === 'open_and_alert' ? 'default:risk_region_plate' : null,
        alert_id: null,
        picture_count: 0,
      })
      .execute();
    return id;
  }

  const url = (compoundId: string) => `/api/gate-admin/compounds/${compoundId}/key-tracking`;

  it('tracks a plate and lists its events since tracking began', async () => {
    await insertEvent(f.a1, { plate: '鄂A12345', at: new Date(Date.now() - 3_600_000) });
    const created = await f.send(f.guardA1.session, 'POST', url(f.a1.id), {
      subjectType: 'vehicle',
      plate: '鄂a·12345',
      reason: '湖北牌照车辆',
    });
    expect(created.statusCode, created.body).toBe(201);
    const tracking = created.json();
    expect(tracking).toMatchObject({ subjectType: 'vehicle', plateNumber: '鄂A12345', personId: null, endedAt: null, eventCount: 0 });

    const inside = await insertEvent(f.a1, { plate: '鄂A12345', decision: 'open_and_alert' });
    await insertEvent(f.a2, { plate: '鄂A12345' });
    await insertEvent(f.a1, { plate: '苏E00001' });

    const list = await f.send(f.guardA1.session, 'GET', url(f.a1.id));
    expect(list.json().items[0]).toMatchObject({ id: tracking.id, eventCount: 1 });

    const events = await f.send(f.guardA1.session, 'GET', `/api/gate-admin/key-tracking/${tracking.id}/events`);
    expect(events.statusCode).toBe(200);
    expect(events.json().items).toHaveLength(1);
    expect(events.json().items[0]).toMatchObject({
      id: inside,
      compoundId: f.a1.id,
      compoundName: '金色家园',
      gateName: '东门',
      plateNumber: '鄂A12345',
      decision: 'open',
      action: 'open_and_alert',
      ruleKind: 'risk_region_plate',
      ruleSource: 'default',
      pictureIds: [],
      temperature: null,
    });
  });

  it('rejects a second active tracking and a missing subject', async () => {
    const again = await f.send(f.guardA1.session, 'POST', url(f.a1.id), { subjectType: 'vehicle', plate: '鄂A12345', reason: '重复' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'KEY_TRACKING_ALREADY_ACTIVE', field: 'plate' });
    const noPlate = await f.send(f.guardA1.session, 'POST', url(f.a1.id), { subjectType: 'vehicle', reason: '无车牌' });
    expect(noPlate.json().error).toMatchObject({ code: 'KEY_TRACKING_SUBJECT_REQUIRED', field: 'plate' });
    const badPlate = await f.send(f.guardA1.session, 'POST', url(f.a1.id), { subjectType: 'vehicle', plate: 'ABC', reason: '坏车牌' });
    expect(badPlate.json().error).toMatchObject({ code: 'PLATE_PROVINCE_UNKNOWN', field: 'plate' });
    const noPerson = await f.send(f.guardA1.session, 'POST', url(f.a1.id), { subjectType: 'person', reason: '无人员' });
    expect(noPerson.json().error).toMatchObject({ code: 'KEY_TRACKING_SUBJECT_REQUIRED', field: 'personId' });
    const otherCommunity = await f.send(f.staffA, 'POST', url(f.a1.id), {
      subjectType: 'person',
      personId: f.b1.residentId,
      reason: '外社区',
    });
    expect(otherCommunity.statusCode).toBe(404);
    expect(otherCommunity.json().error).toMatchObject({ code: 'PERSON_NOT_FOUND', field: 'personId' });
  });

  it('lists a tracked person’s events on the file for viewers of the compound only', async () => {
    const person = f.a1.residentId;
    const before = await f.send(f.staffA, 'GET', `/api/gate-admin/persons/${person}/gate-events`);
    expect(before.statusCode).toBe(404);

    const created = await f.send(f.staffA, 'POST', url(f.a1.id), { subjectType: 'person', personId: person, reason: '密切接触者' });
    expect(created.statusCode).toBe(201);
    expect(created.json().personName).toMatch(/^住\*+$/);
    const event = await insertEvent(f.a1, { personId: person });

    for (const session of [f.staffA, f.guardA1.session, gridWorker]) {
      const response = await f.send(session, 'GET', `/api/gate-admin/persons/${person}/gate-events`);
      expect(response.statusCode).toBe(200);
      expect(response.json().items.map((item: { id: string }) => item.id)).toEqual([event]);
      expect(response.json().items[0]).toMatchObject({ temperature: 36.5, cardNumberMasked: '****C3D4', kind: 'card' });
    }
    for (const session of [f.guardA2.session, f.staffB]) {
      const response = await f.send(session, 'GET', `/api/gate-admin/persons/${person}/gate-events`);
      expect(response.statusCode).toBe(404);
    }
  });

  it('a gate guard of another compound cannot list, end or read a tracking', async () => {
    const [tracking] = (await f.send(f.guardA1.session, 'GET', url(f.a1.id))).json().items;
    expect((await f.send(f.guardA2.session, 'GET', url(f.a1.id))).statusCode).toBe(404);
    expect((await f.send(f.guardA2.session, 'POST', `/api/gate-admin/key-tracking/${tracking.id}/end`)).statusCode).toBe(404);
    expect((await f.send(f.guardA2.session, 'GET', `/api/gate-admin/key-tracking/${tracking.id}/events`)).statusCode).toBe(404);
    expect((await f.send(f.staffB, 'POST', url(f.a1.id), { subjectType: 'vehicle', plate: '苏E1', reason: 'x' })).statusCode).toBe(404);
  });

  it('ends a tracking once, audited, and the person section disappears', async () => {
    const items = (await f.send(f.staffA, 'GET', url(f.a1.id))).json().items as { id: string; subjectType: string }[];
    const personTracking = items.find((item) => item.subjectType === 'person');
    const ended = await f.send(f.guardA1.session, 'POST', `/api/gate-admin/key-tracking/${personTracking?.id}/end`);
    expect(ended.statusCode).toBe(200);
    expect(ended.json().endedAt).not.toBeNull();
    const again = await f.send(f.guardA1.session, 'POST', `/api/gate-admin/key-tracking/${personTracking?.id}/end`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('KEY_TRACKING_ALREADY_ENDED');
    expect((await f.send(f.staffA, 'GET', `/api/gate-admin/persons/${f.a1.residentId}/gate-events`)).statusCode).toBe(404);

    const audit = await f.t.ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', personTracking?.id ?? '')
      .orderBy('seq')
      .execute();
    expect(audit.map((row) => row.action)).toEqual(['key_tracking.create', 'key_tracking.end']);
  });
});
