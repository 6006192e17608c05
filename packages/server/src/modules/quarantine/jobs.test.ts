import { afterAll, beforeAll, expect, it } from 'vitest';
import { listScheduledJobs } from '../../jobs/registry.js';
import { COMMUNITY_A, COMMUNITY_B, createStaff, loadGusu } from '../../testing/fixtures.js';
import { createTestApp, describeEachDatabase, request, type Session, type TestApp } from '../../testing/harness.js';
import { testResidentId } from '../persons/test-helpers.js';
import { quarantineEndingJob, runQuarantineEndingJob } from './jobs.js';

const shanghaiMorning = (day: string) => new Date(`${day}T02:00:00Z`);
/** 08:00 in Shanghai of a day, the job's slot. */
const slotOf = (day: string) => new Date(`${day}T00:00:00Z`);

describeEachDatabase('quarantine ending job', (kind) => {
  let t: TestApp;
  let staffA: Session;
  let staffB: Session;
  let now = shanghaiMorning('2026-12-05');
  let endingA: string;
  let endingB: string;
  let later: string;
  let released: string;

  const post = (session: Session, url: string, payload: object) => request(t.app, session, { method: 'POST', url, payload, locale: 'en' });
  const tasksOf = (quarantineId: string) =>
    t.ctx.db
      .selectFrom('tasks')
      .selectAll()
      .where('kind', '=', 'quarantine_ending')
      .where('source_key', 'like', `quarantine-end:${quarantineId}:%`)
      .orderBy('created_at')
      .execute();

  let sequence = 800;
  async function startIn(session: Session, communityCode: string, startOn: string) {
    sequence += 1;
    const person = await post(session, '/api/persons', { name: '居民', documentNumber: testResidentId(sequence), communityCode });
    const response = await post(session, '/api/quarantines', {
      personId: person.json().person.id,
      reason: '密接',
      addressText: '某路',
      startOn,
    });
    if (response.statusCode !== 201) throw new Error(`start failed with ${response.statusCode}: ${response.body}`);
    return response.json().id as string;
  }

  beforeAll(async () => {
    t = await createTestApp(kind);
    t.ctx.clock = () => now;
    await loadGusu(t.ctx);
    staffA = (await createStaff(t.app, t.ctx, 'community_staff', COMMUNITY_A)).session;
    staffB = (await createStaff(t.app, t.ctx, 'community_staff', COMMUNITY_B)).session;
    endingA = await startIn(staffA, COMMUNITY_A, '2026-12-05');
    endingB = await startIn(staffB, COMMUNITY_B, '2026-12-05');
    later = await startIn(staffA, COMMUNITY_A, '2026-12-04');
    released = await startIn(staffA, COMMUNITY_A, '2026-11-22');
    now = shanghaiMorning('2026-12-05');
    await post(staffA, `/api/quarantines/${released}/release`, {});
  });
  afterAll(async () => t.close());

  it('job is registered at 08:00 Shanghai', () => {
    expect(listScheduledJobs()).toContain(quarantineEndingJob);
    const slots = quarantineEndingJob.slots(new Date('2026-12-16T23:00:00Z'), new Date('2026-12-18T01:00:00Z'));
    expect(slots.map((slot) => slot.toISOString())).toEqual(['2026-12-17T00:00:00.000Z', '2026-12-18T00:00:00.000Z']);
  });

  it('creates a doctor task per quarantine ending tomorrow', async () => {
    now = new Date('2026-12-17T00:00:05Z');
    await runQuarantineEndingJob(t.ctx, slotOf('2026-12-17'));

    const [task] = await tasksOf(endingA);
    expect(task).toBeDefined();
    expect(task?.assignee_role).toBe('doctor');
    expect(task?.node_code).toBe(COMMUNITY_A);
    expect(task?.status).toBe('open');
    expect(task?.source_key).toBe(`quarantine-end:${endingA}:2026-12-18`);
    expect(new Date(task?.due_at ?? '').toISOString()).toBe('2026-12-18T04:00:00.000Z');
    expect(JSON.parse(task?.details ?? '{}')).toEqual({ quarantineId: endingA, plannedEndOn: '2026-12-18' });
    const person = await t.ctx.db.selectFrom('home_quarantines').select('person_id').where('id', '=', endingA).executeTakeFirstOrThrow();
    expect(task?.person_id).toBe(person.person_id);

    const [taskB] = await tasksOf(endingB);
    expect(taskB?.node_code).toBe(COMMUNITY_B);
    // The quarantine that started a day earlier ends today, so it gets its task as well.
    expect(await tasksOf(later)).toHaveLength(1);
    expect(await tasksOf(released)).toHaveLength(0);
  });

  it('second run creates no task', async () => {
    await runQuarantineEndingJob(t.ctx, slotOf('2026-12-17'));
    expect(await tasksOf(endingA)).toHaveLength(1);
    expect(await tasksOf(endingB)).toHaveLength(1);
  });

  it('extended quarantine gets a task for its new end', async () => {
    now = shanghaiMorning('2026-12-17');
    const extended = await post(staffA, `/api/quarantines/${endingA}/extend`, { days: 2, reason: '复查' });
    expect(extended.json().plannedEndOn).toBe('2026-12-20');
    await runQuarantineEndingJob(t.ctx, slotOf('2026-12-19'));
    const tasks = await tasksOf(endingA);
    expect(tasks.map((task) => task.source_key)).toEqual([`quarantine-end:${endingA}:2026-12-18`, `quarantine-end:${endingA}:2026-12-20`]);
  });

  it('day without ends creates nothing', async () => {
    const before = await t.ctx.db.selectFrom('tasks').select('id').execute();
    await runQuarantineEndingJob(t.ctx, slotOf('2027-06-01'));
    expect(await t.ctx.db.selectFrom('tasks').select('id').execute()).toHaveLength(before.length);
  });
});
