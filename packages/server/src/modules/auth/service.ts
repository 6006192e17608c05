import { isRole, type JurisdictionLevel } from '@cordon/core';
import type { Actor, ServiceContext, SessionContext } from '../../context/types.js';
import { hashPassword, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, verifyAgainstDummy, verifyPassword } from '../../crypto/passwords.js';
import { generateToken, sha256Hex } from '../../crypto/tokens.js';
import { AppError } from '../../errors/app-error.js';
import { recordAudit } from '../audit/service.js';
import * as repo from './repository.js';

export const MAX_FAILED_SIGN_INS = 5;
export const LOCKOUT_MINUTES = 15;
/** last_seen_at is written at most this often, so reads do not turn into writes. */
const TOUCH_INTERVAL_MS = 60_000;

function minutesFromNow(now: Date, minutes: number): string {
  return new Date(now.getTime() + minutes * 60_000).toISOString();
}

export function normalizeUsername(username: string): string {
  return username.normalize('NFKC').trim().toLowerCase();
}

export interface SignInResult {
  token: string;
  csrfToken: string;
  userId: string;
}

/**
 * Checks a password and opens a session. The 5th failure in a row locks the
 * account for 15 minutes. While it is locked, even the right password is
 * rejected, and such attempts do not extend the lock.
 */
export async function signIn(
  ctx: ServiceContext,
  username: string,
  password: string,
  requestId: string,
  now = new Date(),
): Promise<SignInResult> {
  const user = await repo.findUserForSignIn(ctx.db, normalizeUsername(username));
  const nowIso = now.toISOString();

  if (!user) {
    await verifyAgainstDummy(password);
    throw new AppError('AUTH_INVALID_CREDENTIALS');
  }
  if (user.locked_until && user.locked_until > nowIso) {
    const minutes = Math.max(1, Math.ceil((Date.parse(user.locked_until) - now.getTime()) / 60_000));
    throw new AppError('AUTH_ACCOUNT_LOCKED', undefined, { minutes });
  }

  const valid = password.length <= MAX_PASSWORD_LENGTH && (await verifyPassword(user.password_hash, password));
  if (!valid) {
    const attempts = user.failed_attempts + 1;
    const locks = attempts >= MAX_FAILED_SIGN_INS;
    await ctx.db.transaction().execute(async (trx) => {
      await repo.recordFailedSignIn(trx, user.id, locks ? 0 : attempts, locks ? minutesFromNow(now, LOCKOUT_MINUTES) : null, nowIso);
      await recordAudit(
        trx,
        ctx,
        { userId: null, deviceId: null, role: null, scope: { nodeCode: user.node_code, nodePath: '' }, requestId },
        { action: locks ? 'auth.locked' : 'auth.sign_in_failed', entityType: 'user', entityId: user.id, nodeCode: user.node_code },
        nowIso,
      );
    });
    if (locks) throw new AppError('AUTH_ACCOUNT_LOCKED', undefined, { minutes: LOCKOUT_MINUTES });
    throw new AppError('AUTH_INVALID_CREDENTIALS');
  }
  if (user.disabled) throw new AppError('AUTH_ACCOUNT_DISABLED');

  const token = generateToken();
  const csrfToken = generateToken();
  await ctx.db.transaction().execute(async (trx) => {
    await repo.recordSuccessfulSignIn(trx, user.id, nowIso);
    await repo.insertSession(trx, {
      idHash: sha256Hex(token),
      userId: user.id,
      csrfToken,
      now: nowIso,
      expiresAt: new Date(now.getTime() + ctx.config.sessionMaxHours * 3_600_000).toISOString(),
    });
    await recordAudit(
      trx,
      ctx,
      { userId: user.id, deviceId: null, role: null, scope: { nodeCode: user.node_code, nodePath: '' }, requestId },
      { action: 'auth.sign_in', entityType: 'user', entityId: user.id, nodeCode: user.node_code },
      nowIso,
    );
  });
  return { token, csrfToken, userId: user.id };
}

export type SessionLookup = { state: 'valid'; session: SessionContext } | { state: 'expired' } | { state: 'none' };

/** Resolves a session cookie; ends sessions that are idle, past their maximum age, or of disabled users. */
export async function resolveSession(ctx: ServiceContext, token: string, now = new Date()): Promise<SessionLookup> {
  const idHash = sha256Hex(token);
  const row = await repo.findSessionWithUser(ctx.db, idHash);
  if (!row) return { state: 'none' };

  const nowIso = now.toISOString();
  const idleLimit = new Date(now.getTime() - ctx.config.sessionIdleMinutes * 60_000).toISOString();
  if (row.expires_at <= nowIso || row.last_seen_at <= idleLimit || row.disabled || !isRole(row.role)) {
    await repo.deleteSession(ctx.db, idHash);
    return { state: 'expired' };
  }
  if (now.getTime() - Date.parse(row.last_seen_at) > TOUCH_INTERVAL_MS) {
    await repo.touchSession(ctx.db, idHash, nowIso);
  }

  return {
    state: 'valid',
    session: {
      idHash,
      csrfToken: row.csrf_token,
      user: {
        id: row.user_id,
        username: row.username,
        displayName: row.display_name,
        role: row.role,
        nodeCode: row.node_code,
        nodeName: row.node_name,
        nodeLevel: row.node_level as JurisdictionLevel,
        mustChangePassword: row.must_change_password === 1,
      },
      scope: { nodeCode: row.node_code, nodePath: row.node_path },
    },
  };
}

export async function signOut(ctx: ServiceContext, session: SessionContext) {
  await repo.deleteSession(ctx.db, session.idHash);
}

/** Rejects passwords that are short, overlong, or contain the username. */
export function checkPasswordStrength(password: string, username: string): void {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH || length > MAX_PASSWORD_LENGTH) {
    throw new AppError('PASSWORD_TOO_WEAK', 'newPassword', { min: MIN_PASSWORD_LENGTH });
  }
  if (password.toLowerCase().includes(username.toLowerCase())) {
    throw new AppError('PASSWORD_TOO_WEAK', 'newPassword', { min: MIN_PASSWORD_LENGTH });
  }
}

/** Changes the signed-in user's password and ends their other sessions. */
export async function changePassword(
  ctx: ServiceContext,
  actor: Actor,
  session: SessionContext,
  currentPassword: string,
  newPassword: string,
) {
  const user = await repo.findUserPasswordById(ctx.db, session.user.id);
  if (!user) throw new AppError('AUTH_REQUIRED');
  if (currentPassword.length > MAX_PASSWORD_LENGTH || !(await verifyPassword(user.password_hash, currentPassword))) {
    throw new AppError('PASSWORD_CURRENT_INVALID', 'currentPassword');
  }
  if (currentPassword === newPassword) throw new AppError('PASSWORD_SAME_AS_CURRENT', 'newPassword');
  checkPasswordStrength(newPassword, user.username);

  const passwordHash = await hashPassword(newPassword);
  const now = new Date().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    await repo.updatePassword(trx, user.id, passwordHash, false, now);
    await repo.deleteSessionsOfUser(trx, user.id, session.idHash);
    await recordAudit(
      trx,
      ctx,
      actor,
      { action: 'user.password_change', entityType: 'user', entityId: user.id, nodeCode: session.user.nodeCode, fields: ['password'] },
      now,
    );
  });
}

export async function purgeExpiredSessions(ctx: ServiceContext, now = new Date()) {
  const idleBefore = new Date(now.getTime() - ctx.config.sessionIdleMinutes * 60_000).toISOString();
  return repo.deleteExpiredSessions(ctx.db, now.toISOString(), idleBefore);
}
