import { afterAll, beforeAll, expect, it } from 'vitest';
import { chinaToday } from '../persons/input.js';
import { testResidentId } from '../persons/test-helpers.js';
import { COMMUNITY_A, COMMUNITY_B, createStaff, createTestGrid, loadGusu } from '../../testing/fixtures.js';
import { createTestApp, describeEachDatabase, request, type Session, type TestApp } from '../../testing/harness.js';
import { addDays, MAX_START_DAYS_AHEAD } from './tenancy-rules.js';

describeEachDatabase('households', (kind) => {
  let t: TestApp;
  let admin: Session;
  let staffA: Session;
  let staffB: Session;
  let gridWorkerA: Session;
  let doctorA: Session;
  let roomIds: string[];
  let gridRoomId: string;
  let roomB: string;
  let placeA: string;
  let owner: string;
  let family: string;
  let renter: string;
  let landlord: string;
  let personB: string;
  let gridPerson: string;
  const today = chinaToday();

  const post = (session: Session | null, url: string, payload: object) =>
    request(t.app, session, { method: 'POST', url, payload, locale: 'en' });
  const get = (session: Session | null, url: string) => request(t.app, session, { method: 'GET', url, locale: 'en' });
  const createTenancy = (session: Session, payload: object) => post(session, '/api/households/tenancies', payload);

  async function roomsOfCompound(session: Session, communityCode: string, name: string, gridCode?: string) {
    const compoundId = (await post(session, '/api/addresses/compounds', { communityCode, name, ...(gridCode ? { gridCode } : {}) })).json()
      .id;
    await post(session, `/api/addresses/compounds/${compoundId}/generate`, {
      buildings: '1',
      units: '1',
      floors: '1-2',
      roomsPerFloor: '1-2',
    });
    const rows = await t.ctx.db
      .selectFrom('rooms')
      .innerJoin('units', 'units.id', 'rooms.unit_id')
      .innerJoin('buildings', 'buildings.id', 'units.building_id')
      .select('rooms.id')
      .where('buildings.compound_id', '=', compoundId)
      .orderBy('rooms.number')
      .execute();
    return rows.map((row) => row.id);
  }

  let sequence = 100;
  async function registerPerson(session: Session, payload: object) {
    sequence += 1;
    const response = await post(session, '/api/persons', { documentNumber: testResidentId(sequence), ...payload });
    if (response.statusCode !== 201) throw new Error(`registration failed with ${response.statusCode}: ${response.body}`);
    return response.json().person.id as string;
  }

  const auditRowsOf = (id: string) =>
    t.ctx.db.selectFrom('audit_log').selectAll().where('entity_type', '=', 'tenancy').where('entity_id', '=', id).orderBy('seq').execute();

  beforeAll(async () => {
    t = await createTestApp(kind);
    await loadGusu(t.ctx);
    const gridA = (await createTestGrid(t.ctx, COMMUNITY_A, '第一网格')).code;
    admin = (await createStaff(t.app, t.ctx, 'admin', 'CN')).session;
    staffA = (await createStaff(t.app, t.ctx, 'community_staff', COMMUNITY_A)).session;
    staffB = (await createStaff(t.app, t.ctx, 'community_staff', COMMUNITY_B)).session;
    gridWorkerA = (await createStaff(t.app, t.ctx, 'grid_worker', gridA)).session;
    doctorA = (await createStaff(t.app, t.ctx, 'doctor', COMMUNITY_A)).session;

    roomIds = await roomsOfCompound(staffA, COMMUNITY_A, '金色里程');
    gridRoomId = (await roomsOfCompound(staffA, COMMUNITY_A, '网格小区', gridA))[0] as string;
    roomB = (await roomsOfCompound(staffB, COMMUNITY_B, '平江花园'))[0] as string;
    placeA = (await post(staffA, '/api/addresses/places', { communityCode: COMMUNITY_A, kind: 'shop', text: '平江路8号' })).json().id;

    const roomId = roomIds[0];
    renter = await registerPerson(staffA, {
      name: '王租户',
      communityCode: COMMUNITY_A,
      roomId,
      householdRole: 'tenant',
      closeContact: true,
      closeContactReason: '同车',
    });
    family = await registerPerson(staffA, { name: '李家属', communityCode: COMMUNITY_A, roomId, householdRole: 'family' });
    owner = await registerPerson(staffA, {
      name: '张业主',
      communityCode: COMMUNITY_A,
      roomId,
      householdRole: 'owner',
      phone: '13900001111',
      keyPerson: true,
      keyPersonReason: '外地返回',
    });
    landlord = await registerPerson(staffA, { name: '赵房东', communityCode: COMMUNITY_A });
    gridPerson = await registerPerson(staffA, { name: '网格居民', communityCode: COMMUNITY_A, gridCode: gridA });
    personB = await registerPerson(staffB, { name: '乙社区居民', communityCode: COMMUNITY_B });
  });
  afterAll(async () => t.close());

  it('room view lists occupants by role', async () => {
    const response = await get(staffA, `/api/households/rooms/${roomIds[0]}`);
    expect(response.statusCode).toBe(200);
    const view = response.json();
    expect(view.type).toBe('room');
    expect(view.addressText).toBe('金色里程1幢1单元101室');
    expect(view.room.id).toBe(roomIds[0]);
    expect(view.place).toBeNull();
    expect(view.occupants.map((occupant: { id: string }) => occupant.id)).toEqual([owner, family, renter]);
    expect(view.occupants.map((occupant: { householdRole: string }) => occupant.householdRole)).toEqual(['owner', 'family', 'tenant']);
  });

  it('room view shows masked numbers and markers', async () => {
    const view = (await get(staffA, `/api/households/rooms/${roomIds[0]}`)).json();
    const ownerRow = view.occupants.find((occupant: { id: string }) => occupant.id === owner);
    expect(ownerRow.phoneMasked).toBe('139****1111');
    expect(ownerRow.documentMasked).toMatch(/\*/);
    expect(ownerRow.keyPerson).toBe(true);
    expect(ownerRow.closeContact).toBe(false);
    const renterRow = view.occupants.find((occupant: { id: string }) => occupant.id === renter);
    expect(renterRow.closeContact).toBe(true);
    expect(JSON.stringify(view)).not.toContain('13900001111');
  });

  it('household views are scoped', async () => {
    const roomOfA = await get(staffB, `/api/households/rooms/${roomIds[0]}`);
    expect(roomOfA.statusCode).toBe(404);
    expect(roomOfA.json().error).toMatchObject({ code: 'ROOM_NOT_FOUND', field: 'roomId' });

    const placeOfA = await get(staffB, `/api/households/places/${placeA}`);
    expect(placeOfA.statusCode).toBe(404);
    expect(placeOfA.json().error).toMatchObject({ code: 'PLACE_NOT_FOUND', field: 'placeId' });

    expect((await get(gridWorkerA, `/api/households/rooms/${roomIds[0]}`)).statusCode).toBe(404);
    expect((await get(gridWorkerA, `/api/households/rooms/${gridRoomId}`)).statusCode).toBe(200);
    expect((await get(admin, `/api/households/rooms/${roomB}`)).statusCode).toBe(200);
    expect((await get(doctorA, `/api/households/rooms/${roomIds[0]}`)).statusCode).toBe(200);
  });

  it('household view requires a session', async () => {
    expect((await get(null, `/api/households/rooms/${roomIds[0]}`)).statusCode).toBe(401);
  });

  it('tenancy create lists it on the room', async () => {
    const startDate = addDays(today, -30);
    const created = await createTenancy(staffA, { roomId: roomIds[0], landlordPersonId: landlord, tenantPersonId: renter, startDate });
    expect(created.statusCode).toBe(201);
    const tenancy = created.json();
    expect(tenancy).toMatchObject({
      address: { type: 'room', id: roomIds[0], text: '金色里程1幢1单元101室' },
      communityCode: COMMUNITY_A,
      landlord: { id: landlord, name: '赵房东' },
      tenant: { id: renter, name: '王租户' },
      startDate,
      endDate: null,
      endedReason: null,
      status: 'active',
    });

    const view = (await get(staffA, `/api/households/rooms/${roomIds[0]}`)).json();
    expect(view.tenancies.map((row: { id: string }) => row.id)).toContain(tenancy.id);

    const audits = await auditRowsOf(tenancy.id);
    expect(audits.map((row) => row.action)).toEqual(['tenancy.create']);
    expect(audits[0]?.node_code).toBe(COMMUNITY_A);
    expect(JSON.parse(audits[0]?.fields ?? '[]')).toEqual(['roomId', 'landlordPersonId', 'tenantPersonId', 'startDate']);
  });

  it('tenancy create rejects each invalid input', async () => {
    const valid = { roomId: roomIds[1], landlordPersonId: landlord, tenantPersonId: family, startDate: today };
    const cases = [
      { payload: { ...valid, placeId: placeA }, status: 400, code: 'TENANCY_ADDRESS_REQUIRED', field: 'roomId' },
      { payload: { ...valid, roomId: undefined }, status: 400, code: 'TENANCY_ADDRESS_REQUIRED', field: 'roomId' },
      { payload: { ...valid, tenantPersonId: landlord }, status: 400, code: 'TENANCY_SAME_PERSON', field: 'tenantPersonId' },
      { payload: { ...valid, landlordPersonId: personB }, status: 404, code: 'PERSON_NOT_FOUND', field: 'landlordPersonId' },
      { payload: { ...valid, tenantPersonId: personB }, status: 404, code: 'PERSON_NOT_FOUND', field: 'tenantPersonId' },
      { payload: { ...valid, roomId: roomB }, status: 404, code: 'ROOM_NOT_FOUND', field: 'roomId' },
      { payload: { ...valid, endDate: addDays(today, -1) }, status: 400, code: 'TENANCY_END_BEFORE_START', field: 'endDate' },
      {
        payload: { ...valid, startDate: addDays(today, MAX_START_DAYS_AHEAD + 1) },
        status: 400,
        code: 'TENANCY_START_TOO_LATE',
        field: 'startDate',
      },
      { payload: { ...valid, startDate: '2026-02-30' }, status: 400, code: 'FIELD_FORMAT_INVALID', field: 'startDate' },
      { payload: { ...valid, landlordPersonId: undefined }, status: 400, code: 'FIELD_REQUIRED', field: 'landlordPersonId' },
    ];
    for (const testCase of cases) {
      const response = await createTenancy(staffA, testCase.payload);
      const label = JSON.stringify(testCase.payload);
      expect(response.statusCode, label).toBe(testCase.status);
      expect(response.json().error.code, label).toBe(testCase.code);
      expect(response.json().error.field, label).toBe(testCase.field);
      expect(response.json().error.message, label).not.toBe(testCase.code);
    }
    const stored = await t.ctx.db
      .selectFrom('tenancies')
      .select('id')
      .where('room_id', '=', roomIds[1] as string)
      .execute();
    expect(stored).toEqual([]);
  });

  it('tenancy may start up to the limit ahead', async () => {
    const startDate = addDays(today, MAX_START_DAYS_AHEAD);
    const response = await createTenancy(staffA, { placeId: placeA, landlordPersonId: owner, tenantPersonId: family, startDate });
    expect(response.statusCode).toBe(201);
    expect(response.json().status).toBe('upcoming');
    expect(response.json().address).toEqual({ type: 'place', id: placeA, text: '平江路8号' });
  });

  it('tenancy overlap of the same pair is rejected', async () => {
    const base = { roomId: roomIds[2], landlordPersonId: landlord, tenantPersonId: family };
    const first = await createTenancy(staffA, { ...base, startDate: '2025-01-01', endDate: '2025-06-30' });
    expect(first.statusCode).toBe(201);

    const overlapping = await createTenancy(staffA, { ...base, startDate: '2025-06-30' });
    expect(overlapping.statusCode).toBe(409);
    expect(overlapping.json().error).toMatchObject({ code: 'TENANCY_OVERLAP', field: 'startDate' });

    const inside = await createTenancy(staffA, { ...base, startDate: '2024-12-01', endDate: '2025-01-01' });
    expect(inside.statusCode).toBe(409);

    const after = await createTenancy(staffA, { ...base, startDate: '2025-07-01' });
    expect(after.statusCode).toBe(201);
    expect(after.json().status).toBe('active');

    // Another tenant of the same room in the same period is a separate tenancy.
    const otherTenant = await createTenancy(staffA, { ...base, tenantPersonId: owner, startDate: '2025-03-01' });
    expect(otherTenant.statusCode).toBe(201);

    const view = (await get(staffA, `/api/households/rooms/${roomIds[2]}`)).json();
    expect(view.tenancies.map((row: { startDate: string }) => row.startDate)).toEqual(['2025-07-01', '2025-03-01', '2025-01-01']);
    expect(view.tenancies[2].status).toBe('ended');
  });

  it('tenancy end records date and reason', async () => {
    const startDate = addDays(today, -10);
    const tenancy = (
      await createTenancy(staffA, { roomId: roomIds[3], landlordPersonId: landlord, tenantPersonId: owner, startDate })
    ).json();
    const url = `/api/households/tenancies/${tenancy.id}/end`;

    const tooLate = await post(staffA, url, { endDate: addDays(today, 1), reason: '退租' });
    expect(tooLate.statusCode).toBe(400);
    expect(tooLate.json().error).toMatchObject({ code: 'TENANCY_END_IN_FUTURE', field: 'endDate' });
    const tooEarly = await post(staffA, url, { endDate: addDays(startDate, -1), reason: '退租' });
    expect(tooEarly.json().error).toMatchObject({ code: 'TENANCY_END_BEFORE_START', field: 'endDate' });
    const blankReason = await post(staffA, url, { endDate: today, reason: '\u200b ' });
    expect(blankReason.json().error).toMatchObject({ code: 'FIELD_REQUIRED', field: 'reason' });
    expect((await post(staffB, url, { endDate: today, reason: '退租' })).statusCode).toBe(404);

    const ended = await post(staffA, url, { endDate: today, reason: ' 退租 ' });
    expect(ended.statusCode).toBe(200);
    expect(ended.json()).toMatchObject({ id: tenancy.id, endDate: today, endedReason: '退租', status: 'ended' });

    const again = await post(staffA, url, { endDate: today, reason: '退租' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'TENANCY_ALREADY_ENDED' });

    const audits = await auditRowsOf(tenancy.id);
    expect(audits.map((row) => row.action)).toEqual(['tenancy.create', 'tenancy.end']);
    expect(JSON.parse(audits[1]?.fields ?? '[]')).toEqual(['endDate', 'reason']);
    expect(audits[1]?.node_code).toBe(COMMUNITY_A);
  });

  it('upcoming tenancy is cancelled on its start date', async () => {
    const startDate = addDays(today, 20);
    const tenancy = (
      await createTenancy(staffA, { roomId: roomIds[3], landlordPersonId: owner, tenantPersonId: family, startDate })
    ).json();
    const response = await post(staffA, `/api/households/tenancies/${tenancy.id}/end`, { endDate: startDate, reason: '未入住' });
    expect(response.statusCode).toBe(200);
    expect(response.json().status).toBe('ended');
  });

  it('tenancy end rejects a longer overlapping period', async () => {
    const base = { placeId: placeA, landlordPersonId: landlord, tenantPersonId: renter };
    const first = (await createTenancy(staffA, { ...base, startDate: '2024-01-01', endDate: '2024-03-31' })).json();
    expect((await createTenancy(staffA, { ...base, startDate: '2024-04-01', endDate: '2024-06-30' })).statusCode).toBe(201);
    const response = await post(staffA, `/api/households/tenancies/${first.id}/end`, { endDate: '2024-04-15', reason: '延期退租' });
    expect(response.statusCode).toBe(409);
    expect(response.json().error).toMatchObject({ code: 'TENANCY_OVERLAP', field: 'endDate' });
  });

  it('person tenancies list both sides', async () => {
    const asLandlord = (await get(staffA, `/api/households/persons/${landlord}/tenancies`)).json();
    expect(asLandlord.asLandlord.length).toBeGreaterThan(0);
    expect(asLandlord.asLandlord.every((row: { landlord: { id: string } }) => row.landlord.id === landlord)).toBe(true);
    expect(asLandlord.asTenant).toEqual([]);

    const asTenant = (await get(staffA, `/api/households/persons/${renter}/tenancies`)).json();
    expect(asTenant.asLandlord).toEqual([]);
    expect(asTenant.asTenant.map((row: { address: { id: string } }) => row.address.id)).toContain(roomIds[0]);

    const outside = await get(staffB, `/api/households/persons/${renter}/tenancies`);
    expect(outside.statusCode).toBe(404);
    expect(outside.json().error).toMatchObject({ code: 'PERSON_NOT_FOUND', field: 'id' });
  });

  it('tenancy writes need a writing role', async () => {
    const payload = { roomId: gridRoomId, landlordPersonId: landlord, tenantPersonId: gridPerson, startDate: today };
    expect((await createTenancy(doctorA, payload)).statusCode).toBe(403);

    // The grid worker's scope contains the grid's compound and resident, but not the landlord, whose file names the community only.
    const outOfGrid = await createTenancy(gridWorkerA, payload);
    expect(outOfGrid.statusCode).toBe(404);
    expect(outOfGrid.json().error).toMatchObject({ code: 'PERSON_NOT_FOUND', field: 'landlordPersonId' });

    const byOffice = await createTenancy(staffA, payload);
    expect(byOffice.statusCode).toBe(201);
    const ended = await post(gridWorkerA, `/api/households/tenancies/${byOffice.json().id}/end`, { endDate: today, reason: '退租' });
    expect(ended.statusCode).toBe(200);
  });
});
