import { addCalendarDays } from '@cordon/core';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { createStaff } from '../../testing/fixtures.js';
import { describeEachDatabase } from '../../testing/harness.js';
import {
  COMMUNITY_A,
  COMMUNITY_B,
  TODAY,
  chinaTime,
  createFollowUpFixture,
  type FollowUpFixture,
} from '../../testing/declaration-follow-up.js';
import { REMINDER_REQUESTS_PER_MINUTE } from './schemas.js';

describeEachDatabase('declaration reminders', (kind) => {
  let f: FollowUpFixture;
  let missing1: string;
  let missing2: string;
  let noPhone: string;
  let declared: string;
  let notObliged: string;
  let inB: string;
  const window1 = `${TODAY}/1`;

  const countRows = async (table: 'declaration_reminders' | 'declaration_links', personId: string) =>
    Number(
      (
        await f.t.ctx.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('person_id', '=', personId)
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    f = await createFollowUpFixture(kind);
    missing1 = await f.addPerson({ communityCode: COMMUNITY_A, gridCode: f.gridA1 });
    missing2 = await f.addPerson({ communityCode: COMMUNITY_A, gridCode: f.gridA2 });
    noPhone = await f.addPerson({ communityCode: COMMUNITY_A, phone: null });
    declared = await f.addPerson({ communityCode: COMMUNITY_A });
    notObliged = await f.addPerson({ communityCode: COMMUNITY_A, arrivalDate: addCalendarDays(TODAY, -40) });
    inB = await f.addPerson({ communityCode: COMMUNITY_B });
    f.setClock(chinaTime('08:00:00'));
    await f.declare(declared, window1);
  });
  afterAll(async () => f.t.close());
  beforeEach(() => f.setClock(chinaTime('09:00:00')));

  it('reminders require a session', async () => {
    expect((await f.post(null, '/api/declarations/reminders', {})).statusCode).toBe(401);
  });

  it('gate guards cannot remind', async () => {
    const response = await f.post(f.gateGuardA, '/api/declarations/reminders', {});
    expect(response.statusCode).toBe(403);
  });

  it('staff of B cannot remind a person of A', async () => {
    const response = await f.post(f.staffB, '/api/declarations/reminders', { personIds: [missing1] });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.field).toBe('personIds');
    expect(await countRows('declaration_reminders', missing1)).toBe(0);
  });

  it('staff of B cannot remind community A', async () => {
    const response = await f.post(f.staffB, '/api/declarations/reminders', { nodeCode: COMMUNITY_A });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.field).toBe('nodeCode');
  });

  it('grid worker cannot remind another grid', async () => {
    const response = await f.post(f.gridWorkerA1, '/api/declarations/reminders', { personIds: [missing2] });
    expect(response.statusCode).toBe(404);
  });

  it('past window cannot be reminded', async () => {
    const response = await f.post(f.staffA, '/api/declarations/reminders', { window: `${addCalendarDays(TODAY, -1)}/1` });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.field).toBe('window');
  });

  it('chosen persons get one reminder', async () => {
    const before = f.sms.length;
    const response = await f.post(f.staffA, '/api/declarations/reminders', { personIds: [missing1, declared, notObliged, noPhone] });

    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.window.key).toBe(window1);
    expect(body.sent).toBe(1);
    expect(body.skipped).toEqual({ declared: 1, alreadyReminded: 0, notRequired: 1, noPhone: 1, failed: 0 });
    expect(body.remaining).toBe(0);

    const message = f.sms[before];
    expect(f.sms).toHaveLength(before + 1);
    expect(message?.template).toBe('declaration_reminder');
    expect(message?.params.window).toBe('07:00–10:00');
    expect(message?.params.url).toMatch(/\/d\/[A-Za-z0-9_-]{43}$/);
    expect(message?.phone).toMatch(/^1390000\d{4}$/);
    expect(await countRows('declaration_reminders', missing1)).toBe(1);
    expect(await countRows('declaration_links', missing1)).toBe(1);
  });

  it('reminder link opens the declaration', async () => {
    const url = f.sms.find((message) => message.template === 'declaration_reminder')?.params.url ?? '';
    const token = url.slice(url.lastIndexOf('/') + 1);
    const response = await f.get(null, `/api/public/declare/link/${token}`);
    expect(response.statusCode).toBe(200);
    expect(response.json().window.key).toBe(window1);
  });

  it('reminder is audited without the phone', async () => {
    const rows = await f.t.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'entity_type', 'fields'])
      .where('entity_id', '=', missing1)
      .where('action', '=', 'declaration.remind')
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.entity_type).toBe('person');
    expect(rows[0]?.fields).not.toMatch(/1390000/);
  });

  it('all missing of the node, each once', async () => {
    const before = f.sms.length;
    const response = await f.post(f.staffA, '/api/declarations/reminders', { nodeCode: COMMUNITY_A });

    expect(response.statusCode).toBe(200);
    expect(response.json().sent).toBe(1);
    expect(response.json().skipped.alreadyReminded).toBe(1);
    expect(response.json().skipped.noPhone).toBe(1);
    expect(f.sms).toHaveLength(before + 1);
    expect(await countRows('declaration_reminders', missing2)).toBe(1);
    expect(await countRows('declaration_reminders', inB)).toBe(0);
  });

  it('second request sends nothing', async () => {
    const before = f.sms.length;
    const response = await f.post(f.staffA, '/api/declarations/reminders', {});
    expect(response.json().sent).toBe(0);
    expect(response.json().skipped.alreadyReminded).toBe(2);
    expect(f.sms).toHaveLength(before);
  });

  it('follow-up counts the reminded', async () => {
    const summary = await f.get(f.staffA, '/api/declarations/follow-up');
    expect(summary.json().counts.reminded).toBe(2);
    const missing = await f.get(f.staffA, '/api/declarations/follow-up/persons?status=missing');
    const reminded = missing.json().items.find((item: { personId: string }) => item.personId === missing1);
    expect(reminded.remindedAt).toBe(chinaTime('09:00:00').toISOString());
  });

  it('window after closing still reminded', async () => {
    // Between windows a declaration is stored for the last closed one as late, so reminding for it still helps.
    f.setClock(chinaTime('11:00:00'));
    const response = await f.post(f.staffB, '/api/declarations/reminders', {});
    expect(response.statusCode).toBe(200);
    expect(response.json().window.key).toBe(window1);
    expect(response.json().sent).toBe(1);
  });

  it('failed message can be sent again', async () => {
    f.setClock(chinaTime('14:30:00'));
    f.failSms(true);
    const failed = await f.post(f.staffB, '/api/declarations/reminders', {});
    f.failSms(false);
    const retried = await f.post(f.staffB, '/api/declarations/reminders', {});

    expect(failed.json().window.key).toBe(`${TODAY}/2`);
    expect(failed.json().sent).toBe(0);
    expect(failed.json().skipped.failed).toBe(1);
    expect(retried.json().sent).toBe(1);
    expect(await countRows('declaration_reminders', inB)).toBe(2);
  });

  it('landline counts as no phone', async () => {
    const landline = await f.addPerson({ communityCode: COMMUNITY_A, phone: '0512-65223456' });
    const response = await f.post(f.staffA, '/api/declarations/reminders', { personIds: [landline] });
    expect(response.json().sent).toBe(0);
    expect(response.json().skipped.noPhone).toBe(1);
    expect(await countRows('declaration_reminders', landline)).toBe(0);
  });

  it('person ids must be uuids', async () => {
    const response = await f.post(f.staffA, '/api/declarations/reminders', { personIds: ['1'] });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.field).toMatch(/^personIds/);
  });

  it('bulk requests are rate limited per user', async () => {
    const { session } = await createStaff(f.t.app, f.t.ctx, 'community_staff', COMMUNITY_A);
    const statuses: number[] = [];
    for (let i = 0; i <= REMINDER_REQUESTS_PER_MINUTE; i += 1) {
      statuses.push((await f.post(session, '/api/declarations/reminders', {})).statusCode);
    }
    const other = await f.post(f.staffA, '/api/declarations/reminders', {});

    expect(statuses.slice(0, REMINDER_REQUESTS_PER_MINUTE).every((status) => status === 200)).toBe(true);
    expect(statuses[REMINDER_REQUESTS_PER_MINUTE]).toBe(429);
    expect(other.statusCode).toBe(200);
  });
});
