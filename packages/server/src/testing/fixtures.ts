import type { Role } from '@cordon/core';
import type { FastifyInstance } from 'fastify';
import type { ServiceContext } from '../context/types.js';
import { ROOT_CODE, ROOT_PATH } from '../modules/jurisdictions/repository.js';
import { createGrid, loadRegion } from '../modules/jurisdictions/service.js';
import { createUser } from '../modules/users/service.js';
import { type Session, signIn, testPassword } from './harness.js';

export const ROOT_ACTOR = {
  userId: null,
  deviceId: null,
  role: null,
  scope: { nodeCode: ROOT_CODE, nodePath: ROOT_PATH },
  requestId: null,
};

// 姑苏区 of Suzhou: small enough to load in every test, with two subdistricts used below.
export const DISTRICT = '320508';
export const SUBDISTRICT_A = '320508018';
export const SUBDISTRICT_B = '320508017';
export const COMMUNITY_A = '320508018014';
export const COMMUNITY_B = '320508017003';

export async function loadGusu(ctx: ServiceContext) {
  return loadRegion(ctx, null, DISTRICT);
}

/**
 * Creates a staff account that needs no password change and signs it in.
 * Overrides pick the role and node; the username is unique per call.
 */
let counter = 0;
export async function createStaff(app: FastifyInstance, ctx: ServiceContext, role: Role, nodeCode: string) {
  counter += 1;
  const username = `${role.replace(/_/g, '-')}-${counter}`;
  const password = testPassword();
  const { user } = await createUser(
    ctx,
    null,
    { username, displayName: `Test ${counter}`, role, nodeCode },
    { password, mustChangePassword: false },
  );
  const session: Session = await signIn(app, username, password);
  return { user, session, password, username };
}

export async function createTestGrid(ctx: ServiceContext, communityCode: string, name: string) {
  return createGrid(ctx, ROOT_ACTOR, communityCode, name);
}
