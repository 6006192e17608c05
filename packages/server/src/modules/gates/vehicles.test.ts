import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../testing/harness.js';
import { createGateFixture, type GateFixture } from './test-helpers.js';

describeEachDatabase('gate admin: resident vehicles', (kind) => {
  let f: GateFixture;

  beforeAll(async () => {
    f = await createGateFixture(kind);
  });
  afterAll(async () => f.t.close());

  const url = () => `/api/gate-admin/compounds/${f.a1.id}/vehicles`;

  it('accepts plates as offices type them and stores them normalised', async () => {
    const typed = ['鄂a 12345', '鄂Ａ１２３４６', '鄂A·12347'];
    const expected = ['鄂A12345', '鄂A12346', '鄂A12347'];
    for (const [index, plate] of typed.entries()) {
      const response = await f.send(f.guardA1.session, 'POST', url(), {
        plate,
        roomId: f.a1.roomIds[index],
        ownerPersonId: index === 0 ? f.a1.residentId : null,
      });
      expect(response.statusCode, plate).toBe(201);
      expect(response.json(), plate).toMatchObject({
        plateNumber: expected[index],
        plateRegionCode: '420100',
        plateRegionName: '武汉市',
        roomId: f.a1.roomIds[index],
      });
    }
    const list = await f.send(f.guardA1.session, 'GET', url());
    expect(
      list
        .json()
        .items.map((item: { plateNumber: string }) => item.plateNumber)
        .sort(),
    ).toEqual(expected);
  });

  it('masks the owner name and shows the room', async () => {
    const list = await f.send(f.guardA1.session, 'GET', `${url()}?q=${encodeURIComponent('鄂a12345')}`);
    const [vehicle] = list.json().items;
    expect(vehicle.ownerPersonId).toBe(f.a1.residentId);
    expect(vehicle.ownerName).toMatch(/^住\*+$/);
    expect(vehicle.roomText).toContain('金色家园');
  });

  it('rejects bad plates naming the field', async () => {
    const cases: [string, string][] = [
      ['ABC', 'PLATE_PROVINCE_UNKNOWN'],
      ['鄂I12345', 'PLATE_ISSUER_UNKNOWN'],
      [' ', 'PLATE_REQUIRED'],
    ];
    for (const [plate, code] of cases) {
      const response = await f.send(f.staffA, 'POST', url(), { plate, roomId: f.a1.roomIds[0] });
      expect(response.statusCode, plate).toBe(400);
      expect(response.json().error, plate).toMatchObject({ code, field: 'plate' });
    }
  });

  it('rejects a duplicate plate in the compound, also typed differently', async () => {
    const response = await f.send(f.staffA, 'POST', url(), { plate: '鄂A 12345', roomId: f.a1.roomIds[3] });
    expect(response.statusCode).toBe(409);
    expect(response.json().error).toMatchObject({ code: 'VEHICLE_PLATE_TAKEN', field: 'plate' });

    // The same plate at another compound is another registration.
    const elsewhere = await f.send(f.staffA, 'POST', `/api/gate-admin/compounds/${f.a2.id}/vehicles`, {
      plate: '鄂A12345',
      roomId: f.a2.roomIds[0],
    });
    expect(elsewhere.statusCode).toBe(201);
  });

  it('rejects a room or an owner outside the compound', async () => {
    const room = await f.send(f.staffA, 'POST', url(), { plate: '苏E00001', roomId: f.a2.roomIds[0] });
    expect(room.statusCode).toBe(400);
    expect(room.json().error).toMatchObject({ code: 'VEHICLE_ROOM_NOT_IN_COMPOUND', field: 'roomId' });
    const owner = await f.send(f.staffA, 'POST', url(), { plate: '苏E00001', roomId: f.a1.roomIds[0], ownerPersonId: f.a2.residentId });
    expect(owner.statusCode).toBe(400);
    expect(owner.json().error).toMatchObject({ code: 'VEHICLE_OWNER_NOT_RESIDENT', field: 'ownerPersonId' });
  });

  it('a gate guard of another compound gets 404', async () => {
    const list = await f.send(f.guardA2.session, 'GET', url());
    expect(list.statusCode).toBe(404);
    const create = await f.send(f.guardA2.session, 'POST', url(), { plate: '苏E00002', roomId: f.a1.roomIds[0] });
    expect(create.statusCode).toBe(404);
    const [vehicle] = (await f.send(f.guardA1.session, 'GET', url())).json().items;
    const remove = await f.send(f.guardA2.session, 'DELETE', `/api/gate-admin/vehicles/${vehicle.id}`);
    expect(remove.statusCode).toBe(404);
    expect(remove.json().error.code).toBe('VEHICLE_NOT_FOUND');
  });

  it('deletes a vehicle, audited by field names only', async () => {
    const created = await f.send(f.guardA1.session, 'POST', url(), { plate: '苏E 8888A', roomId: f.a1.roomIds[1], notes: '电动车' });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    const removed = await f.send(f.guardA1.session, 'DELETE', `/api/gate-admin/vehicles/${id}`);
    expect(removed.statusCode).toBe(204);
    expect(await f.t.ctx.db.selectFrom('vehicles').select('id').where('id', '=', id).executeTakeFirst()).toBeUndefined();

    const audit = await f.t.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'fields'])
      .where('entity_id', '=', id)
      .orderBy('seq')
      .execute();
    expect(audit.map((row) => row.action)).toEqual(['vehicle.create', 'vehicle.delete']);
    expect(JSON.parse(audit[0]?.fields ?? '[]')).toEqual(['plate', 'roomId', 'notes']);
    expect(audit[0]?.fields).not.toContain('8888');
  });
});
