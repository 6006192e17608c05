import { randomUUID } from 'node:crypto';
import { cleanName, type DeviceKind } from '@cordon/core';
import { shortCacheOf } from '../../context/short-cache.js';
import type { Actor, DeviceContext, ServiceContext } from '../../context/types.js';
import { generateToken, sha256Hex } from '../../crypto/tokens.js';
import { AppError } from '../../errors/app-error.js';
import { recordAudit } from '../audit/service.js';
import { requireNodeInScope } from '../jurisdictions/scope.js';
import * as repo from './repository.js';

const TOUCH_INTERVAL_MS = 60_000;

type DeviceRow = Awaited<ReturnType<typeof repo.listDevicesInScope>>[number];

function toDevice(row: DeviceRow) {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    nodeCode: row.node_code,
    nodeName: row.node_name,
    keyPrefix: row.key_prefix,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}

/** Generates a new device key and the prefix that lists show; store only `sha256Hex(key)`. */
export function generateDeviceKey(): { key: string; keyPrefix: string } {
  const prefix = generateToken(6);
  return { key: `cdk_${prefix}_${generateToken(32)}`, keyPrefix: `cdk_${prefix}` };
}

/**
 * How long this process trusts a device row read for its key. A revocation
 * on this instance clears the cache after its commit, so it applies at once.
 * A key revoked on another instance is refused here within this time.
 */
const DEVICE_KEY_CACHE_MS = 5_000;
/** Maximum number of cached device rows. When the cache is full, the oldest entry leaves first. */
const DEVICE_KEY_CACHE_SIZE = 10_000;

function deviceKeyCache(ctx: ServiceContext) {
  return shortCacheOf<NonNullable<Awaited<ReturnType<typeof repo.findDeviceByKeyHash>>>>(
    ctx.db,
    'device-keys',
    DEVICE_KEY_CACHE_MS,
    DEVICE_KEY_CACHE_SIZE,
  );
}

/** Drops the cached device rows; call it after a revocation commits. */
export function forgetDeviceKeys(ctx: ServiceContext): void {
  deviceKeyCache(ctx).clear();
}

/**
 * Device keys look like "cdk_<8 chars>_<43 chars>". Only the SHA-256 of the
 * whole key is stored: the key is 256 random bits, so a slow hash adds
 * nothing, and a fast one keeps every gate event cheap to authenticate.
 */
export async function authenticateDevice(ctx: ServiceContext, key: string): Promise<DeviceContext> {
  if (key.length > 200) throw new AppError('DEVICE_KEY_INVALID');
  const keyHash = sha256Hex(key.trim());
  const row = await deviceKeyCache(ctx).get(keyHash, () => repo.findDeviceByKeyHash(ctx.db, keyHash));
  if (!row || row.revoked_at) throw new AppError('DEVICE_KEY_INVALID');

  const now = new Date();
  if (!row.last_used_at || now.getTime() - Date.parse(row.last_used_at) > TOUCH_INTERVAL_MS) {
    await repo.touchDevice(ctx.db, row.id, now.toISOString());
    // The row may be the cached one, which must not ask for a touch on every request.
    row.last_used_at = now.toISOString();
  }
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    nodeCode: row.node_code,
    checkpointId: row.checkpoint_id,
    gateId: row.gate_id,
    scope: { nodeCode: row.node_code, nodePath: row.node_path },
  };
}

export async function listDevices(ctx: ServiceContext, actor: Actor) {
  return (await repo.listDevicesInScope(ctx.db, actor.scope)).map(toDevice);
}

export async function createDevice(ctx: ServiceContext, actor: Actor, input: { name: string; kind: DeviceKind; nodeCode: string }) {
  const name = cleanName(input.name);
  if (name === '') throw new AppError('FIELD_REQUIRED', 'name');
  const node = await requireNodeInScope(ctx.db, actor.scope, input.nodeCode, 'nodeCode');
  const { key, keyPrefix } = generateDeviceKey();
  const id = randomUUID();
  const now = new Date().toISOString();

  await ctx.db.transaction().execute(async (trx) => {
    await repo.insertDevice(trx, {
      id,
      name,
      kind: input.kind,
      nodeCode: node.code,
      keyHash: sha256Hex(key),
      keyPrefix,
      createdBy: actor.userId,
      now,
    });
    await recordAudit(
      trx,
      ctx,
      actor,
      { action: 'device.create', entityType: 'device', entityId: id, nodeCode: node.code, fields: ['name', 'kind', 'nodeCode'] },
      now,
    );
  });
  const device = await repo.findDeviceInScope(ctx.db, actor.scope, id);
  if (!device) throw new AppError('DEVICE_NOT_FOUND');
  return { device: toDevice(device), key };
}

export async function revokeDevice(ctx: ServiceContext, actor: Actor, id: string) {
  const device = await repo.findDeviceInScope(ctx.db, actor.scope, id);
  if (!device) throw new AppError('DEVICE_NOT_FOUND', 'id');
  if (device.revoked_at) throw new AppError('DEVICE_ALREADY_REVOKED', 'id');

  const now = new Date().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    await repo.revokeDevice(trx, id, now);
    await recordAudit(
      trx,
      ctx,
      actor,
      { action: 'device.revoke', entityType: 'device', entityId: id, nodeCode: device.node_code, fields: ['revokedAt'] },
      now,
    );
  });
  forgetDeviceKeys(ctx);
  return toDevice({ ...device, revoked_at: now });
}

export function describeDevice(device: DeviceContext) {
  return { id: device.id, name: device.name, kind: device.kind, nodeCode: device.nodeCode };
}
