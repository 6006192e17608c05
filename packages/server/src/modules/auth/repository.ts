import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';

type Executor = Kysely<Database> | Transaction<Database>;

const USER_COLUMNS = [
  'users.id',
  'users.username',
  'users.display_name',
  'users.role',
  'users.node_code',
  'users.password_hash',
  'users.must_change_password',
  'users.disabled',
  'users.failed_attempts',
  'users.locked_until',
] as const;

export function findUserForSignIn(db: Executor, username: string) {
  return db.selectFrom('users').select(USER_COLUMNS).where('username', '=', username).executeTakeFirst();
}

export function findUserPasswordById(db: Executor, userId: string) {
  return db.selectFrom('users').select(['id', 'username', 'password_hash']).where('id', '=', userId).executeTakeFirst();
}

/**
 * Counts one more password attempt, unless the account is locked, in one
 * UPDATE so that parallel requests each get their own number. Returns the
 * new count, or undefined while the account is locked.
 */
export async function reserveSignInAttempt(db: Executor, userId: string, now: string): Promise<number | undefined> {
  const row = await db
    .updateTable('users')
    .set((eb) => ({ failed_attempts: eb('failed_attempts', '+', 1), updated_at: now }))
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
    .returning('failed_attempts')
    .executeTakeFirst();
  return row ? Number(row.failed_attempts) : undefined;
}

/** Gives back an attempt that was counted but whose password was never checked. */
export async function releaseSignInAttempt(db: Executor, userId: string, now: string) {
  await db
    .updateTable('users')
    .set((eb) => ({ failed_attempts: eb('failed_attempts', '-', 1), updated_at: now }))
    .where('id', '=', userId)
    .where('failed_attempts', '>', 0)
    .execute();
}

export async function lockUser(db: Executor, userId: string, lockedUntil: string, now: string) {
  await db.updateTable('users').set({ failed_attempts: 0, locked_until: lockedUntil, updated_at: now }).where('id', '=', userId).execute();
}

export async function clearFailedAttempts(db: Executor, userId: string, now: string) {
  await db.updateTable('users').set({ failed_attempts: 0, locked_until: null, updated_at: now }).where('id', '=', userId).execute();
}

export function findLockedUntil(db: Executor, userId: string) {
  return db.selectFrom('users').select('locked_until').where('id', '=', userId).executeTakeFirst();
}

export async function recordSuccessfulSignIn(db: Executor, userId: string, now: string) {
  await db
    .updateTable('users')
    .set({ failed_attempts: 0, locked_until: null, last_sign_in_at: now, updated_at: now })
    .where('id', '=', userId)
    .execute();
}

export async function insertSession(
  db: Executor,
  session: { idHash: string; userId: string; csrfToken: string; now: string; expiresAt: string },
) {
  await db
    .insertInto('sessions')
    .values({
      id_hash: session.idHash,
      user_id: session.userId,
      csrf_token: session.csrfToken,
      created_at: session.now,
      last_seen_at: session.now,
      expires_at: session.expiresAt,
    })
    .execute();
}

export function findSessionWithUser(db: Executor, idHash: string) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .innerJoin('jurisdictions', 'jurisdictions.code', 'users.node_code')
    .select([
      'sessions.id_hash',
      'sessions.csrf_token',
      'sessions.last_seen_at',
      'sessions.expires_at',
      'users.id as user_id',
      'users.username',
      'users.display_name',
      'users.role',
      'users.node_code',
      'users.must_change_password',
      'users.disabled',
      'jurisdictions.name as node_name',
      'jurisdictions.level as node_level',
      'jurisdictions.path as node_path',
    ])
    .where('sessions.id_hash', '=', idHash)
    .executeTakeFirst();
}

export async function touchSession(db: Executor, idHash: string, now: string) {
  await db.updateTable('sessions').set({ last_seen_at: now }).where('id_hash', '=', idHash).execute();
}

export async function deleteSession(db: Executor, idHash: string) {
  await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
}

export async function deleteSessionsOfUser(db: Executor, userId: string, exceptIdHash?: string) {
  let query = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptIdHash) query = query.where('id_hash', '!=', exceptIdHash);
  await query.execute();
}

export async function deleteExpiredSessions(db: Executor, now: string, idleBefore: string) {
  const result = await db
    .deleteFrom('sessions')
    .where((eb) => eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<=', idleBefore)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function updatePassword(db: Executor, userId: string, passwordHash: string, mustChange: boolean, now: string) {
  await db
    .updateTable('users')
    .set({
      password_hash: passwordHash,
      must_change_password: mustChange ? 1 : 0,
      password_changed_at: now,
      failed_attempts: 0,
      locked_until: null,
      updated_at: now,
    })
    .where('id', '=', userId)
    .execute();
}
