import { type Insertable, type Kysely, sql, type Transaction, type Updateable } from 'kysely';
import type { Scope } from '../../context/types.js';
import type { Database } from '../../db/schema.js';
import type { CheckpointEnrolmentTable, CheckpointTable } from '../../db/schema-checkpoints.js';

type Executor = Kysely<Database> | Transaction<Database>;

const CHECKPOINT_COLUMNS = [
  'checkpoints.id',
  'checkpoints.name',
  'checkpoints.type',
  'checkpoints.node_code',
  'checkpoints.location',
  'checkpoints.longitude',
  'checkpoints.latitude',
  'checkpoints.active',
  'checkpoints.created_at',
  'checkpoints.updated_at',
  'jurisdictions.name as node_name',
  'jurisdictions.path as node_path',
] as const;

function checkpointQuery(db: Executor) {
  return db.selectFrom('checkpoints').innerJoin('jurisdictions', 'jurisdictions.code', 'checkpoints.node_code').select(CHECKPOINT_COLUMNS);
}

export type CheckpointRow = NonNullable<Awaited<ReturnType<typeof findCheckpointById>>>;

export function findCheckpointById(db: Executor, id: string) {
  return checkpointQuery(db).where('checkpoints.id', '=', id).executeTakeFirst();
}

export function findCheckpointInScope(db: Executor, scope: Scope, id: string) {
  return checkpointQuery(db).where('checkpoints.id', '=', id).where('jurisdictions.path', 'like', `${scope.nodePath}%`).executeTakeFirst();
}

/** Checkpoints whose jurisdiction lies in the scope, or only those in `ids` when given. */
export function listCheckpoints(db: Executor, filter: { scope?: Scope; ids?: string[]; includeInactive: boolean }) {
  let query = checkpointQuery(db);
  if (filter.scope) query = query.where('jurisdictions.path', 'like', `${filter.scope.nodePath}%`);
  if (filter.ids) {
    if (filter.ids.length === 0) return Promise.resolve([]);
    query = query.where('checkpoints.id', 'in', filter.ids);
  }
  if (!filter.includeInactive) query = query.where('checkpoints.active', '=', 1);
  return query.orderBy('checkpoints.node_code').orderBy('checkpoints.name').execute();
}

export function listCheckpointIdsOfOfficer(db: Executor, userId: string) {
  return db
    .selectFrom('checkpoint_officers')
    .innerJoin('checkpoints', 'checkpoints.id', 'checkpoint_officers.checkpoint_id')
    .select(['checkpoints.id', 'checkpoints.name'])
    .where('checkpoint_officers.user_id', '=', userId)
    .where('checkpoints.active', '=', 1)
    .orderBy('checkpoints.name')
    .execute();
}

export function findOfficerById(db: Executor, userId: string) {
  return db.selectFrom('users').select(['id', 'display_name']).where('id', '=', userId).executeTakeFirst();
}

export function isOfficerOnRoster(db: Executor, checkpointId: string, userId: string) {
  return db
    .selectFrom('checkpoint_officers')
    .select('user_id')
    .where('checkpoint_id', '=', checkpointId)
    .where('user_id', '=', userId)
    .executeTakeFirst()
    .then((row) => row !== undefined);
}

/** True when the checkpoint's roster lists an officer whose account is enabled, so a phone can choose one. */
export function hasEnabledOfficer(db: Executor, checkpointId: string) {
  return db
    .selectFrom('checkpoint_officers')
    .innerJoin('users', 'users.id', 'checkpoint_officers.user_id')
    .select('checkpoint_officers.user_id')
    .where('checkpoint_officers.checkpoint_id', '=', checkpointId)
    .where('users.disabled', '=', 0)
    .executeTakeFirst()
    .then((row) => row !== undefined);
}

export function listOfficersOfCheckpoints(db: Executor, checkpointIds: string[]) {
  if (checkpointIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('checkpoint_officers')
    .innerJoin('users', 'users.id', 'checkpoint_officers.user_id')
    .select(['checkpoint_officers.checkpoint_id', 'users.id', 'users.display_name', 'users.username'])
    .where('checkpoint_officers.checkpoint_id', 'in', checkpointIds)
    .where('users.disabled', '=', 0)
    .orderBy('users.display_name')
    .execute();
}

export async function countActiveDevicesOfCheckpoints(db: Executor, checkpointIds: string[]) {
  if (checkpointIds.length === 0) return new Map<string, number>();
  const rows = await db
    .selectFrom('devices')
    .select(['checkpoint_id', (eb) => eb.fn.countAll<string | number>().as('count')])
    .where('checkpoint_id', 'in', checkpointIds)
    .where('revoked_at', 'is', null)
    .groupBy('checkpoint_id')
    .execute();
  return new Map(rows.map((row) => [row.checkpoint_id as string, Number(row.count)]));
}

export async function insertCheckpoint(db: Executor, row: Insertable<CheckpointTable>) {
  await db.insertInto('checkpoints').values(row).execute();
}

export async function updateCheckpoint(db: Executor, id: string, changes: Updateable<CheckpointTable>) {
  await db.updateTable('checkpoints').set(changes).where('id', '=', id).execute();
}

/** Replaces the roster of a checkpoint with `userIds`. */
export async function replaceOfficers(
  trx: Transaction<Database>,
  checkpointId: string,
  userIds: string[],
  assignedBy: string | null,
  now: string,
) {
  await trx.deleteFrom('checkpoint_officers').where('checkpoint_id', '=', checkpointId).execute();
  if (userIds.length === 0) return;
  const rows = userIds.map((userId) => ({ checkpoint_id: checkpointId, user_id: userId, assigned_by: assignedBy, assigned_at: now }));
  await trx.insertInto('checkpoint_officers').values(rows).execute();
}

/** Enabled checkpoint officers whose node lies in the scope. */
export function listOfficerCandidates(db: Executor, scope: Scope, ids?: string[]) {
  let query = db
    .selectFrom('users')
    .innerJoin('jurisdictions', 'jurisdictions.code', 'users.node_code')
    .select(['users.id', 'users.display_name', 'users.username', 'jurisdictions.name as node_name'])
    .where('users.role', '=', 'checkpoint_officer')
    .where('users.disabled', '=', 0)
    .where('jurisdictions.path', 'like', `${scope.nodePath}%`);
  if (ids) {
    if (ids.length === 0) return Promise.resolve([]);
    query = query.where('users.id', 'in', ids);
  }
  return query.orderBy('users.display_name').orderBy('users.username').execute();
}

const DEVICE_COLUMNS = ['id', 'name', 'key_prefix', 'created_at', 'last_used_at', 'revoked_at'] as const;

export function listDevicesOfCheckpoint(db: Executor, checkpointId: string) {
  return db.selectFrom('devices').select(DEVICE_COLUMNS).where('checkpoint_id', '=', checkpointId).orderBy('created_at', 'desc').execute();
}

export function findDeviceOfCheckpoint(db: Executor, checkpointId: string, deviceId: string) {
  return db
    .selectFrom('devices')
    .select(DEVICE_COLUMNS)
    .where('checkpoint_id', '=', checkpointId)
    .where('id', '=', deviceId)
    .executeTakeFirst();
}

export async function insertEnrolment(db: Executor, row: Insertable<CheckpointEnrolmentTable>) {
  await db.insertInto('checkpoint_enrolments').values(row).execute();
}

export function findEnrolmentInScope(db: Executor, scope: Scope, id: string) {
  return db
    .selectFrom('checkpoint_enrolments')
    .innerJoin('checkpoints', 'checkpoints.id', 'checkpoint_enrolments.checkpoint_id')
    .innerJoin('jurisdictions', 'jurisdictions.code', 'checkpoints.node_code')
    .select([
      'checkpoint_enrolments.id',
      'checkpoint_enrolments.expires_at',
      'checkpoint_enrolments.used_at',
      'checkpoint_enrolments.device_id',
    ])
    .where('checkpoint_enrolments.id', '=', id)
    .where('jurisdictions.path', 'like', `${scope.nodePath}%`)
    .executeTakeFirst();
}

export function findEnrolmentByTokenHash(db: Executor, tokenHash: string) {
  return db
    .selectFrom('checkpoint_enrolments')
    .select(['id', 'checkpoint_id', 'device_name', 'expires_at', 'used_at'])
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
}

/** Marks an unused enrolment used; returns false when another request used it first. */
export async function claimEnrolment(trx: Transaction<Database>, id: string, deviceId: string, now: string): Promise<boolean> {
  const result = await trx
    .updateTable('checkpoint_enrolments')
    .set({ used_at: now, device_id: deviceId })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Communities anywhere in the tree whose name contains the text, for the
 * destination of a registration. Percent signs, underscores and backslashes
 * in the text match themselves.
 */
export function searchCommunities(db: Executor, text: string, limit: number) {
  const escaped = text.toLowerCase().replace(/[\\%_]/g, (char) => `\\${char}`);
  return db
    .selectFrom('jurisdictions')
    .select(['code', 'name'])
    .where('level', '=', 'community')
    .where((eb) => eb(eb.fn('lower', ['name']), 'like', sql<string>`${`%${escaped}%`} escape '\\'`))
    .orderBy('path')
    .limit(limit)
    .execute();
}
