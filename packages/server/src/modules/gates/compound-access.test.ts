import type { Role } from '@cordon/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../context/types.js';
import { COMMUNITY_A, createStaff, createTestGrid } from '../../testing/fixtures.js';
import { describeEachDatabase } from '../../testing/harness.js';
import { compoundIdsOfGuard, requireCompoundAccess, type CompoundAccessMode } from './compound-access.js';
import { createGateFixture, type GateFixture } from './test-helpers.js';

describeEachDatabase('compound access', (kind) => {
  let f: GateFixture;
  const actors: Record<string, Actor> = {};

  async function actorOf(userId: string, role: Role, nodeCode: string): Promise<Actor> {
    const node = await f.t.ctx.db.selectFrom('jurisdictions').select('path').where('code', '=', nodeCode).executeTakeFirstOrThrow();
    return { userId, deviceId: null, role, scope: { nodeCode, nodePath: node.path }, requestId: null };
  }

  async function staffActor(role: Role, nodeCode: string): Promise<Actor> {
    const { user } = await createStaff(f.t.app, f.t.ctx, role, nodeCode);
    return actorOf(user.id, role, nodeCode);
  }

  beforeAll(async () => {
    f = await createGateFixture(kind);
    const grid = await createTestGrid(f.t.ctx, COMMUNITY_A, '一网格');
    await f.t.ctx.db.updateTable('compounds').set({ grid_code: grid.code }).where('id', '=', f.a1.id).execute();

    actors.guardA1 = await actorOf(f.guardA1.userId, 'gate_guard', COMMUNITY_A);
    actors.guardA2 = await actorOf(f.guardA2.userId, 'gate_guard', COMMUNITY_A);
    actors.staffA = await staffActor('community_staff', COMMUNITY_A);
    actors.staffB = await staffActor('community_staff', '320508017003');
    actors.admin = await staffActor('admin', 'CN');
    actors.gridWorker = await staffActor('grid_worker', grid.code);
    actors.doctor = await staffActor('doctor', COMMUNITY_A);
  });
  afterAll(async () => f.t.close());

  async function reaches(actorName: string, compound: 'a1' | 'a2' | 'b1', mode: CompoundAccessMode): Promise<boolean> {
    try {
      const found = await requireCompoundAccess(f.t.ctx, actors[actorName], f[compound].id, mode);
      expect(found.id).toBe(f[compound].id);
      return true;
    } catch (error) {
      expect(error).toMatchObject({ code: 'COMPOUND_NOT_FOUND', field: 'compoundId', statusCode: 404 });
      return false;
    }
  }

  const cases: [string, CompoundAccessMode, { a1: boolean; a2: boolean; b1: boolean }][] = [
    ['guardA1', 'manage', { a1: true, a2: false, b1: false }],
    ['guardA1', 'view', { a1: true, a2: false, b1: false }],
    ['guardA1', 'staff-only', { a1: false, a2: false, b1: false }],
    ['guardA2', 'manage', { a1: false, a2: true, b1: false }],
    ['staffA', 'manage', { a1: true, a2: true, b1: false }],
    ['staffA', 'staff-only', { a1: true, a2: true, b1: false }],
    ['staffB', 'manage', { a1: false, a2: false, b1: true }],
    ['staffB', 'view', { a1: false, a2: false, b1: true }],
    ['admin', 'staff-only', { a1: true, a2: true, b1: true }],
    ['gridWorker', 'view', { a1: true, a2: false, b1: false }],
    ['gridWorker', 'manage', { a1: false, a2: false, b1: false }],
    ['doctor', 'view', { a1: false, a2: false, b1: false }],
  ];

  describe.each(cases)('%s in mode %s', (actorName, mode, expected) => {
    it('reaches the expected compounds', async () => {
      expect({
        a1: await reaches(actorName, 'a1', mode),
        a2: await reaches(actorName, 'a2', mode),
        b1: await reaches(actorName, 'b1', mode),
      }).toEqual(expected);
    });
  });

  it('returns the compound with its community and grid', async () => {
    const found = await requireCompoundAccess(f.t.ctx, actors.staffA, f.a1.id, 'manage');
    expect(found).toMatchObject({ id: f.a1.id, name: '金色家园', communityCode: COMMUNITY_A });
    expect(found.gridCode).toMatch(/G/);
  });

  it('names the given field in the error', async () => {
    await expect(requireCompoundAccess(f.t.ctx, actors.staffB, f.a1.id, 'view', 'gateId')).rejects.toMatchObject({ field: 'gateId' });
  });

  it('lists the compounds of a gate guard', async () => {
    expect(await compoundIdsOfGuard(f.t.ctx.db, f.guardA1.userId)).toEqual([f.a1.id]);
    expect(await compoundIdsOfGuard(f.t.ctx.db, actors.staffA.userId ?? '')).toEqual([]);
  });
});
