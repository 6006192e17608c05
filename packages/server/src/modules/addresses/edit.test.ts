import { afterAll, beforeAll, expect, it } from 'vitest';
import { testResidentId } from '../persons/test-helpers.js';
import { COMMUNITY_A, COMMUNITY_B, createStaff, createTestGrid, loadGusu } from '../../testing/fixtures.js';
import { createTestApp, describeEachDatabase, request, type Session, type TestApp } from '../../testing/harness.js';
import { canonicalRoomNumber, floorOfRoomNumber } from './edit.js';

describeEachDatabase('address edit and delete', (kind) => {
  let t: TestApp;
  let staffA: Session;
  let staffB: Session;
  let gridWorkerA: Session;
  let roomIds: string[];

  const send = (session: Session | null, method: 'PATCH' | 'DELETE' | 'POST', url: string, payload?: object) =>
    request(t.app, session, { method, url, locale: 'en', ...(payload ? { payload } : {}) });

  const auditRowsOf = (entityType: string, id: string) =>
    t.ctx.db.selectFrom('audit_log').selectAll().where('entity_type', '=', entityType).where('entity_id', '=', id).orderBy('seq').execute();

  const createPlace = async (text: string) =>
    (await send(staffA, 'POST', '/api/addresses/places', { communityCode: COMMUNITY_A, kind: 'shop', text })).json().id as string;

  let sequence = 500;
  async function registerAt(location: { roomId?: string; placeId?: string }) {
    sequence += 1;
    const response = await send(staffA, 'POST', '/api/persons', {
      name: `住户${sequence}`,
      documentNumber: testResidentId(sequence),
      communityCode: COMMUNITY_A,
      ...location,
    });
    return response.json().person.id as string;
  }

  beforeAll(async () => {
    t = await createTestApp(kind);
    await loadGusu(t.ctx);
    const gridA = (await createTestGrid(t.ctx, COMMUNITY_A, '第一网格')).code;
    staffA = (await createStaff(t.app, t.ctx, 'community_staff', COMMUNITY_A)).session;
    staffB = (await createStaff(t.app, t.ctx, 'community_staff', COMMUNITY_B)).session;
    gridWorkerA = (await createStaff(t.app, t.ctx, 'grid_worker', gridA)).session;
    const compoundId = (
      await send(staffA, 'POST', '/api/addresses/compounds', { communityCode: COMMUNITY_A, name: '金色里程', gridCode: gridA })
    ).json().id;
    await send(staffA, 'POST', `/api/addresses/compounds/${compoundId}/generate`, {
      buildings: '1',
      units: '1',
      floors: '1-3',
      roomsPerFloor: '1-2',
    });
    const rows = await t.ctx.db.selectFrom('rooms').select(['id', 'number']).orderBy('number').execute();
    roomIds = rows.map((row) => row.id);
  });
  afterAll(async () => t.close());

  it('room edit renumbers and reads the floor', async () => {
    const response = await send(staffA, 'PATCH', `/api/addresses/rooms/${roomIds[0]}`, { number: ' １３０１ ' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ id: roomIds[0], number: '1301', floor: 13, text: '金色里程1幢1单元1301室' });

    const audits = await auditRowsOf('room', roomIds[0] as string);
    expect(audits.map((row) => row.action)).toEqual(['room.update']);
    expect(JSON.parse(audits[0]?.fields ?? '[]')).toEqual(['number', 'floor']);
    expect(audits[0]?.node_code).toBe(COMMUNITY_A);
  });

  it('room edit sets an explicit floor', async () => {
    const response = await send(staffA, 'PATCH', `/api/addresses/rooms/${roomIds[1]}`, { number: 'b102', floor: -1 });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ number: 'B102', floor: -1 });
  });

  it('room edit without changes writes no audit entry', async () => {
    const before = await auditRowsOf('room', roomIds[2] as string);
    const current = (await request(t.app, staffA, { method: 'GET', url: `/api/addresses/rooms/${roomIds[2]}` })).json();
    const response = await send(staffA, 'PATCH', `/api/addresses/rooms/${roomIds[2]}`, { number: current.number });
    expect(response.statusCode).toBe(200);
    expect(await auditRowsOf('room', roomIds[2] as string)).toEqual(before);
  });

  it('room edit rejects each invalid input', async () => {
    const takenNumber = (
      await t.ctx.db
        .selectFrom('rooms')
        .select('number')
        .where('id', '=', roomIds[3] as string)
        .executeTakeFirstOrThrow()
    ).number;
    const url = `/api/addresses/rooms/${roomIds[2]}`;
    const cases = [
      { payload: { number: takenNumber }, status: 409, code: 'ROOM_NUMBER_TAKEN', field: 'number' },
      {
        payload: { number: `${takenNumber.slice(0, 1)}-${takenNumber.slice(1)}` },
        status: 409,
        code: 'ROOM_NUMBER_TAKEN',
        field: 'number',
      },
      { payload: { number: '一二零一' }, status: 400, code: 'ROOM_NUMBER_INVALID', field: 'number' },
      { payload: { number: '123456' }, status: 400, code: 'ROOM_NUMBER_INVALID', field: 'number' },
      { payload: { number: 'AB1' }, status: 400, code: 'ROOM_NUMBER_INVALID', field: 'number' },
      { payload: { number: '000' }, status: 400, code: 'ROOM_NUMBER_INVALID', field: 'number' },
      { payload: { number: ' - ' }, status: 400, code: 'FIELD_REQUIRED', field: 'number' },
      { payload: { floor: 100 }, status: 400, code: 'FIELD_OUT_OF_RANGE', field: 'floor' },
      { payload: { floor: 1.5 }, status: 400, code: 'FIELD_TYPE_INVALID', field: 'floor' },
    ];
    for (const testCase of cases) {
      const response = await send(staffA, 'PATCH', url, testCase.payload);
      const label = JSON.stringify(testCase.payload);
      expect(response.statusCode, label).toBe(testCase.status);
      expect(response.json().error.code, label).toBe(testCase.code);
      expect(response.json().error.field, label).toBe(testCase.field);
      expect(response.json().error.message, label).not.toBe(testCase.code);
    }
  });

  it('room edit and delete are scoped and role-limited', async () => {
    const other = await send(staffB, 'PATCH', `/api/addresses/rooms/${roomIds[2]}`, { floor: 5 });
    expect(other.statusCode).toBe(404);
    expect(other.json().error).toMatchObject({ code: 'ROOM_NOT_FOUND', field: 'id' });
    expect((await send(staffB, 'DELETE', `/api/addresses/rooms/${roomIds[2]}`)).statusCode).toBe(404);
    expect((await send(gridWorkerA, 'PATCH', `/api/addresses/rooms/${roomIds[2]}`, { floor: 5 })).statusCode).toBe(403);
    expect((await send(gridWorkerA, 'DELETE', `/api/addresses/rooms/${roomIds[2]}`)).statusCode).toBe(403);
  });

  it('room delete is rejected while occupied', async () => {
    const roomId = roomIds[4] as string;
    const occupant = await registerAt({ roomId });
    const landlord = await registerAt({});
    await send(staffA, 'POST', '/api/households/tenancies', {
      roomId,
      landlordPersonId: landlord,
      tenantPersonId: occupant,
      startDate: '2025-01-01',
    });

    const response = await send(staffA, 'DELETE', `/api/addresses/rooms/${roomId}`);
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe('ROOM_IN_USE');
    expect(response.json().error.message).toContain('1 person files');
    expect(response.json().error.message).toContain('1 tenancy or screening records');

    const stored = await t.ctx.db.selectFrom('rooms').select('id').where('id', '=', roomId).execute();
    expect(stored).toHaveLength(1);
    expect(await auditRowsOf('room', roomId)).toEqual([]);
  });

  it('room delete removes a free room', async () => {
    const roomId = roomIds[5] as string;
    const response = await send(staffA, 'DELETE', `/api/addresses/rooms/${roomId}`);
    expect(response.statusCode).toBe(204);
    expect(await t.ctx.db.selectFrom('rooms').select('id').where('id', '=', roomId).execute()).toEqual([]);
    expect((await request(t.app, staffA, { method: 'GET', url: `/api/addresses/rooms/${roomId}` })).statusCode).toBe(404);

    const audits = await auditRowsOf('room', roomId);
    expect(audits.map((row) => row.action)).toEqual(['room.delete']);
    expect(audits[0]?.node_code).toBe(COMMUNITY_A);
  });

  it('place edit normalises text and changes kind', async () => {
    const placeId = await createPlace('平江路1号');
    const response = await send(staffA, 'PATCH', `/api/addresses/places/${placeId}`, { text: ' 平江路１２８号 ', kind: 'enterprise' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ id: placeId, text: '平江路128号', kind: 'enterprise' });

    const search = await request(t.app, staffA, { method: 'GET', url: `/api/addresses/places?q=${encodeURIComponent('128号')}` });
    expect(search.json().items.map((item: { id: string }) => item.id)).toContain(placeId);

    const audits = await auditRowsOf('place', placeId);
    expect(audits.map((row) => row.action)).toEqual(['place.create', 'place.update']);
    expect(JSON.parse(audits[1]?.fields ?? '[]')).toEqual(['kind', 'text']);
  });

  it('place edit rejects invalid input and other scopes', async () => {
    const placeId = await createPlace('平江路2号');
    const blank = await send(staffA, 'PATCH', `/api/addresses/places/${placeId}`, { text: '\u200b ' });
    expect(blank.json().error).toMatchObject({ code: 'FIELD_REQUIRED', field: 'text' });
    const badKind = await send(staffA, 'PATCH', `/api/addresses/places/${placeId}`, { kind: 'house' });
    expect(badKind.json().error).toMatchObject({ code: 'FIELD_NOT_ALLOWED', field: 'kind' });
    const other = await send(staffB, 'PATCH', `/api/addresses/places/${placeId}`, { kind: 'other' });
    expect(other.statusCode).toBe(404);
    expect(other.json().error).toMatchObject({ code: 'PLACE_NOT_FOUND', field: 'id' });
  });

  it('place delete is rejected while occupied', async () => {
    const placeId = await createPlace('平江路3号');
    await registerAt({ placeId });
    await registerAt({ placeId });
    const response = await send(staffA, 'DELETE', `/api/addresses/places/${placeId}`);
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe('PLACE_IN_USE');
    expect(response.json().error.message).toContain('2 person files');
  });

  it('place delete removes a free place', async () => {
    const placeId = await createPlace('平江路4号');
    expect((await send(staffB, 'DELETE', `/api/addresses/places/${placeId}`)).statusCode).toBe(404);
    const response = await send(staffA, 'DELETE', `/api/addresses/places/${placeId}`);
    expect(response.statusCode).toBe(204);
    expect(await t.ctx.db.selectFrom('places').select('id').where('id', '=', placeId).execute()).toEqual([]);
    expect((await auditRowsOf('place', placeId)).map((row) => row.action)).toEqual(['place.create', 'place.delete']);
  });
});

it('canonicalRoomNumber writes the generated form', () => {
  expect(canonicalRoomNumber('１２０２')).toBe('1202');
  expect(canonicalRoomNumber('0301')).toBe('301');
  expect(canonicalRoomNumber('b-101')).toBe('B101');
  expect(canonicalRoomNumber('301a')).toBe('301A');
});

it('floorOfRoomNumber reads 3 and 4 digits only', () => {
  expect(floorOfRoomNumber('1202')).toBe(12);
  expect(floorOfRoomNumber('B101')).toBe(1);
  expect(floorOfRoomNumber('12')).toBeUndefined();
  expect(floorOfRoomNumber('12345')).toBeUndefined();
});
