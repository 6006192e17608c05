import { addCalendarDays } from '@cordon/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../../testing/harness.js';
import {
  COMMUNITY_A,
  COMMUNITY_B,
  TODAY,
  YESTERDAY,
  chinaTime,
  createFollowUpFixture,
  type FollowUpFixture,
} from '../../testing/declaration-follow-up.js';

describeEachDatabase('declaration follow-up', (kind) => {
  let f: FollowUpFixture;
  /** Persons of community A: two in grid A1, one in grid A2, one without a grid, one who need not declare. */
  let inGrid1: string;
  let inGrid1Abnormal: string;
  let inGrid2: string;
  let withoutGrid: string;
  let notObliged: string;
  let inB: string;
  const window1 = `${TODAY}/1`;

  beforeAll(async () => {
    f = await createFollowUpFixture(kind);
    inGrid1 = await f.addPerson({ communityCode: COMMUNITY_A, gridCode: f.gridA1 });
    inGrid1Abnormal = await f.addPerson({ communityCode: COMMUNITY_A, gridCode: f.gridA1 });
    inGrid2 = await f.addPerson({ communityCode: COMMUNITY_A, gridCode: f.gridA2 });
    withoutGrid = await f.addPerson({ communityCode: COMMUNITY_A, phone: null });
    notObliged = await f.addPerson({ communityCode: COMMUNITY_A, arrivalDate: addCalendarDays(TODAY, -40) });
    inB = await f.addPerson({ communityCode: COMMUNITY_B });

    f.setClock(chinaTime('08:30:00'));
    await f.declare(inGrid1, window1);
    await f.declare(inGrid1Abnormal, window1, { temperatureTenths: 381, symptoms: ['cough'], late: true });
    await f.declare(notObliged, window1);
    await f.declare(inB, window1);
  });
  afterAll(async () => f.t.close());

  describe('access', () => {
    it('summary requires a session', async () => {
      expect((await f.get(null, '/api/declarations/follow-up')).statusCode).toBe(401);
    });

    it('gate guards cannot read follow-up', async () => {
      const response = await f.get(f.gateGuardA, '/api/declarations/follow-up');
      expect(response.statusCode).toBe(403);
      expect(response.json().error.code).toBe('FORBIDDEN');
    });

    it('staff of B cannot read community A', async () => {
      const summary = await f.get(f.staffB, `/api/declarations/follow-up?nodeCode=${COMMUNITY_A}`);
      const persons = await f.get(f.staffB, `/api/declarations/follow-up/persons?nodeCode=${COMMUNITY_A}`);
      expect(summary.statusCode).toBe(404);
      expect(summary.json().error.field).toBe('nodeCode');
      expect(persons.statusCode).toBe(404);
    });

    it('staff of B see only B', async () => {
      const response = await f.get(f.staffB, '/api/declarations/follow-up/persons');
      expect(response.statusCode).toBe(200);
      expect(response.json().items.map((item: { personId: string }) => item.personId)).toEqual([inB]);
    });

    it('grid worker sees only the grid', async () => {
      const summary = await f.get(f.gridWorkerA1, '/api/declarations/follow-up');
      const community = await f.get(f.gridWorkerA1, `/api/declarations/follow-up?nodeCode=${COMMUNITY_A}`);
      expect(summary.statusCode).toBe(200);
      expect(summary.json().node.code).toBe(f.gridA1);
      expect(summary.json().counts.expected).toBe(2);
      expect(community.statusCode).toBe(404);
    });
  });

  describe('windows', () => {
    const windowAt = async (time: string, day = TODAY) => {
      f.setClock(chinaTime(time, day));
      const response = await f.get(f.staffA, '/api/declarations/follow-up');
      expect(response.statusCode).toBe(200);
      return response.json().window;
    };

    it('open window at 09:59:59', async () => {
      const window = await windowAt('09:59:59');
      expect(window.key).toBe(`${TODAY}/1`);
      expect(window.open).toBe(true);
      expect(window.current).toBe(true);
    });

    it('closed window at 10:00:00', async () => {
      const window = await windowAt('10:00:00');
      expect(window.key).toBe(`${TODAY}/1`);
      expect(window.open).toBe(false);
      expect(window.current).toBe(true);
    });

    it('before the first window, the day before', async () => {
      const window = await windowAt('06:59:59');
      expect(window.key).toBe(`${YESTERDAY}/2`);
      expect(window.closesAt).toBe(`${YESTERDAY}T09:00:00.000Z`);
    });

    it('server clock in UTC still uses China days', async () => {
      // 23:30 UTC is 07:30 of the next day in China.
      f.setClock(new Date(`${YESTERDAY}T23:30:00Z`));
      const response = await f.get(f.staffA, '/api/declarations/follow-up');
      expect(response.json().window.key).toBe(`${TODAY}/1`);
    });

    it('chosen window is not current', async () => {
      f.setClock(chinaTime('15:00:00'));
      const response = await f.get(f.staffA, `/api/declarations/follow-up?window=${TODAY}/1`);
      expect(response.json().window.current).toBe(false);
      expect(response.json().windowsOfDay.map((window: { key: string }) => window.key)).toEqual([`${TODAY}/1`, `${TODAY}/2`]);
    });

    it('window beyond the configured ones', async () => {
      const response = await f.get(f.staffA, `/api/declarations/follow-up?window=${TODAY}/3`);
      expect(response.statusCode).toBe(400);
      expect(response.json().error.field).toBe('window');
    });

    it('window of an impossible day', async () => {
      const response = await f.get(f.staffA, '/api/declarations/follow-up?window=2026-02-30/1');
      expect(response.statusCode).toBe(400);
      expect(response.json().error.field).toBe('window');
    });

    it('malformed window key', async () => {
      const response = await f.get(f.staffA, '/api/declarations/follow-up?window=today');
      expect(response.statusCode).toBe(400);
      expect(response.json().error.field).toBe('window');
    });
  });

  describe('lists', () => {
    beforeAll(() => f.setClock(chinaTime('09:00:00')));

    it('summary counts of community A', async () => {
      const response = await f.get(f.staffA, '/api/declarations/follow-up');
      expect(response.statusCode).toBe(200);
      const body = response.json();
      expect(body.node.code).toBe(COMMUNITY_A);
      expect(body.window.key).toBe(window1);
      expect(body.counts).toEqual({ expected: 4, declared: 2, missing: 2, abnormal: 1, late: 1, reminded: 0 });
    });

    it('counts per grid', async () => {
      const body = (await f.get(f.staffA, '/api/declarations/follow-up')).json();
      const byGrid = Object.fromEntries(
        body.groups.map((group: { gridCode: string | null; expected: number; declared: number; missing: number }) => [
          group.gridCode ?? 'none',
          [group.expected, group.declared, group.missing],
        ]),
      );
      expect(byGrid).toEqual({ [f.gridA1]: [2, 2, 0], [f.gridA2]: [1, 0, 1], none: [1, 0, 1] });
    });

    it('missing list', async () => {
      const response = await f.get(f.staffA, '/api/declarations/follow-up/persons?status=missing');
      const ids = response.json().items.map((item: { personId: string }) => item.personId);
      expect(response.json().total).toBe(2);
      expect(ids.sort()).toEqual([inGrid2, withoutGrid].sort());
    });

    it('declared list with measurements', async () => {
      const response = await f.get(f.staffA, '/api/declarations/follow-up/persons?status=declared');
      const items = response.json().items as Array<{
        personId: string;
        declaration: { temperature: number; abnormal: boolean; late: boolean; symptoms: string[] };
      }>;
      expect(items.map((item) => item.personId).sort()).toEqual([inGrid1, inGrid1Abnormal].sort());
      const abnormal = items.find((item) => item.personId === inGrid1Abnormal);
      expect(abnormal?.declaration.temperature).toBe(38.1);
      expect(abnormal?.declaration.symptoms).toEqual(['cough']);
      expect(abnormal?.declaration.late).toBe(true);
    });

    it('abnormal list', async () => {
      const response = await f.get(f.staffA, '/api/declarations/follow-up/persons?status=abnormal');
      expect(response.json().items.map((item: { personId: string }) => item.personId)).toEqual([inGrid1Abnormal]);
    });

    it('list shows masked numbers only', async () => {
      const response = await f.get(f.staffA, '/api/declarations/follow-up/persons?status=missing');
      const item = response.json().items.find((each: { personId: string }) => each.personId === inGrid2);
      expect(item.phoneMasked).toMatch(/^139\*{4}\d{4}$/);
      expect(item.documentMasked).toContain('*');
      expect(response.body).not.toMatch(/1390000\d{4}/);
    });

    it('pages the list', async () => {
      const first = await f.get(f.staffA, '/api/declarations/follow-up/persons?pageSize=3&page=1');
      const second = await f.get(f.staffA, '/api/declarations/follow-up/persons?pageSize=3&page=2');
      expect(first.json().total).toBe(4);
      expect(first.json().items).toHaveLength(3);
      expect(second.json().items).toHaveLength(1);
    });

    it('unknown status', async () => {
      const response = await f.get(f.staffA, '/api/declarations/follow-up/persons?status=late');
      expect(response.statusCode).toBe(400);
      expect(response.json().error.field).toBe('status');
    });
  });
});
