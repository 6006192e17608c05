import { afterAll, beforeAll, expect, it } from 'vitest';
import { COMMUNITY_A, COMMUNITY_B, createStaff, createTestGrid, loadGusu, SUBDISTRICT_A } from '../../testing/fixtures.js';
import { createTestApp, describeEachDatabase, request, type Session, type TestApp } from '../../testing/harness.js';
import { testResidentId } from '../persons/test-helpers.js';
import { createTask } from './create.js';

/** The fixed time of the server's clock in these tests: 10:00 in Shanghai. */
const NOW = new Date('2026-12-05T02:00:00.000Z');
const hoursFromNow = (hours: number) => new Date(NOW.getTime() + hours * 3_600_000).toISOString();

describeEachDatabase('tasks', (kind) => {
  let t: TestApp;
  let staffA: Session;
  let staffB: Session;
  let subdistrictA: Session;
  let doctorA: Session;
  let doctorA2: Session;
  let doctorB: Session;
  let gridWorkerA: Session;
  let gridWorkerA2: Session;
  let gateGuardA: Session;
  let gridA: string;
  let gridA2: string;
  let personA: string;
  let personB: string;
  /** Other communities of subdistrict A, each holding the tasks of one test so that lists stay predictable. */
  let otherCommunities: string[];

  const send = (session: Session | null, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
    request(t.app, session, { method, url, locale: 'en', ...(payload ? { payload } : {}) });
  const createManual = (session: Session, overrides: Record<string, unknown> = {}) =>
    send(session, 'POST', '/api/tasks', { title: '上门核实', nodeCode: COMMUNITY_A, dueAt: hoursFromNow(4), ...overrides });
  const errorOf = (response: { json(): unknown }) => (response.json() as { error: { code: string; field?: string } }).error;
  const taskRow = (id: string) => t.ctx.db.selectFrom('tasks').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const auditActions = async (id: string) =>
    (
      await t.ctx.db
        .selectFrom('audit_log')
        .select('action')
        .where('entity_type', '=', 'task')
        .where('entity_id', '=', id)
        .orderBy('seq')
        .execute()
    ).map((row) => row.action);
  const listIds = async (session: Session, query = '') => {
    const response = await send(session, 'GET', `/api/tasks${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return (response.json() as { items: Array<{ id: string }> }).items.map((item) => item.id);
  };
  const mineIds = async (session: Session) => {
    const response = await send(session, 'GET', '/api/tasks/mine');
    expect(response.statusCode, response.body).toBe(200);
    return (response.json() as { items: Array<{ id: string }> }).items.map((item) => item.id);
  };

  /** Stores a rule task as a rule would, in its own transaction. */
  const ruleTask = (overrides: Partial<Parameters<typeof createTask>[1]> = {}) =>
    t.ctx.db
      .transaction()
      .execute((trx) =>
        createTask(
          trx,
          { kind: 'abnormal_declaration', assigneeRole: 'doctor', nodeCode: COMMUNITY_A, dueAt: hoursFromNow(2), ...overrides },
          NOW.toISOString(),
        ),
      );

  beforeAll(async () => {
    t = await createTestApp(kind);
    t.ctx.clock = () => NOW;
    await loadGusu(t.ctx);
    gridA = (await createTestGrid(t.ctx, COMMUNITY_A, '第一网格')).code;
    gridA2 = (await createTestGrid(t.ctx, COMMUNITY_A, '第二网格')).code;
    staffA = (await createStaff(t.app, t.ctx, 'community_staff', COMMUNITY_A)).session;
    staffB = (await createStaff(t.app, t.ctx, 'community_staff', COMMUNITY_B)).session;
    subdistrictA = (await createStaff(t.app, t.ctx, 'subdistrict_staff', SUBDISTRICT_A)).session;
    doctorA = (await createStaff(t.app, t.ctx, 'doctor', COMMUNITY_A)).session;
    doctorA2 = (await createStaff(t.app, t.ctx, 'doctor', COMMUNITY_A)).session;
    doctorB = (await createStaff(t.app, t.ctx, 'doctor', COMMUNITY_B)).session;
    gridWorkerA = (await createStaff(t.app, t.ctx, 'grid_worker', gridA)).session;
    gridWorkerA2 = (await createStaff(t.app, t.ctx, 'grid_worker', gridA2)).session;
    gateGuardA = (await createStaff(t.app, t.ctx, 'gate_guard', COMMUNITY_A)).session;

    const register = async (session: Session, communityCode: string, sequence: number) => {
      const response = await send(session, 'POST', '/api/persons', {
        name: '测试居民',
        documentNumber: testResidentId(sequence),
        communityCode,
      });
      expect(response.statusCode, response.body).toBe(201);
      return (response.json() as { person: { id: string } }).person.id;
    };
    otherCommunities = (
      await t.ctx.db
        .selectFrom('jurisdictions')
        .select('code')
        .where('parent_code', '=', SUBDISTRICT_A)
        .where('code', '!=', COMMUNITY_A)
        .orderBy('code')
        .limit(3)
        .execute()
    ).map((row) => row.code);
    personA = await register(staffA, COMMUNITY_A, 701);
    personB = await register(staffB, COMMUNITY_B, 702);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('list and create need a session', async () => {
    expect((await send(null, 'GET', '/api/tasks')).statusCode).toBe(401);
    expect((await send(null, 'GET', '/api/tasks/mine')).statusCode).toBe(401);
    expect((await send(null, 'POST', '/api/tasks', { title: 'x' })).statusCode).toBe(401);
  });

  it('create checks each field', async () => {
    const cases: Array<[Record<string, unknown>, number, string, string]> = [
      [{ title: '   ' }, 400, 'TASK_TITLE_REQUIRED', 'title'],
      [{ title: 'x'.repeat(101) }, 400, 'FIELD_TOO_LONG', 'title'],
      [{ dueAt: hoursFromNow(-1) }, 400, 'TASK_DUE_AT_IN_PAST', 'dueAt'],
      [{ dueAt: 'tomorrow' }, 400, 'FIELD_FORMAT_INVALID', 'dueAt'],
      [{ nodeCode: COMMUNITY_B }, 404, 'JURISDICTION_NOT_FOUND', 'nodeCode'],
      [{ personId: personB }, 404, 'PERSON_NOT_FOUND', 'personId'],
      [{ nodeCode: gridA2, personId: personA, assigneeRole: 'grid_worker' }, 201, '', ''],
      [{ assigneeId: doctorB.userId }, 404, 'TASK_ASSIGNEE_NOT_FOUND', 'assigneeId'],
      [{ assigneeId: doctorA.userId, assigneeRole: 'grid_worker' }, 400, 'TASK_ASSIGNEE_ROLE_MISMATCH', 'assigneeId'],
      [{ nodeCode: gridA, assigneeId: gridWorkerA2.userId }, 400, 'TASK_ASSIGNEE_OUTSIDE_NODE', 'assigneeId'],
      [{ assigneeId: gateGuardA.userId }, 400, 'TASK_ROLE_NOT_ASSIGNABLE', 'assigneeId'],
      [{ assigneeRole: 'gate_guard' }, 400, 'FIELD_NOT_ALLOWED', 'assigneeRole'],
      [{ details: 'x'.repeat(1001) }, 400, 'FIELD_TOO_LONG', 'details'],
    ];
    for (const [overrides, status, code, field] of cases) {
      const response = await createManual(staffA, overrides);
      expect(response.statusCode, JSON.stringify(overrides)).toBe(status);
      if (status === 201) continue;
      expect(errorOf(response).code, JSON.stringify(overrides)).toBe(code);
      expect(errorOf(response).field, JSON.stringify(overrides)).toBe(field);
    }
  });

  it('create rejects a person outside the task node', async () => {
    const response = await send(subdistrictA, 'POST', '/api/tasks', {
      title: '核实',
      nodeCode: otherCommunities[0],
      personId: personA,
      dueAt: hoursFromNow(4),
    });
    expect(response.statusCode, response.body).toBe(400);
    expect(errorOf(response)).toMatchObject({ code: 'TASK_PERSON_OUTSIDE_NODE', field: 'personId' });
  });

  it('create rejects a disabled assignee', async () => {
    const doctor = await createStaff(t.app, t.ctx, 'doctor', COMMUNITY_A);
    await t.ctx.db.updateTable('users').set({ disabled: 1 }).where('id', '=', doctor.user.id).execute();
    const response = await createManual(staffA, { assigneeId: doctor.user.id });
    expect(response.statusCode).toBe(400);
    expect(errorOf(response)).toMatchObject({ code: 'TASK_ASSIGNEE_DISABLED', field: 'assigneeId' });
  });

  it('only managers create tasks', async () => {
    for (const session of [doctorA, gridWorkerA, gateGuardA]) {
      const response = await createManual(session);
      expect(response.statusCode).toBe(403);
      expect(errorOf(response).code).toBe('FORBIDDEN');
    }
  });

  it('create stores the task and its audit entry', async () => {
    const response = await createManual(staffA, {
      title: '  核实  返乡人员  ',
      personId: personA,
      assigneeId: doctorA.userId,
      assigneeRole: 'doctor',
      details: '电话无人接听，请上门',
    });
    expect(response.statusCode, response.body).toBe(201);
    const task = response.json();
    expect(task).toMatchObject({
      kind: 'manual',
      title: '核实 返乡人员',
      details: { text: '电话无人接听，请上门' },
      status: 'open',
      nodeCode: COMMUNITY_A,
      personId: personA,
      personName: '测试居民',
      assigneeId: doctorA.userId,
      assigneeRole: 'doctor',
      dueAt: hoursFromNow(4),
      overdue: false,
      resultNote: null,
      closedAt: null,
      createdById: staffA.userId,
    });
    expect(task.history).toEqual([
      expect.objectContaining({
        action: 'task.create',
        actorId: staffA.userId,
        fields: ['title', 'nodeCode', 'dueAt', 'personId', 'assigneeId', 'assigneeRole', 'details'],
      }),
    ]);
    const row = await taskRow(task.id);
    expect(row.created_by).toBe(staffA.userId);
    expect(row.status).toBe('open');
    expect(JSON.parse(row.details)).toEqual({ text: '电话无人接听，请上门' });
  });

  it('community B cannot read or change A tasks', async () => {
    const task = (await createManual(staffA, { assigneeRole: 'doctor' })).json();
    expect(await listIds(staffB)).not.toContain(task.id);
    expect(await mineIds(doctorB)).not.toContain(task.id);

    const attempts = [
      send(staffB, 'GET', `/api/tasks/${task.id}`),
      send(staffB, 'PATCH', `/api/tasks/${task.id}`, { dueAt: hoursFromNow(8) }),
      send(staffB, 'POST', `/api/tasks/${task.id}/cancel`, { resultNote: '越权' }),
      send(doctorB, 'POST', `/api/tasks/${task.id}/take`),
      send(doctorB, 'POST', `/api/tasks/${task.id}/start`),
      send(doctorB, 'POST', `/api/tasks/${task.id}/complete`, { resultNote: '越权' }),
    ];
    for (const response of await Promise.all(attempts)) {
      expect(response.statusCode, response.body).toBe(404);
      expect(errorOf(response).code).toBe('TASK_NOT_FOUND');
    }
    const row = await taskRow(task.id);
    expect(row.status).toBe('open');
    expect(row.assignee_id).toBeNull();
    expect(row.due_at).toBe(task.dueAt);
    expect(await auditActions(task.id)).toEqual(['task.create']);
  });

  it('community A cannot assign B users', async () => {
    const task = (await createManual(staffA)).json();
    const response = await send(staffA, 'PATCH', `/api/tasks/${task.id}`, { assigneeId: staffB.userId });
    expect(response.statusCode).toBe(404);
    expect(errorOf(response)).toMatchObject({ code: 'TASK_ASSIGNEE_NOT_FOUND', field: 'assigneeId' });
    expect((await taskRow(task.id)).assignee_id).toBeNull();
  });

  it('doctor takes, starts and completes', async () => {
    const { id } = await ruleTask({ sourceKey: 'declaration:take-test:1', personId: personA, details: { temperatureTenths: 385 } });

    expect(await mineIds(doctorA)).toContain(id);
    expect(await mineIds(doctorA2)).toContain(id);
    expect(await mineIds(gridWorkerA)).not.toContain(id);

    const taken = await send(doctorA, 'POST', `/api/tasks/${id}/take`);
    expect(taken.statusCode, taken.body).toBe(200);
    expect(taken.json()).toMatchObject({ assigneeId: doctorA.userId, status: 'open', details: { temperatureTenths: 385 } });
    expect((await send(doctorA, 'POST', `/api/tasks/${id}/take`)).statusCode).toBe(200);
    expect(await mineIds(doctorA2)).not.toContain(id);

    const second = await send(doctorA2, 'POST', `/api/tasks/${id}/take`);
    expect(second.statusCode).toBe(409);
    expect(errorOf(second).code).toBe('TASK_ALREADY_TAKEN');
    const notMine = await send(doctorA2, 'POST', `/api/tasks/${id}/start`);
    expect(notMine.statusCode).toBe(403);
    expect(errorOf(notMine).code).toBe('TASK_NOT_ASSIGNEE');

    const started = await send(doctorA, 'POST', `/api/tasks/${id}/start`);
    expect(started.statusCode, started.body).toBe(200);
    expect(started.json().status).toBe('in_progress');
    const again = await send(doctorA, 'POST', `/api/tasks/${id}/start`);
    expect(again.statusCode).toBe(409);
    expect(errorOf(again)).toMatchObject({ code: 'TASK_ALREADY_IN_PROGRESS', field: 'status' });

    for (const resultNote of ['', '  \n ']) {
      const blank = await send(doctorA, 'POST', `/api/tasks/${id}/complete`, { resultNote });
      expect(blank.statusCode).toBe(400);
      expect(errorOf(blank)).toMatchObject({ code: 'TASK_RESULT_NOTE_REQUIRED', field: 'resultNote' });
    }
    const tooLong = await send(doctorA, 'POST', `/api/tasks/${id}/complete`, { resultNote: 'x'.repeat(1001) });
    expect(tooLong.statusCode).toBe(400);
    expect(errorOf(tooLong)).toMatchObject({ code: 'FIELD_TOO_LONG', field: 'resultNote' });
    expect(errorOf(await send(doctorA, 'POST', `/api/tasks/${id}/complete`, {})).code).toBe('FIELD_REQUIRED');

    const done = await send(doctorA, 'POST', `/api/tasks/${id}/complete`, { resultNote: '已电话随访，体温正常' });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({
      status: 'done',
      resultNote: '已电话随访，体温正常',
      closedAt: NOW.toISOString(),
      closedById: doctorA.userId,
      overdue: false,
    });
    expect(done.json().history.map((entry: { action: string }) => entry.action)).toEqual(['task.update', 'task.start', 'task.complete']);
    expect(await mineIds(doctorA)).not.toContain(id);

    const row = await taskRow(id);
    expect(row.status).toBe('done');
    expect(row.closed_by).toBe(doctorA.userId);
  });

  it('closed tasks reject every change', async () => {
    const done = (await createManual(staffA)).json();
    expect((await send(staffA, 'POST', `/api/tasks/${done.id}/complete`, { resultNote: '办结' })).statusCode).toBe(200);
    const cancelled = (await createManual(staffA)).json();
    expect((await send(staffA, 'POST', `/api/tasks/${cancelled.id}/cancel`, { resultNote: '重复任务' })).statusCode).toBe(200);

    for (const [task, code] of [
      [done, 'TASK_ALREADY_DONE'],
      [cancelled, 'TASK_ALREADY_CANCELLED'],
    ] as const) {
      for (const [method, path, payload] of [
        ['POST', 'start', undefined],
        ['POST', 'complete', { resultNote: '再次' }],
        ['POST', 'cancel', { resultNote: '再次' }],
        ['POST', 'take', undefined],
        ['PATCH', '', { dueAt: hoursFromNow(9) }],
      ] as const) {
        const response = await send(staffA, method, `/api/tasks/${task.id}${path ? `/${path}` : ''}`, payload);
        expect(response.statusCode, `${code} ${path}`).toBe(409);
        expect(errorOf(response), `${code} ${path}`).toMatchObject({ code, field: 'status' });
      }
    }
    expect(await auditActions(cancelled.id)).toEqual(['task.create', 'task.cancel']);
  });

  it('only managers cancel', async () => {
    const task = (await createManual(staffA, { assigneeId: doctorA.userId })).json();
    const response = await send(doctorA, 'POST', `/api/tasks/${task.id}/cancel`, { resultNote: '不想做' });
    expect(response.statusCode).toBe(403);
    expect(errorOf(response).code).toBe('FORBIDDEN');
    expect((await taskRow(task.id)).status).toBe('open');
  });

  it('assignee role rules', async () => {
    const task = (await createManual(staffA, { assigneeRole: 'doctor' })).json();
    const wrongRole = await send(gridWorkerA, 'POST', `/api/tasks/${task.id}/take`);
    // The community task is outside the grid worker's subtree and not assigned to them.
    expect(wrongRole.statusCode).toBe(404);

    const openTask = (await createManual(staffA)).json();
    const assigned = await send(staffA, 'PATCH', `/api/tasks/${openTask.id}`, { assigneeId: gridWorkerA.userId });
    expect(assigned.statusCode, assigned.body).toBe(200);
    expect(assigned.json()).toMatchObject({ assigneeId: gridWorkerA.userId, assigneeName: expect.any(String) });

    const roleChange = await send(staffA, 'PATCH', `/api/tasks/${openTask.id}`, { assigneeRole: 'doctor' });
    expect(roleChange.statusCode).toBe(400);
    expect(errorOf(roleChange)).toMatchObject({ code: 'TASK_ASSIGNEE_ROLE_MISMATCH', field: 'assigneeRole' });

    const both = await send(staffA, 'PATCH', `/api/tasks/${openTask.id}`, { assigneeRole: 'doctor', assigneeId: doctorA.userId });
    expect(both.statusCode, both.body).toBe(200);
    expect(both.json()).toMatchObject({ assigneeRole: 'doctor', assigneeId: doctorA.userId });
    expect(both.json().history.at(-1)).toMatchObject({ action: 'task.update', fields: ['assigneeRole', 'assigneeId'] });

    const unchanged = await send(staffA, 'PATCH', `/api/tasks/${openTask.id}`, { assigneeId: doctorA.userId, dueAt: openTask.dueAt });
    expect(unchanged.statusCode).toBe(200);
    expect(await auditActions(openTask.id)).toEqual(['task.create', 'task.update', 'task.update']);

    const gridTask = (await createManual(staffA, { nodeCode: gridA, assigneeRole: 'grid_worker' })).json();
    const otherGrid = await send(gridWorkerA2, 'POST', `/api/tasks/${gridTask.id}/take`);
    expect(otherGrid.statusCode).toBe(404);
    const staffTake = await send(staffA, 'POST', `/api/tasks/${gridTask.id}/take`);
    expect(staffTake.statusCode).toBe(403);
    expect(errorOf(staffTake).code).toBe('TASK_NOT_TAKEABLE');
    expect((await send(gridWorkerA, 'POST', `/api/tasks/${gridTask.id}/take`)).statusCode).toBe(200);
  });

  it('patch moves due time and clears assignee', async () => {
    const task = (await createManual(staffA, { assigneeId: doctorA.userId })).json();
    const past = await send(staffA, 'PATCH', `/api/tasks/${task.id}`, { dueAt: hoursFromNow(-2) });
    expect(past.statusCode).toBe(400);
    expect(errorOf(past)).toMatchObject({ code: 'TASK_DUE_AT_IN_PAST', field: 'dueAt' });

    const moved = await send(staffA, 'PATCH', `/api/tasks/${task.id}`, { dueAt: '2026-12-06T09:00:00+08:00', assigneeId: null });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ dueAt: '2026-12-06T01:00:00.000Z', assigneeId: null, assigneeName: null });
    expect(moved.json().history.at(-1)).toMatchObject({ action: 'task.update', fields: ['assigneeId', 'dueAt'] });
    const row = await taskRow(task.id);
    expect(row.assignee_id).toBeNull();
    expect(new Date(row.due_at).toISOString()).toBe('2026-12-06T01:00:00.000Z');

    const notManager = await send(doctorA, 'PATCH', `/api/tasks/${task.id}`, { dueAt: hoursFromNow(9) });
    expect(notManager.statusCode).toBe(403);
    expect(errorOf(notManager).code).toBe('FORBIDDEN');
  });

  it('task without a role fits any assignable role', async () => {
    const task = (await createManual(staffA)).json();
    expect(await mineIds(doctorA)).not.toContain(task.id);
    const taken = await send(doctorA, 'POST', `/api/tasks/${task.id}/take`);
    expect(taken.statusCode, taken.body).toBe(200);
    expect(taken.json().assigneeId).toBe(doctorA.userId);
    expect(await mineIds(doctorA)).toContain(task.id);
  });

  it('grid worker completes a community task assigned to them', async () => {
    const task = (await createManual(staffA, { assigneeId: gridWorkerA.userId })).json();
    expect(await mineIds(gridWorkerA)).toContain(task.id);
    expect(await listIds(gridWorkerA, '?assignee=me')).toContain(task.id);
    expect((await send(gridWorkerA, 'GET', `/api/tasks/${task.id}`)).statusCode).toBe(200);
    expect((await send(gridWorkerA2, 'GET', `/api/tasks/${task.id}`)).statusCode).toBe(404);

    const done = await send(gridWorkerA, 'POST', `/api/tasks/${task.id}/complete`, { resultNote: '已上门核实' });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().status).toBe('done');
  });

  it('lists overdue first by due time', async () => {
    const node = otherCommunities[1] as string;
    const due = (hours: number) => createManual(subdistrictA, { nodeCode: node, dueAt: hoursFromNow(hours) });
    const later = (await due(6)).json();
    const soon = (await due(1)).json();
    const soonest = (await due(0.5)).json();
    const closed = (await due(0.25)).json();
    expect((await send(subdistrictA, 'POST', `/api/tasks/${closed.id}/complete`, { resultNote: '办结' })).statusCode).toBe(200);

    // Two hours later the tasks due in half an hour and one hour are overdue; the closed one never is.
    t.ctx.clock = () => new Date(NOW.getTime() + 2 * 3_600_000);
    try {
      const response = await send(subdistrictA, 'GET', `/api/tasks?nodeCode=${node}`);
      const items = response.json().items as Array<{ id: string; overdue: boolean }>;
      expect(items.map((item) => item.id)).toEqual([soonest.id, soon.id, later.id, closed.id]);
      expect(items.map((item) => item.overdue)).toEqual([true, true, false, false]);
      expect(await listIds(subdistrictA, `?nodeCode=${node}&overdue=true`)).toEqual([soonest.id, soon.id]);
      expect(await listIds(subdistrictA, `?nodeCode=${node}&overdue=false`)).toEqual([later.id, closed.id]);
    } finally {
      t.ctx.clock = () => NOW;
    }
  });

  it('list filters', async () => {
    const node = otherCommunities[2] as string;
    const create = (overrides: Record<string, unknown>) => createManual(subdistrictA, { nodeCode: node, ...overrides });
    const doctorTask = (await create({ assigneeRole: 'doctor' })).json();
    const personTask = (await create({ title: '第二项' })).json();
    const mine = (await create({})).json();
    expect((await send(subdistrictA, 'POST', `/api/tasks/${mine.id}/start`)).statusCode).toBe(200);
    const base = `?nodeCode=${node}`;

    expect(await listIds(subdistrictA, `${base}&role=doctor`)).toEqual([doctorTask.id]);
    expect(await listIds(subdistrictA, `${base}&status=in_progress`)).toEqual([mine.id]);
    expect((await listIds(subdistrictA, `${base}&status=active`)).sort()).toEqual([doctorTask.id, personTask.id, mine.id].sort());
    expect(await listIds(subdistrictA, `${base}&status=done`)).toEqual([]);
    expect((await listIds(subdistrictA, `${base}&assignee=unassigned`)).length).toBe(3);
    expect(await listIds(subdistrictA, `${base}&assignee=anyone`)).toEqual([]);
    expect(await listIds(subdistrictA, `${base}&kind=import_verify`)).toEqual([]);
    const aboutPerson = (await createManual(staffA, { personId: personA })).json();
    const personIds = await listIds(staffA, `?personId=${personA}`);
    expect(personIds).toContain(aboutPerson.id);
    expect(personIds).not.toContain(doctorTask.id);
    expect(await listIds(staffA, `?nodeCode=${gridA}`)).not.toContain(doctorTask.id);

    const paged = await send(subdistrictA, 'GET', `/api/tasks${base}&page=2&pageSize=2`);
    expect(paged.json()).toMatchObject({ total: 3, items: [expect.any(Object)] });
    const outside = await send(staffA, 'GET', `/api/tasks?nodeCode=${COMMUNITY_B}`);
    expect(outside.statusCode).toBe(404);
    expect(errorOf(outside)).toMatchObject({ code: 'JURISDICTION_NOT_FOUND', field: 'nodeCode' });
    expect((await send(staffA, 'GET', '/api/tasks?status=closed')).statusCode).toBe(400);
  });

  it('assignee candidates stay in scope', async () => {
    const response = await send(staffA, 'GET', `/api/tasks/assignees?nodeCode=${COMMUNITY_A}&role=doctor`);
    expect(response.statusCode, response.body).toBe(200);
    const ids = (response.json() as { items: Array<{ id: string; role: string }> }).items.map((item) => item.id);
    expect(ids).toContain(doctorA.userId);
    expect(ids).toContain(doctorA2.userId);
    expect(ids).not.toContain(doctorB.userId);
    expect(ids).not.toContain(gridWorkerA.userId);

    const anyRole = (await send(staffA, 'GET', `/api/tasks/assignees?nodeCode=${gridA}`)).json() as { items: Array<{ id: string }> };
    expect(anyRole.items.map((item) => item.id)).toEqual([gridWorkerA.userId]);

    const outside = await send(staffA, 'GET', `/api/tasks/assignees?nodeCode=${COMMUNITY_B}`);
    expect(outside.statusCode).toBe(404);
    expect((await send(doctorA, 'GET', `/api/tasks/assignees?nodeCode=${COMMUNITY_A}`)).statusCode).toBe(403);
  });

  it('rule tasks are created once per source', async () => {
    const first = await ruleTask({ sourceKey: 'declaration:idempotent:1' });
    const second = await ruleTask({ sourceKey: 'declaration:idempotent:1' });
    expect(first.created).toBe(true);
    expect(second).toEqual({ id: first.id, created: false });
    const rows = await t.ctx.db.selectFrom('tasks').select('id').where('source_key', '=', 'declaration:idempotent:1').execute();
    expect(rows).toHaveLength(1);
  });

  it('two doctors taking at once get one task', async () => {
    const { id } = await ruleTask({ sourceKey: 'declaration:race:1' });
    const [a, b] = await Promise.all([send(doctorA, 'POST', `/api/tasks/${id}/take`), send(doctorA2, 'POST', `/api/tasks/${id}/take`)]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const winner = a.statusCode === 200 ? doctorA : doctorA2;
    expect((await taskRow(id)).assignee_id).toBe(winner.userId);
    expect(await auditActions(id)).toEqual(['task.update']);
  });
});
