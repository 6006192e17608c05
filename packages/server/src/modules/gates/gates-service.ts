import { randomUUID } from 'node:crypto';
import { cleanName } from '@cordon/core';
import type { Kysely, Transaction } from 'kysely';
import type { Actor, ServiceContext } from '../../context/types.js';
import { sha256Hex } from '../../crypto/tokens.js';
import type { Database } from '../../db/schema.js';
import type { GateTable } from '../../db/schema-gates.js';
import { isUniqueViolation } from '../../db/unique-violation.js';
import { AppError } from '../../errors/app-error.js';
import { recordAudit } from '../audit/service.js';
import { forgetDeviceKeys, generateDeviceKey } from '../devices/service.js';
import type { CreateGateInput, UpdateGateInput } from './admin-schemas.js';
import { forgetDeviceGates } from './event-gate.js';
import { type AccessibleCompound, type CompoundAccessMode, requireCompoundAccess } from './compound-access.js';

type Executor = Kysely<Database> | Transaction<Database>;
type GateKind = CreateGateInput['kind'];

interface GateDeviceRow {
  id: string;
  name: string;
  gate_id: string | null;
  key_prefix: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

function toGateDevice(row: GateDeviceRow) {
  return {
    id: row.id,
    name: row.name,
    keyPrefix: row.key_prefix,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}

function toGate(row: GateTable, devices: GateDeviceRow[]) {
  return {
    id: row.id,
    compoundId: row.compound_id,
    name: row.name,
    kind: row.kind as GateKind,
    active: Number(row.active) === 1,
    devices: devices.filter((device) => device.gate_id === row.id).map(toGateDevice),
  };
}

function listDevicesOfGates(db: Executor, gateIds: string[]) {
  if (gateIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('devices')
    .select(['id', 'name', 'gate_id', 'key_prefix', 'created_at', 'last_used_at', 'revoked_at'])
    .where('gate_id', 'in', gateIds)
    .orderBy('created_at')
    .execute();
}

/** Loads a gate whose compound the actor may reach in the mode, or throws GATE_NOT_FOUND. */
export async function requireGate(ctx: ServiceContext, actor: Actor, gateId: string, mode: CompoundAccessMode, field = 'gateId') {
  const gate = await ctx.db.selectFrom('gates').selectAll().where('id', '=', gateId).executeTakeFirst();
  if (!gate) throw new AppError('GATE_NOT_FOUND', field);
  try {
    const compound = await requireCompoundAccess(ctx, actor, gate.compound_id, mode, field);
    return { gate, compound };
  } catch (error) {
    if (error instanceof AppError && error.code === 'COMPOUND_NOT_FOUND') throw new AppError('GATE_NOT_FOUND', field);
    throw error;
  }
}

async function loadGate(ctx: ServiceContext, gateId: string) {
  const gate = await ctx.db.selectFrom('gates').selectAll().where('id', '=', gateId).executeTakeFirstOrThrow();
  return toGate(gate, await listDevicesOfGates(ctx.db, [gateId]));
}

export async function listGates(ctx: ServiceContext, actor: Actor, compoundId: string) {
  await requireCompoundAccess(ctx, actor, compoundId, 'manage');
  const gates = await ctx.db.selectFrom('gates').selectAll().where('compound_id', '=', compoundId).orderBy('name').execute();
  const devices = await listDevicesOfGates(
    ctx.db,
    gates.map((gate) => gate.id),
  );
  return gates.map((gate) => toGate(gate, devices));
}

function requireGateName(input: string): string {
  const name = cleanName(input);
  if (name === '') throw new AppError('FIELD_REQUIRED', 'name');
  return name;
}

async function rejectTakenName(ctx: ServiceContext, compoundId: string, name: string, exceptId: string | null) {
  let query = ctx.db.selectFrom('gates').select('id').where('compound_id', '=', compoundId).where('name', '=', name);
  if (exceptId) query = query.where('id', '!=', exceptId);
  if (await query.executeTakeFirst()) throw new AppError('GATE_NAME_TAKEN', 'name', { name });
}

/** Runs a write that may hit the unique (compound, name) of gates when two requests race. */
async function withNameCheck<T>(name: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('GATE_NAME_TAKEN', 'name', { name });
    throw error;
  }
}

export async function createGate(ctx: ServiceContext, actor: Actor, compoundId: string, input: CreateGateInput) {
  const compound = await requireCompoundAccess(ctx, actor, compoundId, 'manage');
  const name = requireGateName(input.name);
  await rejectTakenName(ctx, compound.id, name, null);

  const id = randomUUID();
  const now = ctx.clock().toISOString();
  await withNameCheck(name, () =>
    ctx.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('gates')
        .values({
          id,
          compound_id: compound.id,
          name,
          kind: input.kind,
          active: 1,
          created_by: actor.userId,
          created_at: now,
          updated_by: actor.userId,
          updated_at: now,
        })
        .execute();
      const audit = { action: 'gate.create', entityType: 'gate', entityId: id, nodeCode: compound.communityCode, fields: ['name', 'kind'] };
      await recordAudit(trx, ctx, actor, audit, now);
    }),
  );
  return loadGate(ctx, id);
}

export async function updateGate(ctx: ServiceContext, actor: Actor, gateId: string, input: UpdateGateInput) {
  const { gate, compound } = await requireGate(ctx, actor, gateId, 'manage');
  const changes: Partial<GateTable> = {};
  if (input.name !== undefined) {
    const name = requireGateName(input.name);
    if (name !== gate.name) {
      await rejectTakenName(ctx, gate.compound_id, name, gate.id);
      changes.name = name;
    }
  }
  if (input.kind !== undefined && input.kind !== gate.kind) changes.kind = input.kind;
  if (input.active !== undefined && (input.active ? 1 : 0) !== Number(gate.active)) changes.active = input.active ? 1 : 0;
  const fields = Object.keys(changes);
  if (fields.length === 0) return loadGate(ctx, gate.id);

  const now = ctx.clock().toISOString();
  await withNameCheck(changes.name ?? gate.name, () =>
    ctx.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('gates')
        .set({ ...changes, updated_by: actor.userId, updated_at: now })
        .where('id', '=', gate.id)
        .execute();
      const audit = { action: 'gate.update', entityType: 'gate', entityId: gate.id, nodeCode: compound.communityCode, fields };
      await recordAudit(trx, ctx, actor, audit, now);
    }),
  );
  // Devices keep their gate's name and active flag for a few seconds; a deactivated gate must refuse events at once.
  forgetDeviceGates(ctx);
  return loadGate(ctx, gate.id);
}

/**
 * Creates a device key bound to a gate: kind gate, the compound's community
 * as its node. The key is returned once; only its SHA-256 is stored.
 */
export async function createGateDevice(ctx: ServiceContext, actor: Actor, gateId: string, input: { name: string }) {
  const { gate, compound } = await requireGate(ctx, actor, gateId, 'manage');
  if (Number(gate.active) !== 1) throw new AppError('GATE_DISABLED', 'gateId', { gate: gate.name });
  const name = cleanName(input.name);
  if (name === '') throw new AppError('FIELD_REQUIRED', 'name');

  const { key, keyPrefix } = generateDeviceKey();
  const id = randomUUID();
  const now = ctx.clock().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('devices')
      .values({
        id,
        name,
        kind: 'gate',
        node_code: compound.communityCode,
        key_hash: sha256Hex(key),
        key_prefix: keyPrefix,
        created_by: actor.userId,
        created_at: now,
        last_used_at: null,
        revoked_at: null,
        checkpoint_id: null,
        gate_id: gate.id,
      })
      .execute();
    const audit = {
      action: 'gate_device.create',
      entityType: 'device',
      entityId: id,
      nodeCode: compound.communityCode,
      fields: ['name', 'gateId'],
    };
    await recordAudit(trx, ctx, actor, audit, now);
  });
  const device = await ctx.db
    .selectFrom('devices')
    .select(['id', 'name', 'gate_id', 'key_prefix', 'created_at', 'last_used_at', 'revoked_at'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return { device: toGateDevice(device), key };
}

/** Revokes a gate device's key; the device is refused at once on this instance and within the key cache time elsewhere. */
export async function revokeGateDevice(ctx: ServiceContext, actor: Actor, deviceId: string) {
  const device = await ctx.db
    .selectFrom('devices')
    .select(['id', 'name', 'gate_id', 'key_prefix', 'created_at', 'last_used_at', 'revoked_at'])
    .where('id', '=', deviceId)
    .executeTakeFirst();
  if (!device || device.gate_id === null) throw new AppError('DEVICE_NOT_FOUND', 'deviceId');
  let compound: AccessibleCompound;
  try {
    compound = (await requireGate(ctx, actor, device.gate_id, 'manage', 'deviceId')).compound;
  } catch (error) {
    if (error instanceof AppError && error.code === 'GATE_NOT_FOUND') throw new AppError('DEVICE_NOT_FOUND', 'deviceId');
    throw error;
  }
  if (device.revoked_at) throw new AppError('DEVICE_ALREADY_REVOKED', 'deviceId');

  const now = ctx.clock().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('devices').set({ revoked_at: now }).where('id', '=', device.id).execute();
    const audit = {
      action: 'gate_device.revoke',
      entityType: 'device',
      entityId: device.id,
      nodeCode: compound.communityCode,
      fields: ['revokedAt'],
    };
    await recordAudit(trx, ctx, actor, audit, now);
  });
  forgetDeviceKeys(ctx);
  return toGateDevice({ ...device, revoked_at: now });
}
