import { randomUUID } from 'node:crypto';
import {
  addCalendarDays,
  endQuarantineEarly,
  extendQuarantine,
  formatNoticeNumber,
  MAX_EXTENSION_DAYS,
  MAX_QUARANTINE_DAYS,
  MIN_EXTENSION_DAYS,
  MIN_QUARANTINE_DAYS,
  type NoticeKind,
  planQuarantine,
  type QuarantinePeriod,
  type QuarantinePeriodErrorCode,
  releaseQuarantine,
} from '@cordon/core';
import type { Transaction } from 'kysely';
import type { Actor, ServiceContext } from '../../context/types.js';
import type { Database } from '../../db/schema.js';
import { AppError } from '../../errors/app-error.js';
import { recordAudit } from '../audit/service.js';
import { revokePassesOfPerson } from '../gates/passes.js';
import { cleanOptional } from '../persons/input.js';
import { findPersonRowInScope } from '../persons/repository.js';
import { resolveQuarantinePlace } from './place.js';
import * as repo from './repository.js';
import { MAX_START_DAYS_BACK, type StartQuarantineInput } from './schemas.js';
import { chinaDaysOf, getQuarantine, requireCalendarDate } from './service.js';
import { loadNoticePrefix, loadQuarantineDays } from './settings.js';

const ENTITY_TYPE = 'home_quarantine';

/** True for a violation of a unique constraint, on PostgreSQL (23505) or SQLite. */
function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/** Converts an error code of the core period rules into the client error, with the field and the limits it names. */
function periodError(code: QuarantinePeriodErrorCode, period?: { plannedEndOn: string }): AppError {
  switch (code) {
    case 'QUARANTINE_DAYS_OUT_OF_RANGE':
      return new AppError(code, 'days', { min: MIN_QUARANTINE_DAYS, max: MAX_QUARANTINE_DAYS });
    case 'QUARANTINE_EXTENSION_DAYS_OUT_OF_RANGE':
      return new AppError(code, 'days', { min: MIN_EXTENSION_DAYS, max: MAX_EXTENSION_DAYS });
    case 'QUARANTINE_RELEASE_TOO_EARLY':
    case 'QUARANTINE_END_EARLY_TOO_LATE':
      return new AppError(code, undefined, { plannedEndOn: period?.plannedEndOn ?? '' });
    case 'QUARANTINE_DATE_INVALID':
      return new AppError(code, 'startOn');
    case 'QUARANTINE_NOT_ACTIVE':
      return new AppError(code);
  }
}

function requireReason(input: string | undefined, field = 'reason'): string {
  const reason = cleanOptional(input ?? null);
  if (reason === null) throw new AppError('FIELD_REQUIRED', field);
  return reason;
}

/** Gives the next document number of a kind, in the year of `day`, inside the caller's transaction. */
async function allocateNoticeNumber(trx: Transaction<Database>, kind: NoticeKind, day: string): Promise<string> {
  const year = Number(day.slice(0, 4));
  const prefix = await loadNoticePrefix(trx, kind);
  const sequence = await repo.allocateNoticeSequence(trx, kind, year);
  return formatNoticeNumber(prefix, year, sequence);
}

async function rejectActiveQuarantine(ctx: ServiceContext, personId: string): Promise<void> {
  const active = await repo.findActiveQuarantineOfPerson(ctx.db, personId);
  if (!active) return;
  throw new AppError('QUARANTINE_ALREADY_ACTIVE', 'personId', {
    quarantineId: active.id,
    startOn: active.start_on,
    plannedEndOn: active.planned_end_on,
  });
}

/**
 * Starts a home quarantine for a person file in scope. The start day is day 1
 * (today unless given, at most 30 days back for a quarantine entered late),
 * and the notice's document number is given in the same transaction.
 */
export async function startQuarantine(ctx: ServiceContext, actor: Actor, input: StartQuarantineInput) {
  const person = await findPersonRowInScope(ctx.db, actor.scope, input.personId);
  if (!person || person.merged_into_id !== null) throw new AppError('PERSON_NOT_FOUND', 'personId');
  // Checked first: a second start is refused as such, whatever else its form lacks.
  await rejectActiveQuarantine(ctx, person.id);

  const { today } = chinaDaysOf(ctx);
  const startOn = input.startOn === undefined ? today : requireCalendarDate(input.startOn, 'startOn');
  const earliest = addCalendarDays(today, -MAX_START_DAYS_BACK);
  if (startOn > today || startOn < earliest) {
    throw new AppError('QUARANTINE_START_OUT_OF_RANGE', 'startOn', { earliest, latest: today, days: MAX_START_DAYS_BACK });
  }
  const days = input.days ?? (await loadQuarantineDays(ctx.db));
  const plan = planQuarantine(startOn, days);
  if (!plan.ok) throw periodError(plan.code);
  const reason = requireReason(input.reason);
  const place = await resolveQuarantinePlace(ctx, actor, person, input);
  // TODO: a person admitted to a site (a site stay without discharge) can still be put under home quarantine.

  const id = randomUUID();
  const now = ctx.clock().toISOString();
  try {
    await ctx.db.transaction().execute(async (trx) => {
      const noticeNumber = await allocateNoticeNumber(trx, 'notice', today);
      await repo.insertQuarantine(trx, {
        id,
        person_id: person.id,
        community_code: person.community_code,
        grid_code: person.grid_code ?? place.gridCode,
        start_on: plan.value.startOn,
        planned_end_on: plan.value.plannedEndOn,
        status: 'active',
        room_id: place.roomId,
        place_id: place.placeId,
        address_text: place.addressText,
        reason,
        started_by: actor.userId,
        ended_on: null,
        ended_at: null,
        ended_by: null,
        end_reason: null,
        notice_number: noticeNumber,
        release_notice_number: null,
        created_at: now,
        updated_at: now,
      });
      const fields = ['personId', 'startOn', 'plannedEndOn', 'reason', 'place', 'noticeNumber'];
      await recordAudit(
        trx,
        ctx,
        actor,
        { action: 'quarantine.start', entityType: ENTITY_TYPE, entityId: id, nodeCode: person.community_code, fields },
        now,
      );
      // A person under home quarantine may not pass the gates of his compound.
      await revokePassesOfPerson(trx, ctx, person.id, 'home_quarantine', now, actor);
    });
  } catch (error) {
    // Two starts for one person raced, and the partial unique index let only the first through.
    if (!isUniqueViolation(error)) throw error;
    await rejectActiveQuarantine(ctx, person.id);
    throw error;
  }
  return getQuarantine(ctx, actor, id);
}

/** Loads an active-or-ended quarantine in scope as the core rules see it. */
async function loadPeriod(ctx: ServiceContext, actor: Actor, id: string) {
  const row = await repo.findQuarantineInScope(ctx.db, actor.scope, id);
  if (!row) throw new AppError('QUARANTINE_NOT_FOUND', 'id');
  const period: QuarantinePeriod = {
    startOn: row.start_on,
    plannedEndOn: row.planned_end_on,
    status: row.status as QuarantinePeriod['status'],
  };
  return { row, period };
}

interface Transition {
  action: string;
  kind: 'extended' | 'ended_early' | 'released';
  newEndOn: string;
  days: number | null;
  reason: string | null;
  fields: string[];
  changes: (trx: Transaction<Database>) => Promise<Parameters<typeof repo.updateActiveQuarantine>[3]>;
}

/** Applies a change to an active quarantine with its change row and audit entry, in one transaction. */
async function applyTransition(
  ctx: ServiceContext,
  actor: Actor,
  id: string,
  row: { planned_end_on: string; community_code: string },
  transition: Transition,
) {
  const now = ctx.clock().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    const changes = await transition.changes(trx);
    const updated = await repo.updateActiveQuarantine(trx, id, row.planned_end_on, { ...changes, updated_at: now });
    if (!updated) throw new AppError('QUARANTINE_CHANGED_CONCURRENTLY');
    await repo.insertChange(trx, {
      id: randomUUID(),
      quarantine_id: id,
      kind: transition.kind,
      previous_end_on: row.planned_end_on,
      new_end_on: transition.newEndOn,
      days: transition.days,
      reason: transition.reason,
      changed_by: actor.userId,
      changed_at: now,
    });
    const audit = {
      action: transition.action,
      entityType: ENTITY_TYPE,
      entityId: id,
      nodeCode: row.community_code,
      fields: transition.fields,
    };
    await recordAudit(trx, ctx, actor, audit, now);
  });
  return getQuarantine(ctx, actor, id);
}

/** Moves the planned end of an active quarantine later by 1 to 30 days, keeping the previous end and the reason. */
export async function extendActiveQuarantine(ctx: ServiceContext, actor: Actor, id: string, input: { days: number; reason: string }) {
  const { row, period } = await loadPeriod(ctx, actor, id);
  const result = extendQuarantine(period, input.days);
  if (!result.ok) throw periodError(result.code, period);
  const reason = requireReason(input.reason);
  const plannedEndOn = result.value.plannedEndOn;
  return applyTransition(ctx, actor, id, row, {
    action: 'quarantine.extend',
    kind: 'extended',
    newEndOn: plannedEndOn,
    days: input.days,
    reason,
    fields: ['plannedEndOn', 'reason'],
    changes: async () => ({ planned_end_on: plannedEndOn }),
  });
}

/** Ends an active quarantine before its planned end day, with a reason. */
export async function endActiveQuarantineEarly(ctx: ServiceContext, actor: Actor, id: string, input: { reason: string }) {
  const { row, period } = await loadPeriod(ctx, actor, id);
  const { today } = chinaDaysOf(ctx);
  const result = endQuarantineEarly(period, today);
  if (!result.ok) throw periodError(result.code, period);
  const reason = requireReason(input.reason);
  const now = ctx.clock().toISOString();
  return applyTransition(ctx, actor, id, row, {
    action: 'quarantine.end_early',
    kind: 'ended_early',
    newEndOn: result.value.endedOn,
    days: null,
    reason,
    fields: ['status', 'endedOn', 'endReason'],
    changes: async () => ({
      status: 'ended_early',
      ended_on: result.value.endedOn,
      ended_at: now,
      ended_by: actor.userId,
      end_reason: reason,
    }),
  });
}

/** Releases an active quarantine from its planned end day on, and gives the release notice its document number. */
export async function releaseActiveQuarantine(ctx: ServiceContext, actor: Actor, id: string, input: { note?: string | undefined }) {
  const { row, period } = await loadPeriod(ctx, actor, id);
  const { today } = chinaDaysOf(ctx);
  const result = releaseQuarantine(period, today);
  if (!result.ok) throw periodError(result.code, period);
  const note = cleanOptional(input.note ?? null);
  const now = ctx.clock().toISOString();
  return applyTransition(ctx, actor, id, row, {
    action: 'quarantine.release',
    kind: 'released',
    newEndOn: result.value.endedOn,
    days: null,
    reason: note,
    fields: ['status', 'endedOn', 'releaseNoticeNumber', ...(note ? ['endReason'] : [])],
    changes: async (trx) => ({
      status: 'released',
      ended_on: result.value.endedOn,
      ended_at: now,
      ended_by: actor.userId,
      end_reason: note,
      release_notice_number: await allocateNoticeNumber(trx, 'release', today),
    }),
  });
}
