import type { Role } from '@cordon/core';
import type { ServiceContext } from '../context/types.js';
import { AppError } from '../errors/app-error.js';
import { createGrid, loadRegion } from '../modules/jurisdictions/service.js';
import { createUser } from '../modules/users/service.js';

export const DEMO_REGION = '320500';
// 姑苏区 → 平江街道 → its first community: the old town of Suzhou.
const DEMO_DISTRICT = '320508';
const DEMO_SUBDISTRICT = '320508018';

export interface DemoAccount {
  username: string;
  role: Role;
  node: string;
  password: string;
}

/**
 * Loads Suzhou (320500) and creates one account per role, each on the node
 * where such a person works. Demo accounts need no password change, so that a
 * newcomer can try every role at once. Accounts that exist are left alone.
 */
export async function runDemo(ctx: ServiceContext) {
  const load = await loadRegion(ctx, null, DEMO_REGION);
  const rootScope = { userId: null, deviceId: null, role: null, scope: { nodeCode: 'CN', nodePath: '/CN/' }, requestId: null };

  const community = await ctx.db
    .selectFrom('jurisdictions')
    .select(['code', 'name'])
    .where('parent_code', '=', DEMO_SUBDISTRICT)
    .where('level', '=', 'community')
    .orderBy('code')
    .executeTakeFirstOrThrow();
  let grid = await ctx.db
    .selectFrom('jurisdictions')
    .select(['code', 'name'])
    .where('parent_code', '=', community.code)
    .orderBy('code')
    .executeTakeFirst();
  grid ??= await createGrid(ctx, rootScope, community.code, '第一网格');

  const plan: Array<{ username: string; role: Role; nodeCode: string }> = [
    { username: 'demo-admin', role: 'admin', nodeCode: 'CN' },
    { username: 'demo-hq', role: 'hq', nodeCode: DEMO_REGION },
    { username: 'demo-subdistrict', role: 'subdistrict_staff', nodeCode: DEMO_SUBDISTRICT },
    { username: 'demo-community', role: 'community_staff', nodeCode: community.code },
    { username: 'demo-grid', role: 'grid_worker', nodeCode: grid.code },
    { username: 'demo-doctor', role: 'doctor', nodeCode: community.code },
    { username: 'demo-checkpoint', role: 'checkpoint_officer', nodeCode: DEMO_DISTRICT },
    { username: 'demo-gate', role: 'gate_guard', nodeCode: community.code },
  ];

  const accounts: DemoAccount[] = [];
  const skipped: string[] = [];
  for (const item of plan) {
    try {
      const { user, temporaryPassword } = await createUser(
        ctx,
        null,
        { username: item.username, displayName: item.username, role: item.role, nodeCode: item.nodeCode },
        { mustChangePassword: false },
      );
      accounts.push({ username: user.username, role: item.role, node: `${user.nodeName} (${user.nodeCode})`, password: temporaryPassword });
    } catch (error) {
      if (error instanceof AppError && error.code === 'USERNAME_TAKEN') skipped.push(item.username);
      else throw error;
    }
  }
  return { load, accounts, skipped };
}
