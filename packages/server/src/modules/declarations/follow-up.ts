import type { DeclarationWindow, WindowOccurrence } from '@cordon/core';
import type { Actor, Scope, ServiceContext } from '../../context/types.js';
import { AppError } from '../../errors/app-error.js';
import { requireNodeInScope } from '../jurisdictions/scope.js';
import { mustDeclareAt } from './obligation.js';
import { readDeclarationSettings } from './settings.js';
import * as repo from './follow-up-repository.js';
import { followUpWindowAt, isFollowUpWindow, windowOfKey, windowsOfDay } from './follow-up-windows.js';
import type { FollowUpWindowResult } from './schemas.js';

export interface FollowUpTarget {
  node: { code: string; name: string; level: string };
  scope: Scope;
  windows: DeclarationWindow[];
  window: WindowOccurrence;
  obligation: repo.Obligation;
}

/**
 * Returns the instant at which the obligation of a window is judged: now while
 * it is open, else its last moment, so that a person put under quarantine
 * during the window counts for it.
 */
export function obligationInstantOf(window: WindowOccurrence, now: Date): Date {
  const last = Date.parse(window.closesAt) - 1;
  return new Date(Math.min(last, now.getTime()));
}

/** Resolves the node (the caller's own by default) and the window (the current one by default) of a follow-up request. */
export async function resolveFollowUpTarget(
  ctx: ServiceContext,
  actor: Actor,
  nodeCode: string | undefined,
  windowKey: string | undefined,
): Promise<FollowUpTarget> {
  const node = await requireNodeInScope(ctx.db, actor.scope, nodeCode ?? actor.scope.nodeCode, 'nodeCode');
  const settings = await readDeclarationSettings(ctx.db);
  const windows = settings.windows;
  const now = ctx.clock();
  let window = followUpWindowAt(windows, now);
  if (windowKey !== undefined) {
    const chosen = windowOfKey(windows, windowKey);
    // One code for an impossible day (2026-02-30) and a number beyond today's windows, because the message states both rules.
    if (!chosen) throw new AppError('DECLARATION_WINDOW_KEY_INVALID', 'window', { value: windowKey, max: windows.length });
    window = chosen;
  }
  const obligation = mustDeclareAt(settings.scope, obligationInstantOf(window, now));
  return {
    node: { code: node.code, name: node.name, level: node.level },
    scope: { nodeCode: node.code, nodePath: node.path },
    windows,
    window,
    obligation,
  };
}

export function windowResultOf(windows: DeclarationWindow[], window: WindowOccurrence, now: Date): FollowUpWindowResult {
  const instant = now.getTime();
  return {
    key: window.key,
    day: window.day,
    number: window.index + 1,
    start: window.start,
    end: window.end,
    opensAt: window.opensAt,
    closesAt: window.closesAt,
    open: Date.parse(window.opensAt) <= instant && instant < Date.parse(window.closesAt),
    current: isFollowUpWindow(windows, window, now),
  };
}

/** Converts the counts a database returns (bigint text on PostgreSQL) to numbers. */
function countsOf(row: { expected: unknown; declared: unknown; abnormal: unknown; late: unknown; reminded: unknown }) {
  const expected = Number(row.expected);
  const declared = Number(row.declared);
  return {
    expected,
    declared,
    missing: expected - declared,
    abnormal: Number(row.abnormal),
    late: Number(row.late),
    reminded: Number(row.reminded),
  };
}

export async function getFollowUpSummary(ctx: ServiceContext, actor: Actor, nodeCode: string | undefined, windowKey: string | undefined) {
  const target = await resolveFollowUpTarget(ctx, actor, nodeCode, windowKey);
  const { scope, window, obligation, windows } = target;
  const [total, groups] = await Promise.all([
    repo.countFollowUp(ctx.db, scope, window.key, obligation),
    repo.countFollowUpByGrid(ctx.db, scope, window.key, obligation),
  ]);
  const now = ctx.clock();
  return {
    node: target.node,
    window: windowResultOf(windows, window, now),
    windowsOfDay: windowsOfDay(windows, window.day).map((each) => windowResultOf(windows, each, now)),
    counts: countsOf(total),
    groups: groups.map((row) => ({
      communityCode: row.community_code,
      communityName: row.community_name,
      gridCode: row.grid_code,
      gridName: row.grid_name,
      ...countsOf(row),
    })),
  };
}

function parseSymptoms(stored: string): string[] {
  const parsed: unknown = JSON.parse(stored);
  return Array.isArray(parsed) ? parsed.map(String) : [];
}

function isoOf(value: string | Date): string {
  return new Date(value).toISOString();
}

export async function listFollowUpPersons(
  ctx: ServiceContext,
  actor: Actor,
  query: { nodeCode?: string; window?: string; status?: repo.FollowUpStatus; page?: number; pageSize?: number },
) {
  const { scope, window, obligation, windows } = await resolveFollowUpTarget(ctx, actor, query.nodeCode, query.window);
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  const { rows, total } = await repo.listFollowUpPersons(
    ctx.db,
    scope,
    window.key,
    obligation,
    query.status ?? 'all',
    (page - 1) * pageSize,
    pageSize,
  );
  return {
    window: windowResultOf(windows, window, ctx.clock()),
    total,
    items: rows.map((row) => ({
      personId: row.id,
      name: row.name,
      documentMasked: row.document_masked,
      phoneMasked: row.phone_masked,
      communityCode: row.community_code,
      gridCode: row.grid_code,
      remindedAt: row.reminded_at ? isoOf(row.reminded_at) : null,
      declaration:
        row.declaration_id === null
          ? null
          : {
              id: row.declaration_id,
              declaredAt: isoOf(row.declared_at as string),
              updatedAt: isoOf(row.updated_at as string),
              temperature: (row.temperature_tenths as number) / 10,
              symptoms: parseSymptoms(row.symptoms as string),
              location: row.location,
              late: Number(row.late) === 1,
              abnormal: Number(row.abnormal) === 1,
            },
    })),
  };
}
