import { afterAll, beforeAll, expect, it } from 'vitest';
import { raiseTestAlert } from '../../testing/alert-streams.js';
import { COMMUNITY_A, COMMUNITY_B, createStaff, loadGusu, SUBDISTRICT_A } from '../../testing/fixtures.js';
import { createTestApp, describeEachDatabase, request, type Session, type TestApp } from '../../testing/harness.js';
import { testResidentId } from '../persons/test-helpers.js';

describeEachDatabase('alerts', (kind) => {
  let t: TestApp;
  let admin: Session;
  let subdistrictA: Session;
  let staffA: Session;
  let doctorA: Session;
  let staffB: Session;
  let doctorAName: string;
  let personA: string;

  const get = (session: Session | null, url: string) => request(t.app, session, { method: 'GET', url, locale: 'en' });
  const post = (session: Session | null, url: string, payload?: object) =>
    request(t.app, session, { method: 'POST', url, locale: 'en', ...(payload ? { payload } : {}) });
  const alertRow = (id: string) => t.ctx.db.selectFrom('alerts').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const auditRowsOf = (id: string) =>
    t.ctx.db.selectFrom('audit_log').selectAll().where('entity_type', '=', 'alert').where('entity_id', '=', id).orderBy('seq').execute();

  beforeAll(async () => {
    t = await createTestApp(kind, kind === 'postgres' ? { databaseUrl: process.env.DATABASE_URL } : {});
    await loadGusu(t.ctx);
    admin = (await createStaff(t.app, t.ctx, 'admin', 'CN')).session;
    subdistrictA = (await createStaff(t.app, t.ctx, 'subdistrict_staff', SUBDISTRICT_A)).session;
    staffA = (await createStaff(t.app, t.ctx, 'community_staff', COMMUNITY_A)).session;
    const doctor = await createStaff(t.app, t.ctx, 'doctor', COMMUNITY_A);
    doctorA = doctor.session;
    doctorAName = doctor.user.displayName;
    staffB = (await createStaff(t.app, t.ctx, 'community_staff', COMMUNITY_B)).session;
    const person = await post(staffA, '/api/persons', { name: '王发热', documentNumber: testResidentId(501), communityCode: COMMUNITY_A });
    if (person.statusCode !== 201) throw new Error(`person not created: ${person.statusCode} ${person.body}`);
    personA = person.json().person.id;
  });

  afterAll(async () => {
    await t?.close();
  });

  it('list requires a session', async () => {
    const response = await get(null, '/api/alerts');
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe('AUTH_REQUIRED');
  });

  it('list shows only the caller subtree', async () => {
    const inA = await raiseTestAlert(t.ctx, { nodeCode: COMMUNITY_A, personId: personA });
    const inB = await raiseTestAlert(t.ctx, { nodeCode: COMMUNITY_B, severity: 'critical' });

    const listA = (await get(staffA, '/api/alerts?pageSize=200')).json();
    const idsA = listA.items.map((item: { id: string }) => item.id);
    expect(idsA).toContain(inA);
    expect(idsA).not.toContain(inB);

    const idsB = (await get(staffB, '/api/alerts?pageSize=200')).json().items.map((item: { id: string }) => item.id);
    expect(idsB).toContain(inB);
    expect(idsB).not.toContain(inA);

    const idsSubdistrict = (await get(subdistrictA, '/api/alerts?pageSize=200')).json().items.map((item: { id: string }) => item.id);
    expect(idsSubdistrict).toContain(inA);
    expect(idsSubdistrict).not.toContain(inB);

    const idsAdmin = (await get(admin, '/api/alerts?pageSize=200')).json().items.map((item: { id: string }) => item.id);
    expect(idsAdmin).toEqual(expect.arrayContaining([inA, inB]));
  });

  it('list item carries facts and no document number', async () => {
    const id = await raiseTestAlert(t.ctx, {
      nodeCode: COMMUNITY_A,
      personId: personA,
      details: { temperatureTenths: 386, symptoms: ['fever', 'cough'], windowKey: '2026-12-05/1' },
      severity: 'critical',
    });
    const response = await get(staffA, `/api/alerts/${id}`);
    expect(response.statusCode).toBe(200);
    const item = response.json();
    expect(item).toMatchObject({
      id,
      kind: 'abnormal_declaration',
      severity: 'critical',
      status: 'new',
      nodeCode: COMMUNITY_A,
      personId: personA,
      personName: '王发热',
      details: { temperatureTenths: 386, symptoms: ['fever', 'cough'], windowKey: '2026-12-05/1' },
      acknowledgedAt: null,
      acknowledgedByName: null,
      resolvedAt: null,
    });
    expect(item.nodeName).toBeTruthy();
    expect(response.body).not.toContain(testResidentId(501));
  });

  it('list is newest first and filters', async () => {
    const older = await raiseTestAlert(t.ctx, { nodeCode: COMMUNITY_A, kind: 'missed_declarations', severity: 'info', details: {} });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const newer = await raiseTestAlert(t.ctx, { nodeCode: COMMUNITY_A, kind: 'missed_declarations', severity: 'info', details: {} });

    const byKind = (await get(staffA, '/api/alerts?kind=missed_declarations')).json();
    expect(byKind.items.map((item: { id: string }) => item.id)).toEqual([newer, older]);
    expect(byKind.total).toBe(2);

    const bySeverity = (await get(staffA, '/api/alerts?severity=info&pageSize=1')).json();
    expect(bySeverity.total).toBe(2);
    expect(bySeverity.items).toHaveLength(1);

    const olderRow = await alertRow(older);
    const from = new Date(new Date(olderRow.created_at).getTime() + 1).toISOString();
    const fromNewer = (await get(staffA, `/api/alerts?kind=missed_declarations&from=${encodeURIComponent(from)}`)).json();
    expect(fromNewer.items.map((item: { id: string }) => item.id)).toEqual([newer]);

    const to = new Date(olderRow.created_at).toISOString();
    const toOlder = (await get(staffA, `/api/alerts?kind=missed_declarations&to=${encodeURIComponent(to)}`)).json();
    expect(toOlder.items.map((item: { id: string }) => item.id)).toEqual([older]);

    const acknowledged = (await get(staffA, '/api/alerts?status=acknowledged&kind=missed_declarations')).json();
    expect(acknowledged.total).toBe(0);
  });

  it('list node filter stays inside scope', async () => {
    const inA = await raiseTestAlert(t.ctx, { nodeCode: COMMUNITY_A });
    const ofA = (await get(subdistrictA, `/api/alerts?nodeCode=${COMMUNITY_A}&pageSize=200`)).json();
    expect(ofA.items.map((item: { id: string }) => item.id)).toContain(inA);

    const outside = await get(staffA, `/api/alerts?nodeCode=${COMMUNITY_B}`);
    expect(outside.statusCode).toBe(404);
    expect(outside.json().error).toMatchObject({ code: 'JURISDICTION_NOT_FOUND', field: 'nodeCode' });
  });

  it('list rejects invalid filters', async () => {
    const status = await get(staffA, '/api/alerts?status=open');
    expect(status.statusCode).toBe(400);
    expect(status.json().error.field).toBe('status');

    const from = await get(staffA, '/api/alerts?from=yesterday');
    expect(from.statusCode).toBe(400);
    expect(from.json().error.field).toBe('from');
  });

  it('alert of another community is not found', async () => {
    const inA = await raiseTestAlert(t.ctx, { nodeCode: COMMUNITY_A });

    expect((await get(staffB, `/api/alerts/${inA}`)).statusCode).toBe(404);
    const acknowledge = await post(staffB, `/api/alerts/${inA}/acknowledge`);
    expect(acknowledge.statusCode).toBe(404);
    expect(acknowledge.json().error.code).toBe('ALERT_NOT_FOUND');
    expect((await post(staffB, `/api/alerts/${inA}/resolve`, { note: 'not mine' })).statusCode).toBe(404);

    const row = await alertRow(inA);
    expect(row.status).toBe('new');
    expect(row.acknowledged_by).toBeNull();
    expect(row.resolved_by).toBeNull();
    expect(await auditRowsOf(inA)).toHaveLength(0);
  });

  it('unknown alert id is not found', async () => {
    const response = await get(staffA, '/api/alerts/00000000-0000-4000-8000-000000000000');
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('ALERT_NOT_FOUND');
  });

  it('acknowledge then resolve records who acted', async () => {
    const id = await raiseTestAlert(t.ctx, { nodeCode: COMMUNITY_A });

    const acknowledged = await post(doctorA, `/api/alerts/${id}/acknowledge`);
    expect(acknowledged.statusCode).toBe(200);
    expect(acknowledged.json()).toMatchObject({
      status: 'acknowledged',
      acknowledgedById: doctorA.userId,
      acknowledgedByName: doctorAName,
    });
    expect(acknowledged.json().acknowledgedAt).toEqual(expect.any(String));

    const resolved = await post(staffA, `/api/alerts/${id}/resolve`, { note: '  已电话随访，体温正常  ' });
    expect(resolved.statusCode).toBe(200);
    expect(resolved.json()).toMatchObject({
      status: 'resolved',
      acknowledgedByName: doctorAName,
      resolvedById: staffA.userId,
      resolutionNote: '已电话随访，体温正常',
    });

    const row = await alertRow(id);
    expect(row.status).toBe('resolved');
    expect(row.acknowledged_by).toBe(doctorA.userId);
    expect(row.resolved_by).toBe(staffA.userId);
    expect(row.resolution_note).toBe('已电话随访，体温正常');

    const audit = await auditRowsOf(id);
    expect(audit.map((entry) => entry.action)).toEqual(['alert.acknowledge', 'alert.resolve']);
    expect(audit[0]?.actor_user_id).toBe(doctorA.userId);
    expect(audit[1]?.node_code).toBe(COMMUNITY_A);
    expect(JSON.parse(audit[1]?.fields ?? '[]')).toEqual(['status', 'resolution_note']);
  });

  it('new alert resolves without acknowledgement', async () => {
    const id = await raiseTestAlert(t.ctx, { nodeCode: COMMUNITY_A });
    const resolved = await post(staffA, `/api/alerts/${id}/resolve`, {});
    expect(resolved.statusCode).toBe(200);
    expect(resolved.json()).toMatchObject({ status: 'resolved', acknowledgedAt: null, resolutionNote: null });
  });

  it('wrong transitions are conflicts naming the status', async () => {
    const id = await raiseTestAlert(t.ctx, { nodeCode: COMMUNITY_A });
    await post(staffA, `/api/alerts/${id}/acknowledge`);

    const again = await post(staffA, `/api/alerts/${id}/acknowledge`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'ALERT_ALREADY_ACKNOWLEDGED', field: 'status' });
    expect(again.json().error.message).toContain('already acknowledged');

    await post(staffA, `/api/alerts/${id}/resolve`, {});
    const resolveAgain = await post(staffA, `/api/alerts/${id}/resolve`, {});
    expect(resolveAgain.statusCode).toBe(409);
    expect(resolveAgain.json().error.code).toBe('ALERT_ALREADY_RESOLVED');

    const acknowledgeResolved = await request(t.app, staffA, { method: 'POST', url: `/api/alerts/${id}/acknowledge`, locale: 'zh-CN' });
    expect(acknowledgeResolved.statusCode).toBe(409);
    expect(acknowledgeResolved.json().error.code).toBe('ALERT_ALREADY_RESOLVED');
    expect(acknowledgeResolved.json().error.message).toContain('已处置');

    expect((await auditRowsOf(id)).map((entry) => entry.action)).toEqual(['alert.acknowledge', 'alert.resolve']);
  });

  it('concurrent acknowledgements: one wins', async () => {
    const id = await raiseTestAlert(t.ctx, { nodeCode: COMMUNITY_A });
    const responses = await Promise.all([post(staffA, `/api/alerts/${id}/acknowledge`), post(doctorA, `/api/alerts/${id}/acknowledge`)]);
    const statuses = responses.map((response) => response.statusCode).sort();
    expect(statuses).toEqual([200, 409]);

    const winner = responses.find((response) => response.statusCode === 200)?.json();
    const row = await alertRow(id);
    expect(row.acknowledged_by).toBe(winner.acknowledgedById);
    expect(await auditRowsOf(id)).toHaveLength(1);
  });

  it('resolution note is limited', async () => {
    const id = await raiseTestAlert(t.ctx, { nodeCode: COMMUNITY_A });
    const response = await post(staffA, `/api/alerts/${id}/resolve`, { note: 'x'.repeat(501) });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ code: 'FIELD_TOO_LONG', field: 'note' });
    expect((await alertRow(id)).status).toBe('new');
  });

  it('writes need the CSRF token', async () => {
    const id = await raiseTestAlert(t.ctx, { nodeCode: COMMUNITY_A });
    const response = await t.app.inject({ method: 'POST', url: `/api/alerts/${id}/acknowledge`, headers: { cookie: staffA.cookie } });
    expect(response.statusCode).toBe(403);
    expect((await alertRow(id)).status).toBe('new');
  });

  it('counts by status in scope', async () => {
    const before = (await get(staffB, '/api/alerts/counts')).json();
    const id = await raiseTestAlert(t.ctx, { nodeCode: COMMUNITY_B });
    await raiseTestAlert(t.ctx, { nodeCode: COMMUNITY_A });
    const afterRaise = (await get(staffB, '/api/alerts/counts')).json();
    expect(afterRaise).toEqual({ ...before, new: before.new + 1 });

    await post(staffB, `/api/alerts/${id}/acknowledge`);
    const afterAcknowledge = (await get(staffB, '/api/alerts/counts')).json();
    expect(afterAcknowledge).toEqual({ ...before, acknowledged: before.acknowledged + 1 });
  });

  it('raising twice with one source key stores one alert', async () => {
    const first = await raiseTestAlert(t.ctx, { nodeCode: COMMUNITY_A, sourceKey: 'declaration:test:1' });
    const second = await raiseTestAlert(t.ctx, { nodeCode: COMMUNITY_A, sourceKey: 'declaration:test:1' });
    expect(second).toBe(first);
  });
});
