import { shortCacheOf } from '../../context/short-cache.js';
import type { Actor, DeviceContext, ServiceContext } from '../../context/types.js';
import { AppError } from '../../errors/app-error.js';
import * as repo from './repository.js';

/** Sender of a phone request: a checkpoint phone's device key, or an officer's session. */
export interface PhoneCaller {
  actor: Actor;
  device: DeviceContext | null;
}

/** The checkpoint a phone request acts on, with the caller's device or officer. */
export interface PhoneCheckpoint {
  checkpoint: repo.CheckpointRow;
  device: DeviceContext | null;
  /** The signed-in officer; null for a device key. */
  officerId: string | null;
}

/** Rejects a device key that is no checkpoint phone's, such as a gate's or one created without a checkpoint. */
function requireCheckpointDevice(device: DeviceContext): string {
  if (device.kind !== 'checkpoint' || device.checkpointId === null) throw new AppError('CHECKPOINT_DEVICE_REQUIRED');
  return device.checkpointId;
}

/**
 * How long this process keeps a checkpoint's row for phone requests. An edit
 * on this instance clears the cache after its commit, so deactivating a
 * checkpoint applies here at once. An edit on another instance applies within this time.
 */
const CHECKPOINT_CACHE_MS = 5_000;
const CHECKPOINT_CACHE_SIZE = 2_000;

function checkpointCache(ctx: ServiceContext) {
  return shortCacheOf<repo.CheckpointRow>(ctx.db, 'phone-checkpoints', CHECKPOINT_CACHE_MS, CHECKPOINT_CACHE_SIZE);
}

/** Drops the cached checkpoint rows; call it after a checkpoint's change commits. */
export function forgetCheckpoints(ctx: ServiceContext): void {
  checkpointCache(ctx).clear();
}

function findCheckpoint(ctx: ServiceContext, id: string) {
  return checkpointCache(ctx).get(id, () => repo.findCheckpointById(ctx.db, id));
}

function requireActive(checkpoint: repo.CheckpointRow): repo.CheckpointRow {
  if (Number(checkpoint.active) !== 1) throw new AppError('CHECKPOINT_INACTIVE', 'checkpointId', { checkpoint: checkpoint.name });
  return checkpoint;
}

/**
 * Resolves the checkpoint of a phone request. A device acts only on the
 * checkpoint it was enrolled on. An officer acts on a checkpoint he is
 * assigned to, the first one when `checkpointId` is not given.
 */
export async function resolvePhoneCheckpoint(
  ctx: ServiceContext,
  caller: PhoneCaller,
  checkpointId: string | undefined,
): Promise<PhoneCheckpoint> {
  if (caller.device) {
    const ownId = requireCheckpointDevice(caller.device);
    if (checkpointId !== undefined && checkpointId !== ownId) throw new AppError('CHECKPOINT_NOT_ASSIGNED', 'checkpointId');
    const checkpoint = await findCheckpoint(ctx, ownId);
    if (!checkpoint) throw new AppError('CHECKPOINT_DEVICE_REQUIRED');
    return { checkpoint: requireActive(checkpoint), device: caller.device, officerId: null };
  }

  const officerId = caller.actor.userId;
  if (officerId === null) throw new AppError('AUTH_REQUIRED');
  const assigned = await repo.listCheckpointIdsOfOfficer(ctx.db, officerId);
  if (checkpointId !== undefined && !assigned.some((checkpoint) => checkpoint.id === checkpointId)) {
    throw new AppError('CHECKPOINT_NOT_ASSIGNED', 'checkpointId');
  }
  const chosen = checkpointId ?? assigned[0]?.id;
  if (chosen === undefined) throw new AppError('CHECKPOINT_NONE_ASSIGNED');
  const checkpoint = await findCheckpoint(ctx, chosen);
  if (!checkpoint) throw new AppError('CHECKPOINT_NOT_ASSIGNED', 'checkpointId');
  return { checkpoint: requireActive(checkpoint), device: null, officerId };
}

/**
 * Returns the officer a registration is recorded under: the signed-in
 * officer, or for a device the officer on duty chosen on the phone, who must
 * be on the checkpoint's roster. A device may leave the officer out only
 * while the roster has no enabled officer to choose.
 */
export async function resolveOfficerOnDuty(
  ctx: ServiceContext,
  resolved: PhoneCheckpoint,
  officerId: string | undefined,
): Promise<string | null> {
  if (resolved.officerId !== null) return resolved.officerId;
  if (officerId === undefined) {
    if (await repo.hasEnabledOfficer(ctx.db, resolved.checkpoint.id)) throw new AppError('CHECKPOINT_OFFICER_REQUIRED', 'officerId');
    return null;
  }
  if (!(await repo.isOfficerOnRoster(ctx.db, resolved.checkpoint.id, officerId)))
    throw new AppError('CHECKPOINT_OFFICER_NOT_ON_ROSTER', 'officerId');
  return officerId;
}
