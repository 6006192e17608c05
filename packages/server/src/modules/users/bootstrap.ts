import type { ServiceContext } from '../../context/types.js';
import { AppError } from '../../errors/app-error.js';
import { checkPasswordStrength } from '../auth/service.js';
import { ensureRootNode, ROOT_CODE } from '../jurisdictions/repository.js';
import { countUsers } from './repository.js';
import { createUser } from './service.js';

export const ROOT_NAME = '全国';
export const FIRST_ADMIN_USERNAME = 'admin';

export type BootstrapResult =
  { created: false } | { created: true; username: string; password: string; passwordSource: 'generated' | 'env' };

/**
 * Prepares an empty database: the root of the jurisdiction tree, and the first
 * administrator on it. The administrator's password comes from
 * CORDON_ADMIN_PASSWORD or is generated; either way it must be changed at
 * first sign-in. Does nothing once any user exists.
 */
export async function bootstrapDatabase(ctx: ServiceContext, adminPassword: string | undefined): Promise<BootstrapResult> {
  await ensureRootNode(ctx.db, ROOT_NAME, new Date().toISOString());
  const { count } = await countUsers(ctx.db);
  if (Number(count) > 0) return { created: false };

  if (adminPassword !== undefined) {
    try {
      checkPasswordStrength(adminPassword, FIRST_ADMIN_USERNAME);
    } catch (error) {
      if (error instanceof AppError)
        throw new Error('CORDON_ADMIN_PASSWORD must be at least 10 characters long and must not contain "admin"');
      throw error;
    }
  }
  const { temporaryPassword } = await createUser(
    ctx,
    null,
    { username: FIRST_ADMIN_USERNAME, displayName: FIRST_ADMIN_USERNAME, role: 'admin', nodeCode: ROOT_CODE },
    { password: adminPassword },
  );
  return {
    created: true,
    username: FIRST_ADMIN_USERNAME,
    password: temporaryPassword,
    passwordSource: adminPassword ? 'env' : 'generated',
  };
}
