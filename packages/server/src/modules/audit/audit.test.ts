import { sql } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createStaff } from '../../testing/fixtures.js';
import { createTestApp, describeEachDatabase, request, type TestApp } from '../../testing/harness.js';
import { verifyAudit } from './service.js';

describeEachDatabase('audit log', (kind) => {
  let t: TestApp;

  beforeEach(async () => {
    t = await createTestApp(kind);
    const { session } = await createStaff(t.app, t.ctx, 'admin', 'CN');
    for (const name of ['一号门', '二号门', '三号门']) {
      await request(t.app, session, { method: 'POST', url: '/api/devices', payload: { name, kind: 'gate', nodeCode: 'CN' } });
    }
  });
  afterEach(async () => t.close());

  /** Drops the append-only guard, as an attacker with database access could. */
  async function dropGuards() {
    if (kind === 'postgres') await sql`DROP TRIGGER audit_log_append_only ON audit_log`.execute(t.ctx.db);
    else {
      await sql`DROP TRIGGER audit_log_no_update`.execute(t.ctx.db);
      await sql`DROP TRIGGER audit_log_no_delete`.execute(t.ctx.db);
    }
  }

  it('every change is recorded with its fields, never values', async () => {
    const rows = await t.ctx.db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
    expect(rows.map((row) => row.action)).toEqual([
      'user.create',
      'user.create',
      'auth.sign_in',
      'device.create',
      'device.create',
      'device.create',
    ]);
    expect(rows.map((row) => Number(row.seq))).toEqual([1, 2, 3, 4, 5, 6]);
    expect(JSON.parse(rows[3]?.fields ?? '[]')).toEqual(['name', 'kind', 'nodeCode']);
    expect(JSON.stringify(rows)).not.toContain('一号门');
  });

  it('an intact chain verifies', async () => {
    expect(await verifyAudit(t.ctx)).toEqual({ ok: true, checked: 6, brokenAtSeq: null, reason: null });
  });

  it('updates and deletes are refused by the database', async () => {
    await expect(sql`UPDATE audit_log SET action = 'x' WHERE seq = 2`.execute(t.ctx.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_log WHERE seq = 2`.execute(t.ctx.db)).rejects.toThrow(/append-only/);
  });

  it('an edited row is detected', async () => {
    await dropGuards();
    await t.ctx.db.updateTable('audit_log').set({ action: 'device.revoke' }).where('seq', '=', 4).execute();
    expect(await verifyAudit(t.ctx)).toEqual({ ok: false, checked: 3, brokenAtSeq: 4, reason: 'hash_mismatch' });
  });

  it('a deleted row is detected', async () => {
    await dropGuards();
    await t.ctx.db.deleteFrom('audit_log').where('seq', '=', 3).execute();
    expect(await verifyAudit(t.ctx)).toMatchObject({ ok: false, brokenAtSeq: 3, reason: 'sequence_gap' });
  });

  it('a renumbered chain is detected', async () => {
    await dropGuards();
    await t.ctx.db.deleteFrom('audit_log').where('seq', '=', 3).execute();
    await t.ctx.db
      .updateTable('audit_log')
      .set({ seq: sql`seq - 1` })
      .where('seq', '>', 3)
      .execute();
    const result = await verifyAudit(t.ctx);
    expect(result.ok).toBe(false);
    expect(result.brokenAtSeq).toBe(3);
  });

  it('verify endpoint reports the result', async () => {
    const { session } = await createStaff(t.app, t.ctx, 'admin', 'CN');
    const response = await request(t.app, session, { method: 'POST', url: '/api/audit/verify' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ ok: true, brokenAtSeq: null });
  });

  it('concurrent writes keep one unbroken chain', async () => {
    const { session } = await createStaff(t.app, t.ctx, 'admin', 'CN');
    const responses = await Promise.all(
      Array.from({ length: 12 }, (_, index) =>
        request(t.app, session, { method: 'POST', url: '/api/devices', payload: { name: `门 ${index}`, kind: 'gate', nodeCode: 'CN' } }),
      ),
    );
    expect(responses.every((response) => response.statusCode === 201)).toBe(true);
    const result = await verifyAudit(t.ctx);
    expect(result.ok).toBe(true);
    expect(result.checked).toBe(6 + 2 + 12);
  });
});
