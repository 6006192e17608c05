import { chinaCalendarDate } from '@cordon/core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { COMMUNITY_A, COMMUNITY_B, createStaff, loadGusu } from '../../testing/fixtures.js';
import { createTestApp, describeEachDatabase, request, type Session, type TestApp } from '../../testing/harness.js';
import { testResidentId } from './test-helpers.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const daysFromToday = (days: number) => chinaCalendarDate(new Date(Date.now() + days * DAY_MS));

describeEachDatabase('person risk level', (kind) => {
  let t: TestApp;
  let hq: Session;
  let admin: Session;
  /** Document of 姑苏区, arrived from 武汉市江岸区, lives in community A. */
  let fromWuhan: string;
  /** Document of 姑苏区, no origin, lives in community B. */
  let local: string;
  /** Document of 姑苏区, no origin, lives in community A: no entry below matches on the day of the list test. */
  let quiet: string;

  const addEntry = async (payload: object) => {
    const response = await request(t.app, hq, { method: 'POST', url: '/api/risk-regions', payload });
    expect(response.statusCode, response.body).toBe(201);
    return response.json().id as string;
  };
  const detail = async (id: string) => (await request(t.app, admin, { method: 'GET', url: `/api/persons/${id}` })).json();
  const listIds = async (query: string) => {
    const response = await request(t.app, admin, { method: 'GET', url: `/api/persons?pageSize=200${query}` });
    expect(response.statusCode, response.body).toBe(200);
    return response.json().items.map((item: { id: string }) => item.id) as string[];
  };

  beforeAll(async () => {
    t = await createTestApp(kind);
    await loadGusu(t.ctx);
    hq = (await createStaff(t.app, t.ctx, 'hq', 'CN')).session;
    admin = (await createStaff(t.app, t.ctx, 'admin', 'CN')).session;
    const register = async (payload: object) =>
      (await request(t.app, admin, { method: 'POST', url: '/api/persons', payload })).json().person.id as string;
    fromWuhan = await register({
      name: '返苏人员',
      documentNumber: testResidentId(301),
      communityCode: COMMUNITY_A,
      originRegionCode: '420102',
    });
    local = await register({ name: '本地居民', documentNumber: testResidentId(302), communityCode: COMMUNITY_B });
    quiet = await register({ name: '甲社区居民', documentNumber: testResidentId(303), communityCode: COMMUNITY_A });
  });
  afterAll(async () => t.close());

  it('no entries means no risk level', async () => {
    const person = await detail(fromWuhan);
    expect(person.riskLevel).toBeNull();
    expect(person.riskMatches).toEqual([]);
  });

  it('added entry raises the level', async () => {
    const entryId = await addEntry({ kind: 'region', value: '420100', level: 'high', effectiveFrom: daysFromToday(-3) });

    const person = await detail(fromWuhan);
    expect(person.riskLevel).toBe('high');
    expect(person.riskMatches).toEqual([
      {
        entryId,
        value: '420100',
        valueName: ['湖北省', '武汉市'],
        level: 'high',
        effectiveFrom: daysFromToday(-3),
        effectiveTo: null,
        subject: 'originRegion',
        regionCode: '420102',
      },
    ]);
    expect((await detail(local)).riskLevel).toBeNull();

    const list = await request(t.app, admin, { method: 'GET', url: '/api/persons?pageSize=200' });
    const row = list.json().items.find((item: { id: string }) => item.id === fromWuhan);
    expect(row.riskLevel).toBe('high');
  });

  it('community entry matches where people live', async () => {
    const entryId = await addEntry({ kind: 'region', value: COMMUNITY_B, level: 'medium', effectiveFrom: daysFromToday(0) });
    const person = await detail(local);
    expect(person.riskLevel).toBe('medium');
    expect(person.riskMatches[0]).toMatchObject({ entryId, subject: 'currentRegion', regionCode: COMMUNITY_B });
    expect(person.riskMatches[0].valueName.at(-1)).toBeTruthy();
  });

  it('expired entry no longer counts', async () => {
    const entryId = await addEntry({ kind: 'region', value: '320508', level: 'low', effectiveFrom: daysFromToday(-10) });
    expect((await detail(fromWuhan)).riskMatches.map((match: { entryId: string }) => match.entryId)).toContain(entryId);

    const expire = await request(t.app, hq, {
      method: 'PATCH',
      url: `/api/risk-regions/${entryId}`,
      payload: { effectiveTo: daysFromToday(-1) },
    });
    expect(expire.statusCode).toBe(200);
    expect((await detail(fromWuhan)).riskMatches.map((match: { entryId: string }) => match.entryId)).not.toContain(entryId);
  });

  it('future entry does not count yet', async () => {
    await addEntry({ kind: 'region', value: '320000', level: 'high', effectiveFrom: daysFromToday(1) });
    expect((await detail(local)).riskLevel).toBe('medium');
  });

  it('list filters by risk level', async () => {
    expect(await listIds('&riskLevel=high')).toEqual([fromWuhan]);
    expect(await listIds('&riskLevel=medium')).toEqual([local]);
    expect(await listIds('&riskLevel=low')).toEqual([]);
    expect(await listIds('&riskLevel=none')).toEqual([quiet]);
  });

  it('list rejects an unknown risk level', async () => {
    const response = await request(t.app, admin, { method: 'GET', url: '/api/persons?riskLevel=severe', locale: 'en' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.field).toBe('riskLevel');
  });
});
