import { afterAll, beforeAll, expect, it } from 'vitest';
import type { PgEventBus } from '../../events/pg-bus.js';
import { type EventStreamReader, listenOnFreePort, openEventStream, raiseTestAlert } from '../../testing/alert-streams.js';
import { COMMUNITY_A, COMMUNITY_B } from '../../testing/fixtures.js';
import { describeEachDatabase } from '../../testing/harness.js';
import { createGateFixture, type GateFixture } from '../gates/test-helpers.js';
import { streamTiming } from './stream.js';

describeEachDatabase('alerts of gate guards', (kind) => {
  let f: GateFixture;
  let baseUrl: string;
  const readers: EventStreamReader[] = [];
  const ids = { a1: '', a2: '', b1: '', communityA: '' };
  const savedTiming = { ...streamTiming };

  const gateAlert = (compoundId: string, nodeCode: string) =>
    raiseTestAlert(f.t.ctx, { kind: 'gate_rule', nodeCode, compoundId, details: { compoundId, ruleKind: 'risk_region_plate' } });

  beforeAll(async () => {
    streamTiming.sessionCheckMs = 100;
    f = await createGateFixture(kind);
    baseUrl = await listenOnFreePort(f.t.app);
    const events = f.t.ctx.events as Partial<PgEventBus>;
    if (kind === 'postgres' && events.listening) await events.listening();
    ids.a1 = await gateAlert(f.a1.id, COMMUNITY_A);
    ids.a2 = await gateAlert(f.a2.id, COMMUNITY_A);
    ids.b1 = await gateAlert(f.b1.id, COMMUNITY_B);
    ids.communityA = await raiseTestAlert(f.t.ctx, { nodeCode: COMMUNITY_A });
  });

  afterAll(async () => {
    for (const reader of readers) reader.close();
    await f.t.close();
    Object.assign(streamTiming, savedTiming);
  });

  it('list shows a guard his compounds only', async () => {
    const listed = (await f.send(f.guardA1.session, 'GET', '/api/alerts?pageSize=200')).json();
    expect(listed.items.map((item: { id: string }) => item.id)).toEqual([ids.a1]);
    expect(listed.total).toBe(1);

    const staff = (await f.send(f.staffA, 'GET', '/api/alerts?pageSize=200')).json();
    expect(staff.items.map((item: { id: string }) => item.id).sort()).toEqual([ids.a1, ids.a2, ids.communityA].sort());
  });

  it('counts follow the same limit', async () => {
    const counts = (await f.send(f.guardA1.session, 'GET', '/api/alerts/counts')).json();
    expect(counts).toEqual({ new: 1, acknowledged: 0, resolved: 0 });
  });

  it('detail and transitions of another compound give 404', async () => {
    expect((await f.send(f.guardA1.session, 'GET', `/api/alerts/${ids.a1}`)).statusCode).toBe(200);
    for (const id of [ids.a2, ids.b1, ids.communityA]) {
      expect((await f.send(f.guardA1.session, 'GET', `/api/alerts/${id}`)).statusCode).toBe(404);
      expect((await f.send(f.guardA1.session, 'POST', `/api/alerts/${id}/acknowledge`)).statusCode).toBe(404);
      expect((await f.send(f.guardA1.session, 'POST', `/api/alerts/${id}/resolve`, {})).statusCode).toBe(404);
    }
    const untouched = await f.t.ctx.db.selectFrom('alerts').select('status').where('id', 'in', [ids.a2, ids.b1, ids.communityA]).execute();
    expect(untouched.map((row) => row.status)).toEqual(['new', 'new', 'new']);

    const acknowledged = await f.send(f.guardA1.session, 'POST', `/api/alerts/${ids.a1}/acknowledge`);
    expect(acknowledged.statusCode).toBe(200);
  });

  it('stream sends a guard his compounds only', async () => {
    const reader = await openEventStream(`${baseUrl}/api/alerts/stream`, { cookie: f.guardA1.session.cookie });
    readers.push(reader);
    expect(reader.status).toBe(200);

    // The foreign alerts go first; the first event the guard receives must be the one of A1.
    await gateAlert(f.a2.id, COMMUNITY_A);
    await gateAlert(f.b1.id, COMMUNITY_B);
    await raiseTestAlert(f.t.ctx, { nodeCode: COMMUNITY_A });
    const own = await gateAlert(f.a1.id, COMMUNITY_A);
    const first = await reader.next();
    expect(first.event).toBe('alert');
    expect(JSON.parse(first.data).id).toBe(own);
  });

  it('a guard sees the person of an alert only masked, live and listed', async () => {
    const reader = await openEventStream(`${baseUrl}/api/alerts/stream`, { cookie: f.guardA1.session.cookie });
    readers.push(reader);
    const id = await raiseTestAlert(f.t.ctx, {
      kind: 'gate_rule',
      nodeCode: COMMUNITY_A,
      compoundId: f.a1.id,
      personId: f.a1.residentId,
      details: { compoundId: f.a1.id, ruleKind: 'high_temperature' },
    });
    const person = await f.t.ctx.db.selectFrom('persons').select('name').where('id', '=', f.a1.residentId).executeTakeFirstOrThrow();
    const masked = `${person.name.slice(0, 1)}${'*'.repeat(person.name.length - 1)}`;

    const live = JSON.parse((await reader.next()).data);
    expect(live).toMatchObject({ id, personName: masked });
    const listed = (await f.send(f.guardA1.session, 'GET', `/api/alerts/${id}`)).json();
    expect(listed.personName).toBe(masked);
    const staff = (await f.send(f.staffA, 'GET', `/api/alerts/${id}`)).json();
    expect(staff.personName).toBe(person.name);
  });

  it('stream follows a change of the guard compounds', async () => {
    const reader = await openEventStream(`${baseUrl}/api/alerts/stream`, { cookie: f.guardA2.session.cookie });
    readers.push(reader);
    await f.t.ctx.db.deleteFrom('compound_managers').where('user_id', '=', f.guardA2.userId).execute();
    // The session check runs every 100 ms here and reads the compounds again.
    await new Promise((resolve) => setTimeout(resolve, 400));
    await gateAlert(f.a2.id, COMMUNITY_A);
    const own = await gateAlert(f.a1.id, COMMUNITY_A);
    await f.t.ctx.db
      .insertInto('compound_managers')
      .values({
        compound_id: f.a1.id,
        user_id: f.guardA2.userId,
        phone_enc: null,
        phone_masked: null,
        sms_alerts: 0,
        assigned_by: null,
        assigned_at: new Date().toISOString(),
      })
      .execute();
    await new Promise((resolve) => setTimeout(resolve, 400));
    const later = await gateAlert(f.a1.id, COMMUNITY_A);
    const first = await reader.next();
    expect(JSON.parse(first.data).id).not.toBe(own);
    expect(JSON.parse(first.data).id).toBe(later);
  });
});
