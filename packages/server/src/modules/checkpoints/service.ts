import { randomUUID } from 'node:crypto';
import { cleanName } from '@cordon/core';
import type { Actor, ServiceContext } from '../../context/types.js';
import { isUniqueViolation } from '../../db/unique-violation.js';
import { AppError } from '../../errors/app-error.js';
import { recordAudit } from '../audit/service.js';
import { isGridCode, requireNodeInScope } from '../jurisdictions/scope.js';
import { forgetCheckpoints } from './phone-access.js';
import * as repo from './repository.js';
import type { CheckpointResult, CheckpointType, CreateCheckpointInput, UpdateCheckpointInput } from './schemas.js';

const COORDINATE_LIMITS = { longitude: 180, latitude: 90 } as const;

function requiredText(input: string, field: string): string {
  const text = cleanName(input);
  if (text === '') throw new AppError('FIELD_REQUIRED', field);
  return text;
}

function checkCoordinate(input: string | null | undefined, field: keyof typeof COORDINATE_LIMITS): string | null {
  if (input === undefined || input === null) return null;
  const limit = COORDINATE_LIMITS[field];
  if (Math.abs(Number(input)) > limit) throw new AppError('FIELD_OUT_OF_RANGE', field, { limit });
  return input;
}

/** True when the checkpoint list and changes are limited to assigned checkpoints, as for an officer. */
function isOfficer(actor: Actor): boolean {
  return actor.role === 'checkpoint_officer';
}

async function toCheckpoints(ctx: ServiceContext, rows: repo.CheckpointRow[]): Promise<CheckpointResult[]> {
  const ids = rows.map((row) => row.id);
  const officers = await repo.listOfficersOfCheckpoints(ctx.db, ids);
  const deviceCounts = await repo.countActiveDevicesOfCheckpoints(ctx.db, ids);
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    type: row.type as CheckpointType,
    nodeCode: row.node_code,
    nodeName: row.node_name,
    location: row.location,
    longitude: row.longitude,
    latitude: row.latitude,
    active: Number(row.active) === 1,
    officers: officers
      .filter((officer) => officer.checkpoint_id === row.id)
      .map((officer) => ({ userId: officer.id, displayName: officer.display_name, username: officer.username })),
    activeDeviceCount: deviceCounts.get(row.id) ?? 0,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  }));
}

/** Loads a checkpoint of the actor's scope or throws CHECKPOINT_NOT_FOUND, so ids of other jurisdictions stay unknown. */
export async function requireCheckpoint(ctx: ServiceContext, actor: Actor, id: string, field = 'id') {
  const row = await repo.findCheckpointInScope(ctx.db, actor.scope, id);
  if (!row) throw new AppError('CHECKPOINT_NOT_FOUND', field);
  return row;
}

export async function getCheckpoint(ctx: ServiceContext, actor: Actor, id: string): Promise<CheckpointResult> {
  const [checkpoint] = await toCheckpoints(ctx, [await requireCheckpoint(ctx, actor, id)]);
  return checkpoint as CheckpointResult;
}

/**
 * Lists the checkpoints of the actor's scope. An officer gets the active ones
 * he is assigned to, wherever they are, because a roster may span jurisdictions.
 */
export async function listCheckpoints(ctx: ServiceContext, actor: Actor, includeInactive: boolean) {
  if (isOfficer(actor)) {
    const assigned = await repo.listCheckpointIdsOfOfficer(ctx.db, actor.userId ?? '');
    const ids = assigned.map((checkpoint) => checkpoint.id);
    return toCheckpoints(ctx, await repo.listCheckpoints(ctx.db, { ids, includeInactive: false }));
  }
  return toCheckpoints(ctx, await repo.listCheckpoints(ctx.db, { scope: actor.scope, includeInactive }));
}

async function requireCheckpointNode(ctx: ServiceContext, actor: Actor, code: string) {
  // A grid is a part of one community's streets, too small to run a checkpoint.
  if (isGridCode(code)) throw new AppError('JURISDICTION_NOT_FOUND', 'nodeCode');
  return requireNodeInScope(ctx.db, actor.scope, code, 'nodeCode');
}

function fieldsOf(input: object): string[] {
  return Object.keys(input).filter((key) => (input as Record<string, unknown>)[key] !== undefined);
}

export async function createCheckpoint(ctx: ServiceContext, actor: Actor, input: CreateCheckpointInput) {
  const name = requiredText(input.name, 'name');
  const location = requiredText(input.location, 'location');
  const longitude = checkCoordinate(input.longitude, 'longitude');
  const latitude = checkCoordinate(input.latitude, 'latitude');
  const node = await requireCheckpointNode(ctx, actor, input.nodeCode);

  const id = randomUUID();
  const now = ctx.clock().toISOString();
  try {
    await ctx.db.transaction().execute(async (trx) => {
      const row = {
        id,
        name,
        type: input.type,
        node_code: node.code,
        location,
        longitude,
        latitude,
        active: 1,
        created_by: actor.userId,
        created_at: now,
        updated_by: actor.userId,
        updated_at: now,
      };
      await repo.insertCheckpoint(trx, row);
      const audit = { action: 'checkpoint.create', entityType: 'checkpoint', entityId: id, nodeCode: node.code, fields: fieldsOf(input) };
      await recordAudit(trx, ctx, actor, audit, now);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('CHECKPOINT_NAME_TAKEN', 'name', { name });
    throw error;
  }
  return getCheckpoint(ctx, actor, id);
}

export async function updateCheckpoint(ctx: ServiceContext, actor: Actor, id: string, input: UpdateCheckpointInput) {
  const current = await requireCheckpoint(ctx, actor, id);
  const change: { name?: string; type?: string; location?: string; longitude?: string | null; latitude?: string | null; active?: number } =
    {};
  if (input.name !== undefined) change.name = requiredText(input.name, 'name');
  if (input.type !== undefined) change.type = input.type;
  if (input.location !== undefined) change.location = requiredText(input.location, 'location');
  if (input.longitude !== undefined) change.longitude = checkCoordinate(input.longitude, 'longitude');
  if (input.latitude !== undefined) change.latitude = checkCoordinate(input.latitude, 'latitude');
  if (input.active !== undefined) change.active = input.active ? 1 : 0;

  const fields = fieldsOf(input);
  if (fields.length === 0) return getCheckpoint(ctx, actor, id);
  const now = ctx.clock().toISOString();
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await repo.updateCheckpoint(trx, id, { ...change, updated_by: actor.userId, updated_at: now });
      const audit = { action: 'checkpoint.update', entityType: 'checkpoint', entityId: id, nodeCode: current.node_code, fields };
      await recordAudit(trx, ctx, actor, audit, now);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('CHECKPOINT_NAME_TAKEN', 'name', { name: change.name ?? current.name });
    throw error;
  }
  forgetCheckpoints(ctx);
  return getCheckpoint(ctx, actor, id);
}

/** Replaces a checkpoint's roster. Every user must be an enabled checkpoint officer in the manager's scope. */
export async function assignOfficers(ctx: ServiceContext, actor: Actor, id: string, userIds: string[]) {
  const checkpoint = await requireCheckpoint(ctx, actor, id);
  const unique = [...new Set(userIds)];
  const found = new Set((await repo.listOfficerCandidates(ctx.db, actor.scope, unique)).map((user) => user.id));
  const invalid = userIds.findIndex((userId) => !found.has(userId));
  if (invalid >= 0) throw new AppError('CHECKPOINT_OFFICER_INVALID', `userIds.${invalid}`);

  const now = ctx.clock().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    await repo.replaceOfficers(trx, id, unique, actor.userId, now);
    const audit = {
      action: 'checkpoint.assign_officers',
      entityType: 'checkpoint',
      entityId: id,
      nodeCode: checkpoint.node_code,
      fields: ['officers'],
    };
    await recordAudit(trx, ctx, actor, audit, now);
  });
  return getCheckpoint(ctx, actor, id);
}

export async function listOfficerCandidates(ctx: ServiceContext, actor: Actor) {
  const users = await repo.listOfficerCandidates(ctx.db, actor.scope);
  return users.map((user) => ({ userId: user.id, displayName: user.display_name, username: user.username, nodeName: user.node_name }));
}
