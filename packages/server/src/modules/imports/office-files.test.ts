import { afterAll, beforeAll, expect, it } from 'vitest';
import { COMMUNITY_A, createStaff, loadGusu } from '../../testing/fixtures.js';
import { createTestApp, describeEachDatabase, request, type Session, type TestApp } from '../../testing/harness.js';
import { readFixture, uploadRoster } from './test-helpers.js';

// The libreoffice-* fixtures were written by LibreOffice Calc from
// libreoffice-source.csv and libreoffice-merged-header.fods; see
// fixtures/make-libreoffice-fixtures.sh.

interface Preview {
  id: string;
  totals: { rows: number; valid: number; invalid: number; existing: number };
  columns: Array<{ header: string; field: string | null }>;
  errors: Array<{ row: number; column: string; field: string; code: string }>;
  sample: Array<Record<string, unknown>>;
}

describeEachDatabase('rosters saved by a spreadsheet program', (kind) => {
  let t: TestApp;
  let staff: Session;

  const upload = (file: string) =>
    uploadRoster(t.app, staff, { kind: 'arrivals', communityCode: COMMUNITY_A }, { name: file, bytes: readFixture(file) });

  beforeAll(async () => {
    t = await createTestApp(kind);
    await loadGusu(t.ctx);
    staff = (await createStaff(t.app, t.ctx, 'community_staff', COMMUNITY_A)).session;
    const compound = await request(t.app, staff, {
      method: 'POST',
      url: '/api/addresses/compounds',
      payload: { communityCode: COMMUNITY_A, name: '金色里程' },
    });
    await request(t.app, staff, {
      method: 'POST',
      url: `/api/addresses/compounds/${compound.json().id}/generate`,
      payload: { buildings: '1-3', units: '1-2', floors: '1-12', roomsPerFloor: '1-2' },
    });
  });
  afterAll(async () => t.close());

  it('ID numbers stored as numbers', async () => {
    const response = await upload('libreoffice-ids-as-numbers.xlsx');
    expect(response.statusCode, response.body).toBe(201);
    const preview = response.json() as Preview;

    // Calc kept the IDs ending in X as text and turned the others into 4.2010619410529E+017.
    expect(preview.totals).toMatchObject({ rows: 4, valid: 2, invalid: 2 });
    expect(preview.errors.map((error) => [error.row, error.column, error.code])).toEqual([
      [2, '身份证号码', 'ID_NUMBER_EXCEL_MANGLED'],
      [4, '身份证号码', 'ID_NUMBER_EXCEL_MANGLED'],
    ]);
    expect(preview.sample.map((row) => row.name)).toEqual(['李二', '吴四']);
  });

  it('ID numbers stored as text', async () => {
    const response = await upload('libreoffice-ids-as-text.xlsx');
    expect(response.statusCode, response.body).toBe(201);
    const preview = response.json() as Preview;

    expect(preview.errors).toEqual([]);
    expect(preview.totals).toMatchObject({ rows: 4, valid: 4 });
    expect(preview.sample[0]).toMatchObject({ name: '孙一', arrivalDate: '2020-02-03', travelMode: 'car', originRegionCode: '420100' });
    expect(preview.sample[0]?.notes).toBe('备注: 居家观察');

    const commit = await request(t.app, staff, { method: 'POST', url: `/api/imports/${preview.id}/commit` });
    expect(commit.json()).toEqual({ created: 4, updated: 0, unchanged: 0 });
    const stored = await t.ctx.db.selectFrom('persons').select(['notes', 'source']).where('name', '=', '孙一').executeTakeFirstOrThrow();
    expect(stored).toEqual({ notes: '备注: 居家观察', source: 'import' });
  });

  it('GB18030 CSV without BOM', async () => {
    const response = await upload('libreoffice-gb18030.csv');
    expect(response.statusCode, response.body).toBe(201);
    const preview = response.json() as Preview;

    // The same four people as the text workbook, committed above: existing files, nothing new.
    expect(preview.errors).toEqual([]);
    expect(preview.totals).toMatchObject({ rows: 4, valid: 4, existing: 4 });
    const commit = await request(t.app, staff, { method: 'POST', url: `/api/imports/${preview.id}/commit` });
    expect(commit.json()).toEqual({ created: 0, updated: 0, unchanged: 4 });
    const stored = await t.ctx.db.selectFrom('persons').select('notes').where('name', '=', '孙一').executeTakeFirstOrThrow();
    expect(stored.notes).toBe('备注: 居家观察');
  });

  it('legacy xls is refused', async () => {
    const response = await upload('libreoffice-legacy.xls');
    expect(response.statusCode).toBe(415);
    expect(response.json().error.code).toBe('IMPORT_XLS_NOT_SUPPORTED');
  });

  it('title row and merged header', async () => {
    const response = await upload('libreoffice-merged-header.xlsx');
    expect(response.statusCode, response.body).toBe(201);
    const preview = response.json() as Preview;

    expect(preview.errors).toEqual([]);
    expect(preview.columns.find((column) => column.field === 'phone')?.header).toBe('联系方式手机');
    expect(preview.columns).toContainEqual({ header: '联系方式座机', field: null });
    expect(preview.sample.map((row) => row.name)).toEqual(['郑一', '阿卜杜·热合曼']);
    expect(preview.sample[0]).toMatchObject({ arrivalDate: '2020-02-05', notes: '联系方式座机: 0512-65221711' });
  });
});
