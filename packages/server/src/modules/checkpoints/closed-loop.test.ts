import { afterAll, beforeAll, expect, it } from 'vitest';
import { COMMUNITY_A, COMMUNITY_B, createStaff, createTestGrid, DISTRICT, ROOT_ACTOR } from '../../testing/fixtures.js';
import { describeEachDatabase, type Session } from '../../testing/harness.js';
import { generateRooms } from '../addresses/generate.js';
import { createCompound, createPlace } from '../addresses/service.js';
import { loadRegion } from '../jurisdictions/service.js';
import { testResidentId } from '../persons/test-helpers.js';
import { runClosedLoopRetry } from './closed-loop-job.js';
import { type CheckpointFixture, createCheckpointFixture, quickRegistration } from './test-helpers.js';

/** 虎丘区, a second district of Suzhou, for users who must not see 姑苏区's alerts. */
const OTHER_DISTRICT = '320505';

describeEachDatabase('checkpoint closed loop', (kind) => {
  let f: CheckpointFixture;
  let gridA: string;
  let placeA: string;
  /** Room 1202 of unit 2 of building 3 of a compound in community A, on no grid. */
  let roomA: string;
  let staffA: Session;
  let staffB: Session;
  let gridWorkerA: Session;
  let districtUser: Session;
  let otherDistrictUser: Session;
  let sequence = 300;

  const errorOf = (response: { json(): unknown }) => (response.json() as { error: { code: string; field?: string } }).error;

  /** Builds a detailed registration of a driver and a passenger heading to the place in community A. */
  function detailedRegistration(overrides: Record<string, unknown> = {}) {
    sequence += 2;
    return quickRegistration(f.checkpointA, {
      mode: 'detailed',
      occupants: [
        { role: 'driver', name: '王驾驶', documentNumber: testResidentId(sequence, '19800101'), phone: '13800138001', temperature: 36.5 },
        { role: 'passenger', name: '李乘客', documentNumber: testResidentId(sequence + 1, '19900101') },
      ],
      originRegionCode: '420106',
      destination: { communityCode: COMMUNITY_A, placeId: placeA },
      purpose: 'return_home',
      ...overrides,
    });
  }

  async function register(body: object) {
    const response = await f.phone('POST', '/api/checkpoint-registrations', body, f.phoneKey);
    expect(response.statusCode, response.body).toBeLessThan(300);
    return response.json().registration as { id: string; taskId: string | null };
  }

  const tasksOf = (registrationId: string) =>
    f.t.ctx.db.selectFrom('tasks').selectAll().where('kind', '=', 'checkpoint_arrival').where('source_key', '=', registrationId).execute();
  const occupantsOf = (registrationId: string) =>
    f.t.ctx.db
      .selectFrom('checkpoint_occupants')
      .select(['position', 'person_id'])
      .where('registration_id', '=', registrationId)
      .orderBy('position')
      .execute();
  const countCheckpointFiles = async () =>
    Number(
      (
        await f.t.ctx.db
          .selectFrom('persons')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('source', '=', 'checkpoint')
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    f = await createCheckpointFixture(kind);
    const { t } = f;
    await loadRegion(t.ctx, null, OTHER_DISTRICT);
    gridA = (await createTestGrid(t.ctx, COMMUNITY_A, '第一网格')).code;
    placeA = (await createPlace(t.ctx, ROOT_ACTOR, { communityCode: COMMUNITY_A, kind: 'shop', text: '十全街88号', gridCode: gridA })).id;
    const compound = await createCompound(t.ctx, ROOT_ACTOR, { communityCode: COMMUNITY_A, name: '金鸡湖花园' });
    await generateRooms(t.ctx, ROOT_ACTOR, compound.id, { buildings: '3', units: '2', floors: '12', roomsPerFloor: '2' });
    const room = await t.ctx.db
      .selectFrom('rooms')
      .innerJoin('units', 'units.id', 'rooms.unit_id')
      .innerJoin('buildings', 'buildings.id', 'units.building_id')
      .select('rooms.id')
      .where('buildings.compound_id', '=', compound.id)
      .where('buildings.number', '=', '3')
      .where('units.number', '=', '2')
      .where('rooms.number', '=', '1202')
      .executeTakeFirstOrThrow();
    roomA = room.id;
    staffA = (await createStaff(t.app, t.ctx, 'community_staff', COMMUNITY_A)).session;
    staffB = (await createStaff(t.app, t.ctx, 'community_staff', COMMUNITY_B)).session;
    gridWorkerA = (await createStaff(t.app, t.ctx, 'grid_worker', gridA)).session;
    districtUser = (await createStaff(t.app, t.ctx, 'subdistrict_staff', DISTRICT)).session;
    otherDistrictUser = (await createStaff(t.app, t.ctx, 'subdistrict_staff', OTHER_DISTRICT)).session;
  });

  afterAll(async () => {
    await f?.t.close();
  });

  it('registration hands the arrival to the destination grid', async () => {
    const body = detailedRegistration();
    const registration = await register(body);
    expect(registration.taskId).not.toBeNull();

    const task = await f.send(staffA, 'GET', `/api/tasks/${registration.taskId}`);
    expect(task.statusCode, task.body).toBe(200);
    expect(task.json()).toMatchObject({
      kind: 'checkpoint_arrival',
      nodeCode: gridA,
      assigneeRole: 'grid_worker',
      status: 'open',
      result: null,
      details: { registrationId: body.id, destinationText: '十全街88号', occupantCount: 2, plateNumber: '苏E12345' },
    });
    expect(Date.parse(task.json().dueAt) - Date.now()).toBeGreaterThan(23 * 3_600_000);
    expect((await f.send(staffB, 'GET', `/api/tasks/${registration.taskId}`)).statusCode).toBe(404);
    expect((await f.send(gridWorkerA, 'GET', `/api/tasks/${registration.taskId}`)).statusCode).toBe(200);
  });

  it('room destination names the room', async () => {
    const body = detailedRegistration({ destination: { communityCode: COMMUNITY_A, roomId: roomA } });
    const registration = await register(body);
    const [task] = await tasksOf(body.id);
    expect(task?.id).toBe(registration.taskId);
    expect(task?.node_code).toBe(COMMUNITY_A);
    expect(JSON.parse(task?.details ?? '{}')).toMatchObject({ destinationText: '金鸡湖花园3幢2单元1202室' });

    const [driver] = await occupantsOf(body.id);
    const person = await f.send(staffA, 'GET', `/api/persons/${driver?.person_id}`);
    expect(person.json()).toMatchObject({ communityCode: COMMUNITY_A, roomId: roomA });
  });

  it('community destination keeps the typed address', async () => {
    const body = detailedRegistration({ destination: { communityCode: COMMUNITY_A, text: '凤凰街12号' } });
    await register(body);
    const [task] = await tasksOf(body.id);
    expect(task?.node_code).toBe(COMMUNITY_A);
    expect(JSON.parse(task?.details ?? '{}')).toMatchObject({ destinationText: '凤凰街12号' });
  });

  it('registration files every named occupant at the destination', async () => {
    const registration = await register(detailedRegistration());
    const occupants = await occupantsOf(registration.id);
    expect(occupants).toHaveLength(2);

    for (const occupant of occupants) {
      expect(occupant.person_id).not.toBeNull();
      const person = await f.send(staffA, 'GET', `/api/persons/${occupant.person_id}`);
      expect(person.statusCode, person.body).toBe(200);
      expect(person.json()).toMatchObject({ communityCode: COMMUNITY_A, gridCode: gridA, placeId: placeA, originRegionCode: '420106' });
      expect((await f.send(staffB, 'GET', `/api/persons/${occupant.person_id}`)).statusCode).toBe(404);
    }
    const rows = await f.t.ctx.db
      .selectFrom('persons')
      .select(['source', 'arrival_date'])
      .where(
        'id',
        'in',
        occupants.map((occupant) => occupant.person_id as string),
      )
      .execute();
    expect(rows.map((row) => row.source)).toEqual(['checkpoint', 'checkpoint']);
    expect(rows.every((row) => row.arrival_date !== null)).toBe(true);
  });

  it('file of another community stays untouched', async () => {
    const body = detailedRegistration();
    const passenger = body.occupants[1] as { documentNumber: string };
    const existing = await f.send(staffB, 'POST', '/api/persons', {
      name: '李乘客',
      documentNumber: passenger.documentNumber,
      communityCode: COMMUNITY_B,
    });
    expect(existing.statusCode, existing.body).toBe(201);

    const registration = await register(body);
    expect(registration.taskId).not.toBeNull();
    const [driver, other] = await occupantsOf(body.id);
    expect(driver?.person_id).not.toBeNull();
    expect(other?.person_id).toBeNull();
    const file = await f.send(staffB, 'GET', `/api/persons/${existing.json().person.id}`);
    expect(file.json()).toMatchObject({ communityCode: COMMUNITY_B, arrivalDate: null });
  });

  it('resend makes no second task or file', async () => {
    const body = detailedRegistration();
    const first = await register(body);
    const files = await countCheckpointFiles();

    const again = await f.phone('POST', '/api/checkpoint-registrations', body, f.phoneKey);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().registration.taskId).toBe(first.taskId);
    expect(await tasksOf(body.id)).toHaveLength(1);
    expect(await countCheckpointFiles()).toBe(files);
  });

  it('quick registration without destination makes no task', async () => {
    const registration = await register(quickRegistration(f.checkpointA));
    expect(registration.taskId).toBeNull();
    expect(await tasksOf(registration.id)).toHaveLength(0);
  });

  it('retry job closes a loop the request left open', async () => {
    const body = detailedRegistration();
    const registration = await register(body);
    // Undo what the request's own run stored, as if that run had failed after the commit.
    await f.t.ctx.db.updateTable('checkpoint_registrations').set({ task_id: null }).where('id', '=', registration.id).execute();
    await f.t.ctx.db
      .deleteFrom('tasks')
      .where('id', '=', registration.taskId as string)
      .execute();
    await f.t.ctx.db
      .updateTable('checkpoint_registrations')
      .set({ received_at: new Date(Date.now() - 5 * 60_000).toISOString() })
      .where('id', '=', registration.id)
      .execute();

    await runClosedLoopRetry(f.t.ctx);
    const tasks = await tasksOf(registration.id);
    expect(tasks).toHaveLength(1);
    const stored = await f.t.ctx.db
      .selectFrom('checkpoint_registrations')
      .select('task_id')
      .where('id', '=', registration.id)
      .executeTakeFirstOrThrow();
    expect(stored.task_id).toBe(tasks[0]?.id);

    await runClosedLoopRetry(f.t.ctx);
    expect(await tasksOf(registration.id)).toHaveLength(1);
  });

  it('arrivals list shows the destination community only', async () => {
    const body = detailedRegistration();
    const registration = await register(body);
    // The registration's own China calendar day, so that a run just after midnight finds it too.
    const day = new Date(Date.parse(body.registeredAt) + 8 * 3_600_000).toISOString().slice(0, 10);
    const idsOf = async (session: Session) => {
      const response = await f.send(session, 'GET', `/api/checkpoint-arrivals?date=${day}`);
      expect(response.statusCode, response.body).toBe(200);
      return (response.json() as { items: Array<{ registrationId: string }> }).items.map((item) => item.registrationId);
    };

    const response = await f.send(staffA, 'GET', `/api/checkpoint-arrivals?date=${day}&communityCode=${COMMUNITY_A}`);
    const item = (response.json() as { items: Array<Record<string, unknown>> }).items.find((row) => row.registrationId === body.id);
    expect(item).toMatchObject({
      plateNumber: '苏E12345',
      occupantCount: 2,
      destinationCommunityCode: COMMUNITY_A,
      destinationText: '十全街88号',
      taskId: registration.taskId,
      taskStatus: 'open',
      taskResult: null,
    });
    expect(await idsOf(gridWorkerA)).toContain(body.id);
    expect(await idsOf(districtUser)).toContain(body.id);
    expect(await idsOf(staffB)).not.toContain(body.id);
    expect(await idsOf(otherDistrictUser)).not.toContain(body.id);
    expect((await f.send(f.officerA.session, 'GET', '/api/checkpoint-arrivals')).statusCode).toBe(403);
  });

  it('arrival close requires found or not found', async () => {
    const registration = await register(detailedRegistration());
    const url = `/api/tasks/${registration.taskId}`;
    expect((await f.send(gridWorkerA, 'POST', `${url}/take`)).statusCode).toBe(200);

    const missing = await f.send(gridWorkerA, 'POST', `${url}/complete`, { resultNote: '已上门' });
    expect(missing.statusCode).toBe(400);
    expect(errorOf(missing)).toMatchObject({ code: 'TASK_RESULT_REQUIRED', field: 'result' });
    const unknown = await f.send(gridWorkerA, 'POST', `${url}/complete`, { resultNote: '已上门', result: 'maybe' });
    expect(unknown.statusCode).toBe(400);
    expect(errorOf(unknown).field).toBe('result');
    const onCancel = await f.send(staffA, 'POST', `${url}/cancel`, { resultNote: '重复登记', result: 'found' });
    expect(onCancel.statusCode).toBe(400);
    expect(errorOf(onCancel)).toMatchObject({ code: 'TASK_RESULT_NOT_ALLOWED', field: 'result' });

    const found = await f.send(gridWorkerA, 'POST', `${url}/complete`, { resultNote: '已在住处见到二人', result: 'found' });
    expect(found.statusCode, found.body).toBe(200);
    expect(found.json()).toMatchObject({ status: 'done', result: 'found' });
    const alerts = await f.t.ctx.db
      .selectFrom('alerts')
      .select('id')
      .where('task_id', '=', registration.taskId as string)
      .execute();
    expect(alerts).toHaveLength(0);
  });

  it('manual task close rejects a result', async () => {
    const created = await f.send(staffA, 'POST', '/api/tasks', {
      title: '上门核实',
      nodeCode: COMMUNITY_A,
      dueAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
    expect(created.statusCode, created.body).toBe(201);
    const closed = await f.send(staffA, 'POST', `/api/tasks/${created.json().id}/complete`, { resultNote: '已完成', result: 'found' });
    expect(closed.statusCode).toBe(400);
    expect(errorOf(closed)).toMatchObject({ code: 'TASK_RESULT_NOT_ALLOWED', field: 'result' });
  });

  it('not found raises an alert to the district', async () => {
    const body = detailedRegistration();
    const registration = await register(body);
    const url = `/api/tasks/${registration.taskId}`;
    expect((await f.send(gridWorkerA, 'POST', `${url}/take`)).statusCode).toBe(200);
    const closed = await f.send(gridWorkerA, 'POST', `${url}/complete`, { resultNote: '地址无此二人', result: 'not_found' });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'done', result: 'not_found' });

    const alertIdsOf = async (session: Session) => {
      const response = await f.send(session, 'GET', '/api/alerts?kind=checkpoint_arrival_not_found');
      expect(response.statusCode, response.body).toBe(200);
      return (response.json() as { items: Array<{ id: string; nodeCode: string; taskId: string | null }> }).items.filter(
        (alert) => alert.taskId === registration.taskId,
      );
    };
    const seen = await alertIdsOf(districtUser);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.nodeCode).toBe(DISTRICT);
    expect(await alertIdsOf(otherDistrictUser)).toHaveLength(0);

    const stored = await f.t.ctx.db
      .selectFrom('alerts')
      .select(['severity', 'details'])
      .where('task_id', '=', registration.taskId as string)
      .executeTakeFirstOrThrow();
    expect(stored.severity).toBe('warning');
    expect(JSON.parse(stored.details)).toMatchObject({ registrationId: body.id, plateNumber: '苏E12345', occupantCount: 2 });
    expect(stored.details).not.toContain('王驾驶');
  });
});
