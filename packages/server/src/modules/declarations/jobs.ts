import { DEFAULT_DECLARATION_WINDOWS, type DeclarationWindow, type WindowOccurrence, windowsAt } from '@cordon/core';
import type { Actor, ServiceContext } from '../../context/types.js';
import type { AlertNotice } from '../../events/bus.js';
import type { JobDefinition } from '../../jobs/types.js';
import { raiseAlert } from '../alerts/raise.js';
import { ROOT_CODE, ROOT_PATH } from '../jurisdictions/repository.js';
import { createTask } from '../tasks/create.js';
import { listPersonsWhoMissedBoth } from './follow-up-repository.js';
import { obligationInstantOf } from './follow-up.js';
import { previousWindowOf, windowsWithInstantBetween } from './follow-up-windows.js';
import { mustDeclareAt } from './obligation.js';
import { remindMissing } from './reminders.js';
import { serverOriginOf } from './reminders-links.js';
import { readDeclarationSettings } from './settings.js';

/** Reminders go out this long before a window closes. */
export const REMINDER_LEAD_MS = 3_600_000;

/** Persons handled per transaction by the missed-window sweep. */
const SWEEP_CHUNK = 200;

const JOB_ACTOR: Actor = { userId: null, deviceId: null, role: null, scope: { nodeCode: ROOT_CODE, nodePath: ROOT_PATH }, requestId: null };

/**
 * Windows the slots are computed from. `slots` cannot read the database, so
 * each run stores the windows it read here.
 * NOTE: after HQ changes the windows, slots follow the old ones until the next run of either job.
 */
let knownWindows: readonly DeclarationWindow[] = DEFAULT_DECLARATION_WINDOWS;

function reminderInstantOf(window: WindowOccurrence): number {
  return Date.parse(window.closesAt) - REMINDER_LEAD_MS;
}

function closingInstantOf(window: WindowOccurrence): number {
  return Date.parse(window.closesAt);
}

/** Finds the window whose instant is the latest at or before the slot. */
function windowDueAt(windows: readonly DeclarationWindow[], slot: Date, instantOf: (window: WindowOccurrence) => number) {
  const dayBefore = new Date(slot.getTime() - 2 * 86_400_000);
  const due = windowsWithInstantBetween(windows, dayBefore, slot, instantOf);
  return due[due.length - 1];
}

/**
 * Reminds everyone still missing in a window, one hour before it closes.
 * A slot whose window has closed already (a run after downtime) sends nothing,
 * because a declaration would by then count as late.
 */
export async function runReminderJob(ctx: ServiceContext, slot: Date): Promise<void> {
  const settings = await readDeclarationSettings(ctx.db);
  knownWindows = settings.windows;
  const window = windowDueAt(settings.windows, slot, reminderInstantOf);
  const now = ctx.clock();
  if (!window || now.getTime() >= closingInstantOf(window)) return;

  const target = {
    scope: JOB_ACTOR.scope,
    windows: settings.windows,
    window,
    obligation: mustDeclareAt(settings.scope, obligationInstantOf(window, now)),
  };
  const source = { actor: JOB_ACTOR, publicOrigin: serverOriginOf(ctx) };
  const result = await remindMissing(ctx, source, target, { limit: Number.POSITIVE_INFINITY });
  const failed = result.skipped.failed;
  if (failed > 0) throw new Error(`${failed} declaration reminders of window ${window.key} were not sent; the next run tries them again`);
}

/**
 * Creates a task for the grid worker and an info alert for every person who
 * had to declare in this window and the one before and declared in neither.
 * Source keys make a second run for the same window create nothing new.
 */
export async function runMissedSweep(ctx: ServiceContext, slot: Date): Promise<void> {
  const settings = await readDeclarationSettings(ctx.db);
  knownWindows = settings.windows;
  const window = windowDueAt(settings.windows, slot, closingInstantOf);
  if (!window) return;
  const previous = previousWindowOf(settings.windows, window);
  const now = ctx.clock();

  const missed = await listPersonsWhoMissedBoth(
    ctx.db,
    { window: window.key, obligation: mustDeclareAt(settings.scope, obligationInstantOf(window, now)) },
    { window: previous.key, obligation: mustDeclareAt(settings.scope, obligationInstantOf(previous, now)) },
  );
  // The grid worker has until the next window closes to get the person to declare.
  const dueAt = windowsAt(settings.windows, new Date(closingInstantOf(window))).next.closesAt;
  const details = { windowKeys: [previous.key, window.key] };

  for (let start = 0; start < missed.length; start += SWEEP_CHUNK) {
    const chunk = missed.slice(start, start + SWEEP_CHUNK);
    const created = now.toISOString();
    const notices = await ctx.db.transaction().execute(async (trx) => {
      const raised: AlertNotice[] = [];
      for (const person of chunk) {
        const nodeCode = person.grid_code ?? person.community_code;
        const sourceKey = `missed:${person.id}:${window.key}`;
        const task = await createTask(
          trx,
          { kind: 'missed_declarations', assigneeRole: 'grid_worker', nodeCode, personId: person.id, dueAt, sourceKey, details },
          created,
        );
        const alert = await raiseAlert(
          trx,
          { kind: 'missed_declarations', severity: 'info', nodeCode, personId: person.id, taskId: task.id, sourceKey, details },
          created,
        );
        if (alert.created) raised.push(alert.notice);
      }
      return raised;
    });
    await ctx.events.announceAlerts(notices);
  }
}

export const declarationReminderJob: JobDefinition = {
  name: 'declaration-reminders',
  slots: (after, until) =>
    windowsWithInstantBetween(knownWindows, after, until, reminderInstantOf).map((window) => new Date(reminderInstantOf(window))),
  run: runReminderJob,
};

export const missedDeclarationSweep: JobDefinition = {
  name: 'declaration-missed-sweep',
  slots: (after, until) =>
    windowsWithInstantBetween(knownWindows, after, until, closingInstantOf).map((window) => new Date(closingInstantOf(window))),
  run: runMissedSweep,
};

export const declarationJobs: JobDefinition[] = [declarationReminderJob, missedDeclarationSweep];
