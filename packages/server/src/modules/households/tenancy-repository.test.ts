import { afterAll, beforeAll, expect, it } from 'vitest';
import { testResidentId } from '../persons/test-helpers.js';
import { COMMUNITY_A, createStaff, loadGusu } from '../../testing/fixtures.js';
import { createTestApp, describeEachDatabase, request, type Session, type TestApp } from '../../testing/harness.js';
import { type TenancyInput, upsertTenancy } from './tenancy-repository.js';

describeEachDatabase('tenancy repository', (kind) => {
  let t: TestApp;
  let staffA: Session;
  let roomId: string;
  let placeId: string;
  let landlordId: string;
  let tenantId: string;

  const countTenancies = async () =>
    Number(
      (
        await t.ctx.db
          .selectFrom('tenancies')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    t = await createTestApp(kind);
    await loadGusu(t.ctx);
    staffA = (await createStaff(t.app, t.ctx, 'community_staff', COMMUNITY_A)).session;
    const post = (url: string, payload: object) => request(t.app, staffA, { method: 'POST', url, payload });

    const compoundId = (await post('/api/addresses/compounds', { communityCode: COMMUNITY_A, name: '租赁小区' })).json().id;
    await post(`/api/addresses/compounds/${compoundId}/generate`, { buildings: '1', units: '1', floors: '1', roomsPerFloor: '1' });
    roomId = (await t.ctx.db.selectFrom('rooms').select('id').executeTakeFirstOrThrow()).id;
    placeId = (await post('/api/addresses/places', { communityCode: COMMUNITY_A, kind: 'shop', text: '租赁路1号' })).json().id;
    landlordId = (await post('/api/persons', { name: '房东', documentNumber: testResidentId(801), communityCode: COMMUNITY_A })).json()
      .person.id;
    tenantId = (await post('/api/persons', { name: '租户', documentNumber: testResidentId(802), communityCode: COMMUNITY_A })).json().person
      .id;
  });
  afterAll(async () => t.close());

  const roomLease = (): TenancyInput => ({
    roomId,
    placeId: null,
    landlordPersonId: landlordId,
    tenantPersonId: tenantId,
    startDate: '2026-01-01',
    endDate: null,
    communityCode: COMMUNITY_A,
  });

  it('upsert inserts, then updates on the same key', async () => {
    const first = await upsertTenancy(t.ctx.db, roomLease());
    expect(first).toMatchObject({ created: true, changed: false });

    const same = await upsertTenancy(t.ctx.db, roomLease());
    expect(same).toEqual({ id: first.id, created: false, changed: false });

    const ended = await upsertTenancy(t.ctx.db, { ...roomLease(), endDate: '2026-06-30', endedReason: 'moved out' });
    expect(ended).toEqual({ id: first.id, created: false, changed: true });
    const row = await t.ctx.db.selectFrom('tenancies').selectAll().where('id', '=', first.id).executeTakeFirstOrThrow();
    expect(row.end_date).toBe('2026-06-30');
    expect(row.ended_reason).toBe('moved out');

    // Leaving endedReason out keeps the stored reason.
    const again = await upsertTenancy(t.ctx.db, { ...roomLease(), endDate: '2026-06-30' });
    expect(again.changed).toBe(false);
  });

  it('upsert inserts for another start date or address', async () => {
    const before = await countTenancies();
    const later = await upsertTenancy(t.ctx.db, { ...roomLease(), startDate: '2026-07-01' });
    expect(later.created).toBe(true);
    const atPlace = await upsertTenancy(t.ctx.db, { ...roomLease(), roomId: null, placeId });
    expect(atPlace.created).toBe(true);
    expect(await countTenancies()).toBe(before + 2);
  });

  it('upsert rejects both or neither address', async () => {
    await expect(upsertTenancy(t.ctx.db, { ...roomLease(), placeId })).rejects.toThrow(/exactly one/);
    await expect(upsertTenancy(t.ctx.db, { ...roomLease(), roomId: null })).rejects.toThrow(/exactly one/);
  });

  it('table check rejects a row with both addresses', async () => {
    const now = new Date().toISOString();
    const insert = t.ctx.db
      .insertInto('tenancies')
      .values({
        id: 'both-addresses',
        room_id: roomId,
        place_id: placeId,
        landlord_person_id: landlordId,
        tenant_person_id: tenantId,
        start_date: '2026-01-01',
        end_date: null,
        community_code: COMMUNITY_A,
        ended_reason: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await expect(insert).rejects.toThrow(/check/i);
  });
});
