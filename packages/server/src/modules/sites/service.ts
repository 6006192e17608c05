import { randomUUID } from 'node:crypto';
import { cleanName } from '@cordon/core';
import type { Actor, ServiceContext } from '../../context/types.js';
import { AppError } from '../../errors/app-error.js';
import { recordAudit } from '../audit/service.js';
import { isGridCode, requireNodeInScope } from '../jurisdictions/scope.js';
import * as repo from './repository.js';
import type { CreateRoomInput, CreateSiteInput, SiteListFilter, SiteType, UpdateRoomInput, UpdateSiteInput } from './schemas.js';

/** True for a violation of a unique constraint, on PostgreSQL (23505) or SQLite. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/** True for a violation of a foreign key, on PostgreSQL (23503) or SQLite. */
function isForeignKeyViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}

export function toRoom(row: repo.RoomRow) {
  return {
    id: row.id,
    siteId: row.site_id,
    name: row.name,
    beds: row.beds,
    occupied: row.occupied,
    free: row.beds - row.occupied,
    notes: row.notes,
  };
}

export function toSite(row: repo.SiteRow) {
  const capacity = Number(row.capacity ?? 0);
  const occupied = Number(row.occupied ?? 0);
  return {
    id: row.id,
    name: row.name,
    type: row.type as SiteType,
    nodeCode: row.node_code,
    nodeName: row.node_name,
    address: row.address,
    contact: row.contact,
    notes: row.notes,
    active: row.active === 1,
    roomCount: Number(row.room_count ?? 0),
    capacity,
    occupied,
    free: capacity - occupied,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Trims free text and turns a blank value into null. */
function optionalText(value: string | null | undefined): string | null {
  if (value === undefined || value === null) return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

function requiredName(value: string, field: string): string {
  const name = cleanName(value);
  if (name === '') throw new AppError('FIELD_REQUIRED', field);
  return name;
}

export async function requireSite(ctx: ServiceContext, actor: Actor, id: string, field = 'id') {
  const row = await repo.findSiteInScope(ctx.db, actor.scope, id);
  if (!row) throw new AppError('SITE_NOT_FOUND', field);
  return row;
}

async function requireRoom(ctx: ServiceContext, actor: Actor, id: string, field = 'id') {
  const row = await repo.findRoomInScope(ctx.db, actor.scope, id);
  if (!row) throw new AppError('SITE_ROOM_NOT_FOUND', field);
  return row;
}

/** Loads the jurisdiction that will run a site: in scope, and not a grid, because grids run no premises. */
async function requireSiteNode(ctx: ServiceContext, actor: Actor, code: string) {
  const node = await requireNodeInScope(ctx.db, actor.scope, code, 'nodeCode');
  if (isGridCode(node.code) || node.level === 'grid') throw new AppError('SITE_NODE_LEVEL_INVALID', 'nodeCode');
  return node;
}

export async function listSites(ctx: ServiceContext, actor: Actor, filter: SiteListFilter) {
  const page = filter.page ?? 1;
  const pageSize = filter.pageSize ?? 20;
  let scope = actor.scope;
  if (filter.nodeCode !== undefined) {
    const node = await requireNodeInScope(ctx.db, actor.scope, filter.nodeCode, 'nodeCode');
    scope = { nodeCode: node.code, nodePath: node.path };
  }
  const { rows, total, all } = await repo.listSitesInScope(ctx.db, scope, filter, (page - 1) * pageSize, pageSize);
  const sites = all.map(toSite);
  return {
    total,
    items: rows.map(toSite),
    totals: {
      capacity: sites.reduce((sum, site) => sum + site.capacity, 0),
      occupied: sites.reduce((sum, site) => sum + site.occupied, 0),
    },
  };
}

export async function getSite(ctx: ServiceContext, actor: Actor, id: string) {
  const site = await requireSite(ctx, actor, id);
  const rooms = await repo.listRoomsOfSite(ctx.db, id);
  return { ...toSite(site), rooms: rooms.map(toRoom) };
}

export async function createSite(ctx: ServiceContext, actor: Actor, input: CreateSiteInput) {
  const node = await requireSiteNode(ctx, actor, input.nodeCode);
  const name = requiredName(input.name, 'name');
  const address = optionalText(input.address);
  if (address === null) throw new AppError('FIELD_REQUIRED', 'address');
  if (await repo.findSiteByName(ctx.db, node.code, name)) throw new AppError('SITE_NAME_TAKEN', 'name', { name });

  const id = randomUUID();
  const now = ctx.clock().toISOString();
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('sites')
        .values({
          id,
          name,
          type: input.type,
          node_code: node.code,
          address,
          contact: optionalText(input.contact),
          notes: optionalText(input.notes),
          active: input.active === false ? 0 : 1,
          created_by: actor.userId,
          created_at: now,
          updated_by: actor.userId,
          updated_at: now,
        })
        .execute();
      const fields = Object.keys(input).filter((key) => (input as Record<string, unknown>)[key] !== undefined);
      await recordAudit(trx, ctx, actor, { action: 'site.create', entityType: 'site', entityId: id, nodeCode: node.code, fields }, now);
    });
  } catch (error) {
    // Another request created a site of the same name in the same jurisdiction since the check above.
    if (isUniqueViolation(error)) throw new AppError('SITE_NAME_TAKEN', 'name', { name });
    throw error;
  }
  return getSite(ctx, actor, id);
}

export async function updateSite(ctx: ServiceContext, actor: Actor, id: string, input: UpdateSiteInput) {
  const current = await requireSite(ctx, actor, id);
  const change: {
    name?: string;
    type?: string;
    node_code?: string;
    address?: string;
    contact?: string | null;
    notes?: string | null;
    active?: number;
  } = {};
  if (input.name !== undefined) change.name = requiredName(input.name, 'name');
  if (input.type !== undefined) change.type = input.type;
  if (input.nodeCode !== undefined) change.node_code = (await requireSiteNode(ctx, actor, input.nodeCode)).code;
  if (input.address !== undefined) {
    const address = optionalText(input.address);
    if (address === null) throw new AppError('FIELD_REQUIRED', 'address');
    change.address = address;
  }
  if (input.contact !== undefined) change.contact = optionalText(input.contact);
  if (input.notes !== undefined) change.notes = optionalText(input.notes);
  if (input.active !== undefined) change.active = input.active ? 1 : 0;

  const name = change.name ?? current.name;
  const nodeCode = change.node_code ?? current.node_code;
  const other = await repo.findSiteByName(ctx.db, nodeCode, name);
  if (other && other.id !== id) throw new AppError('SITE_NAME_TAKEN', 'name', { name });

  const fields = Object.keys(input).filter((key) => (input as Record<string, unknown>)[key] !== undefined);
  if (fields.length === 0) return getSite(ctx, actor, id);
  const now = ctx.clock().toISOString();
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('sites')
        .set({ ...change, updated_by: actor.userId, updated_at: now })
        .where('id', '=', id)
        .execute();
      await recordAudit(trx, ctx, actor, { action: 'site.update', entityType: 'site', entityId: id, nodeCode, fields }, now);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('SITE_NAME_TAKEN', 'name', { name });
    throw error;
  }
  return getSite(ctx, actor, id);
}

/**
 * Deletes a site that never admitted anyone, with its rooms. A site with
 * stays keeps them as history, so it can only be deactivated.
 */
export async function deleteSite(ctx: ServiceContext, actor: Actor, id: string) {
  const site = await requireSite(ctx, actor, id);
  const now = ctx.clock().toISOString();
  try {
    await ctx.db.transaction().execute(async (trx) => {
      const stays = Number((await repo.countStaysOfSite(trx, id)).count);
      if (stays > 0) throw new AppError('SITE_IN_USE', 'id', { stays });
      await trx.deleteFrom('site_rooms').where('site_id', '=', id).execute();
      await trx.deleteFrom('sites').where('id', '=', id).execute();
      await recordAudit(trx, ctx, actor, { action: 'site.delete', entityType: 'site', entityId: id, nodeCode: site.node_code }, now);
    });
  } catch (error) {
    // On PostgreSQL an admission can commit between the count and the delete; its stay then blocks the delete.
    if (!isForeignKeyViolation(error)) throw error;
    const stays = Number((await repo.countStaysOfSite(ctx.db, id)).count);
    throw new AppError('SITE_IN_USE', 'id', { stays });
  }
}

export async function createRoom(ctx: ServiceContext, actor: Actor, siteId: string, input: CreateRoomInput) {
  const site = await requireSite(ctx, actor, siteId);
  const name = requiredName(input.name, 'name');
  if (await repo.findRoomByName(ctx.db, siteId, name)) throw new AppError('SITE_ROOM_NAME_TAKEN', 'name', { name });

  const id = randomUUID();
  const now = ctx.clock().toISOString();
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('site_rooms')
        .values({
          id,
          site_id: siteId,
          name,
          beds: input.beds,
          occupied: 0,
          notes: optionalText(input.notes),
          created_at: now,
          updated_at: now,
          removed_at: null,
        })
        .execute();
      const fields = Object.keys(input).filter((key) => (input as Record<string, unknown>)[key] !== undefined);
      await recordAudit(
        trx,
        ctx,
        actor,
        { action: 'site_room.create', entityType: 'site_room', entityId: id, nodeCode: site.node_code, fields },
        now,
      );
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('SITE_ROOM_NAME_TAKEN', 'name', { name });
    throw error;
  }
  return toRoom(await requireRoom(ctx, actor, id));
}

/** Edits a room. Beds may not drop below the persons staying there, checked in the same UPDATE that sets them. */
export async function updateRoom(ctx: ServiceContext, actor: Actor, id: string, input: UpdateRoomInput) {
  const room = await requireRoom(ctx, actor, id);
  const name = input.name !== undefined ? requiredName(input.name, 'name') : room.name;
  if (input.name !== undefined) {
    const other = await repo.findRoomByName(ctx.db, room.site_id, name);
    if (other && other.id !== id) throw new AppError('SITE_ROOM_NAME_TAKEN', 'name', { name });
  }
  const fields = Object.keys(input).filter((key) => (input as Record<string, unknown>)[key] !== undefined);
  if (fields.length === 0) return toRoom(room);

  const now = ctx.clock().toISOString();
  try {
    await ctx.db.transaction().execute(async (trx) => {
      if (input.beds !== undefined && !(await repo.setRoomBeds(trx, id, input.beds, now))) {
        const occupancy = await repo.findRoomOccupancy(trx, id);
        throw new AppError('SITE_ROOM_BEDS_BELOW_OCCUPANCY', 'beds', {
          room: occupancy.name,
          beds: input.beds,
          occupied: occupancy.occupied,
        });
      }
      const change: { name?: string; notes?: string | null } = {};
      if (input.name !== undefined) change.name = name;
      if (input.notes !== undefined) change.notes = optionalText(input.notes);
      if (Object.keys(change).length > 0) {
        await trx
          .updateTable('site_rooms')
          .set({ ...change, updated_at: now })
          .where('id', '=', id)
          .execute();
      }
      await recordAudit(
        trx,
        ctx,
        actor,
        { action: 'site_room.update', entityType: 'site_room', entityId: id, nodeCode: room.node_code, fields },
        now,
      );
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('SITE_ROOM_NAME_TAKEN', 'name', { name });
    throw error;
  }
  return toRoom(await requireRoom(ctx, actor, id));
}

/** Removes an empty room from its site. The row stays for the stays that name it. */
export async function removeRoom(ctx: ServiceContext, actor: Actor, id: string) {
  const room = await requireRoom(ctx, actor, id);
  const now = ctx.clock().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await repo.removeEmptyRoom(trx, id, now))) {
      const occupancy = await repo.findRoomOccupancy(trx, id);
      throw new AppError('SITE_ROOM_OCCUPIED', 'id', { room: occupancy.name, occupied: occupancy.occupied });
    }
    await recordAudit(
      trx,
      ctx,
      actor,
      { action: 'site_room.remove', entityType: 'site_room', entityId: id, nodeCode: room.node_code },
      now,
    );
  });
}
