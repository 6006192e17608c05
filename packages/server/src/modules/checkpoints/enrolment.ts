import { randomUUID } from 'node:crypto';
import { cleanName } from '@cordon/core';
import type { Actor, ServiceContext } from '../../context/types.js';
import { blindIndex } from '../../crypto/field-encryption.js';
import { generateToken, sha256Hex } from '../../crypto/tokens.js';
import { AppError } from '../../errors/app-error.js';
import { recordAudit } from '../audit/service.js';
import { insertDevice, revokeDevice } from '../devices/repository.js';
import { forgetDeviceKeys, generateDeviceKey } from '../devices/service.js';
import * as repo from './repository.js';
import { requireCheckpoint } from './service.js';

/** Blind-index kind of enrolment tokens; part of the hashed input, so a token hash never equals another index. */
const ENROLMENT_TOKEN_KIND = 'checkpoint_enrolment_token';
/** 32 random bytes: 256 bits. */
const ENROLMENT_TOKEN_BYTES = 32;
/** How long a QR code on the console screen stays usable. */
export const ENROLMENT_VALID_MS = 10 * 60_000;

type DeviceRow = Awaited<ReturnType<typeof repo.listDevicesOfCheckpoint>>[number];

function toCheckpointDevice(row: DeviceRow) {
  return {
    id: row.id,
    name: row.name,
    keyPrefix: row.key_prefix,
    createdAt: new Date(row.created_at).toISOString(),
    lastUsedAt: row.last_used_at === null ? null : new Date(row.last_used_at).toISOString(),
    revokedAt: row.revoked_at === null ? null : new Date(row.revoked_at).toISOString(),
  };
}

function enrolmentTokenHash(ctx: ServiceContext, token: string): string {
  return blindIndex(ctx.keys.blindIndex, ENROLMENT_TOKEN_KIND, token);
}

function requireActiveCheckpoint(checkpoint: repo.CheckpointRow) {
  if (Number(checkpoint.active) !== 1) throw new AppError('CHECKPOINT_INACTIVE', 'id', { checkpoint: checkpoint.name });
}

export async function listCheckpointDevices(ctx: ServiceContext, actor: Actor, checkpointId: string) {
  await requireCheckpoint(ctx, actor, checkpointId);
  return (await repo.listDevicesOfCheckpoint(ctx.db, checkpointId)).map(toCheckpointDevice);
}

/** Revokes a phone's key: its next request gets DEVICE_KEY_INVALID, and its queued registrations wait for a new key. */
export async function revokeCheckpointDevice(ctx: ServiceContext, actor: Actor, checkpointId: string, deviceId: string) {
  const checkpoint = await requireCheckpoint(ctx, actor, checkpointId);
  const device = await repo.findDeviceOfCheckpoint(ctx.db, checkpointId, deviceId);
  if (!device) throw new AppError('DEVICE_NOT_FOUND', 'deviceId');
  if (device.revoked_at) throw new AppError('DEVICE_ALREADY_REVOKED', 'deviceId');

  const now = ctx.clock().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    await revokeDevice(trx, deviceId, now);
    const audit = {
      action: 'device.revoke',
      entityType: 'device',
      entityId: deviceId,
      nodeCode: checkpoint.node_code,
      fields: ['revokedAt'],
    };
    await recordAudit(trx, ctx, actor, audit, now);
  });
  forgetDeviceKeys(ctx);
  return toCheckpointDevice({ ...device, revoked_at: now });
}

/**
 * Creates a one-time enrolment code for a phone. The token is returned once,
 * inside the QR code's URL fragment, so it never reaches a server log; only
 * its keyed hash is stored.
 */
export async function createEnrolment(ctx: ServiceContext, actor: Actor, checkpointId: string, deviceNameInput: string, origin: string) {
  const checkpoint = await requireCheckpoint(ctx, actor, checkpointId);
  requireActiveCheckpoint(checkpoint);
  const deviceName = cleanName(deviceNameInput);
  if (deviceName === '') throw new AppError('FIELD_REQUIRED', 'deviceName');

  const id = randomUUID();
  const token = generateToken(ENROLMENT_TOKEN_BYTES);
  const now = ctx.clock();
  const expiresAt = new Date(now.getTime() + ENROLMENT_VALID_MS).toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    const row = {
      id,
      checkpoint_id: checkpointId,
      token_hash: enrolmentTokenHash(ctx, token),
      device_name: deviceName,
      expires_at: expiresAt,
      created_by: actor.userId,
      created_at: now.toISOString(),
      used_at: null,
      device_id: null,
    };
    await repo.insertEnrolment(trx, row);
    const audit = {
      action: 'checkpoint.create_enrolment',
      entityType: 'checkpoint_enrolment',
      entityId: id,
      nodeCode: checkpoint.node_code,
      fields: ['deviceName'],
    };
    await recordAudit(trx, ctx, actor, audit, now.toISOString());
  });
  return { id, token, url: `${origin}/m/checkpoint/enrol#${token}`, expiresAt };
}

export async function getEnrolmentStatus(ctx: ServiceContext, actor: Actor, id: string) {
  const row = await repo.findEnrolmentInScope(ctx.db, actor.scope, id);
  if (!row) throw new AppError('CHECKPOINT_ENROLMENT_NOT_FOUND', 'id');
  const expiresAt = new Date(row.expires_at);
  let status: 'waiting' | 'used' | 'expired' = 'waiting';
  if (row.used_at !== null) status = 'used';
  else if (expiresAt.getTime() <= ctx.clock().getTime()) status = 'expired';
  return { id: row.id, status, deviceId: row.device_id, expiresAt: expiresAt.toISOString() };
}

/**
 * Exchanges an enrolment token for a device key of the checkpoint. Unknown,
 * used and expired tokens get one error, so a guesser learns nothing. The
 * enrolment is claimed in the transaction that creates the device, so two
 * phones scanning one code at once get one key between them.
 */
export async function exchangeEnrolment(ctx: ServiceContext, requestId: string, token: string) {
  const enrolment = await repo.findEnrolmentByTokenHash(ctx.db, enrolmentTokenHash(ctx, token));
  const now = ctx.clock();
  if (!enrolment || enrolment.used_at !== null || Date.parse(enrolment.expires_at) <= now.getTime()) {
    throw new AppError('CHECKPOINT_ENROLMENT_INVALID', 'token');
  }
  const checkpoint = await repo.findCheckpointById(ctx.db, enrolment.checkpoint_id);
  if (!checkpoint || Number(checkpoint.active) !== 1) throw new AppError('CHECKPOINT_ENROLMENT_INVALID', 'token');

  const deviceId = randomUUID();
  const { key, keyPrefix } = generateDeviceKey();
  const nowText = now.toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    await insertDevice(trx, {
      id: deviceId,
      name: enrolment.device_name,
      kind: 'checkpoint',
      nodeCode: checkpoint.node_code,
      keyHash: sha256Hex(key),
      keyPrefix,
      createdBy: null,
      now: nowText,
      checkpointId: checkpoint.id,
    });
    // Throwing rolls the device back, so a lost race leaves no key behind.
    if (!(await repo.claimEnrolment(trx, enrolment.id, deviceId, nowText))) throw new AppError('CHECKPOINT_ENROLMENT_INVALID', 'token');
    const actor = {
      userId: null,
      deviceId,
      role: null,
      scope: { nodeCode: checkpoint.node_code, nodePath: checkpoint.node_path },
      requestId,
    };
    const audit = {
      action: 'checkpoint.enrol_device',
      entityType: 'device',
      entityId: deviceId,
      nodeCode: checkpoint.node_code,
      fields: ['name', 'kind'],
    };
    await recordAudit(trx, ctx, actor, audit, nowText);
  });
  return {
    key,
    device: { id: deviceId, name: enrolment.device_name },
    checkpoint: { id: checkpoint.id, name: checkpoint.name, location: checkpoint.location },
  };
}
