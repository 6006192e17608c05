import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Scope } from '../../context/types.js';
import { subtreeCodes } from '../jurisdictions/scope.js';

type Executor = Kysely<Database> | Transaction<Database>;

const USER_COLUMNS = [
  'users.id',
  'users.username',
  'users.display_name',
  'users.role',
  'users.node_code',
  'users.disabled',
  'users.must_change_password',
  'users.locked_until',
  'users.last_sign_in_at',
  'users.created_at',
  'jurisdictions.name as node_name',
] as const;

export type UserRow = Awaited<ReturnType<typeof findUserInScope>> & {};

export function findUserInScope(db: Executor, scope: Scope, id: string) {
  return db
    .selectFrom('users')
    .innerJoin('jurisdictions', 'jurisdictions.code', 'users.node_code')
    .select(USER_COLUMNS)
    .where('users.id', '=', id)
    .where('jurisdictions.path', 'like', `${scope.nodePath}%`)
    .executeTakeFirst();
}

export interface UserFilter {
  q?: string | undefined;
  role?: string | undefined;
  nodeCode?: string | undefined;
}

export async function listUsersInScope(db: Kysely<Database>, scope: Scope, filter: UserFilter, offset: number, limit: number) {
  let query = db
    .selectFrom('users')
    .innerJoin('jurisdictions', 'jurisdictions.code', 'users.node_code')
    .where('users.node_code', 'in', subtreeCodes(db, scope));
  if (filter.role) query = query.where('users.role', '=', filter.role);
  if (filter.nodeCode) query = query.where('users.node_code', '=', filter.nodeCode);
  if (filter.q) {
    const text = `%${filter.q.replace(/[\\%_]/g, '').toLowerCase()}%`;
    query = query.where((eb) => eb.or([eb('users.username', 'like', text), eb(eb.fn('lower', ['users.display_name']), 'like', text)]));
  }

  const [rows, total] = await Promise.all([
    query.select(USER_COLUMNS).orderBy('users.created_at', 'desc').orderBy('users.id').offset(offset).limit(limit).execute(),
    query.select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.count) };
}

export function findUserIdByUsername(db: Executor, username: string) {
  return db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst();
}

export function countUsers(db: Executor) {
  return db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
}

export async function insertUser(
  db: Executor,
  user: {
    id: string;
    username: string;
    displayName: string;
    role: string;
    nodeCode: string;
    passwordHash: string;
    mustChangePassword: boolean;
    now: string;
  },
) {
  await db
    .insertInto('users')
    .values({
      id: user.id,
      username: user.username,
      display_name: user.displayName,
      role: user.role,
      node_code: user.nodeCode,
      password_hash: user.passwordHash,
      must_change_password: user.mustChangePassword ? 1 : 0,
      disabled: 0,
      failed_attempts: 0,
      locked_until: null,
      last_sign_in_at: null,
      password_changed_at: null,
      created_at: user.now,
      updated_at: user.now,
    })
    .execute();
}

export async function updateUser(
  db: Executor,
  id: string,
  changes: { display_name?: string; role?: string; node_code?: string; disabled?: number },
  now: string,
) {
  await db
    .updateTable('users')
    .set({ ...changes, updated_at: now })
    .where('id', '=', id)
    .execute();
}

export async function resetUserPassword(db: Executor, id: string, passwordHash: string, now: string) {
  await db
    .updateTable('users')
    .set({ password_hash: passwordHash, must_change_password: 1, failed_attempts: 0, locked_until: null, updated_at: now })
    .where('id', '=', id)
    .execute();
}
