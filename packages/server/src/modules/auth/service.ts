import { isRole, type JurisdictionLevel } from '@cordon/core';
import type { Actor, ServiceContext, SessionContext } from '../../context/types.js';
import { hashPassword, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, verifyAgainstDummy, verifyPassword } from '../../crypto/passwords.js';
import { generateToken, sha256Hex } from '../../crypto/tokens.js';
import { AppError } from '../../errors/app-error.js';
import { recordAudit } from '../audit/service.js';
import * as repo from './repository.js';

export const MAX_FAILED_SIGN_INS = 5;
export const LOCKOUT_MINUTES = 15;
/**
 * last_seen_at is written at most once a minute, so reads do not all turn
 * into writes, and at least four times per idle period, so an active user's
 * session never ends early by more than a quarter of it.
 */
function touchIntervalMs(idleMinutes: number): number {
  return Math.min(60_000, (idleMinutes * 60_000) / 4);
}

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

/** Length in code points, as the request schemas count it: 𠀀 and emoji are one character each. */
export function passwordLength(password: string): number {
  return [...password].length;
}

function lockedError(lockedUntil: string | null | undefined, now: Date): AppError {
  const until = lockedUntil ? Date.parse(lockedUntil) : now.getTime() + LOCKOUT_MINUTES * 60_000;
  const minutes = Math.max(1, Math.ceil((until - now.getTime()) / 60_000));
  return new AppError('AUTH_ACCOUNT_LOCKED', undefined, { minutes });
}

interface AttemptSubject {
  id: string;
  node_code: string;
}

/**
 * Checks a password against the lockout. An attempt is counted before the
 * password is verified, so however many requests arrive at once, at most
 * MAX_FAILED_SIGN_INS passwords are checked between two successes. Requests
 * beyond that while others are still being checked get RATE_LIMITED and give
 * their slot back, so parallel right passwords (one account on several
 * phones) do not lock anyone out. A wrong password that reaches the limit
 * locks the account for LOCKOUT_MINUTES. Returns whether the password was
 * right; throws AUTH_ACCOUNT_LOCKED while the account is locked.
 */
async function verifyWithLockout(
  ctx: ServiceContext,
  user: AttemptSubject & { password_hash: string },
  password: string,
  actor: Actor,
  now: Date,
  purpose: 'sign_in' | 'password_change',
): Promise<boolean> {
  const nowIso = now.toISOString();
  const attempt = await repo.reserveSignInAttempt(ctx.db, user.id, nowIso);
  if (attempt === undefined) throw lockedError((await repo.findLockedUntil(ctx.db, user.id))?.locked_until, now);
  if (attempt > MAX_FAILED_SIGN_INS) {
    await repo.releaseSignInAttempt(ctx.db, user.id, nowIso);
    throw new AppError('RATE_LIMITED', undefined, { seconds: 1 });
  }

  let valid = false;
  if (passwordLength(password) > MAX_PASSWORD_LENGTH) await verifyAgainstDummy(password.slice(0, MAX_PASSWORD_LENGTH));
  else valid = await verifyPassword(user.password_hash, password);
  if (valid) return true;

  const locks = attempt >= MAX_FAILED_SIGN_INS;
  await ctx.db.transaction().execute(async (trx) => {
    if (locks) {
      await repo.lockUser(trx, user.id, minutesFromNow(now, LOCKOUT_MINUTES), nowIso);
      // Guessing through the password form means a session is in the wrong
      // hands, so it ends. Failed sign-ins leave sessions alone, because
      // otherwise anyone with a username could sign its owner out at will.
      if (purpose === 'password_change') await repo.deleteSessionsOfUser(trx, user.id);
    }
    const failedAction = purpose === 'sign_in' ? 'auth.sign_in_failed' : 'auth.password_change_failed';
    await recordAudit(
      trx,
      ctx,
      actor,
      { action: locks ? 'auth.locked' : failedAction, entityType: 'user', entityId: user.id, nodeCode: user.node_code },
      nowIso,
    );
  });
  if (locks) throw lockedError(null, now);
  return false;
}

/**
 * Checks a password and opens a session. Five wrong passwords in a row lock
 * the account for 15 minutes (see verifyWithLockout). A disabled account is
 * reported only to a caller with its password.
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
    await verifyAgainstDummy(password.slice(0, MAX_PASSWORD_LENGTH));
    throw new AppError('AUTH_INVALID_CREDENTIALS');
  }

  const actor: Actor = { userId: null, deviceId: null, role: null, scope: { nodeCode: user.node_code, nodePath: '' }, requestId };
  if (!(await verifyWithLockout(ctx, user, password, actor, now, 'sign_in'))) throw new AppError('AUTH_INVALID_CREDENTIALS');
  if (user.disabled) {
    await repo.clearFailedAttempts(ctx.db, user.id, nowIso);
    throw new AppError('AUTH_ACCOUNT_DISABLED');
  }

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
      { ...actor, userId: user.id },
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
  if (now.getTime() - Date.parse(row.last_seen_at) > touchIntervalMs(ctx.config.sessionIdleMinutes)) {
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
  const length = passwordLength(password);
  if (length < MIN_PASSWORD_LENGTH || length > MAX_PASSWORD_LENGTH) {
    throw new AppError('PASSWORD_TOO_WEAK', 'newPassword', { min: MIN_PASSWORD_LENGTH });
  }
  if (password.toLowerCase().includes(username.toLowerCase())) {
    throw new AppError('PASSWORD_TOO_WEAK', 'newPassword', { min: MIN_PASSWORD_LENGTH });
  }
}

/**
 * Changes the signed-in user's password and ends their other sessions. A
 * wrong current password counts towards the lockout like a failed sign-in, so
 * a stolen session cannot be used to guess it.
 */
export async function changePassword(
  ctx: ServiceContext,
  actor: Actor,
  session: SessionContext,
  currentPassword: string,
  newPassword: string,
) {
  const user = await repo.findUserPasswordById(ctx.db, session.user.id);
  if (!user) throw new AppError('AUTH_REQUIRED');
  const now = new Date();
  const subject = { id: user.id, node_code: session.user.nodeCode, password_hash: user.password_hash };
  if (!(await verifyWithLockout(ctx, subject, currentPassword, actor, now, 'password_change'))) {
    throw new AppError('PASSWORD_CURRENT_INVALID', 'currentPassword');
  }
  if (currentPassword === newPassword) {
    await repo.clearFailedAttempts(ctx.db, user.id, now.toISOString());
    throw new AppError('PASSWORD_SAME_AS_CURRENT', 'newPassword');
  }
  try {
    checkPasswordStrength(newPassword, user.username);
  } catch (error) {
    await repo.clearFailedAttempts(ctx.db, user.id, now.toISOString());
    throw error;
  }

  const passwordHash = await hashPassword(newPassword);
  const nowIso = now.toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    await repo.updatePassword(trx, user.id, passwordHash, false, nowIso);
    await repo.deleteSessionsOfUser(trx, user.id, session.idHash);
    await recordAudit(
      trx,
      ctx,
      actor,
      { action: 'user.password_change', entityType: 'user', entityId: user.id, nodeCode: session.user.nodeCode, fields: ['password'] },
      nowIso,
    );
  });
}

export async function purgeExpiredSessions(ctx: ServiceContext, now = new Date()) {
  const idleBefore = new Date(now.getTime() - ctx.config.sessionIdleMinutes * 60_000).toISOString();
  return repo.deleteExpiredSessions(ctx.db, now.toISOString(), idleBefore);
}
