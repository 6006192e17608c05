import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DatabaseKind } from '../../db/dialect.js';
import { COMMUNITY_A, COMMUNITY_B, SUBDISTRICT_A, SUBDISTRICT_B, createStaff, createTestGrid, loadGusu } from '../../testing/fixtures.js';
import { type Session, type TestApp, createTestApp, describeEachDatabase, request } from '../../testing/harness.js';
import { testResidentId } from '../persons/test-helpers.js';
import { claimBed } from './repository.js';

/**
 * A test app with 姑苏区 loaded and staff of two subdistricts: subdistrict A
 * runs sites, community A belongs to it, and subdistrict B with community B
 * is the other jurisdiction of the cross-jurisdiction checks.
 */
interface SitesFixture {
  t: TestApp;
  admin: Session;
  staffA: Session;
  staffB: Session;
  hq: Session;
  communityA: Session;
  doctorA: Session;
  gridWorkerA: Session;
  post(session: Session | null, url: string, payload: object): ReturnType<typeof request>;
  patch(session: Session | null, url: string, payload: object): ReturnType<typeof request>;
  del(session: Session | null, url: string): ReturnType<typeof request>;
  get(session: Session | null, url: string): ReturnType<typeof request>;
  registerPerson(communityCode: string, name?: string): Promise<string>;
  createSite(session: Session, payload?: object): Promise<{ id: string; name: string }>;
  addRoom(session: Session, siteId: string, name: string, beds: number): Promise<string>;
}

async function createSitesFixture(kind: DatabaseKind): Promise<SitesFixture> {
  const t = await createTestApp(kind);
  await loadGusu(t.ctx);
  const admin = (await createStaff(t.app, t.ctx, 'admin', 'CN')).session;
  const staffA = (await createStaff(t.app, t.ctx, 'subdistrict_staff', SUBDISTRICT_A)).session;
  const staffB = (await createStaff(t.app, t.ctx, 'subdistrict_staff', SUBDISTRICT_B)).session;
  const hq = (await createStaff(t.app, t.ctx, 'hq', '320508')).session;
  const communityA = (await createStaff(t.app, t.ctx, 'community_staff', COMMUNITY_A)).session;
  const doctorA = (await createStaff(t.app, t.ctx, 'doctor', COMMUNITY_A)).session;
  const gridWorkerA = (await createStaff(t.app, t.ctx, 'grid_worker', COMMUNITY_A)).session;

  const post = (session: Session | null, url: string, payload: object) =>
    request(t.app, session, { method: 'POST', url, payload, locale: 'en' });
  const patch = (session: Session | null, url: string, payload: object) =>
    request(t.app, session, { method: 'PATCH', url, payload, locale: 'en' });
  const del = (session: Session | null, url: string) => request(t.app, session, { method: 'DELETE', url, locale: 'en' });
  const get = (session: Session | null, url: string) => request(t.app, session, { method: 'GET', url, locale: 'en' });

  let sequence = 0;
  async function registerPerson(communityCode: string, name = '测试居民') {
    sequence += 1;
    const birthDate = `1980${String(1 + Math.floor(sequence / 900)).padStart(2, '0')}15`;
    const payload = { documentNumber: testResidentId(1 + (sequence % 900), birthDate), name, communityCode };
    const response = await post(admin, '/api/persons', payload);
    if (response.statusCode !== 201) throw new Error(`registration failed with ${response.statusCode}: ${response.body}`);
    return response.json().person.id as string;
  }

  let siteCounter = 0;
  async function createSite(session: Session, payload: object = {}) {
    siteCounter += 1;
    const body = { name: `隔离点${siteCounter}`, type: 'quarantine_site', nodeCode: SUBDISTRICT_A, address: '姑苏区某路1号', ...payload };
    const response = await post(session, '/api/sites', body);
    if (response.statusCode !== 201) throw new Error(`site creation failed with ${response.statusCode}: ${response.body}`);
    return response.json() as { id: string; name: string };
  }

  async function addRoom(session: Session, siteId: string, name: string, beds: number) {
    const response = await post(session, `/api/sites/${siteId}/rooms`, { name, beds });
    if (response.statusCode !== 201) throw new Error(`room creation failed with ${response.statusCode}: ${response.body}`);
    return response.json().id as string;
  }

  return { t, admin, staffA, staffB, hq, communityA, doctorA, gridWorkerA, post, patch, del, get, registerPerson, createSite, addRoom };
}

describeEachDatabase('sites and rooms', (kind) => {
  let f: SitesFixture;

  const auditActionsOf = (entityId: string) =>
    f.t.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'entity_type', 'node_code', 'fields'])
      .where('entity_id', '=', entityId)
      .orderBy('seq')
      .execute();

  beforeAll(async () => {
    f = await createSitesFixture(kind);
  });
  afterAll(async () => f.t.close());

  it('site create returns detail and audits', async () => {
    const response = await f.post(f.staffA, '/api/sites', {
      name: ' 金鸡湖酒店 ',
      type: 'quarantine_site',
      nodeCode: SUBDISTRICT_A,
      address: '姑苏区干将东路100号',
      contact: '值班室 0512-00000000',
    });
    expect(response.statusCode).toBe(201);
    const site = response.json();
    expect(site.name).toBe('金鸡湖酒店');
    expect(site.type).toBe('quarantine_site');
    expect(site.nodeCode).toBe(SUBDISTRICT_A);
    expect(site.nodeName).not.toBe('');
    expect(site.active).toBe(true);
    expect(site.capacity).toBe(0);
    expect(site.rooms).toEqual([]);

    const audit = await auditActionsOf(site.id);
    expect(audit.map((row) => row.action)).toEqual(['site.create']);
    expect(audit[0]?.entity_type).toBe('site');
    expect(audit[0]?.node_code).toBe(SUBDISTRICT_A);
    expect(audit[0]?.fields).not.toContain('0512');
  });

  it('site name is unique within a jurisdiction', async () => {
    const first = await f.createSite(f.staffA, { name: '同名场所' });
    const again = await f.post(f.staffA, '/api/sites', {
      name: '同名场所',
      type: 'transit_site',
      nodeCode: SUBDISTRICT_A,
      address: '某处',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'SITE_NAME_TAKEN', field: 'name' });
    expect(again.json().error.message).toContain('同名场所');

    const elsewhere = await f.post(f.staffB, '/api/sites', {
      name: '同名场所',
      type: 'transit_site',
      nodeCode: SUBDISTRICT_B,
      address: '某处',
    });
    expect(elsewhere.statusCode).toBe(201);

    const rename = await f.createSite(f.staffA, { name: '另一场所' });
    const clash = await f.patch(f.staffA, `/api/sites/${rename.id}`, { name: '同名场所' });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().error.code).toBe('SITE_NAME_TAKEN');
    expect((await f.patch(f.staffA, `/api/sites/${first.id}`, { name: '同名场所' })).statusCode).toBe(200);
  });

  it('site input is validated', async () => {
    const badType = await f.post(f.staffA, '/api/sites', { name: 'x', type: 'hotel', nodeCode: SUBDISTRICT_A, address: 'a' });
    expect(badType.statusCode).toBe(400);
    expect(badType.json().error.field).toBe('type');

    const blank = await f.post(f.staffA, '/api/sites', { name: '   ', type: 'transit_site', nodeCode: SUBDISTRICT_A, address: 'a' });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().error).toMatchObject({ code: 'FIELD_REQUIRED', field: 'name' });

    const outside = await f.post(f.staffA, '/api/sites', { name: 'x', type: 'transit_site', nodeCode: SUBDISTRICT_B, address: 'a' });
    expect(outside.statusCode).toBe(404);
    expect(outside.json().error).toMatchObject({ code: 'JURISDICTION_NOT_FOUND', field: 'nodeCode' });

    const grid = await createTestGrid(f.t.ctx, COMMUNITY_A, '第一网格');
    const onGrid = await f.post(f.admin, '/api/sites', { name: 'x', type: 'transit_site', nodeCode: grid.code, address: 'a' });
    expect(onGrid.statusCode).toBe(400);
    expect(onGrid.json().error).toMatchObject({ code: 'SITE_NODE_LEVEL_INVALID', field: 'nodeCode' });
  });

  it('site edit changes fields and audits names only', async () => {
    const site = await f.createSite(f.staffA);
    const response = await f.patch(f.staffA, `/api/sites/${site.id}`, {
      type: 'resettlement_site',
      address: '新地址',
      contact: null,
      active: false,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ type: 'resettlement_site', address: '新地址', contact: null, active: false });
    const audit = await auditActionsOf(site.id);
    expect(audit.map((row) => row.action)).toEqual(['site.create', 'site.update']);
    expect(JSON.parse(audit[1]?.fields ?? '[]')).toEqual(['type', 'address', 'contact', 'active']);
  });

  it('rooms give capacity and occupancy', async () => {
    const site = await f.createSite(f.staffA);
    const room101 = await f.addRoom(f.staffA, site.id, '101', 2);
    await f.addRoom(f.staffA, site.id, '102', 3);
    const detail = (await f.get(f.staffA, `/api/sites/${site.id}`)).json();
    expect(detail.capacity).toBe(5);
    expect(detail.occupied).toBe(0);
    expect(detail.free).toBe(5);
    expect(detail.roomCount).toBe(2);
    expect(detail.rooms.map((room: { name: string }) => room.name)).toEqual(['101', '102']);
    expect(detail.rooms[0]).toMatchObject({ id: room101, beds: 2, occupied: 0, free: 2 });

    const list = (await f.get(f.staffA, '/api/sites?pageSize=200')).json();
    const listed = list.items.find((item: { id: string }) => item.id === site.id);
    expect(listed).toMatchObject({ capacity: 5, occupied: 0, roomCount: 2 });
    expect(list.totals.capacity).toBeGreaterThanOrEqual(5);

    const audit = await auditActionsOf(room101);
    expect(audit.map((row) => row.action)).toEqual(['site_room.create']);
    expect(audit[0]?.entity_type).toBe('site_room');
  });

  it('room names are unique within a site', async () => {
    const site = await f.createSite(f.staffA);
    await f.addRoom(f.staffA, site.id, 'A1', 1);
    const again = await f.post(f.staffA, `/api/sites/${site.id}/rooms`, { name: 'A1', beds: 2 });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'SITE_ROOM_NAME_TAKEN', field: 'name' });
  });

  it('room beds must be between 1 and 500', async () => {
    const site = await f.createSite(f.staffA);
    for (const beds of [0, -1, 501, 1.5]) {
      const response = await f.post(f.staffA, `/api/sites/${site.id}/rooms`, { name: `R${beds}`, beds });
      expect(response.statusCode).toBe(400);
      expect(response.json().error.field).toBe('beds');
    }
  });

  it('beds cannot drop below occupancy', async () => {
    const site = await f.createSite(f.staffA);
    const roomId = await f.addRoom(f.staffA, site.id, '201', 3);
    for (const name of ['甲', '乙']) {
      const personId = await f.registerPerson(COMMUNITY_A, name);
      expect((await f.post(f.staffA, '/api/sites/stays', { personId, roomId })).statusCode).toBe(201);
    }
    const shrink = await f.patch(f.staffA, `/api/sites/rooms/${roomId}`, { beds: 1 });
    expect(shrink.statusCode).toBe(409);
    expect(shrink.json().error).toMatchObject({ code: 'SITE_ROOM_BEDS_BELOW_OCCUPANCY', field: 'beds' });
    expect(shrink.json().error.message).toContain('1');
    expect(shrink.json().error.message).toContain('2 persons');
    expect(shrink.json().error.message).toContain('201');

    const toTwo = await f.patch(f.staffA, `/api/sites/rooms/${roomId}`, { beds: 2, notes: '靠窗' });
    expect(toTwo.statusCode).toBe(200);
    expect(toTwo.json()).toMatchObject({ beds: 2, occupied: 2, free: 0, notes: '靠窗' });
  });

  it('occupied room cannot be removed', async () => {
    const site = await f.createSite(f.staffA);
    const roomId = await f.addRoom(f.staffA, site.id, '301', 2);
    const emptyId = await f.addRoom(f.staffA, site.id, '302', 2);
    const personId = await f.registerPerson(COMMUNITY_A);
    await f.post(f.staffA, '/api/sites/stays', { personId, roomId });

    const busy = await f.del(f.staffA, `/api/sites/rooms/${roomId}`);
    expect(busy.statusCode).toBe(409);
    expect(busy.json().error.code).toBe('SITE_ROOM_OCCUPIED');
    expect(busy.json().error.message).toContain('301');

    expect((await f.del(f.staffA, `/api/sites/rooms/${emptyId}`)).statusCode).toBe(204);
    const detail = (await f.get(f.staffA, `/api/sites/${site.id}`)).json();
    expect(detail.rooms.map((room: { id: string }) => room.id)).toEqual([roomId]);
    expect(detail.capacity).toBe(2);
    // The name of a removed room can be used again.
    expect((await f.post(f.staffA, `/api/sites/${site.id}/rooms`, { name: '302', beds: 1 })).statusCode).toBe(201);
    expect((await auditActionsOf(emptyId)).map((row) => row.action)).toEqual(['site_room.create', 'site_room.remove']);
  });

  it('site with stays cannot be deleted', async () => {
    const used = await f.createSite(f.staffA);
    const roomId = await f.addRoom(f.staffA, used.id, '1', 1);
    await f.post(f.staffA, '/api/sites/stays', { personId: await f.registerPerson(COMMUNITY_A), roomId });
    const rejected = await f.del(f.staffA, `/api/sites/${used.id}`);
    expect(rejected.statusCode).toBe(409);
    expect(rejected.json().error.code).toBe('SITE_IN_USE');

    const unused = await f.createSite(f.staffA);
    await f.addRoom(f.staffA, unused.id, '1', 1);
    expect((await f.del(f.staffA, `/api/sites/${unused.id}`)).statusCode).toBe(204);
    expect((await f.get(f.staffA, `/api/sites/${unused.id}`)).statusCode).toBe(404);
    expect((await auditActionsOf(unused.id)).map((row) => row.action)).toEqual(['site.create', 'site.delete']);
  });

  it('list filters by type, node and text', async () => {
    await f.createSite(f.staffA, { name: '分流点甲', type: 'transit_site' });
    const byType = (await f.get(f.admin, '/api/sites?type=transit_site&pageSize=200')).json();
    expect(byType.items.length).toBeGreaterThan(0);
    expect(byType.items.every((item: { type: string }) => item.type === 'transit_site')).toBe(true);

    const byText = (await f.get(f.admin, `/api/sites?q=${encodeURIComponent('分流点甲')}`)).json();
    expect(byText.items.map((item: { name: string }) => item.name)).toEqual(['分流点甲']);

    const byNode = (await f.get(f.admin, `/api/sites?nodeCode=${SUBDISTRICT_B}&pageSize=200`)).json();
    expect(byNode.items.every((item: { nodeCode: string }) => item.nodeCode === SUBDISTRICT_B)).toBe(true);

    const outside = await f.get(f.staffA, `/api/sites?nodeCode=${SUBDISTRICT_B}`);
    expect(outside.statusCode).toBe(404);
  });

  it('sites are scoped to the jurisdiction', async () => {
    const siteA = await f.createSite(f.staffA, { name: '甲街道场所' });
    const roomA = await f.addRoom(f.staffA, siteA.id, '1', 2);

    const listB = (await f.get(f.staffB, '/api/sites?pageSize=200')).json();
    expect(listB.items.some((item: { id: string }) => item.id === siteA.id)).toBe(false);
    expect(listB.items.every((item: { nodeCode: string }) => item.nodeCode.startsWith(SUBDISTRICT_B))).toBe(true);

    const read = await f.get(f.staffB, `/api/sites/${siteA.id}`);
    expect(read.statusCode).toBe(404);
    expect(read.json().error).toMatchObject({ code: 'SITE_NOT_FOUND', field: 'id' });
    expect((await f.patch(f.staffB, `/api/sites/${siteA.id}`, { name: 'x' })).statusCode).toBe(404);
    expect((await f.del(f.staffB, `/api/sites/${siteA.id}`)).statusCode).toBe(404);
    expect((await f.post(f.staffB, `/api/sites/${siteA.id}/rooms`, { name: 'x', beds: 1 })).statusCode).toBe(404);
    expect((await f.get(f.staffB, `/api/sites/${siteA.id}/stays`)).statusCode).toBe(404);
    const room = await f.patch(f.staffB, `/api/sites/rooms/${roomA}`, { beds: 5 });
    expect(room.statusCode).toBe(404);
    expect(room.json().error.code).toBe('SITE_ROOM_NOT_FOUND');
    expect((await f.del(f.staffB, `/api/sites/rooms/${roomA}`)).statusCode).toBe(404);

    expect((await f.get(f.hq, `/api/sites/${siteA.id}`)).statusCode).toBe(200);
    expect((await f.get(f.admin, `/api/sites/${siteA.id}`)).statusCode).toBe(200);
  });

  it('community staff and doctors only read', async () => {
    const site = await f.createSite(f.admin, { name: '社区安置点', type: 'resettlement_site', nodeCode: COMMUNITY_A });
    expect((await f.get(f.communityA, `/api/sites/${site.id}`)).statusCode).toBe(200);
    expect((await f.get(f.doctorA, `/api/sites/${site.id}`)).statusCode).toBe(200);
    const listed = (await f.get(f.communityA, '/api/sites')).json();
    expect(listed.items.map((item: { id: string }) => item.id)).toEqual([site.id]);

    const write = await f.post(f.communityA, '/api/sites', { name: 'x', type: 'transit_site', nodeCode: COMMUNITY_A, address: 'a' });
    expect(write.statusCode).toBe(403);
    expect((await f.post(f.doctorA, `/api/sites/${site.id}/rooms`, { name: '1', beds: 1 })).statusCode).toBe(403);
    expect((await f.get(f.gridWorkerA, '/api/sites')).statusCode).toBe(403);
  });
});

describeEachDatabase('site stays', (kind) => {
  let f: SitesFixture;

  const roomOf = async (roomId: string) =>
    f.t.ctx.db.selectFrom('site_rooms').select(['beds', 'occupied']).where('id', '=', roomId).executeTakeFirstOrThrow();
  const openStaysIn = async (roomId: string) =>
    Number(
      (
        await f.t.ctx.db
          .selectFrom('site_stays')
          .select((eb) => eb.fn.countAll<number>().as('count'))
          .where('room_id', '=', roomId)
          .where('discharged_at', 'is', null)
          .executeTakeFirstOrThrow()
      ).count,
    );
  const auditOf = (entityId: string) =>
    f.t.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'entity_type', 'node_code', 'fields'])
      .where('entity_id', '=', entityId)
      .orderBy('seq')
      .execute();

  beforeAll(async () => {
    f = await createSitesFixture(kind);
  });
  afterAll(async () => f.t.close());

  it('admission fills a bed and audits', async () => {
    const site = await f.createSite(f.staffA);
    const roomId = await f.addRoom(f.staffA, site.id, '101', 2);
    const personId = await f.registerPerson(COMMUNITY_A, '王入住');
    const response = await f.post(f.staffA, '/api/sites/stays', { personId, roomId, notes: '密接' });
    expect(response.statusCode).toBe(201);
    const stay = response.json();
    expect(stay).toMatchObject({
      personId,
      personName: '王入住',
      siteId: site.id,
      roomId,
      roomName: '101',
      dischargedAt: null,
      notes: '密接',
    });
    expect(stay.documentMasked).toMatch(/\*/);
    expect(stay.admittedByName).not.toBeNull();
    expect(await roomOf(roomId)).toEqual({ beds: 2, occupied: 1 });

    const audit = await auditOf(stay.id);
    expect(audit.map((row) => row.action)).toEqual(['site.admit']);
    expect(audit[0]?.entity_type).toBe('site_stay');
    expect(JSON.parse(audit[0]?.fields ?? '[]')).toEqual(['personId', 'roomId', 'notes']);

    const residents = (await f.get(f.staffA, `/api/sites/${site.id}/stays`)).json();
    expect(residents.total).toBe(1);
    expect(residents.items[0].id).toBe(stay.id);
    expect(JSON.stringify(residents)).not.toMatch(/320508\d{12}/);
  });

  it('full room gives 409 naming room and beds', async () => {
    const site = await f.createSite(f.staffA);
    const roomId = await f.addRoom(f.staffA, site.id, '单间8', 1);
    expect((await f.post(f.staffA, '/api/sites/stays', { personId: await f.registerPerson(COMMUNITY_A), roomId })).statusCode).toBe(201);
    const rejected = await f.post(f.staffA, '/api/sites/stays', { personId: await f.registerPerson(COMMUNITY_A), roomId });
    expect(rejected.statusCode).toBe(409);
    expect(rejected.json().error).toMatchObject({ code: 'SITE_ROOM_FULL', field: 'roomId' });
    expect(rejected.json().error.message).toBe(
      'Room 单间8 is full: all 1 beds are taken. Choose another room, or discharge or transfer someone first.',
    );
    expect(await roomOf(roomId)).toEqual({ beds: 1, occupied: 1 });
    expect(await openStaysIn(roomId)).toBe(1);

    const chinese = await f.t.app.inject({
      method: 'POST',
      url: '/api/sites/stays',
      payload: { personId: await f.registerPerson(COMMUNITY_A), roomId },
      headers: { cookie: f.staffA.cookie, 'x-csrf-token': f.staffA.csrfToken, 'accept-language': 'zh-CN' },
    });
    expect(chinese.json().error.message).toContain('房间“单间8”已满：1张床位均已占用');
  });

  it('admission to a site picks a free room', async () => {
    const site = await f.createSite(f.staffA, { name: '按场所入住' });
    const first = await f.addRoom(f.staffA, site.id, '1', 1);
    const second = await f.addRoom(f.staffA, site.id, '2', 1);
    const a = await f.post(f.staffA, '/api/sites/stays', { personId: await f.registerPerson(COMMUNITY_A), siteId: site.id });
    const b = await f.post(f.staffA, '/api/sites/stays', { personId: await f.registerPerson(COMMUNITY_A), siteId: site.id });
    expect([a.json().roomId, b.json().roomId]).toEqual([first, second]);

    const full = await f.post(f.staffA, '/api/sites/stays', { personId: await f.registerPerson(COMMUNITY_A), siteId: site.id });
    expect(full.statusCode).toBe(409);
    expect(full.json().error).toMatchObject({ code: 'SITE_FULL', field: 'siteId' });
    expect(full.json().error.message).toContain('按场所入住');
    expect(full.json().error.message).toContain('all 2 beds');

    const both = await f.post(f.staffA, '/api/sites/stays', {
      personId: await f.registerPerson(COMMUNITY_A),
      siteId: site.id,
      roomId: first,
    });
    expect(both.json().error.code).toBe('SITE_ADMIT_TARGET_REQUIRED');
    const neither = await f.post(f.staffA, '/api/sites/stays', { personId: await f.registerPerson(COMMUNITY_A) });
    expect(neither.json().error.code).toBe('SITE_ADMIT_TARGET_REQUIRED');
  });

  it('person has one open stay', async () => {
    const site = await f.createSite(f.staffA, { name: '重复入住' });
    const roomId = await f.addRoom(f.staffA, site.id, '1', 3);
    const personId = await f.registerPerson(COMMUNITY_A);
    expect((await f.post(f.staffA, '/api/sites/stays', { personId, roomId })).statusCode).toBe(201);
    const again = await f.post(f.staffA, '/api/sites/stays', { personId, roomId });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'SITE_PERSON_ALREADY_ADMITTED', field: 'personId' });
    expect(again.json().error.message).toContain('重复入住');
    expect(await roomOf(roomId)).toEqual({ beds: 3, occupied: 1 });
  });

  it('merged file cannot be admitted', async () => {
    const site = await f.createSite(f.staffA);
    const roomId = await f.addRoom(f.staffA, site.id, '1', 2);
    const target = await f.registerPerson(COMMUNITY_A, '合并目标');
    const source = await f.registerPerson(COMMUNITY_A, '合并来源');
    const merged = await f.post(f.admin, `/api/persons/${target}/merge`, { sourceId: source, reason: '重复档案' });
    expect(merged.statusCode).toBe(200);

    const rejected = await f.post(f.staffA, '/api/sites/stays', { personId: source, roomId });
    expect(rejected.statusCode).toBe(409);
    expect(rejected.json().error).toMatchObject({ code: 'SITE_PERSON_MERGED', field: 'personId' });
    expect((await f.post(f.staffA, '/api/sites/stays', { personId: target, roomId })).statusCode).toBe(201);
  });

  it('inactive site takes no admissions', async () => {
    const site = await f.createSite(f.staffA);
    const roomId = await f.addRoom(f.staffA, site.id, '1', 3);
    await f.patch(f.staffA, `/api/sites/${site.id}`, { active: false });
    const rejected = await f.post(f.staffA, '/api/sites/stays', { personId: await f.registerPerson(COMMUNITY_A), roomId });
    expect(rejected.statusCode).toBe(409);
    expect(rejected.json().error.code).toBe('SITE_INACTIVE');
    expect(await roomOf(roomId)).toEqual({ beds: 3, occupied: 0 });
  });

  it('transfer moves the bed in one step', async () => {
    const site = await f.createSite(f.staffA);
    const from = await f.addRoom(f.staffA, site.id, '1', 2);
    const otherSite = await f.createSite(f.staffA, { type: 'resettlement_site' });
    const to = await f.addRoom(f.staffA, otherSite.id, '9', 1);
    const personId = await f.registerPerson(COMMUNITY_A);
    const stay = (await f.post(f.staffA, '/api/sites/stays', { personId, roomId: from })).json();

    const response = await f.post(f.staffA, `/api/sites/stays/${stay.id}/transfer`, { roomId: to, reason: '转安置点' });
    expect(response.statusCode).toBe(200);
    const { from: closed, to: opened } = response.json();
    expect(closed).toMatchObject({ id: stay.id, dischargeReason: '转安置点', transferredToStayId: opened.id });
    expect(closed.dischargedAt).not.toBeNull();
    expect(opened).toMatchObject({ personId, siteId: otherSite.id, roomId: to, dischargedAt: null });
    expect(await roomOf(from)).toEqual({ beds: 2, occupied: 0 });
    expect(await roomOf(to)).toEqual({ beds: 1, occupied: 1 });
    expect((await auditOf(stay.id)).map((row) => row.action)).toEqual(['site.admit', 'site.transfer']);

    const sameRoom = await f.post(f.staffA, `/api/sites/stays/${opened.id}/transfer`, { roomId: to });
    expect(sameRoom.statusCode).toBe(400);
    expect(sameRoom.json().error.code).toBe('SITE_TRANSFER_SAME_ROOM');
    const closedAgain = await f.post(f.staffA, `/api/sites/stays/${stay.id}/transfer`, { roomId: from });
    expect(closedAgain.statusCode).toBe(409);
    expect(closedAgain.json().error.code).toBe('SITE_STAY_CLOSED');
  });

  it('transfer to a full room changes nothing', async () => {
    const site = await f.createSite(f.staffA);
    const from = await f.addRoom(f.staffA, site.id, '1', 1);
    const to = await f.addRoom(f.staffA, site.id, '2', 1);
    const mover = (await f.post(f.staffA, '/api/sites/stays', { personId: await f.registerPerson(COMMUNITY_A), roomId: from })).json();
    await f.post(f.staffA, '/api/sites/stays', { personId: await f.registerPerson(COMMUNITY_A), roomId: to });

    const rejected = await f.post(f.staffA, `/api/sites/stays/${mover.id}/transfer`, { roomId: to });
    expect(rejected.statusCode).toBe(409);
    expect(rejected.json().error).toMatchObject({ code: 'SITE_ROOM_FULL', field: 'roomId' });
    const unchanged = (await f.get(f.staffA, `/api/sites/${site.id}/stays`)).json();
    expect(unchanged.items.find((item: { id: string }) => item.id === mover.id)).toMatchObject({ roomId: from, dischargedAt: null });
    expect(await roomOf(from)).toEqual({ beds: 1, occupied: 1 });
    expect(await roomOf(to)).toEqual({ beds: 1, occupied: 1 });
  });

  it('discharge frees the bed with a reason', async () => {
    const site = await f.createSite(f.staffA);
    const roomId = await f.addRoom(f.staffA, site.id, '1', 1);
    const personId = await f.registerPerson(COMMUNITY_A);
    const stay = (await f.post(f.staffA, '/api/sites/stays', { personId, roomId })).json();

    const noReason = await f.post(f.staffA, `/api/sites/stays/${stay.id}/discharge`, { reason: '  ' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error).toMatchObject({ code: 'FIELD_REQUIRED', field: 'reason' });

    const response = await f.post(f.staffA, `/api/sites/stays/${stay.id}/discharge`, { reason: '解除隔离' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ dischargeReason: '解除隔离', transferredToStayId: null });
    expect(response.json().dischargedByName).not.toBeNull();
    expect(await roomOf(roomId)).toEqual({ beds: 1, occupied: 0 });
    expect((await auditOf(stay.id)).map((row) => row.action)).toEqual(['site.admit', 'site.discharge']);

    const twice = await f.post(f.staffA, `/api/sites/stays/${stay.id}/discharge`, { reason: '解除隔离' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('SITE_STAY_CLOSED');

    const current = (await f.get(f.staffA, `/api/sites/${site.id}/stays`)).json();
    expect(current.total).toBe(0);
    const past = (await f.get(f.staffA, `/api/sites/${site.id}/stays?status=past`)).json();
    expect(past.items.map((item: { id: string }) => item.id)).toEqual([stay.id]);
    // The freed bed takes the same person again.
    expect((await f.post(f.staffA, '/api/sites/stays', { personId, roomId })).statusCode).toBe(201);
  });

  it('person stays list follows the person', async () => {
    const site = await f.createSite(f.admin, { nodeCode: SUBDISTRICT_B });
    const roomId = await f.addRoom(f.admin, site.id, '1', 1);
    const personId = await f.registerPerson(COMMUNITY_A);
    expect((await f.post(f.admin, '/api/sites/stays', { personId, roomId })).statusCode).toBe(201);
    const seen = await f.get(f.communityA, `/api/sites/persons/${personId}/stays`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().items.map((item: { siteId: string }) => item.siteId)).toEqual([site.id]);
    expect((await f.get(f.staffB, `/api/sites/persons/${personId}/stays`)).statusCode).toBe(404);
  });

  it('stays are scoped across jurisdictions', async () => {
    const siteA = await f.createSite(f.staffA);
    const roomA = await f.addRoom(f.staffA, siteA.id, '1', 5);
    const siteB = await f.createSite(f.staffB, { nodeCode: SUBDISTRICT_B });
    const roomB = await f.addRoom(f.staffB, siteB.id, '1', 5);
    const personA = await f.registerPerson(COMMUNITY_A);
    const personB = await f.registerPerson(COMMUNITY_B);

    const foreignPerson = await f.post(f.staffA, '/api/sites/stays', { personId: personB, roomId: roomA });
    expect(foreignPerson.statusCode).toBe(404);
    expect(foreignPerson.json().error).toMatchObject({ code: 'PERSON_NOT_FOUND', field: 'personId' });
    const foreignRoom = await f.post(f.staffA, '/api/sites/stays', { personId: personA, roomId: roomB });
    expect(foreignRoom.statusCode).toBe(404);
    expect(foreignRoom.json().error).toMatchObject({ code: 'SITE_ROOM_NOT_FOUND', field: 'roomId' });
    const foreignSite = await f.post(f.staffA, '/api/sites/stays', { personId: personA, siteId: siteB.id });
    expect(foreignSite.statusCode).toBe(404);
    expect(foreignSite.json().error).toMatchObject({ code: 'SITE_NOT_FOUND', field: 'siteId' });

    const stayA = (await f.post(f.staffA, '/api/sites/stays', { personId: personA, roomId: roomA })).json();
    const transfer = await f.post(f.staffB, `/api/sites/stays/${stayA.id}/transfer`, { roomId: roomB });
    expect(transfer.statusCode).toBe(404);
    expect(transfer.json().error.code).toBe('SITE_STAY_NOT_FOUND');
    expect((await f.post(f.staffB, `/api/sites/stays/${stayA.id}/discharge`, { reason: 'x' })).statusCode).toBe(404);
    const intoB = await f.post(f.staffA, `/api/sites/stays/${stayA.id}/transfer`, { roomId: roomB });
    expect(intoB.statusCode).toBe(404);
    expect(intoB.json().error.code).toBe('SITE_ROOM_NOT_FOUND');
    expect(await roomOf(roomA)).toEqual({ beds: 5, occupied: 1 });

    // HQ of the district covers both subdistricts, so it can move a person between them.
    const moved = await f.post(f.hq, `/api/sites/stays/${stayA.id}/transfer`, { roomId: roomB });
    expect(moved.statusCode).toBe(200);
    expect(await roomOf(roomB)).toEqual({ beds: 5, occupied: 1 });
    const newStayId = moved.json().to.id as string;
    expect((await auditOf(stayA.id)).map((row) => [row.action, row.node_code])).toEqual([
      ['site.admit', SUBDISTRICT_A],
      ['site.transfer', SUBDISTRICT_A],
    ]);
    expect((await auditOf(newStayId)).map((row) => [row.action, row.node_code])).toEqual([['site.transfer', SUBDISTRICT_B]]);
  });

  it('readers cannot admit or discharge', async () => {
    const site = await f.createSite(f.admin, { nodeCode: COMMUNITY_A });
    const roomId = await f.addRoom(f.admin, site.id, '1', 2);
    const personId = await f.registerPerson(COMMUNITY_A);
    expect((await f.post(f.communityA, '/api/sites/stays', { personId, roomId })).statusCode).toBe(403);
    expect((await f.post(f.doctorA, '/api/sites/stays', { personId, roomId })).statusCode).toBe(403);
    const stay = (await f.post(f.admin, '/api/sites/stays', { personId, roomId })).json();
    expect((await f.get(f.doctorA, `/api/sites/${site.id}/stays`)).json().total).toBe(1);
    expect((await f.post(f.doctorA, `/api/sites/stays/${stay.id}/discharge`, { reason: 'x' })).statusCode).toBe(403);
  });
});

/**
 * Concurrent writes through real HTTP on a listening server, so that the
 * requests overlap the way two offices' clicks do: their checks before the
 * transaction interleave, and on PostgreSQL their transactions run on
 * separate pooled connections.
 */
describeEachDatabase('site concurrency', (kind) => {
  let f: SitesFixture;
  let baseUrl: string;

  async function send(session: Session, method: string, path: string, body: object) {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        cookie: session.cookie,
        'x-csrf-token': session.csrfToken,
        'content-type': 'application/json',
        'accept-language': 'en',
      },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as { error?: { code: string; message: string }; id?: string } };
  }

  async function occupancyOf(roomId: string) {
    const room = await f.t.ctx.db.selectFrom('site_rooms').select(['beds', 'occupied']).where('id', '=', roomId).executeTakeFirstOrThrow();
    const stays = await f.t.ctx.db
      .selectFrom('site_stays')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('room_id', '=', roomId)
      .where('discharged_at', 'is', null)
      .executeTakeFirstOrThrow();
    return { beds: room.beds, occupied: room.occupied, openStays: Number(stays.count) };
  }

  async function registerMany(count: number) {
    const ids: string[] = [];
    for (let index = 0; index < count; index++) ids.push(await f.registerPerson(COMMUNITY_A));
    return ids;
  }

  beforeAll(async () => {
    f = await createSitesFixture(kind);
    await f.t.app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = `http://127.0.0.1:${(f.t.app.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => f.t.close());

  it('last bed goes to exactly one admission', async () => {
    const site = await f.createSite(f.staffA);
    const roomId = await f.addRoom(f.staffA, site.id, '最后一床', 3);
    for (const personId of await registerMany(2)) {
      expect((await send(f.staffA, 'POST', '/api/sites/stays', { personId, roomId })).status).toBe(201);
    }

    // Two offices (subdistrict staff and district HQ) admit twenty persons to the one free bed at once.
    const contenders = await registerMany(20);
    const results = await Promise.all(
      contenders.map((personId, index) => send(index % 2 === 0 ? f.staffA : f.hq, 'POST', '/api/sites/stays', { personId, roomId })),
    );
    const admitted = results.filter((result) => result.status === 201);
    const rejected = results.filter((result) => result.status === 409);
    expect(admitted).toHaveLength(1);
    expect(rejected).toHaveLength(19);
    for (const result of rejected) {
      expect(result.body.error?.code).toBe('SITE_ROOM_FULL');
      expect(result.body.error?.message).toContain('最后一床');
      expect(result.body.error?.message).toContain('all 3 beds');
    }
    expect(await occupancyOf(roomId)).toEqual({ beds: 3, occupied: 3, openStays: 3 });
  });

  // The test harness opens four pooled connections, so four transactions can be open together.
  it.runIf(kind === 'postgres')('parallel transactions claim one last bed', async () => {
    const site = await f.createSite(f.staffA);
    const roomId = await f.addRoom(f.staffA, site.id, '并发', 1);
    const contenders = 4;
    let started = 0;
    let release: () => void = () => {};
    const allStarted = new Promise<void>((resolve) => {
      release = resolve;
    });
    const now = new Date().toISOString();
    // Each transaction waits until every one of them is open, so all claims run while none has committed.
    const claims = await Promise.all(
      Array.from({ length: contenders }, () =>
        f.t.ctx.db.transaction().execute(async (trx) => {
          await trx.selectFrom('site_rooms').select('id').where('id', '=', roomId).execute();
          started += 1;
          if (started === contenders) release();
          await allStarted;
          return claimBed(trx, roomId, now);
        }),
      ),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect((await occupancyOf(roomId)).occupied).toBe(1);
  });

  it('site fills to capacity under load', async () => {
    const site = await f.createSite(f.staffA);
    const rooms = [await f.addRoom(f.staffA, site.id, '1', 1), await f.addRoom(f.staffA, site.id, '2', 2)];
    const contenders = await registerMany(10);
    const results = await Promise.all(
      contenders.map((personId, index) =>
        send(index % 2 === 0 ? f.staffA : f.hq, 'POST', '/api/sites/stays', { personId, siteId: site.id }),
      ),
    );
    expect(results.filter((result) => result.status === 201)).toHaveLength(3);
    const rejected = results.filter((result) => result.status === 409);
    expect(rejected).toHaveLength(7);
    for (const result of rejected) expect(result.body.error?.code).toBe('SITE_FULL');
    expect(await occupancyOf(rooms[0] as string)).toEqual({ beds: 1, occupied: 1, openStays: 1 });
    expect(await occupancyOf(rooms[1] as string)).toEqual({ beds: 2, occupied: 2, openStays: 2 });
  });

  it('one person admitted once under races', async () => {
    const site = await f.createSite(f.staffA);
    const rooms = [await f.addRoom(f.staffA, site.id, '1', 5), await f.addRoom(f.staffA, site.id, '2', 5)];
    const [personId] = await registerMany(1);
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, index) =>
        send(index % 2 === 0 ? f.staffA : f.hq, 'POST', '/api/sites/stays', { personId, roomId: rooms[index % 2] }),
      ),
    );
    expect(results.filter((result) => result.status === 201)).toHaveLength(1);
    const rejected = results.filter((result) => result.status !== 201);
    for (const result of rejected) {
      expect(result.status).toBe(409);
      expect(result.body.error?.code).toBe('SITE_PERSON_ALREADY_ADMITTED');
    }
    const first = await occupancyOf(rooms[0] as string);
    const second = await occupancyOf(rooms[1] as string);
    expect(first.occupied).toBe(first.openStays);
    expect(second.occupied).toBe(second.openStays);
    expect(first.occupied + second.occupied).toBe(1);
  });

  it('transfers race for the last bed', async () => {
    const site = await f.createSite(f.staffA);
    const from = await f.addRoom(f.staffA, site.id, '出', 6);
    const to = await f.addRoom(f.staffA, site.id, '入', 1);
    const stays: string[] = [];
    for (const personId of await registerMany(6)) {
      stays.push((await send(f.staffA, 'POST', '/api/sites/stays', { personId, roomId: from })).body.id as string);
    }
    const results = await Promise.all(
      stays.map((stayId, index) => send(index % 2 === 0 ? f.staffA : f.hq, 'POST', `/api/sites/stays/${stayId}/transfer`, { roomId: to })),
    );
    expect(results.filter((result) => result.status === 200)).toHaveLength(1);
    for (const result of results.filter((entry) => entry.status !== 200)) expect(result.body.error?.code).toBe('SITE_ROOM_FULL');
    expect(await occupancyOf(to)).toEqual({ beds: 1, occupied: 1, openStays: 1 });
    expect(await occupancyOf(from)).toEqual({ beds: 6, occupied: 5, openStays: 5 });
  });

  it('double discharge frees one bed', async () => {
    const site = await f.createSite(f.staffA);
    const roomId = await f.addRoom(f.staffA, site.id, '1', 2);
    const [personId] = await registerMany(1);
    const stayId = (await send(f.staffA, 'POST', '/api/sites/stays', { personId, roomId })).body.id as string;
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, index) =>
        send(index % 2 === 0 ? f.staffA : f.hq, 'POST', `/api/sites/stays/${stayId}/discharge`, { reason: '解除隔离' }),
      ),
    );
    expect(results.filter((result) => result.status === 200)).toHaveLength(1);
    for (const result of results.filter((entry) => entry.status !== 200)) expect(result.body.error?.code).toBe('SITE_STAY_CLOSED');
    expect(await occupancyOf(roomId)).toEqual({ beds: 2, occupied: 0, openStays: 0 });
  });
});
