import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Scope } from '../../context/types.js';
import { subtreeCodes } from '../jurisdictions/scope.js';

type Executor = Kysely<Database> | Transaction<Database>;

const DEVICE_COLUMNS = [
  'devices.id',
  'devices.name',
  'devices.kind',
  'devices.node_code',
  'devices.key_prefix',
  'devices.created_at',
  'devices.last_used_at',
  'devices.revoked_at',
  'jurisdictions.name as node_name',
] as const;

export function findDeviceByKeyHash(db: Executor, keyHash: string) {
  return db
    .selectFrom('devices')
    .innerJoin('jurisdictions', 'jurisdictions.code', 'devices.node_code')
    .select([
      'devices.id',
      'devices.name',
      'devices.kind',
      'devices.node_code',
      'devices.revoked_at',
      'devices.last_used_at',
      'devices.checkpoint_id',
      'devices.gate_id',
      'jurisdictions.path as node_path',
    ])
    .where('devices.key_hash', '=', keyHash)
    .executeTakeFirst();
}

export async function touchDevice(db: Executor, id: string, now: string) {
  await db.updateTable('devices').set({ last_used_at: now }).where('id', '=', id).execute();
}

export function listDevicesInScope(db: Kysely<Database>, scope: Scope) {
  return db
    .selectFrom('devices')
    .innerJoin('jurisdictions', 'jurisdictions.code', 'devices.node_code')
    .select(DEVICE_COLUMNS)
    .where('devices.node_code', 'in', subtreeCodes(db, scope))
    .orderBy('devices.created_at', 'desc')
    .execute();
}

export function findDeviceInScope(db: Executor, scope: Scope, id: string) {
  return db
    .selectFrom('devices')
    .innerJoin('jurisdictions', 'jurisdictions.code', 'devices.node_code')
    .select(DEVICE_COLUMNS)
    .where('devices.id', '=', id)
    .where('jurisdictions.path', 'like', `${scope.nodePath}%`)
    .executeTakeFirst();
}

export async function insertDevice(
  db: Executor,
  device: {
    id: string;
    name: string;
    kind: string;
    nodeCode: string;
    keyHash: string;
    keyPrefix: string;
    createdBy: string | null;
    now: string;
    checkpointId?: string | null;
  },
) {
  await db
    .insertInto('devices')
    .values({
      id: device.id,
      name: device.name,
      kind: device.kind,
      node_code: device.nodeCode,
      key_hash: device.keyHash,
      key_prefix: device.keyPrefix,
      created_by: device.createdBy,
      created_at: device.now,
      last_used_at: null,
      revoked_at: null,
      checkpoint_id: device.checkpointId ?? null,
    })
    .execute();
}

export async function revokeDevice(db: Executor, id: string, now: string) {
  await db.updateTable('devices').set({ revoked_at: now }).where('id', '=', id).where('revoked_at', 'is', null).execute();
}
