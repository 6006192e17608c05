import { addCalendarDays } from '@cordon/core';
import type { Actor, ServiceContext } from '../../context/types.js';
import { AppError } from '../../errors/app-error.js';
import { requireNodeInScope } from '../jurisdictions/scope.js';
import { countFollowUp } from './follow-up-repository.js';
import { obligationInstantOf } from './follow-up.js';
import { daysBetween, windowsOfDay } from './follow-up-windows.js';
import { mustDeclareAt } from './obligation.js';
import { MAX_COMPLETION_DAYS } from './schemas.js';
import { readDeclarationSettings } from './settings.js';

/** Rounds declared / expected to four decimals; returns null when no person had to declare. */
export function completionRateOf(declared: number, expected: number): number | null {
  if (expected === 0) return null;
  return Math.round((declared / expected) * 10_000) / 10_000;
}

/**
 * Reports per day and window of [from, to] how many persons of the node had
 * to declare, and how many did. Each window is one aggregate query in the
 * database; windows that have not opened yet are left out.
 */
export async function getCompletionReport(ctx: ServiceContext, actor: Actor, query: { nodeCode?: string; from: string; to: string }) {
  const { from, to } = query;
  if (daysBetween(from, to) < 0) throw new AppError('DECLARATION_DATE_RANGE_REVERSED', 'to', { from, to });
  if (daysBetween(from, to) >= MAX_COMPLETION_DAYS) {
    const last = addCalendarDays(from, MAX_COMPLETION_DAYS - 1);
    throw new AppError('DECLARATION_DATE_RANGE_TOO_LONG', 'to', { from, max: MAX_COMPLETION_DAYS, last });
  }

  const node = await requireNodeInScope(ctx.db, actor.scope, query.nodeCode ?? actor.scope.nodeCode, 'nodeCode');
  const scope = { nodeCode: node.code, nodePath: node.path };
  const settings = await readDeclarationSettings(ctx.db);
  const now = ctx.clock();

  const occurrences = [];
  for (let day = from; day <= to; day = addCalendarDays(day, 1)) {
    for (const window of windowsOfDay(settings.windows, day)) {
      if (Date.parse(window.opensAt) <= now.getTime()) occurrences.push(window);
    }
  }

  const rows = await Promise.all(
    occurrences.map(async (window) => {
      const obligation = mustDeclareAt(settings.scope, obligationInstantOf(window, now));
      const counts = await countFollowUp(ctx.db, scope, window.key, obligation);
      const expected = Number(counts.expected);
      const declared = Number(counts.declared);
      return {
        day: window.day,
        windowKey: window.key,
        number: window.index + 1,
        start: window.start,
        end: window.end,
        expected,
        declared,
        late: Number(counts.late),
        abnormal: Number(counts.abnormal),
        rate: completionRateOf(declared, expected),
      };
    }),
  );
  return { node: { code: node.code, name: node.name, level: node.level }, from, to, rows };
}
