import { randomUUID } from 'node:crypto';
import { cleanName, maskPersonName } from '@cordon/core';
import type { Actor, ServiceContext } from '../../context/types.js';
import type { KeyTrackingTable } from '../../db/schema-gates.js';
import { AppError } from '../../errors/app-error.js';
import { recordAudit } from '../audit/service.js';
import { findPersonWithHome } from './admin-residents.js';
import type { CreateKeyTrackingInput } from './admin-schemas.js';
import { accessibleCompoundIds, requireCompoundAccess } from './compound-access.js';
import { countTrackedEvents, listTrackedEvents, type TrackedSubject } from './key-tracking-events.js';
import { requirePlate } from './vehicles.js';

/** Trackings in one compound's list, newest first. */
const KEY_TRACKING_LIST_LIMIT = 500;

function subjectOf(row: KeyTrackingTable): TrackedSubject {
  return {
    compoundId: row.compound_id,
    plateNumber: row.plate_number,
    personId: row.person_id,
    since: row.created_at,
    until: row.ended_at,
  };
}

async function toKeyTracking(ctx: ServiceContext, row: KeyTrackingTable & { person_name: string | null }) {
  return {
    id: row.id,
    subjectType: row.subject_type as 'vehicle' | 'person',
    plateNumber: row.plate_number,
    personId: row.person_id,
    personName: row.person_name === null ? null : maskPersonName(row.person_name),
    reason: row.reason,
    createdAt: row.created_at,
    endedAt: row.ended_at,
    eventCount: await countTrackedEvents(ctx.db, subjectOf(row)),
  };
}

function trackingQuery(ctx: ServiceContext) {
  return ctx.db
    .selectFrom('key_tracking')
    .leftJoin('persons', 'persons.id', 'key_tracking.person_id')
    .selectAll('key_tracking')
    .select('persons.name as person_name');
}

export async function listKeyTracking(ctx: ServiceContext, actor: Actor, compoundId: string) {
  await requireCompoundAccess(ctx, actor, compoundId, 'manage');
  const rows = await trackingQuery(ctx)
    .where('key_tracking.compound_id', '=', compoundId)
    .orderBy('key_tracking.created_at', 'desc')
    .orderBy('key_tracking.id')
    .limit(KEY_TRACKING_LIST_LIMIT)
    .execute();
  return Promise.all(rows.map((row) => toKeyTracking(ctx, row)));
}

/** Loads a tracking whose compound the actor may reach in the mode, or throws KEY_TRACKING_NOT_FOUND. */
async function requireKeyTracking(ctx: ServiceContext, actor: Actor, id: string, mode: 'manage' | 'view') {
  const row = await trackingQuery(ctx).where('key_tracking.id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('KEY_TRACKING_NOT_FOUND', 'id');
  try {
    return { row, compound: await requireCompoundAccess(ctx, actor, row.compound_id, mode, 'id') };
  } catch (error) {
    if (error instanceof AppError && error.code === 'COMPOUND_NOT_FOUND') throw new AppError('KEY_TRACKING_NOT_FOUND', 'id');
    throw error;
  }
}

/**
 * Starts tracking (重点跟踪) a vehicle by its plate, or a person of the
 * compound's community, at one compound. One subject has at most one active
 * tracking per compound.
 */
export async function createKeyTracking(ctx: ServiceContext, actor: Actor, compoundId: string, input: CreateKeyTrackingInput) {
  const compound = await requireCompoundAccess(ctx, actor, compoundId, 'manage');
  const reason = cleanName(input.reason);
  if (reason === '') throw new AppError('FIELD_REQUIRED', 'reason');

  let plateNumber: string | null = null;
  let personId: string | null = null;
  if (input.subjectType === 'vehicle') {
    if (input.plate === undefined || input.plate.trim() === '') throw new AppError('KEY_TRACKING_SUBJECT_REQUIRED', 'plate');
    plateNumber = requirePlate(input.plate).number;
  } else {
    if (input.personId === undefined) throw new AppError('KEY_TRACKING_SUBJECT_REQUIRED', 'personId');
    const person = await findPersonWithHome(ctx.db, input.personId);
    // A file of another community looks the same as none, so ids cannot be probed across compounds.
    if (!person || (person.home_compound_id !== compound.id && person.community_code !== compound.communityCode)) {
      throw new AppError('PERSON_NOT_FOUND', 'personId');
    }
    personId = person.id;
  }

  let active = ctx.db.selectFrom('key_tracking').select('id').where('compound_id', '=', compound.id).where('ended_at', 'is', null);
  active = plateNumber !== null ? active.where('plate_number', '=', plateNumber) : active.where('person_id', '=', personId);
  if (await active.executeTakeFirst()) throw new AppError('KEY_TRACKING_ALREADY_ACTIVE', plateNumber !== null ? 'plate' : 'personId');

  const id = randomUUID();
  const now = ctx.clock().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('key_tracking')
      .values({
        id,
        compound_id: compound.id,
        subject_type: input.subjectType,
        plate_number: plateNumber,
        person_id: personId,
        reason,
        created_by: actor.userId,
        created_at: now,
        ended_at: null,
        ended_by: null,
      })
      .execute();
    const fields = ['subjectType', plateNumber !== null ? 'plate' : 'personId', 'reason'];
    await recordAudit(
      trx,
      ctx,
      actor,
      { action: 'key_tracking.create', entityType: 'key_tracking', entityId: id, nodeCode: compound.communityCode, fields },
      now,
    );
  });
  const row = await trackingQuery(ctx).where('key_tracking.id', '=', id).executeTakeFirstOrThrow();
  return toKeyTracking(ctx, row);
}

export async function endKeyTracking(ctx: ServiceContext, actor: Actor, id: string) {
  const { row, compound } = await requireKeyTracking(ctx, actor, id, 'manage');
  if (row.ended_at !== null) throw new AppError('KEY_TRACKING_ALREADY_ENDED', 'id');
  const now = ctx.clock().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('key_tracking')
      .set({ ended_at: now, ended_by: actor.userId })
      .where('id', '=', row.id)
      .where('ended_at', 'is', null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw new AppError('KEY_TRACKING_ALREADY_ENDED', 'id');
    const audit = {
      action: 'key_tracking.end',
      entityType: 'key_tracking',
      entityId: row.id,
      nodeCode: compound.communityCode,
      fields: ['endedAt'],
    };
    await recordAudit(trx, ctx, actor, audit, now);
  });
  return toKeyTracking(ctx, { ...row, ended_at: now, ended_by: actor.userId });
}

/** Gate events of a tracked subject at its compound since the tracking began (until it ended). */
export async function listKeyTrackingEvents(ctx: ServiceContext, actor: Actor, id: string) {
  const { row } = await requireKeyTracking(ctx, actor, id, 'manage');
  return listTrackedEvents(ctx.db, [subjectOf(row)]);
}

/**
 * Gate events of a person under active key tracking at any compound the
 * actor may view, for the person's file. A person not tracked at such a
 * compound gets PERSON_NOT_FOUND, so the file page shows no section.
 */
export async function listPersonGateEvents(ctx: ServiceContext, actor: Actor, personId: string) {
  const rows = await ctx.db
    .selectFrom('key_tracking')
    .selectAll()
    .where('person_id', '=', personId)
    .where('ended_at', 'is', null)
    .where('compound_id', 'in', accessibleCompoundIds(ctx.db, actor, 'view'))
    .execute();
  if (rows.length === 0) throw new AppError('PERSON_NOT_FOUND', 'personId');
  return listTrackedEvents(ctx.db, rows.map(subjectOf));
}
