import { randomUUID } from 'node:crypto';
import { cleanName, type Role } from '@cordon/core';
import type { Actor, ServiceContext } from '../../context/types.js';
import { generateTemporaryPassword, hashPassword } from '../../crypto/passwords.js';
import { AppError } from '../../errors/app-error.js';
import { deleteSessionsOfUser } from '../auth/repository.js';
import { normalizeUsername } from '../auth/service.js';
import { recordAudit } from '../audit/service.js';
import { requireNodeInScope } from '../jurisdictions/scope.js';
import { ROOT_CODE, ROOT_PATH } from '../jurisdictions/repository.js';
import * as repo from './repository.js';

const ROOT_ACTOR_SCOPE = { nodeCode: ROOT_CODE, nodePath: ROOT_PATH };

/** Letters, digits, dot, dash and underscore; 3 to 32 characters; starts with a letter or digit. */
const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{2,31}$/;

type UserRow = NonNullable<Awaited<ReturnType<typeof repo.findUserInScope>>>;

export function toUser(row: UserRow) {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    nodeCode: row.node_code,
    nodeName: row.node_name,
    disabled: row.disabled === 1,
    mustChangePassword: row.must_change_password === 1,
    lockedUntil: row.locked_until,
    lastSignInAt: row.last_sign_in_at,
    createdAt: row.created_at,
  };
}

async function requireUser(ctx: ServiceContext, actor: Actor, id: string) {
  const row = await repo.findUserInScope(ctx.db, actor.scope, id);
  if (!row) throw new AppError('USER_NOT_FOUND', 'id');
  return row;
}

/**
 * Loads an account the actor may change. Administrators manage accounts
 * below them and the non-administrators of their own node, but not a fellow
 * administrator of the same node: otherwise either could take over the other
 * by resetting its password. The CLI (actor null) may change any account.
 */
async function requireManageableUser(ctx: ServiceContext, actor: Actor | null, id: string) {
  const scope = actor?.scope ?? ROOT_ACTOR_SCOPE;
  const row = await repo.findUserInScope(ctx.db, scope, id);
  if (!row) throw new AppError('USER_NOT_FOUND', 'id');
  if (actor && row.id !== actor.userId && row.role === 'admin' && row.node_code === scope.nodeCode) {
    throw new AppError('USER_PEER_ADMIN', 'id');
  }
  return row;
}

export async function getUser(ctx: ServiceContext, actor: Actor, id: string) {
  return toUser(await requireUser(ctx, actor, id));
}

export async function listUsers(ctx: ServiceContext, actor: Actor, filter: repo.UserFilter, page: number, pageSize: number) {
  const { rows, total } = await repo.listUsersInScope(ctx.db, actor.scope, filter, (page - 1) * pageSize, pageSize);
  return { items: rows.map(toUser), total };
}

export interface NewUser {
  username: string;
  displayName: string;
  role: Role;
  nodeCode: string;
}

/**
 * Creates a staff account inside the actor's subtree with a one-time password
 * that must be changed at first sign-in. `actor` is null only for the CLI.
 */
export async function createUser(
  ctx: ServiceContext,
  actor: Actor | null,
  input: NewUser,
  options: { password?: string | undefined; mustChangePassword?: boolean } = {},
) {
  const username = normalizeUsername(input.username);
  if (!USERNAME_PATTERN.test(username)) throw new AppError('USERNAME_INVALID', 'username');
  const displayName = cleanName(input.displayName);
  if (displayName === '') throw new AppError('FIELD_REQUIRED', 'displayName');
  const scope = actor?.scope ?? ROOT_ACTOR_SCOPE;
  const node = await requireNodeInScope(ctx.db, scope, input.nodeCode, 'nodeCode');

  const temporaryPassword = options.password ?? generateTemporaryPassword();
  const passwordHash = await hashPassword(temporaryPassword);
  const id = randomUUID();
  const now = new Date().toISOString();

  await ctx.db.transaction().execute(async (trx) => {
    if (await repo.findUserIdByUsername(trx, username)) throw new AppError('USERNAME_TAKEN', 'username');
    await repo.insertUser(trx, {
      id,
      username,
      displayName,
      role: input.role,
      nodeCode: node.code,
      passwordHash,
      mustChangePassword: options.mustChangePassword ?? true,
      now,
    });
    await recordAudit(
      trx,
      ctx,
      actor,
      {
        action: 'user.create',
        entityType: 'user',
        entityId: id,
        nodeCode: node.code,
        fields: ['username', 'displayName', 'role', 'nodeCode', 'password'],
      },
      now,
    );
  });
  const created = await repo.findUserInScope(ctx.db, scope, id);
  if (!created) throw new AppError('USER_NOT_FOUND', 'id');
  return { user: toUser(created), temporaryPassword };
}

export interface UserChanges {
  displayName?: string | undefined;
  role?: Role | undefined;
  nodeCode?: string | undefined;
  disabled?: boolean | undefined;
}

/** Edits an account of the subtree. Disabling ends the user's sessions at once. */
export async function updateUser(ctx: ServiceContext, actor: Actor | null, id: string, changes: UserChanges) {
  const user = await requireManageableUser(ctx, actor, id);
  const scope = actor?.scope ?? ROOT_ACTOR_SCOPE;
  if (id === actor?.userId && (changes.role !== undefined || changes.disabled !== undefined || changes.nodeCode !== undefined)) {
    let field = 'nodeCode';
    if (changes.role !== undefined) field = 'role';
    else if (changes.disabled !== undefined) field = 'disabled';
    throw new AppError('USER_CANNOT_CHANGE_SELF', field);
  }

  const set: { display_name?: string; role?: string; node_code?: string; disabled?: number } = {};
  if (changes.displayName !== undefined) {
    const displayName = cleanName(changes.displayName);
    if (displayName === '') throw new AppError('FIELD_REQUIRED', 'displayName');
    set.display_name = displayName;
  }
  if (changes.role !== undefined) set.role = changes.role;
  if (changes.nodeCode !== undefined) set.node_code = (await requireNodeInScope(ctx.db, scope, changes.nodeCode, 'nodeCode')).code;
  if (changes.disabled !== undefined) set.disabled = changes.disabled ? 1 : 0;
  const fields = Object.keys(changes).filter((key) => changes[key as keyof UserChanges] !== undefined);
  if (fields.length === 0) return toUser(user);

  const now = new Date().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    await repo.updateUser(trx, id, set, now);
    // A move, a new role or a disabled account must not keep an old session's reach.
    if (set.disabled === 1 || set.role !== undefined || set.node_code !== undefined) await deleteSessionsOfUser(trx, id);
    await recordAudit(
      trx,
      ctx,
      actor,
      { action: 'user.update', entityType: 'user', entityId: id, nodeCode: set.node_code ?? user.node_code, fields },
      now,
    );
  });
  const updated = await repo.findUserInScope(ctx.db, scope, id);
  if (!updated) throw new AppError('USER_NOT_FOUND', 'id');
  return toUser(updated);
}

/** Issues a new one-time password, clears a lockout and ends the user's sessions. */
export async function resetPassword(ctx: ServiceContext, actor: Actor | null, id: string, password?: string) {
  // Staff change their own password with the current one; a reset is for someone else's account.
  if (actor && id === actor.userId) throw new AppError('USER_CANNOT_CHANGE_SELF', 'password');
  const user = await requireManageableUser(ctx, actor, id);
  const temporaryPassword = password ?? generateTemporaryPassword();
  const passwordHash = await hashPassword(temporaryPassword);
  const now = new Date().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    await repo.resetUserPassword(trx, id, passwordHash, now);
    await deleteSessionsOfUser(trx, id);
    await recordAudit(
      trx,
      ctx,
      actor,
      { action: 'user.reset_password', entityType: 'user', entityId: id, nodeCode: user.node_code, fields: ['password'] },
      now,
    );
  });
  return { temporaryPassword };
}
