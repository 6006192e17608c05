import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDatabase, request } from '../../testing/harness.js';
import { verifyAuditChain } from '../audit/verify.js';
import { uploadRoster, xlsxOf } from '../imports/test-helpers.js';
import { testResidentId } from '../persons/test-helpers.js';
import { roomTextsOf } from './admin-residents.js';
import { findPass } from './passes-repository.js';
import { createGateFixture, type GateFixture } from './test-helpers.js';

describeEachDatabase('access passes: auto-revoke on imports and merges', (kind) => {
  let f: GateFixture;
  let sequence = 300;

  beforeAll(async () => {
    f = await createGateFixture(kind);
  });
  afterAll(async () => f.t.close());

  const passesUrl = (compoundId: string) => `/api/gate-admin/compounds/${compoundId}/passes`;

  async function residentWithPass(compound: GateFixture['a1'], roomIndex: number) {
    sequence += 1;
    const documentNumber = testResidentId(sequence, '19790606');
    const personId = await f.createResident(compound, roomIndex, { documentNumber });
    const response = await f.send(f.staffA, 'POST', passesUrl(compound.id), { personId });
    expect(response.statusCode, response.body).toBe(201);
    return { personId, documentNumber, passId: response.json().id as string };
  }

  async function passOf(id: string) {
    const row = await findPass(f.t.ctx.db, id);
    if (!row) throw new Error('pass not found');
    return row;
  }

  async function importArrivals(rows: string[][]) {
    const bytes = await xlsxOf([['姓名', '身份证号', '现住址'], ...rows]);
    const uploaded = await uploadRoster(
      f.t.app,
      f.staffA,
      { kind: 'arrivals', communityCode: f.a1.communityCode },
      { name: 'arrivals.xlsx', bytes },
    );
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    expect(uploaded.json().errors).toEqual([]);
    const committed = await request(f.t.app, f.staffA, { method: 'POST', url: `/api/imports/${uploaded.json().id}/commit`, locale: 'en' });
    expect(committed.statusCode, committed.body).toBe(200);
  }

  async function addressOf(roomId: string) {
    const text = (await roomTextsOf(f.t.ctx.db, [roomId])).get(roomId);
    if (!text) throw new Error('room not found');
    return text;
  }

  describe('imports', () => {
    it('revokes the pass of a resident an import moves out', async () => {
      const mover = await residentWithPass(f.a1, 0);
      const stayer = await residentWithPass(f.a1, 1);
      await importArrivals([
        ['迁出户', mover.documentNumber, await addressOf(f.a2.roomIds[0] as string)],
        ['留住户', stayer.documentNumber, await addressOf(f.a1.roomIds[2] as string)],
      ]);

      expect(await passOf(mover.passId)).toMatchObject({ status: 'revoked', revoked_reason: 'moved_out' });
      expect((await passOf(stayer.passId)).status).toBe('active');

      const audit = await f.t.ctx.db.selectFrom('audit_log').select(['action', 'reason']).where('entity_id', '=', mover.passId).execute();
      expect(audit.map((row) => row.action)).toEqual(['pass.issue', 'pass.revoke']);
      expect(audit[1]?.reason).toBe('moved_out');
      expect((await verifyAuditChain(f.t.ctx.db, f.t.ctx.keys.auditChain)).ok).toBe(true);
    });
  });

  describe('merges', () => {
    it('revokes the passes of the merged file', async () => {
      const target = await residentWithPass(f.a1, 3);
      const source = await residentWithPass(f.a2, 3);
      const merged = await f.send(f.staffA, 'POST', `/api/persons/${target.personId}/merge`, {
        sourceId: source.personId,
        reason: '重复档案',
      });
      expect(merged.statusCode, merged.body).toBe(200);

      expect(await passOf(source.passId)).toMatchObject({ status: 'revoked', revoked_reason: 'merged' });
      expect((await passOf(target.passId)).status).toBe('active');
      const listed = (await f.send(f.staffA, 'GET', `${passesUrl(f.a2.id)}?status=revoked`)).json().items as {
        id: string;
        revokedReason: string;
      }[];
      expect(listed.find((pass) => pass.id === source.passId)?.revokedReason).toBe('merged');
    });
  });
});
