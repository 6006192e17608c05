import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { COMMUNITY_A, COMMUNITY_B, createStaff, loadGusu } from '../../testing/fixtures.js';
import { createTestApp, describeEachDatabase, request, type Session, type TestApp } from '../../testing/harness.js';
import { chinaToday } from '../persons/input.js';
import { testResidentId } from '../persons/test-helpers.js';
import { whoMustDeclare } from './obligation.js';

const TODAY = chinaToday();
const daysBefore = (days: number) => new Date(Date.parse(`${TODAY}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
const DEFAULTS = {
  windows: [
    { start: '07:00', end: '10:00' },
    { start: '14:00', end: '17:00' },
  ],
  scope: { homeQuarantine: true, sites: true, arrivalsWithinDays: 14 },
  linkDays: 14,
  quarantineDays: 14,
};

describeEachDatabase('declaration settings', (kind) => {
  let t: TestApp;
  let hq: Session;
  let admin: Session;
  let staffA: Session;
  let gridWorker: Session;

  const get = (session: Session | null) => request(t.app, session, { method: 'GET', url: '/api/declarations/settings', locale: 'en' });
  const put = (session: Session | null, payload: unknown, locale = 'en') =>
    request(t.app, session, { method: 'PUT', url: '/api/declarations/settings', payload: payload as object, locale });

  beforeAll(async () => {
    t = await createTestApp(kind);
    await loadGusu(t.ctx);
    hq = (await createStaff(t.app, t.ctx, 'hq', 'CN')).session;
    admin = (await createStaff(t.app, t.ctx, 'admin', 'CN')).session;
    staffA = (await createStaff(t.app, t.ctx, 'community_staff', COMMUNITY_A)).session;
    gridWorker = (await createStaff(t.app, t.ctx, 'grid_worker', COMMUNITY_A)).session;
  });

  afterAll(async () => {
    await t.close();
  });

  it('defaults apply before any change', async () => {
    const response = await get(gridWorker);

    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ ...DEFAULTS, updatedAt: null });
  });

  it('anonymous caller gets 401', async () => {
    expect((await get(null)).statusCode).toBe(401);
    expect((await put(null, { linkDays: 7 })).statusCode).toBe(401);
  });

  it('community staff cannot change them', async () => {
    const response = await put(staffA, { linkDays: 7 });

    expect(response.statusCode).toBe(403);
    expect((await get(staffA)).json().linkDays).toBe(14);
  });

  it('hq changes windows with an audit entry', async () => {
    const windows = [
      { start: '06:30', end: '09:00' },
      { start: '12:00', end: '13:00' },
      { start: '20:00', end: '24:00' },
    ];

    const response = await put(hq, { windows });

    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ windows, scope: DEFAULTS.scope, linkDays: 14, updatedAt: expect.any(String) });
    expect((await get(staffA)).json().windows).toEqual(windows);
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select(['actor_user_id', 'entity_type', 'entity_id', 'fields'])
      .where('action', '=', 'declaration.settings.update')
      .execute();
    expect(audit).toEqual([{ actor_user_id: hq.userId, entity_type: 'setting', entity_id: 'declaration', fields: '["windows"]' }]);
  });

  it('admin changes scope and link days', async () => {
    const scope = { homeQuarantine: false, sites: true, arrivalsWithinDays: 7 };

    const response = await put(admin, { scope, linkDays: 30 });

    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ scope, linkDays: 30 });
    await put(admin, { scope: DEFAULTS.scope, linkDays: 14, windows: DEFAULTS.windows });
  });

  it('hq sets the quarantine length that new quarantines start with', async () => {
    expect((await get(hq)).json().quarantineDays).toBe(14);

    const response = await put(hq, { quarantineDays: 21 });
    expect(response.statusCode).toBe(200);
    expect(response.json().quarantineDays).toBe(21);
    const stored = await t.ctx.db.selectFrom('settings').select('value').where('key', '=', 'quarantine.days').executeTakeFirstOrThrow();
    expect(stored.value).toBe('21');

    const tooLong = await put(hq, { quarantineDays: 61 });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().error.field).toBe('quarantineDays');
    await put(hq, { quarantineDays: 14 });
  });

  it.each([
    [
      [
        { start: '07:00', end: '10:00' },
        { start: '09:00', end: '12:00' },
      ],
      'DECLARATION_WINDOW_OVERLAP',
      'windows.1.start',
      'Window 2 (09:00–12:00) overlaps window 1',
    ],
    [[{ start: '10:00', end: '07:00' }], 'DECLARATION_WINDOW_END_BEFORE_START', 'windows.0.end', 'Window 1 must end after it starts'],
    [
      [{ start: '25:00', end: '26:00' }],
      'DECLARATION_WINDOW_TIME_INVALID',
      'windows.0.start',
      'The start time of window 1, "25:00", is not a valid time',
    ],
    [[{ start: '07:00', end: '7pm' }], 'DECLARATION_WINDOW_TIME_INVALID', 'windows.0.end', '"7pm"'],
    [[], 'DECLARATION_WINDOWS_EMPTY', 'windows', 'at least one'],
    [
      [
        { start: '14:00', end: '17:00' },
        { start: '07:00', end: '10:00' },
      ],
      'DECLARATION_WINDOWS_NOT_IN_ORDER',
      'windows.1.start',
      'Window 2 starts before window 1',
    ],
  ])('bad windows %j are rejected', async (windows, code, field, message) => {
    const response = await put(hq, { windows });

    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ code, field });
    expect(response.json().error.message).toContain(message);
    expect((await get(hq)).json().windows).toEqual(DEFAULTS.windows);
  });

  it('window error in Chinese names the window', async () => {
    const response = await put(
      hq,
      {
        windows: [
          { start: '07:00', end: '10:00' },
          { start: '09:00', end: '12:00' },
        ],
      },
      'zh-CN',
    );

    expect(response.json().error.message).toBe('第2个时段（09:00–12:00）与第1个时段重叠；时段之间不能重叠');
  });

  it.each([
    [{ windows: [{ start: 7, end: 10 }] }, 'FIELD_TYPE_INVALID'],
    [{ windows: Array.from({ length: 51 }, () => ({ start: '07:00', end: '08:00' })) }, 'DECLARATION_WINDOWS_TOO_MANY'],
    [
      {
        windows: Array.from({ length: 13 }, (_, hour) => ({
          start: `${String(hour + 10).padStart(2, '0')}:00`,
          end: `${String(hour + 10).padStart(2, '0')}:30`,
        })),
      },
      'DECLARATION_WINDOWS_TOO_MANY',
    ],
    [{ scope: { homeQuarantine: true, sites: true, arrivalsWithinDays: 61 } }, 'FIELD_OUT_OF_RANGE'],
    [{ scope: { homeQuarantine: 'yes', sites: true, arrivalsWithinDays: 14 } }, 'FIELD_TYPE_INVALID'],
    [{ linkDays: 0 }, 'FIELD_OUT_OF_RANGE'],
    [{ linkDays: 1.5 }, 'FIELD_TYPE_INVALID'],
  ])('bad body %j is rejected', async (payload, code) => {
    const response = await put(hq, payload);

    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe(code);
  });

  it('stored windows drive the public window', async () => {
    const urls: string[] = [];
    t.ctx.sms = {
      async send(message) {
        urls.push(message.params.url ?? '');
        return { messageId: 'test' };
      },
    };
    const payload = { name: '窗口测试', documentNumber: testResidentId(950), communityCode: COMMUNITY_A, phone: '13600000001' };
    const personId = (await request(t.app, staffA, { method: 'POST', url: '/api/persons', payload })).json().person.id as string;
    await request(t.app, staffA, { method: 'POST', url: '/api/declarations/links', payload: { personId } });
    const token = urls[0]?.split('/d/')[1] ?? '';
    await put(hq, { windows: [{ start: '20:00', end: '24:00' }] });
    t.ctx.clock = () => new Date(`${TODAY}T23:59:59+08:00`);

    const state = (await request(t.app, null, { method: 'GET', url: `/api/public/declare/link/${token}` })).json();
    await put(hq, { windows: DEFAULTS.windows });

    expect(state.window).toMatchObject({ key: `${TODAY}/1`, start: '20:00', end: '24:00', open: true });
  });
});

describeEachDatabase('who must declare', (kind) => {
  let t: TestApp;
  let admin: Session;
  let sequence = 900;
  const at = new Date(`${TODAY}T12:00:00+08:00`);
  const rootScope = { nodeCode: 'CN', nodePath: '/CN/' };

  async function register(communityCode: string, arrivalDate?: string) {
    const payload = {
      name: '观察对象',
      documentNumber: testResidentId(sequence++),
      communityCode,
      ...(arrivalDate ? { arrivalDate } : {}),
    };
    const response = await request(t.app, admin, { method: 'POST', url: '/api/persons', payload, locale: 'en' });
    if (response.statusCode !== 201) throw new Error(`person registration failed with ${response.statusCode}: ${response.body}`);
    return response.json().person.id as string;
  }

  async function startQuarantine(personId: string, startOn: string, status = 'active', endedOn: string | null = null) {
    const now = new Date().toISOString();
    await t.ctx.db
      .insertInto('home_quarantines')
      .values({
        id: randomUUID(),
        person_id: personId,
        community_code: COMMUNITY_A,
        grid_code: null,
        start_on: startOn,
        planned_end_on: TODAY,
        status,
        room_id: null,
        place_id: null,
        address_text: null,
        reason: 'test',
        started_by: null,
        ended_on: endedOn,
        ended_at: null,
        ended_by: null,
        end_reason: null,
        notice_number: null,
        release_notice_number: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
  }

  async function admit(personId: string, admittedAt: string, dischargedAt: string | null = null) {
    const now = new Date().toISOString();
    const siteId = randomUUID();
    const roomId = randomUUID();
    await t.ctx.db
      .insertInto('sites')
      .values({
        id: siteId,
        name: `点${sequence}`,
        type: 'quarantine_site',
        node_code: COMMUNITY_A,
        address: 'x',
        contact: null,
        notes: null,
        active: 1,
        created_by: null,
        created_at: now,
        updated_by: null,
        updated_at: now,
      })
      .execute();
    await t.ctx.db
      .insertInto('site_rooms')
      .values({
        id: roomId,
        site_id: siteId,
        name: '101',
        beds: 2,
        occupied: 1,
        notes: null,
        created_at: now,
        updated_at: now,
        removed_at: null,
      })
      .execute();
    await t.ctx.db
      .insertInto('site_stays')
      .values({
        id: randomUUID(),
        person_id: personId,
        site_id: siteId,
        room_id: roomId,
        admitted_at: admittedAt,
        admitted_by: null,
        discharged_at: dischargedAt,
        discharged_by: null,
        discharge_reason: null,
        transferred_to_stay_id: null,
        notes: null,
      })
      .execute();
  }

  const obliged = async (scope = rootScope, obligation?: Parameters<typeof whoMustDeclare>[3]) =>
    new Map((await whoMustDeclare(t.ctx.db, scope, at, obligation)).map((person) => [person.personId, person]));

  let arrivedToday: string;
  let arrived13DaysAgo: string;
  let arrived14DaysAgo: string;
  let quarantined: string;
  let released: string;
  let releasedToday: string;
  let atSite: string;
  let discharged: string;
  let arrivedInB: string;

  beforeAll(async () => {
    t = await createTestApp(kind);
    await loadGusu(t.ctx);
    admin = (await createStaff(t.app, t.ctx, 'admin', 'CN')).session;

    arrivedToday = await register(COMMUNITY_A, TODAY);
    arrived13DaysAgo = await register(COMMUNITY_A, daysBefore(13));
    arrived14DaysAgo = await register(COMMUNITY_A, daysBefore(14));
    quarantined = await register(COMMUNITY_A);
    await startQuarantine(quarantined, daysBefore(3));
    released = await register(COMMUNITY_A);
    await startQuarantine(released, daysBefore(20), 'released', daysBefore(1));
    releasedToday = await register(COMMUNITY_A);
    await startQuarantine(releasedToday, daysBefore(20), 'released', TODAY);
    atSite = await register(COMMUNITY_A);
    await admit(atSite, new Date(at.getTime() - 3_600_000).toISOString());
    discharged = await register(COMMUNITY_A);
    await admit(discharged, new Date(at.getTime() - 7_200_000).toISOString(), new Date(at.getTime() - 3_600_000).toISOString());
    arrivedInB = await register(COMMUNITY_B, daysBefore(2));
  });

  afterAll(async () => {
    await t.close();
  });

  it('lists each reason', async () => {
    const persons = await obliged();

    expect(persons.get(arrivedToday)?.reasons).toEqual(['arrival']);
    expect(persons.get(arrived13DaysAgo)?.reasons).toEqual(['arrival']);
    expect(persons.get(quarantined)?.reasons).toEqual(['home_quarantine']);
    expect(persons.get(releasedToday)?.reasons).toEqual(['home_quarantine']);
    expect(persons.get(atSite)?.reasons).toEqual(['site']);
    expect(persons.get(arrivedInB)).toMatchObject({ communityCode: COMMUNITY_B, gridCode: null, reasons: ['arrival'] });
  });

  it('leaves out persons no longer observed', async () => {
    const persons = await obliged();

    expect(persons.has(arrived14DaysAgo)).toBe(false);
    expect(persons.has(released)).toBe(false);
    expect(persons.has(discharged)).toBe(false);
  });

  it('follows the scope setting', async () => {
    const persons = await obliged(rootScope, { homeQuarantine: false, sites: false, arrivalsWithinDays: 1 });

    expect([...persons.keys()].sort()).toEqual([arrivedToday].sort());
  });

  it('nothing when every reason is off', async () => {
    const persons = await obliged(rootScope, { homeQuarantine: false, sites: false, arrivalsWithinDays: 0 });

    expect(persons.size).toBe(0);
  });

  it('reads the stored setting', async () => {
    await request(t.app, admin, {
      method: 'PUT',
      url: '/api/declarations/settings',
      payload: { scope: { homeQuarantine: true, sites: false, arrivalsWithinDays: 0 } },
    });

    const persons = await obliged();

    expect([...persons.keys()].sort()).toEqual([quarantined, releasedToday].sort());
  });

  it('staff scope limits the list', async () => {
    const scopeB = {
      nodeCode: COMMUNITY_B,
      nodePath: (await t.ctx.db.selectFrom('jurisdictions').select('path').where('code', '=', COMMUNITY_B).executeTakeFirstOrThrow()).path,
    };

    const persons = await obliged(scopeB, { homeQuarantine: true, sites: true, arrivalsWithinDays: 14 });

    expect([...persons.keys()]).toEqual([arrivedInB]);
  });
});
