import { randomUUID } from 'node:crypto';
import { cleanName, type DeviceKind } from '@cordon/core';
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

/**
 * Device keys look like "cdk_<8 chars>_<43 chars>". Only the SHA-256 of the
 * whole key is stored: the key is 256 random bits, so a slow hash adds
 * nothing, and a fast one keeps every gate event cheap to authenticate.
 */
export async function authenticateDevice(ctx: ServiceContext, key: string): Promise<DeviceContext> {
  if (key.length > 200) throw new AppError('DEVICE_KEY_INVALID');
  const row = await repo.findDeviceByKeyHash(ctx.db, sha256Hex(key.trim()));
  if (!row || row.revoked_at) throw new AppError('DEVICE_KEY_INVALID');

  const now = new Date();
  if (!row.last_used_at || now.getTime() - Date.parse(row.last_used_at) > TOUCH_INTERVAL_MS) {
    await repo.touchDevice(ctx.db, row.id, now.toISOString());
  }
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    nodeCode: row.node_code,
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
  const prefix = generateToken(6);
  const key = `cdk_${prefix}_${generateToken(32)}`;
  const id = randomUUID();
  const now = new Date().toISOString();

  await ctx.db.transaction().execute(async (trx) => {
    await repo.insertDevice(trx, {
      id,
      name,
      kind: input.kind,
      nodeCode: node.code,
      keyHash: sha256Hex(key),
      keyPrefix: `cdk_${prefix}`,
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
  return toDevice({ ...device, revoked_at: now });
}

export function describeDevice(device: DeviceContext) {
  return { id: device.id, name: device.name, kind: device.kind, nodeCode: device.nodeCode };
}
