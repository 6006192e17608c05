import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createCommandEventBus } from '../../events/default.js';
import { applicationNameOf, channelOf, type PgEventBus } from '../../events/pg-bus.js';
import {
  createSecondInstance,
  type EventStreamReader,
  listenOnFreePort,
  openEventStream,
  raiseTestAlert,
} from '../../testing/alert-streams.js';
import { COMMUNITY_A, COMMUNITY_B, createStaff, loadGusu } from '../../testing/fixtures.js';
import { createTestApp, describeEachDatabase, request, type Session, type TestApp } from '../../testing/harness.js';
import { testResidentId } from '../persons/test-helpers.js';
import { streamTiming } from './stream.js';

describeEachDatabase('alert stream', (kind) => {
  let t: TestApp;
  let baseUrl: string;
  let staffA: Session;
  let staffB: Session;
  const open: EventStreamReader[] = [];
  const savedTiming = { ...streamTiming };

  async function openStream(session: Session | null, query = '', headers: Record<string, string> = {}, base = baseUrl) {
    const reader = await openEventStream(`${base}/api/alerts/stream${query}`, {
      ...(session ? { cookie: session.cookie } : {}),
      ...headers,
    });
    open.push(reader);
    return reader;
  }

  const byAlert =
    (id: string, event = 'alert') =>
    (candidate: { event: string; data: string }) =>
      candidate.event === event && (JSON.parse(candidate.data) as { id: string }).id === id;

  beforeAll(async () => {
    // Short intervals, so heartbeats and the sign-out check show within a test.
    streamTiming.heartbeatMs = 100;
    streamTiming.sessionCheckMs = 100;
    t = await createTestApp(kind, kind === 'postgres' ? { databaseUrl: process.env.DATABASE_URL } : {});
    await loadGusu(t.ctx);
    staffA = (await createStaff(t.app, t.ctx, 'community_staff', COMMUNITY_A)).session;
    staffB = (await createStaff(t.app, t.ctx, 'community_staff', COMMUNITY_B)).session;
    baseUrl = await listenOnFreePort(t.app);
    if (kind === 'postgres') await (t.ctx.events as PgEventBus).listening();
  });

  afterAll(async () => {
    for (const reader of open) reader.close();
    await t?.close();
    Object.assign(streamTiming, savedTiming);
  });

  it('stream requires a session', async () => {
    const reader = await openStream(null);
    expect(reader.status).toBe(401);
  });

  it('stream sends the retry delay and heartbeats', async () => {
    const reader = await openStream(staffA);
    expect(reader.status).toBe(200);
    expect(reader.contentType).toMatch(/^text\/event-stream/);
    await expect.poll(() => reader.comments.includes('heartbeat'), { timeout: 5_000 }).toBe(true);
    expect(reader.retry).toBe(streamTiming.retryMs);
    expect(Number.isNaN(Date.parse(reader.lastEventId ?? ''))).toBe(false);
    reader.close();
  });

  it('stream delivers alerts of the subtree only', async () => {
    const readerA = await openStream(staffA);
    const readerB = await openStream(staffB);
    const person = await request(t.app, staffA, {
      method: 'POST',
      url: '/api/persons',
      payload: { name: '李测温', documentNumber: testResidentId(601), phone: '13800138000', communityCode: COMMUNITY_A },
    });
    const personId = person.json().person.id as string;

    const outside = await raiseTestAlert(t.ctx, { nodeCode: COMMUNITY_B });
    const inside = await raiseTestAlert(t.ctx, { nodeCode: COMMUNITY_A, personId, details: { temperatureTenths: 391, symptoms: [] } });

    const first = await readerA.next();
    expect(first.event).toBe('alert');
    const item = JSON.parse(first.data);
    expect(item).toMatchObject({
      id: inside,
      status: 'new',
      nodeCode: COMMUNITY_A,
      personName: '李测温',
      details: { temperatureTenths: 391 },
    });
    expect(first.id).toBe(item.createdAt);
    expect(first.data).not.toContain(testResidentId(601));
    expect(first.data).not.toContain('13800138000');

    const ofB = await readerB.next();
    expect(JSON.parse(ofB.data).id).toBe(outside);
    readerA.close();
    readerB.close();
  });

  it('stream pushes status changes', async () => {
    const reader = await openStream(staffA);
    const id = await raiseTestAlert(t.ctx, { nodeCode: COMMUNITY_A });
    await reader.next(byAlert(id));

    await request(t.app, staffA, { method: 'POST', url: `/api/alerts/${id}/acknowledge` });
    const acknowledged = await reader.next(byAlert(id, 'alert-updated'));
    expect(JSON.parse(acknowledged.data)).toMatchObject({ status: 'acknowledged', acknowledgedById: staffA.userId });
    expect(acknowledged.id).toBe(JSON.parse(acknowledged.data).acknowledgedAt);
    reader.close();
  });

  it('stream resends missed alerts after Last-Event-ID', async () => {
    const before = new Date(Date.now() - 1_000).toISOString();
    const missed = await raiseTestAlert(t.ctx, { nodeCode: COMMUNITY_A });
    const elsewhere = await raiseTestAlert(t.ctx, { nodeCode: COMMUNITY_B });

    const reader = await openStream(staffA, '', { 'last-event-id': before });
    const resent = await reader.next(byAlert(missed));
    expect(JSON.parse(resent.data).status).toBe('new');

    const live = await raiseTestAlert(t.ctx, { nodeCode: COMMUNITY_A });
    const events = [];
    for (;;) {
      const event = await reader.next();
      events.push(JSON.parse(event.data).id);
      if (JSON.parse(event.data).id === live) break;
    }
    expect(events).not.toContain(elsewhere);
    reader.close();
  });

  it('stream resends changes after since', async () => {
    const id = await raiseTestAlert(t.ctx, { nodeCode: COMMUNITY_A });
    const row = await t.ctx.db.selectFrom('alerts').select('created_at').where('id', '=', id).executeTakeFirstOrThrow();
    await request(t.app, staffA, { method: 'POST', url: `/api/alerts/${id}/resolve`, payload: { note: 'done' } });

    // A cursor after the creation but before the resolution: the alert comes back as an update.
    const since = new Date(new Date(row.created_at).getTime() + 1).toISOString();
    const reader = await openStream(staffA, `?since=${encodeURIComponent(since)}`);
    const updated = await reader.next(byAlert(id, 'alert-updated'));
    expect(JSON.parse(updated.data)).toMatchObject({ status: 'resolved', resolutionNote: 'done' });
    reader.close();
  });

  it('stream ends at sign-out', async () => {
    const { session } = await createStaff(t.app, t.ctx, 'community_staff', COMMUNITY_A);
    const reader = await openStream(session);
    expect(reader.status).toBe(200);
    const signOut = await request(t.app, session, { method: 'POST', url: '/api/auth/sign-out' });
    expect(signOut.statusCode).toBeLessThan(300);
    await reader.ended;

    const again = await openStream(session);
    expect(again.status).toBe(401);
  });

  it('stream ends when the user is disabled', async () => {
    const { session, user } = await createStaff(t.app, t.ctx, 'community_staff', COMMUNITY_A);
    const reader = await openStream(session);
    await t.ctx.db.updateTable('users').set({ disabled: 1 }).where('id', '=', user.id).execute();
    await reader.ended;
  });

  it('closing the app ends open streams', async () => {
    const other = await createTestApp(kind);
    await loadGusu(other.ctx);
    const { session } = await createStaff(other.app, other.ctx, 'community_staff', COMMUNITY_A);
    const otherUrl = await listenOnFreePort(other.app);
    const reader = await openStream(session, '', {}, otherUrl);
    expect(reader.status).toBe(200);

    await other.app.close();
    await reader.ended;
    expect(await other.app.waitForHandlers(1_000)).toBe(true);
    await other.db.drop();
  });

  if (kind === 'postgres') {
    it('alert raised on one instance reaches another', async () => {
      const second = await createSecondInstance(t);
      try {
        await (second.app.services.events as PgEventBus).listening();
        const secondUrl = await listenOnFreePort(second.app);
        const reader = await openStream(staffA, '', {}, secondUrl);
        expect(reader.status).toBe(200);

        const id = await raiseTestAlert(t.ctx, { nodeCode: COMMUNITY_A });
        const event = await reader.next(byAlert(id));
        expect(JSON.parse(event.data).nodeCode).toBe(COMMUNITY_A);

        await request(t.app, staffA, { method: 'POST', url: `/api/alerts/${id}/acknowledge` });
        const updated = await reader.next(byAlert(id, 'alert-updated'));
        expect(JSON.parse(updated.data).status).toBe('acknowledged');
        reader.close();
      } finally {
        await second.close();
      }
    });

    it('command bus reaches running servers', async () => {
      const reader = await openStream(staffA);
      const commandBus = createCommandEventBus({ db: t.ctx.db, kind: 'postgres' });
      const commandContext = { ...t.ctx, events: commandBus };
      const id = await raiseTestAlert(commandContext, { nodeCode: COMMUNITY_A });
      expect(JSON.parse((await reader.next(byAlert(id))).data).id).toBe(id);
      reader.close();
    });

    it('bus reconnects after its connection drops', async () => {
      const second = await createSecondInstance(t);
      try {
        const bus = second.app.services.events as PgEventBus;
        await bus.listening();
        const reader = await openStream(staffA, '', {}, await listenOnFreePort(second.app));
        const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(t.ctx.db);
        const applicationName = applicationNameOf(channelOf(rows[0]?.schema ?? ''));
        const backendsOf = async () =>
          (
            await sql<{ pid: number }>`select pid from pg_stat_activity where application_name = ${applicationName}`.execute(t.ctx.db)
          ).rows.map((row) => row.pid);
        const before = await backendsOf();
        expect(before).toHaveLength(2);

        // Every listener of the schema is dropped before the alert is raised, so
        // the second instance can only learn of it once reconnected: from the
        // raising instance's queued NOTIFY or from its own catch-up query.
        await sql`select pg_terminate_backend(pid) from pg_stat_activity where application_name = ${applicationName}`.execute(t.ctx.db);
        const missed = await raiseTestAlert(t.ctx, { nodeCode: COMMUNITY_A });
        const caughtUp = await reader.next(byAlert(missed), 15_000);
        expect(JSON.parse(caughtUp.data).id).toBe(missed);

        await expect.poll(async () => (await backendsOf()).filter((pid) => !before.includes(pid)).length, { timeout: 15_000 }).toBe(2);
        await bus.listening();
        await (t.ctx.events as PgEventBus).listening();
        const live = await raiseTestAlert(t.ctx, { nodeCode: COMMUNITY_A });
        expect(JSON.parse((await reader.next(byAlert(live))).data).id).toBe(live);
        reader.close();
      } finally {
        await second.close();
      }
    });
  }
});
