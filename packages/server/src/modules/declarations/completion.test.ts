import { addCalendarDays } from '@cordon/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../../testing/harness.js';
import { completionRateOf } from './completion.js';
import {
  COMMUNITY_A,
  COMMUNITY_B,
  TODAY,
  YESTERDAY,
  chinaTime,
  createFollowUpFixture,
  type FollowUpFixture,
} from '../../testing/declaration-follow-up.js';

describe('completion rate', () => {
  it('rounds to four decimals', () => {
    expect(completionRateOf(2, 3)).toBe(0.6667);
  });

  it('is null without expected persons', () => {
    expect(completionRateOf(0, 0)).toBeNull();
  });
});

describeEachDatabase('declaration completion', (kind) => {
  let f: FollowUpFixture;
  const url = (from: string, to: string, nodeCode?: string) =>
    `/api/declarations/completion?from=${from}&to=${to}${nodeCode ? `&nodeCode=${nodeCode}` : ''}`;

  beforeAll(async () => {
    f = await createFollowUpFixture(kind);
    // Both arrived three days ago, so both had to declare yesterday and today.
    const first = await f.addPerson({ communityCode: COMMUNITY_A, arrivalDate: addCalendarDays(TODAY, -3) });
    const second = await f.addPerson({ communityCode: COMMUNITY_A, arrivalDate: addCalendarDays(TODAY, -3) });
    await f.addPerson({ communityCode: COMMUNITY_B });
    await f.declare(first, `${YESTERDAY}/1`);
    await f.declare(second, `${YESTERDAY}/1`, { temperatureTenths: 375 });
    await f.declare(first, `${YESTERDAY}/2`, { late: true });
    await f.declare(first, `${TODAY}/1`);
    f.setClock(chinaTime('12:00:00'));
  });
  afterAll(async () => f.t.close());

  it('completion per window', async () => {
    const response = await f.get(f.staffA, url(YESTERDAY, TODAY));
    expect(response.statusCode).toBe(200);
    const rows = response.json().rows as Array<Record<string, unknown>>;
    expect(rows.map((row) => [row.windowKey, row.expected, row.declared, row.late, row.abnormal, row.rate])).toEqual([
      [`${YESTERDAY}/1`, 2, 2, 0, 1, 1],
      [`${YESTERDAY}/2`, 2, 1, 1, 0, 0.5],
      [`${TODAY}/1`, 2, 1, 0, 0, 0.5],
    ]);
  });

  it('windows not yet open are left out', async () => {
    const response = await f.get(f.staffA, url(TODAY, addCalendarDays(TODAY, 2)));
    expect(response.json().rows.map((row: { windowKey: string }) => row.windowKey)).toEqual([`${TODAY}/1`]);
  });

  it('range of 31 days', async () => {
    const response = await f.get(f.staffA, url(addCalendarDays(TODAY, -30), TODAY));
    expect(response.statusCode).toBe(200);
    expect(response.json().rows).toHaveLength(61);
  });

  it('range longer than 31 days', async () => {
    const response = await f.get(f.staffA, url(addCalendarDays(TODAY, -31), TODAY));
    expect(response.statusCode).toBe(400);
    expect(response.json().error.field).toBe('to');
  });

  it('end before start', async () => {
    const response = await f.get(f.staffA, url(TODAY, YESTERDAY));
    expect(response.statusCode).toBe(400);
    expect(response.json().error.field).toBe('to');
  });

  it('missing dates', async () => {
    const response = await f.get(f.staffA, '/api/declarations/completion');
    expect(response.statusCode).toBe(400);
  });

  it('staff of B cannot read community A', async () => {
    const response = await f.get(f.staffB, url(YESTERDAY, TODAY, COMMUNITY_A));
    expect(response.statusCode).toBe(404);
  });

  it('staff of B count only B', async () => {
    const response = await f.get(f.staffB, url(TODAY, TODAY));
    expect(response.json().node.code).toBe(COMMUNITY_B);
    expect(response.json().rows[0].expected).toBe(1);
    expect(response.json().rows[0].declared).toBe(0);
  });
});
