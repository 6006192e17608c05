import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Actor, ServiceContext } from '../../context/types.js';
import type { Database } from '../../db/schema.js';
import { AppError } from '../../errors/app-error.js';
import { recordAudit } from '../audit/service.js';
import { findPersonIdInScope, personInScope } from '../persons/repository.js';
import * as repo from './repository.js';
import type { AdmitInput, DischargeInput, SiteStayFilter, TransferInput } from './schemas.js';
import { isUniqueViolation, requireSite } from './service.js';

export function toStay(row: repo.StayRow) {
  return {
    id: row.id,
    personId: row.person_id,
    personName: row.person_name,
    documentType: row.document_type,
    documentMasked: row.document_masked,
    phoneMasked: row.phone_masked,
    siteId: row.site_id,
    siteName: row.site_name,
    roomId: row.room_id,
    roomName: row.room_name,
    admittedAt: row.admitted_at,
    admittedByName: row.admitted_by_name,
    dischargedAt: row.discharged_at,
    dischargedByName: row.discharged_by_name,
    dischargeReason: row.discharge_reason,
    transferredToStayId: row.transferred_to_stay_id,
    notes: row.notes,
  };
}

function optionalText(value: string | null | undefined): string | null {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}

async function requireStay(ctx: ServiceContext, actor: Actor, id: string) {
  const row = await repo.findStayInScope(ctx.db, actor.scope, id);
  if (!row) throw new AppError('SITE_STAY_NOT_FOUND', 'id');
  return row;
}

async function requireOpenStay(ctx: ServiceContext, actor: Actor, id: string) {
  const row = await requireStay(ctx, actor, id);
  if (row.discharged_at !== null) throw new AppError('SITE_STAY_CLOSED', 'id');
  return row;
}

/** Loads a room for an admission or transfer: in scope, in an active site. */
async function requireTargetRoom(ctx: ServiceContext, actor: Actor, roomId: string) {
  const room = await repo.findRoomInScope(ctx.db, actor.scope, roomId);
  if (!room) throw new AppError('SITE_ROOM_NOT_FOUND', 'roomId');
  if (room.site_active !== 1) throw new AppError('SITE_INACTIVE', 'roomId', { site: room.site_name });
  return room;
}

/** Builds the 409 for a room whose last bed went, naming the room and its beds as they are now. */
async function roomFullError(trx: Transaction<Database>, roomId: string) {
  const room = await repo.findRoomOccupancy(trx, roomId);
  return new AppError('SITE_ROOM_FULL', 'roomId', { room: room.name, beds: room.beds, occupied: room.occupied });
}

/**
 * Takes a bed of the given room, or of the first room of the site with a
 * free one. Rooms are tried in turn because a concurrent admission may take
 * the bed that the list showed free. Returns the room, or throws a 409.
 */
async function claimTargetBed(
  trx: Transaction<Database>,
  target: { roomId: string } | { siteId: string; siteName: string; capacity: number },
  now: string,
): Promise<string> {
  if ('roomId' in target) {
    if (!(await repo.claimBed(trx, target.roomId, now))) throw await roomFullError(trx, target.roomId);
    return target.roomId;
  }
  for (const room of await repo.listRoomsWithFreeBeds(trx, target.siteId)) {
    if (await repo.claimBed(trx, room.id, now)) return room.id;
  }
  throw new AppError('SITE_FULL', 'siteId', { site: target.siteName, capacity: target.capacity });
}

/** Throws SITE_PERSON_ALREADY_ADMITTED naming the site of the person's open stay, if there is one. */
async function checkNoOpenStay(ctx: ServiceContext, personId: string) {
  const open = await repo.findOpenStayOfPerson(ctx.db, personId);
  if (open) throw new AppError('SITE_PERSON_ALREADY_ADMITTED', 'personId', { site: open.site_name });
}

async function resolveAdmissionTarget(ctx: ServiceContext, actor: Actor, input: AdmitInput) {
  if ((input.roomId === undefined) === (input.siteId === undefined)) throw new AppError('SITE_ADMIT_TARGET_REQUIRED', 'roomId');
  if (input.roomId !== undefined) {
    const room = await requireTargetRoom(ctx, actor, input.roomId);
    return { target: { roomId: room.id }, siteId: room.site_id, nodeCode: room.node_code };
  }
  const site = await requireSite(ctx, actor, input.siteId as string, 'siteId');
  if (site.active !== 1) throw new AppError('SITE_INACTIVE', 'siteId', { site: site.name });
  const target = { siteId: site.id, siteName: site.name, capacity: Number(site.capacity ?? 0) };
  return { target, siteId: site.id, nodeCode: site.node_code };
}

/**
 * Admits a person of the caller's scope to a room, or to any room of a site
 * with a free bed. The bed is claimed with a conditional UPDATE of the
 * room's counter in the transaction that inserts the stay, so a full room
 * gives 409 SITE_ROOM_FULL and never an extra stay.
 */
export async function admitPerson(ctx: ServiceContext, actor: Actor, input: AdmitInput) {
  const person = await ctx.db
    .selectFrom('persons')
    .select(['persons.id', 'persons.merged_into_id'])
    .where('persons.id', '=', input.personId)
    .where(personInScope(ctx.db, actor.scope))
    .executeTakeFirst();
  if (!person) throw new AppError('PERSON_NOT_FOUND', 'personId');
  // A merged file is kept only for its history: the stay belongs on the file it was merged into.
  if (person.merged_into_id !== null) throw new AppError('SITE_PERSON_MERGED', 'personId');
  const { target, siteId, nodeCode } = await resolveAdmissionTarget(ctx, actor, input);
  await checkNoOpenStay(ctx, input.personId);

  const id = randomUUID();
  const now = ctx.clock().toISOString();
  try {
    await ctx.db.transaction().execute(async (trx) => {
      const roomId = await claimTargetBed(trx, target, now);
      await trx
        .insertInto('site_stays')
        .values({
          id,
          person_id: input.personId,
          site_id: siteId,
          room_id: roomId,
          admitted_at: now,
          admitted_by: actor.userId,
          discharged_at: null,
          discharged_by: null,
          discharge_reason: null,
          transferred_to_stay_id: null,
          notes: optionalText(input.notes),
        })
        .execute();
      const fields = ['personId', 'roomId', ...(input.notes ? ['notes'] : [])];
      await recordAudit(trx, ctx, actor, { action: 'site.admit', entityType: 'site_stay', entityId: id, nodeCode, fields }, now);
    });
  } catch (error) {
    // A concurrent admission of the same person committed first: the open-stay index rejected this one.
    if (!isUniqueViolation(error)) throw error;
    await checkNoOpenStay(ctx, input.personId);
    throw error;
  }
  return toStay(await requireStay(ctx, actor, id));
}

/**
 * Moves a staying person to a room of any site in scope: closes the stay,
 * opens a new one and moves the bed, all in one transaction, so a full
 * target room leaves the person where they were.
 */
export async function transferStay(ctx: ServiceContext, actor: Actor, stayId: string, input: TransferInput) {
  const stay = await requireOpenStay(ctx, actor, stayId);
  if (input.roomId === stay.room_id) throw new AppError('SITE_TRANSFER_SAME_ROOM', 'roomId', { room: stay.room_name });
  const room = await requireTargetRoom(ctx, actor, input.roomId);

  const newId = randomUUID();
  const now = ctx.clock().toISOString();
  const reason = optionalText(input.reason);
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await repo.closeStay(trx, stayId, { now, by: actor.userId, reason }))) throw new AppError('SITE_STAY_CLOSED', 'id');
    await claimTargetBed(trx, { roomId: room.id }, now);
    await repo.releaseBed(trx, stay.room_id, now);
    await trx
      .insertInto('site_stays')
      .values({
        id: newId,
        person_id: stay.person_id,
        site_id: room.site_id,
        room_id: room.id,
        admitted_at: now,
        admitted_by: actor.userId,
        discharged_at: null,
        discharged_by: null,
        discharge_reason: null,
        transferred_to_stay_id: null,
        notes: null,
      })
      .execute();
    await trx.updateTable('site_stays').set({ transferred_to_stay_id: newId }).where('id', '=', stayId).execute();
    const fields = ['roomId', ...(reason ? ['reason'] : [])];
    await recordAudit(
      trx,
      ctx,
      actor,
      { action: 'site.transfer', entityType: 'site_stay', entityId: stayId, nodeCode: stay.node_code, fields },
      now,
    );
    // A move to a site of another jurisdiction is also recorded there, on the new stay, so its staff find it in their audit log.
    if (room.node_code !== stay.node_code) {
      await recordAudit(
        trx,
        ctx,
        actor,
        { action: 'site.transfer', entityType: 'site_stay', entityId: newId, nodeCode: room.node_code, fields },
        now,
      );
    }
  });
  const [from, to] = await Promise.all([requireStay(ctx, actor, stayId), requireStay(ctx, actor, newId)]);
  return { from: toStay(from), to: toStay(to) };
}

/** Discharges a staying person with a reason and frees the bed. */
export async function dischargeStay(ctx: ServiceContext, actor: Actor, stayId: string, input: DischargeInput) {
  const stay = await requireOpenStay(ctx, actor, stayId);
  const reason = optionalText(input.reason);
  if (reason === null) throw new AppError('FIELD_REQUIRED', 'reason');
  const now = ctx.clock().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await repo.closeStay(trx, stayId, { now, by: actor.userId, reason }))) throw new AppError('SITE_STAY_CLOSED', 'id');
    await repo.releaseBed(trx, stay.room_id, now);
    await recordAudit(
      trx,
      ctx,
      actor,
      { action: 'site.discharge', entityType: 'site_stay', entityId: stayId, nodeCode: stay.node_code, fields: ['reason'] },
      now,
    );
  });
  return toStay(await requireStay(ctx, actor, stayId));
}

export async function listSiteStays(ctx: ServiceContext, actor: Actor, siteId: string, filter: SiteStayFilter) {
  await requireSite(ctx, actor, siteId);
  const page = filter.page ?? 1;
  const pageSize = filter.pageSize ?? 20;
  const { rows, total } = await repo.listStaysOfSite(
    ctx.db,
    siteId,
    { status: filter.status ?? 'current', roomId: filter.roomId },
    (page - 1) * pageSize,
    pageSize,
  );
  return { total, items: rows.map(toStay) };
}

/**
 * Lists a person's stays at sites. The person must be in scope, and stays at
 * sites outside the caller's scope are listed too, so a community can find
 * where its resident stays. Acting on such a stay still returns 404.
 */
export async function listPersonStays(ctx: ServiceContext, actor: Actor, personId: string) {
  if (!(await findPersonIdInScope(ctx.db, actor.scope, personId))) throw new AppError('PERSON_NOT_FOUND', 'id');
  const rows = await repo.listStaysOfPerson(ctx.db, personId);
  return { total: rows.length, items: rows.map(toStay) };
}
