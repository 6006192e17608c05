import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { COMMUNITY_A, createStaff, loadGusu } from '../../testing/fixtures.js';
import { createTestApp, describeEachDatabase, request, type Session, type TestApp } from '../../testing/harness.js';
import { verifyAudit } from '../audit/service.js';
import { testResidentId, toFullWidth } from './test-helpers.js';

describeEachDatabase('person reveal and history', (kind) => {
  let t: TestApp;
  let staffA: Session;
  let doctorA: Session;
  let gridWorkerA: Session;
  let personId: string;
  const documentNumber = testResidentId(700);

  const reveal = (session: Session, payload: unknown) =>
    request(t.app, session, { method: 'POST', url: `/api/persons/${personId}/reveal`, payload: payload as object, locale: 'en' });

  beforeAll(async () => {
    t = await createTestApp(kind);
    await loadGusu(t.ctx);
    staffA = (await createStaff(t.app, t.ctx, 'community_staff', COMMUNITY_A)).session;
    doctorA = (await createStaff(t.app, t.ctx, 'doctor', COMMUNITY_A)).session;
    gridWorkerA = (await createStaff(t.app, t.ctx, 'grid_worker', COMMUNITY_A)).session;
    const response = await request(t.app, staffA, {
      method: 'POST',
      url: '/api/persons',
      payload: { name: '孙揭示', documentNumber: toFullWidth(documentNumber), communityCode: COMMUNITY_A },
    });
    personId = response.json().person.id;
  });
  afterAll(async () => t.close());

  it('reveal rejects each invalid field', async () => {
    const cases = [
      { payload: { field: 'name', reason: '核对身份' }, code: 'FIELD_NOT_ALLOWED', field: 'field' },
      { payload: { field: 'phone' }, code: 'FIELD_REQUIRED', field: 'reason' },
      { payload: { field: 'phone', reason: '查' }, code: 'FIELD_TOO_SHORT', field: 'reason' },
      { payload: { field: 'phone', reason: '查\u200b\u200b' }, code: 'FIELD_TOO_SHORT', field: 'reason' },
      { payload: { field: 'phone', reason: '查'.repeat(201) }, code: 'FIELD_TOO_LONG', field: 'reason' },
    ];
    for (const testCase of cases) {
      const response = await reveal(staffA, testCase.payload);
      const label = JSON.stringify(testCase.payload);
      expect(response.statusCode, label).toBe(400);
      expect(response.json().error.code, label).toBe(testCase.code);
      expect(response.json().error.field, label).toBe(testCase.field);
    }
  });

  it('grid workers cannot reveal', async () => {
    const response = await reveal(gridWorkerA, { field: 'documentNumber', reason: '核对身份' });
    expect(response.statusCode).toBe(403);
  });

  it('reveal of a missing phone answers 404', async () => {
    const response = await reveal(staffA, { field: 'phone', reason: '电话回访' });
    expect(response.statusCode).toBe(404);
    expect(response.json().error).toMatchObject({ code: 'PERSON_FIELD_NOT_RECORDED', field: 'phone' });
  });

  it('reveal returns the number and audits the reason', async () => {
    const response = await reveal(doctorA, { field: 'documentNumber', reason: ' 转运 核对身份 ' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ field: 'documentNumber', value: documentNumber });

    const entry = await t.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'person.reveal')
      .where('entity_id', '=', personId)
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ entity_type: 'person', node_code: COMMUNITY_A, reason: '转运 核对身份' });
    expect(JSON.parse(entry.fields)).toEqual(['documentNumber']);
    expect(JSON.stringify(entry)).not.toContain(documentNumber);

    const verification = await verifyAudit(t.ctx);
    expect(verification.ok).toBe(true);
    expect(verification.checked).toBeGreaterThan(1);
  });

  it('history lists entries with reveal reasons', async () => {
    const response = await request(t.app, gridWorkerA, { method: 'GET', url: `/api/persons/${personId}/history` });
    expect(response.statusCode).toBe(200);
    const items = response.json().items as Array<{ action: string; fields: string[]; reason: string | null; actorName: string | null }>;
    expect(items.map((item) => item.action)).toEqual(['person.create', 'person.reveal']);
    expect(items[0]?.reason).toBeNull();
    expect(items[1]).toMatchObject({ fields: ['documentNumber'], reason: '转运 核对身份', actorName: expect.any(String) });
  });

  it('an edited reveal reason breaks the chain', async () => {
    // Older rows have no reason and must still verify, and a changed reason must not.
    expect((await verifyAudit(t.ctx)).ok).toBe(true);
    if (kind === 'postgres') await sql`DROP TRIGGER audit_log_append_only ON audit_log`.execute(t.ctx.db);
    else {
      await sql`DROP TRIGGER audit_log_no_update`.execute(t.ctx.db);
      await sql`DROP TRIGGER audit_log_no_delete`.execute(t.ctx.db);
    }
    await t.ctx.db.updateTable('audit_log').set({ reason: '随便看看' }).where('action', '=', 'person.reveal').execute();
    expect(await verifyAudit(t.ctx)).toMatchObject({ ok: false, reason: 'hash_mismatch' });
  });
});
