import { addCalendarDays, calendarDaysBetween, chinaCalendarDate, isCalendarDate } from '@cordon/core';
import type { Actor, Scope, ServiceContext } from '../../context/types.js';
import { AppError } from '../../errors/app-error.js';
import { requireNodeInScope } from '../jurisdictions/scope.js';
import { isoOf, isoOrNull, toQuarantineSummary } from './mapping.js';
import * as repo from './repository.js';
import { MAX_CALENDAR_DAYS, type QuarantineDetailResult, type QuarantineView } from './schemas.js';

/** Today and tomorrow in China by the service clock. */
export function chinaDaysOf(ctx: ServiceContext) {
  const today = chinaCalendarDate(ctx.clock());
  return { today, tomorrow: addCalendarDays(today, 1) };
}

/** Narrows the actor's scope to a node inside it; without a node the whole scope applies. */
export async function scopeOf(ctx: ServiceContext, actor: Actor, nodeCode: string | undefined): Promise<Scope> {
  if (nodeCode === undefined) return actor.scope;
  const node = await requireNodeInScope(ctx.db, actor.scope, nodeCode, 'nodeCode');
  return { nodeCode: node.code, nodePath: node.path };
}

/** Checks a YYYY-MM-DD value that the schema's date format let through, such as 2027-02-29 in a lenient validator. */
export function requireCalendarDate(value: string, field: string): string {
  if (!isCalendarDate(value)) throw new AppError('QUARANTINE_DATE_INVALID', field);
  return value;
}

/** Loads a quarantine in the actor's scope with its changes, or throws QUARANTINE_NOT_FOUND. */
export async function getQuarantine(ctx: ServiceContext, actor: Actor, id: string): Promise<QuarantineDetailResult> {
  const row = await repo.findQuarantineInScope(ctx.db, actor.scope, id);
  if (!row) throw new AppError('QUARANTINE_NOT_FOUND', 'id');
  const changes = await repo.listChanges(ctx.db, id);
  const { today, tomorrow } = chinaDaysOf(ctx);
  return {
    ...toQuarantineSummary(row, today, tomorrow),
    preferredLanguage: row.preferred_language,
    roomId: row.room_id,
    placeId: row.place_id,
    reason: row.reason,
    startedBy: row.started_by,
    startedByName: row.started_by_name,
    endedAt: isoOrNull(row.ended_at),
    endedBy: row.ended_by,
    endReason: row.end_reason,
    noticeNumber: row.notice_number,
    releaseNoticeNumber: row.release_notice_number,
    createdAt: isoOf(row.created_at),
    updatedAt: isoOf(row.updated_at),
    changes: changes.map((change) => ({
      kind: change.kind as QuarantineDetailResult['changes'][number]['kind'],
      previousEndOn: change.previous_end_on,
      newEndOn: change.new_end_on,
      days: change.days === null ? null : Number(change.days),
      reason: change.reason,
      changedBy: change.changed_by,
      changedByName: change.changed_by_name,
      changedAt: isoOf(change.changed_at),
    })),
  };
}

export interface QuarantineListFilter {
  view?: QuarantineView | undefined;
  nodeCode?: string | undefined;
  personId?: string | undefined;
  name?: string | undefined;
  endedOn?: string | undefined;
}

export async function listQuarantines(ctx: ServiceContext, actor: Actor, filter: QuarantineListFilter, page: number, pageSize: number) {
  const scope = await scopeOf(ctx, actor, filter.nodeCode);
  const { today, tomorrow } = chinaDaysOf(ctx);
  const repoFilter = {
    view: filter.view ?? 'active',
    today,
    tomorrow,
    personId: filter.personId,
    name: filter.name?.trim() || undefined,
    endedOn: filter.endedOn === undefined ? undefined : requireCalendarDate(filter.endedOn, 'endedOn'),
  };
  const { rows, total } = await repo.listQuarantinesInScope(ctx.db, scope, repoFilter, (page - 1) * pageSize, pageSize);
  return { total, today, items: rows.map((row) => toQuarantineSummary(row, today, tomorrow)) };
}

/** Lists the active quarantines whose planned end is a day (today when absent). */
export async function listEnding(
  ctx: ServiceContext,
  actor: Actor,
  query: { day?: string | undefined; nodeCode?: string | undefined },
  page: number,
  pageSize: number,
) {
  const scope = await scopeOf(ctx, actor, query.nodeCode);
  const { today, tomorrow } = chinaDaysOf(ctx);
  const day = query.day === undefined ? today : requireCalendarDate(query.day, 'day');
  const filter = { view: 'active' as const, today, tomorrow, plannedEndOn: day };
  const { rows, total } = await repo.listQuarantinesInScope(ctx.db, scope, filter, (page - 1) * pageSize, pageSize);
  return { day, total, items: rows.map((row) => toQuarantineSummary(row, today, tomorrow)) };
}

/** Counts the planned ends of active quarantines per day of a range of at most two months. */
export async function getCalendar(ctx: ServiceContext, actor: Actor, query: { from: string; to: string; nodeCode?: string | undefined }) {
  const from = requireCalendarDate(query.from, 'from');
  const to = requireCalendarDate(query.to, 'to');
  const span = calendarDaysBetween(from, to) + 1;
  if (span < 1 || span > MAX_CALENDAR_DAYS) throw new AppError('QUARANTINE_RANGE_INVALID', 'to', { maxDays: MAX_CALENDAR_DAYS });
  const scope = await scopeOf(ctx, actor, query.nodeCode);
  const rows = await repo.countPlannedEndsByDay(ctx.db, scope, from, to);
  const { today } = chinaDaysOf(ctx);
  return { from, to, today, days: rows.map((row) => ({ day: row.planned_end_on, count: Number(row.count) })) };
}
