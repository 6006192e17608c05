import { maskPersonName } from '@cordon/core';
import type { Actor, Scope, ServiceContext } from '../../context/types.js';
import { AppError } from '../../errors/app-error.js';
import { recordAudit } from '../audit/service.js';
import { compoundIdsOfGuard } from '../gates/compound-access.js';
import { requireNodeInScope } from '../jurisdictions/scope.js';
import type { AlertSeverity, AlertStatus } from './raise.js';
import * as repo from './repository.js';
import type { AlertItemResult, AlertListFilter } from './schemas.js';

/** Normalizes a timestamp from the database (ISO text on SQLite, parsed timestamptz on PostgreSQL). */
function isoOrNull(value: string | null): string | null {
  return value === null ? null : new Date(value).toISOString();
}

function parseDetails(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

export function toAlertItem(row: repo.AlertItemRow): AlertItemResult {
  return {
    id: row.id,
    kind: row.kind,
    severity: row.severity as AlertSeverity,
    status: row.status as AlertStatus,
    nodeCode: row.node_code,
    nodeName: row.node_name,
    personId: row.person_id,
    personName: row.person_name ?? null,
    taskId: row.task_id,
    details: parseDetails(row.details),
    createdAt: new Date(row.created_at).toISOString(),
    acknowledgedAt: isoOrNull(row.acknowledged_at),
    acknowledgedById: row.acknowledged_by,
    acknowledgedByName: row.acknowledged_by_name ?? null,
    resolvedAt: isoOrNull(row.resolved_at),
    resolvedById: row.resolved_by,
    resolvedByName: row.resolved_by_name ?? null,
    resolutionNote: row.resolution_note,
  };
}

/**
 * Gate guards (property staff and volunteers) see who an alert is about only
 * as a masked name, as the gate pages show pass holders; office staff see the name.
 */
export function shownTo(item: AlertItemResult, compoundLimited: boolean): AlertItemResult {
  if (!compoundLimited || item.personName === null) return item;
  return { ...item, personName: maskPersonName(item.personName) };
}

/** Returns the time of an alert's latest change, which a stream sends as the event id. */
export function lastChangeOf(item: AlertItemResult): string {
  return (
    [item.createdAt, item.acknowledgedAt, item.resolvedAt]
      .filter((value) => value !== null)
      .sort()
      .at(-1) ?? item.createdAt
  );
}

async function scopeOf(ctx: ServiceContext, actor: Actor, nodeCode: string | undefined): Promise<Scope> {
  if (nodeCode === undefined) return actor.scope;
  const node = await requireNodeInScope(ctx.db, actor.scope, nodeCode, 'nodeCode');
  return { nodeCode: node.code, nodePath: node.path };
}

/** Gate guards see the alerts of the compounds they manage; every other role those of its subtree. */
export async function audienceOf(ctx: ServiceContext, actor: Actor, scope: Scope = actor.scope): Promise<repo.AlertAudience> {
  if (actor.role !== 'gate_guard') return { scope, compoundIds: null };
  return { scope, compoundIds: actor.userId ? await compoundIdsOfGuard(ctx.db, actor.userId) : [] };
}

function isoFilter(value: string | undefined): string | undefined {
  return value === undefined ? undefined : new Date(value).toISOString();
}

export async function listAlerts(ctx: ServiceContext, actor: Actor, filter: AlertListFilter, page: number, pageSize: number) {
  const scope = await scopeOf(ctx, actor, filter.nodeCode);
  const { rows, total } = await repo.listAlertsInScope(
    ctx.db,
    await audienceOf(ctx, actor, scope),
    { status: filter.status, kind: filter.kind, severity: filter.severity, from: isoFilter(filter.from), to: isoFilter(filter.to) },
    (page - 1) * pageSize,
    pageSize,
  );
  return { total, items: rows.map((row) => shownTo(toAlertItem(row), actor.role === 'gate_guard')) };
}

export async function getAlert(ctx: ServiceContext, actor: Actor, id: string) {
  const row = await repo.findAlertInScope(ctx.db, await audienceOf(ctx, actor), id);
  if (!row) throw new AppError('ALERT_NOT_FOUND', 'id');
  return shownTo(toAlertItem(row), actor.role === 'gate_guard');
}

export async function countAlerts(ctx: ServiceContext, actor: Actor) {
  return repo.countAlertsByStatus(ctx.db, await audienceOf(ctx, actor));
}

/** Builds the 409 for an alert that has already left the status a transition starts from. */
function statusConflict(status: string): AppError {
  return new AppError(status === 'resolved' ? 'ALERT_ALREADY_RESOLVED' : 'ALERT_ALREADY_ACKNOWLEDGED', 'status');
}

/**
 * Runs a status transition in one transaction with its audit entry, then
 * announces the change to the open streams. `apply` returns false when the
 * conditional UPDATE matched no row because the status had already changed.
 */
async function transition(
  ctx: ServiceContext,
  actor: Actor,
  id: string,
  action: 'alert.acknowledge' | 'alert.resolve',
  fields: string[],
  apply: (trx: Parameters<typeof repo.markAlertAcknowledged>[0], now: string) => Promise<boolean>,
) {
  const now = ctx.clock().toISOString();
  const audience = await audienceOf(ctx, actor);
  const nodeCode = await ctx.db.transaction().execute(async (trx) => {
    const alert = await repo.findAlertInScope(trx, audience, id);
    if (!alert) throw new AppError('ALERT_NOT_FOUND', 'id');
    if (!(await apply(trx, now))) {
      const current = await repo.findAlertStatus(trx, id);
      throw statusConflict(current?.status ?? alert.status);
    }
    await recordAudit(trx, ctx, actor, { action, entityType: 'alert', entityId: id, nodeCode: alert.node_code, fields }, now);
    return alert.node_code;
  });
  await ctx.events.announceAlerts([{ alertId: id, nodeCode, change: 'updated' }]);
  return getAlert(ctx, actor, id);
}

/** Moves a new alert to acknowledged; 409 when it has been acknowledged or resolved, also by a concurrent request. */
export function acknowledgeAlert(ctx: ServiceContext, actor: Actor, id: string) {
  return transition(ctx, actor, id, 'alert.acknowledge', ['status'], (trx, now) => repo.markAlertAcknowledged(trx, id, actor.userId, now));
}

/** Moves a new or acknowledged alert to resolved, with an optional note; 409 when it is already resolved. */
export function resolveAlert(ctx: ServiceContext, actor: Actor, id: string, note: string | undefined) {
  const trimmed = note?.trim() ? note.trim() : null;
  const fields = trimmed === null ? ['status'] : ['status', 'resolution_note'];
  return transition(ctx, actor, id, 'alert.resolve', fields, (trx, now) => repo.markAlertResolved(trx, id, actor.userId, trimmed, now));
}
