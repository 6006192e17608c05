import { addCalendarDays } from '@cordon/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertNotice } from '../../events/bus.js';
import { describeEachDatabase } from '../../testing/harness.js';
import {
  COMMUNITY_A,
  COMMUNITY_B,
  TODAY,
  YESTERDAY,
  chinaTime,
  createFollowUpFixture,
  type FollowUpFixture,
} from '../../testing/declaration-follow-up.js';
import { declarationJobs, declarationReminderJob, missedDeclarationSweep, runMissedSweep, runReminderJob } from './jobs.js';

const iso = (dates: Date[]) => dates.map((date) => date.toISOString());

describe('declaration job slots', () => {
  it('jobs are listed', () => {
    expect(declarationJobs.map((job) => job.name)).toEqual(['declaration-reminders', 'declaration-missed-sweep']);
  });

  it('reminders an hour before each end', () => {
    const slots = declarationReminderJob.slots(chinaTime('00:00:00'), chinaTime('00:00:00', addCalendarDays(TODAY, 1)));
    expect(iso(slots)).toEqual([chinaTime('09:00:00').toISOString(), chinaTime('16:00:00').toISOString()]);
  });

  it('sweeps at each end', () => {
    const slots = missedDeclarationSweep.slots(chinaTime('00:00:00'), chinaTime('00:00:00', addCalendarDays(TODAY, 1)));
    expect(iso(slots)).toEqual([chinaTime('10:00:00').toISOString(), chinaTime('17:00:00').toISOString()]);
  });

  it('slot bounds exclude after, include until', () => {
    const slots = missedDeclarationSweep.slots(chinaTime('10:00:00'), chinaTime('17:00:00'));
    expect(iso(slots)).toEqual([chinaTime('17:00:00').toISOString()]);
  });

  it('slots across days in order', () => {
    const slots = declarationReminderJob.slots(chinaTime('12:00:00', YESTERDAY), chinaTime('12:00:00'));
    expect(iso(slots)).toEqual([chinaTime('16:00:00', YESTERDAY).toISOString(), chinaTime('09:00:00').toISOString()]);
  });

  it('no slots in a quiet hour', () => {
    expect(declarationReminderJob.slots(chinaTime('10:00:00'), chinaTime('11:00:00'))).toEqual([]);
  });
});

describeEachDatabase('declaration jobs', (kind) => {
  let f: FollowUpFixture;
  let missedBoth: string;
  let declaredFirst: string;
  let declaredSecond: string;
  let inB: string;
  const announced: AlertNotice[] = [];

  const tasksOf = (personId: string) =>
    f.t.ctx.db
      .selectFrom('tasks')
      .select(['kind', 'node_code', 'assignee_role', 'source_key', 'details', 'due_at'])
      .where('person_id', '=', personId)
      .execute();
  const alertsOf = (personId: string) =>
    f.t.ctx.db.selectFrom('alerts').select(['kind', 'severity', 'node_code', 'task_id']).where('person_id', '=', personId).execute();

  beforeAll(async () => {
    f = await createFollowUpFixture(kind);
    missedBoth = await f.addPerson({ communityCode: COMMUNITY_A, gridCode: f.gridA1 });
    declaredFirst = await f.addPerson({ communityCode: COMMUNITY_A });
    declaredSecond = await f.addPerson({ communityCode: COMMUNITY_A });
    inB = await f.addPerson({ communityCode: COMMUNITY_B });
    await f.declare(declaredFirst, `${TODAY}/1`);
    await f.declare(declaredSecond, `${TODAY}/2`);
    const events = f.t.ctx.events;
    f.t.ctx.events = {
      ...events,
      announceAlerts: async (notices) => {
        announced.push(...notices);
        await events.announceAlerts(notices);
      },
    };
  });
  afterAll(async () => f.t.close());

  it('reminder run reminds the missing', async () => {
    f.setClock(chinaTime('16:00:00'));
    await runReminderJob(f.t.ctx, chinaTime('16:00:00'));

    const reminded = await f.t.ctx.db.selectFrom('declaration_reminders').select(['person_id', 'window_key', 'sent_by']).execute();
    expect(reminded.map((row) => row.person_id).sort()).toEqual([missedBoth, declaredFirst, inB].sort());
    expect(reminded.every((row) => row.window_key === `${TODAY}/2` && row.sent_by === null)).toBe(true);
    expect(f.sms.filter((message) => message.template === 'declaration_reminder')).toHaveLength(3);
  });

  it('reminder run twice sends once', async () => {
    const before = f.sms.length;
    await runReminderJob(f.t.ctx, chinaTime('16:00:00'));
    expect(f.sms).toHaveLength(before);
  });

  it('failed messages fail the run', async () => {
    f.setClock(chinaTime('09:00:00'));
    f.failSms(true);
    await expect(runReminderJob(f.t.ctx, chinaTime('09:00:00'))).rejects.toThrow(/3 declaration reminders/);
    f.failSms(false);

    const before = f.sms.length;
    await runReminderJob(f.t.ctx, chinaTime('09:00:00'));
    expect(f.sms).toHaveLength(before + 3);
  });

  it('late reminder run sends nothing', async () => {
    // The server was down at 09:00 and starts at 10:30: the morning window has closed.
    f.setClock(chinaTime('10:30:00'));
    const before = f.sms.length;
    await runReminderJob(f.t.ctx, chinaTime('09:00:00'));
    expect(f.sms).toHaveLength(before);
  });

  it('sweep finds two missed windows', async () => {
    f.setClock(chinaTime('17:00:00'));
    await runMissedSweep(f.t.ctx, chinaTime('17:00:00'));

    const tasks = await tasksOf(missedBoth);
    expect(tasks).toHaveLength(1);
    expect(tasks[0]?.kind).toBe('missed_declarations');
    expect(tasks[0]?.assignee_role).toBe('grid_worker');
    expect(tasks[0]?.node_code).toBe(f.gridA1);
    expect(tasks[0]?.source_key).toBe(`missed:${missedBoth}:${TODAY}/2`);
    expect(JSON.parse(tasks[0]?.details ?? '{}')).toEqual({ windowKeys: [`${TODAY}/1`, `${TODAY}/2`] });
    // Due when the next morning's window closes.
    expect(new Date(tasks[0]?.due_at ?? '').toISOString()).toBe(chinaTime('10:00:00', addCalendarDays(TODAY, 1)).toISOString());

    const alerts = await alertsOf(missedBoth);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.severity).toBe('info');
    expect(alerts[0]?.task_id).toBeTruthy();
  });

  it('sweep skips one missed window', async () => {
    expect(await tasksOf(declaredFirst)).toHaveLength(0);
    expect(await tasksOf(declaredSecond)).toHaveLength(0);
  });

  it('sweep covers every community', async () => {
    const tasks = await tasksOf(inB);
    expect(tasks[0]?.node_code).toBe(COMMUNITY_B);
  });

  it('sweep announces created alerts', () => {
    expect(announced).toHaveLength(2);
    expect(announced.map((notice) => notice.nodeCode).sort()).toEqual([f.gridA1, COMMUNITY_B].sort());
  });

  it('sweep run twice creates nothing new', async () => {
    await runMissedSweep(f.t.ctx, chinaTime('17:00:00'));
    expect(await tasksOf(missedBoth)).toHaveLength(1);
    expect(await alertsOf(missedBoth)).toHaveLength(1);
    expect(announced).toHaveLength(2);
  });

  it('morning sweep looks back to yesterday', async () => {
    // No person declared in yesterday's afternoon window, and declaredFirst declared this morning.
    f.setClock(chinaTime('10:00:00'));
    await runMissedSweep(f.t.ctx, chinaTime('10:00:00'));
    const keys = (await tasksOf(declaredSecond)).map((task) => task.source_key);
    expect(keys).toEqual([`missed:${declaredSecond}:${TODAY}/1`]);
    expect(await tasksOf(declaredFirst)).toHaveLength(0);
  });

  it('open task blocks a second one', async () => {
    // missedBoth also missed both windows again, but the task of the afternoon is still open.
    expect(await tasksOf(missedBoth)).toHaveLength(1);
  });

  it('done task allows a new one', async () => {
    await f.t.ctx.db.updateTable('tasks').set({ status: 'done' }).where('person_id', '=', missedBoth).execute();
    await runMissedSweep(f.t.ctx, chinaTime('10:00:00'));
    const keys = (await tasksOf(missedBoth)).map((task) => task.source_key).sort();
    expect(keys).toEqual([`missed:${missedBoth}:${TODAY}/1`, `missed:${missedBoth}:${TODAY}/2`]);
  });
});
