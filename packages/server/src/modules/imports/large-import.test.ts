import { afterAll, beforeAll, expect, it } from 'vitest';
import { COMMUNITY_A, createStaff, loadGusu } from '../../testing/fixtures.js';
import { createTestApp, describeEachDatabase, request, type Session, type TestApp } from '../../testing/harness.js';
import { testResidentId } from '../persons/test-helpers.js';
import { uploadRoster } from './test-helpers.js';

/** Rows of the roster; IMPORT_TEST_ROWS=100000 runs the full-size check, which takes minutes. */
const ROWS = Number(process.env.IMPORT_TEST_ROWS ?? 3000);

/** Builds a CSV roster of distinct made-up residents: 999 sequence numbers on each of enough birth dates. */
function largeRoster(rows: number): Buffer {
  const lines = ['姓名,身份证号,手机号,返苏日期'];
  for (let index = 0; index < rows; index++) {
    const day = new Date(Date.UTC(1970, 0, 1) + Math.floor(index / 999) * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
    const id = testResidentId((index % 999) + 1, day);
    lines.push(`居民${index},${id},138${String(index).padStart(8, '0')},2020-02-03`);
  }
  return Buffer.from(lines.join('\n'), 'utf8');
}

describeEachDatabase('large roster import', (kind) => {
  let t: TestApp;
  let staffA: Session;

  beforeAll(async () => {
    t = await createTestApp(kind);
    await loadGusu(t.ctx);
    staffA = (await createStaff(t.app, t.ctx, 'community_staff', COMMUNITY_A)).session;
  });
  afterAll(async () => t.close());

  it(
    'commits every row in one transaction',
    async () => {
      const upload = await uploadRoster(
        t.app,
        staffA,
        { kind: 'arrivals', communityCode: COMMUNITY_A },
        { name: 'big.csv', bytes: largeRoster(ROWS) },
      );
      expect(upload.statusCode, upload.body).toBe(201);
      expect(upload.json().totals).toMatchObject({ rows: ROWS, valid: ROWS, invalid: 0 });

      const commit = await request(t.app, staffA, { method: 'POST', url: `/api/imports/${upload.json().id}/commit` });
      expect(commit.json()).toEqual({ created: ROWS, updated: 0, unchanged: 0 });
      const persons = await t.ctx.db
        .selectFrom('persons')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(persons.n)).toBe(ROWS);
      const audits = await t.ctx.db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('action', '=', 'person.create')
        .executeTakeFirstOrThrow();
      expect(Number(audits.n)).toBe(ROWS);
    },
    30 * 60_000,
  );
});
