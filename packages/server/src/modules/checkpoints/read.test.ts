import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMUNITY_A, createStaff, SUBDISTRICT_B } from '../../testing/fixtures.js';
import { describeEachDatabase, type Session } from '../../testing/harness.js';
import { testResidentId } from '../persons/test-helpers.js';
import { resolveTimeRange } from './read-range.js';
import { type CheckpointFixture, createCheckpointFixture, quickRegistration } from './test-helpers.js';

/** The hour of an instant in Asia/Shanghai (UTC+8), as the statistics name it. */
const shanghaiHourOf = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 13);

describe('registration time range', () => {
  const now = new Date('2026-12-05T02:00:00.000Z');

  it('defaults to today in Shanghai', () => {
    expect(resolveTimeRange({}, now)).toEqual({ start: '2026-12-04T16:00:00.000Z', end: '2026-12-05T16:00:00.000Z' });
  });

  it('reads days as whole Shanghai days', () => {
    expect(resolveTimeRange({ from: '2026-12-01', to: '2026-12-03' }, now)).toEqual({
      start: '2026-11-30T16:00:00.000Z',
      end: '2026-12-03T16:00:00.000Z',
    });
  });

  it('reads instants with their zone', () => {
    expect(resolveTimeRange({ from: '2026-12-05T08:00:00+08:00', to: '2026-12-05T01:30:00Z' }, now)).toEqual({
      start: '2026-12-05T00:00:00.000Z',
      end: '2026-12-05T01:30:00.001Z',
    });
  });

  it('accepts 31 days and rejects 32', () => {
    expect(() => resolveTimeRange({ from: '2026-11-01', to: '2026-12-01' }, now)).not.toThrow();
    expect(() => resolveTimeRange({ from: '2026-11-01', to: '2026-12-02' }, now)).toThrow(
      expect.objectContaining({ code: 'CHECKPOINT_RANGE_TOO_LONG', field: 'to' }),
    );
  });

  it('rejects a reversed range', () => {
    expect(() => resolveTimeRange({ from: '2026-12-03', to: '2026-12-01' }, now)).toThrow(
      expect.objectContaining({ code: 'CHECKPOINT_RANGE_REVERSED', field: 'to' }),
    );
  });

  it('rejects a time without a zone', () => {
    for (const value of ['2026-12-05T08:00:00', '2026-13-01', 'yesterday']) {
      expect(() => resolveTimeRange({ from: value }, now)).toThrow(
        expect.objectContaining({ code: 'CHECKPOINT_RANGE_INVALID', field: 'from' }),
      );
    }
  });
});

describeEachDatabase('checkpoint registration reads', (kind) => {
  let f: CheckpointFixture;
  /** A checkpoint of subdistrict A that officer A is not on the roster of. */
  let checkpointA2: string;
  let checkpointB: string;
  let keyA2: string;
  let keyB: string;
  const ids = { a: [] as string[], a2: [] as string[], b: [] as string[] };
  const driverDocument = testResidentId(611, '19800101');
  /** Two hours ago, which lies in the range the tests query: yesterday and today in Shanghai. */
  let registeredAt: string;

  const errorOf = (response: { json(): unknown }) => (response.json() as { error: { code: string; field?: string } }).error;
  const listIds = async (session: Session, query = '') => {
    const response = await f.send(session, 'GET', `/api/checkpoint-registrations${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return (response.json() as { items: Array<{ id: string }> }).items.map((item) => item.id);
  };
  const range = () => {
    const day = (offsetMs: number) => new Date(Date.now() + offsetMs + 8 * 3_600_000).toISOString().slice(0, 10);
    return `from=${day(-86_400_000)}&to=${day(0)}`;
  };

  async function register(key: string, body: { id: string }) {
    const response = await f.phone('POST', '/api/checkpoint-registrations', body, key);
    expect(response.statusCode, response.body).toBe(201);
    return body.id;
  }

  beforeAll(async () => {
    f = await createCheckpointFixture(kind);
    registeredAt = new Date(Date.now() - 2 * 3_600_000).toISOString();
    checkpointA2 = await f.createCheckpoint(f.staffA);
    keyA2 = (await f.enrolPhone(f.staffA, checkpointA2)).key;
    checkpointB = await f.createCheckpoint(f.staffB, { nodeCode: SUBDISTRICT_B });
    keyB = (await f.enrolPhone(f.staffB, checkpointB)).key;

    ids.a.push(
      await register(
        f.phoneKey,
        quickRegistration(f.checkpointA, {
          registeredAt,
          occupants: [{ role: 'driver', documentNumber: driverDocument, phone: '13912345678' }],
        }),
      ),
    );
    ids.a.push(
      await register(
        f.phoneKey,
        quickRegistration(f.checkpointA, { registeredAt, plate: '鄂A88888', disposition: 'turned_back', dispositionReason: '无通行证' }),
      ),
    );
    ids.a2.push(await register(keyA2, quickRegistration(checkpointA2, { registeredAt })));
    ids.b.push(await register(keyB, quickRegistration(checkpointB, { registeredAt })));
  });

  afterAll(async () => {
    await f?.t.close();
  });

  it('list stays in the subdistrict', async () => {
    const seenByA = await listIds(f.staffA, `?${range()}`);
    expect(seenByA).toEqual(expect.arrayContaining([...ids.a, ...ids.a2]));
    expect(seenByA).not.toContain(ids.b[0]);
    const seenByB = await listIds(f.staffB, `?${range()}`);
    expect(seenByB).toEqual(ids.b);
    expect(await listIds(f.admin, `?${range()}`)).toHaveLength(4);
  });

  it('officer sees assigned checkpoints only', async () => {
    const seen = await listIds(f.officerA.session, `?${range()}`);
    expect(seen.sort()).toEqual([...ids.a].sort());
    expect(await listIds(f.officerB.session, `?${range()}`)).toEqual([]);
    const detail = await f.send(f.officerA.session, 'GET', `/api/checkpoint-registrations/${ids.a2[0]}`);
    expect(detail.statusCode).toBe(404);
    expect(errorOf(detail).code).toBe('CHECKPOINT_REGISTRATION_NOT_FOUND');
  });

  it('list filters by plate and disposition', async () => {
    expect(await listIds(f.staffA, `?${range()}&plate=${encodeURIComponent('鄂a 888')}`)).toEqual([ids.a[1]]);
    expect(await listIds(f.staffA, `?${range()}&disposition=turned_back`)).toEqual([ids.a[1]]);
    expect(await listIds(f.staffA, `?${range()}&checkpointId=${checkpointA2}`)).toEqual(ids.a2);
    expect(await listIds(f.staffA, `?${range()}&checkpointId=${checkpointB}`)).toEqual([]);
  });

  it('list rejects a range over 31 days', async () => {
    const response = await f.send(f.staffA, 'GET', '/api/checkpoint-registrations?from=2026-10-01&to=2026-12-01');
    expect(response.statusCode).toBe(400);
    expect(errorOf(response)).toMatchObject({ code: 'CHECKPOINT_RANGE_TOO_LONG', field: 'to' });
  });

  it('list and detail show masked numbers only', async () => {
    const list = await f.send(f.staffA, 'GET', `/api/checkpoint-registrations?${range()}`);
    expect(list.body).not.toContain(driverDocument);
    expect(list.body).not.toContain('13912345678');
    const item = (list.json() as { items: Array<Record<string, unknown>> }).items.find((row) => row.id === ids.a[0]);
    expect(item).toMatchObject({ occupantCount: 1, plateProvince: '江苏省', plateCity: '苏州市', disposition: 'pass' });

    const detail = await f.send(f.staffA, 'GET', `/api/checkpoint-registrations/${ids.a[0]}`);
    expect(detail.statusCode, detail.body).toBe(200);
    expect(detail.body).not.toContain(driverDocument);
    expect(detail.json().occupants[0]).toMatchObject({ role: 'driver', phoneMasked: '139****5678', sex: expect.any(String) });
    expect((await f.send(f.staffB, 'GET', `/api/checkpoint-registrations/${ids.a[0]}`)).statusCode).toBe(404);
  });

  it('stats count by hour, risk and disposition', async () => {
    const response = await f.send(f.staffA, 'GET', `/api/checkpoint-registrations/stats?${range()}`);
    expect(response.statusCode, response.body).toBe(200);
    const stats = response.json();
    expect(stats.total).toBe(3);
    expect(stats.dispositions).toEqual({ pass: 2, turned_back: 1, transferred: 0 });
    expect(stats.risk.high + stats.risk.medium + stats.risk.low + stats.risk.none).toBe(3);
    expect(stats.hourly).toEqual(
      expect.arrayContaining([
        { hour: shanghaiHourOf(registeredAt), checkpointId: f.checkpointA, count: 2 },
        { hour: shanghaiHourOf(registeredAt), checkpointId: checkpointA2, count: 1 },
      ]),
    );
    expect(stats.checkpoints.map((row: { id: string }) => row.id).sort()).toEqual([f.checkpointA, checkpointA2].sort());

    const officer = await f.send(f.officerA.session, 'GET', `/api/checkpoint-registrations/stats?${range()}`);
    expect(officer.json().total).toBe(2);
    const other = await f.send(f.staffB, 'GET', `/api/checkpoint-registrations/stats?${range()}`);
    expect(other.json().total).toBe(1);
  });

  it('reads are closed to other roles', async () => {
    const { session } = await createStaff(f.t.app, f.t.ctx, 'community_staff', COMMUNITY_A);
    expect((await f.send(session, 'GET', '/api/checkpoint-registrations')).statusCode).toBe(403);
    expect((await f.send(session, 'GET', '/api/exports/checkpoint-registrations.xlsx')).statusCode).toBe(403);
  });

  it('export is masked and scoped', async () => {
    const response = await f.send(f.staffA, 'GET', `/api/exports/checkpoint-registrations.xlsx?${range()}&lang=en`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toContain('spreadsheetml');

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const rows: string[][] = [];
    workbook.worksheets[0]?.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((value) => String(value ?? ''))));
    const [header = [], ...data] = rows;
    expect(header).toContain('Document number');
    expect(data).toHaveLength(3);
    const text = JSON.stringify(rows);
    expect(text).not.toContain(driverDocument);
    expect(text).not.toContain('13912345678');
    expect(text).toContain('139****5678');
    expect(text).toContain('Turned back');

    const audit = await f.t.ctx.db.selectFrom('audit_log').select('action').where('action', '=', 'checkpoint.export').execute();
    expect(audit).toHaveLength(1);
  });
});
