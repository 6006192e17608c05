import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { COMMUNITY_A, COMMUNITY_B, createStaff, createTestGrid, loadGusu } from '../../testing/fixtures.js';
import { createTestApp, describeEachDatabase, request, type Session, type TestApp } from '../../testing/harness.js';
import { testResidentId } from '../persons/test-helpers.js';
import { readFixture, rowsOfXlsx, uploadRoster, xlsxOf } from './test-helpers.js';

interface Preview {
  id: string;
  status: string;
  totals: { rows: number; valid: number; invalid: number; duplicatesInFile: number; existing: number };
  columns: Array<{ header: string; field: string | null }>;
  errors: Array<{ row: number; column: string | null; field: string | null; value: string; code: string; message: string }>;
  sample: Array<Record<string, unknown>>;
}

describeEachDatabase('roster imports', (kind) => {
  let t: TestApp;
  let staffA: Session;
  let staffB: Session;
  let gridWorkerA: Session;

  const upload = (session: Session | null, file: string, bytes: Buffer, fields: Record<string, string> = {}, locale = 'en') =>
    uploadRoster(t.app, session, { kind: 'arrivals', communityCode: COMMUNITY_A, ...fields }, { name: file, bytes }, locale);
  const commit = (session: Session, id: string) =>
    request(t.app, session, { method: 'POST', url: `/api/imports/${id}/commit`, locale: 'en' });
  const count = async (table: 'persons' | 'imports' | 'import_rows' | 'tenancies') =>
    Number(
      (
        await t.ctx.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const personByName = (name: string) => t.ctx.db.selectFrom('persons').selectAll().where('name', '=', name).executeTakeFirst();
  const auditCount = async (action: string) =>
    (await t.ctx.db.selectFrom('audit_log').select('seq').where('action', '=', action).execute()).length;

  beforeAll(async () => {
    t = await createTestApp(kind);
    await loadGusu(t.ctx);
    const grid = await createTestGrid(t.ctx, COMMUNITY_A, '第一网格');
    staffA = (await createStaff(t.app, t.ctx, 'community_staff', COMMUNITY_A)).session;
    staffB = (await createStaff(t.app, t.ctx, 'community_staff', COMMUNITY_B)).session;
    gridWorkerA = (await createStaff(t.app, t.ctx, 'grid_worker', grid.code)).session;

    const compound = await request(t.app, staffA, {
      method: 'POST',
      url: '/api/addresses/compounds',
      payload: { communityCode: COMMUNITY_A, name: '金色里程' },
    });
    expect(compound.statusCode).toBe(201);
    const generated = await request(t.app, staffA, {
      method: 'POST',
      url: `/api/addresses/compounds/${compound.json().id}/generate`,
      payload: { buildings: '1-3', units: '1-2', floors: '1-12', roomsPerFloor: '1-2' },
    });
    expect(generated.statusCode).toBe(200);
  });
  afterAll(async () => t.close());

  it('template is an xlsx with text ID column', async () => {
    const response = await request(t.app, staffA, { method: 'GET', url: '/api/imports/template?kind=arrivals' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toContain("filename*=UTF-8''");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet?.getRow(1).getCell(1).value).toBe('姓名');
    expect(sheet?.getColumn(3).numFmt).toBe('@');
    expect(workbook.worksheets[1]?.name).toBe('填写说明');
  });

  it('upload requires a session and an office role', async () => {
    const bytes = readFixture('arrivals-exceljs.xlsx');
    expect((await upload(null, 'a.xlsx', bytes)).statusCode).toBe(401);
    const forbidden = await upload(gridWorkerA, 'a.xlsx', bytes);
    expect(forbidden.statusCode).toBe(403);
    expect(await count('imports')).toBe(0);
  });

  it('upload rejects missing or invalid fields', async () => {
    const bytes = readFixture('arrivals-exceljs.xlsx');
    const cases = [
      { fields: { kind: '' }, code: 'FIELD_REQUIRED', field: 'kind' },
      { fields: { kind: 'cars' }, code: 'FIELD_NOT_ALLOWED', field: 'kind' },
      { fields: { communityCode: '' }, code: 'FIELD_REQUIRED', field: 'communityCode' },
      { fields: { communityCode: COMMUNITY_B }, code: 'JURISDICTION_NOT_FOUND', field: 'communityCode' },
    ];
    for (const testCase of cases) {
      const response = await upload(staffA, 'a.xlsx', bytes, testCase.fields);
      const label = JSON.stringify(testCase.fields);
      expect(response.json().error.code, label).toBe(testCase.code);
      expect(response.json().error.field, label).toBe(testCase.field);
    }
    const noFile = await uploadRoster(t.app, staffA, { kind: 'arrivals', communityCode: COMMUNITY_A }, undefined);
    expect(noFile.json().error.code).toBe('FIELD_REQUIRED');
    expect(await count('imports')).toBe(0);
  });

  let firstImportId = '';

  it('preview checks every row', async () => {
    const response = await upload(staffA, '返苏人员.xlsx', readFixture('arrivals-exceljs.xlsx'));
    expect(response.statusCode).toBe(201);
    const preview = response.json() as Preview;
    firstImportId = preview.id;
    expect(preview.status).toBe('previewed');
    expect(preview.totals).toEqual({ rows: 5, valid: 3, invalid: 2, duplicatesInFile: 0, existing: 0 });
    expect(preview.columns.map((column) => column.field)).toEqual([
      'name',
      'documentNumber',
      'phone',
      'originRegion',
      'arrivalDate',
      'travelMode',
      'travelNumber',
      'address',
      'householdRole',
      'notes',
    ]);

    const codesOfRow = (row: number) => preview.errors.filter((error) => error.row === row).map((error) => error.code);
    expect(codesOfRow(5)).toEqual(['ID_NUMBER_CHECKSUM_INVALID']);
    expect(codesOfRow(6)).toEqual(['FIELD_REQUIRED', 'IMPORT_REGION_UNKNOWN', 'IMPORT_VALUE_NOT_IN_LIST', 'IMPORT_ADDRESS_NOT_FOUND']);
    const checksum = preview.errors.find((error) => error.code === 'ID_NUMBER_CHECKSUM_INVALID');
    expect(checksum?.column).toBe('身份证号');
    expect(checksum?.value).toMatch(/^3205\*+\d{3}[\dX]$/);
    expect(checksum?.message).toContain('check digit');

    expect(preview.sample).toHaveLength(3);
    expect(preview.sample[0]).toMatchObject({
      row: 2,
      name: '赵一',
      arrivalDate: '2020-02-01',
      travelMode: 'train',
      householdRole: 'owner',
    });
    expect(String(preview.sample[0]?.documentMasked)).toMatch(/^3205\*{10}/);
    expect(preview.sample[0]?.phoneMasked).toBe('138****1701');
    expect(preview.sample[2]).toMatchObject({ originRegionCode: '420100', notes: '备注: 居家观察' });
    expect(await count('persons')).toBe(0);
  });

  it('preview stores staged rows encrypted', async () => {
    const rows = await t.ctx.db.selectFrom('import_rows').select('payload_enc').where('import_id', '=', firstImportId).execute();
    expect(rows).toHaveLength(5);
    for (const row of rows) {
      expect(row.payload_enc.startsWith('v1:')).toBe(true);
      expect(row.payload_enc).not.toContain('赵一');
      expect(row.payload_enc).not.toContain(testResidentId(701));
    }
  });

  it('preview messages follow the request language', async () => {
    const response = await request(t.app, staffA, { method: 'GET', url: `/api/imports/${firstImportId}`, locale: 'zh-CN' });
    expect(response.statusCode).toBe(200);
    const checksum = (response.json() as Preview).errors.find((error) => error.code === 'ID_NUMBER_CHECKSUM_INVALID');
    expect(checksum?.message).toMatch(/校验/);
  });

  it('other community cannot read or commit', async () => {
    expect((await request(t.app, staffB, { method: 'GET', url: `/api/imports/${firstImportId}` })).statusCode).toBe(404);
    expect((await request(t.app, staffB, { method: 'GET', url: `/api/imports/${firstImportId}/errors.xlsx` })).statusCode).toBe(404);
    expect((await commit(staffB, firstImportId)).statusCode).toBe(404);
    const list = await request(t.app, staffB, { method: 'GET', url: '/api/imports' });
    expect(list.json().total).toBe(0);
    expect(await count('persons')).toBe(0);
  });

  it('commit writes valid rows once', async () => {
    const response = await commit(staffA, firstImportId);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ created: 3, updated: 0, unchanged: 0 });
    expect(await count('persons')).toBe(3);
    const person = await personByName('赵一');
    expect(person?.source).toBe('import');
    expect(person?.room_id).not.toBeNull();
    expect(person?.community_code).toBe(COMMUNITY_A);
    expect(person?.arrival_date).toBe('2020-02-01');
    expect(await auditCount('person.create')).toBe(3);
    expect(await auditCount('import.commit')).toBe(1);
    const verify = await request(t.app, (await createStaff(t.app, t.ctx, 'admin', 'CN')).session, {
      method: 'GET',
      url: '/api/audit/verify',
    });
    if (verify.statusCode === 200) expect(verify.json()).toMatchObject({ ok: true });

    const again = await commit(staffA, firstImportId);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('IMPORT_ALREADY_COMMITTED');
    expect(await count('persons')).toBe(3);

    const list = await request(t.app, staffA, { method: 'GET', url: '/api/imports' });
    expect(list.json().items[0]).toMatchObject({
      id: firstImportId,
      status: 'committed',
      result: { created: 3, updated: 0, unchanged: 0 },
    });
  });

  it('re-import of the same file changes nothing', async () => {
    const preview = (await upload(staffA, '返苏人员.xlsx', readFixture('arrivals-exceljs.xlsx'))).json() as Preview;
    expect(preview.totals).toMatchObject({ valid: 3, existing: 3 });
    const before = await personByName('钱二');
    const response = await commit(staffA, preview.id);
    expect(response.json()).toEqual({ created: 0, updated: 0, unchanged: 3 });
    expect((await personByName('钱二'))?.updated_at).toBe(before?.updated_at);
    expect(await auditCount('person.update')).toBe(0);
  });

  it('error workbook round trip', async () => {
    const response = await request(t.app, staffA, { method: 'GET', url: `/api/imports/${firstImportId}/errors.xlsx`, locale: 'en' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toContain('filename*=');
    const rows = await rowsOfXlsx(response.rawPayload);
    expect(rows[0]?.at(-1)).toBe('Reason');
    expect(rows).toHaveLength(3);
    expect(rows[1]?.[0]).toBe('李四');
    expect(rows[1]?.at(-1)).toContain('check digit');

    // The office fixes both rows in the downloaded workbook and sends it back.
    const fixed = rows.map((row) => [...row]);
    (fixed[1] as string[])[1] = testResidentId(704);
    Object.assign(fixed[2] as string[], { 0: '周十二', 3: '湖北省武汉市', 5: '火车', 7: '金色里程2幢2单元1102' });
    const preview = (await upload(staffA, 'fixed.xlsx', await xlsxOf(fixed))).json() as Preview;
    expect(preview.errors).toEqual([]);
    expect(preview.totals).toMatchObject({ rows: 2, valid: 2, invalid: 0 });
    expect((await commit(staffA, preview.id)).json()).toEqual({ created: 2, updated: 0, unchanged: 0 });
    expect(await personByName('周十二')).toBeDefined();
  });

  it('file elsewhere is a row error', async () => {
    const documentNumber = testResidentId(790);
    const registered = await request(t.app, staffB, {
      method: 'POST',
      url: '/api/persons',
      payload: { name: '乙社区居民', documentNumber, communityCode: COMMUNITY_B },
    });
    expect(registered.statusCode).toBe(201);
    const bytes = await xlsxOf([
      ['姓名', '身份证号'],
      ['甲社区居民', documentNumber],
      ['重复一', testResidentId(791)],
      ['重复二', testResidentId(791)],
    ]);
    const preview = (await upload(staffA, 'x.xlsx', bytes)).json() as Preview;
    expect(preview.errors.map((error) => [error.row, error.code])).toEqual([
      [2, 'PERSON_EXISTS_ELSEWHERE'],
      [4, 'IMPORT_DUPLICATE_IN_FILE'],
    ]);
    expect(preview.totals).toMatchObject({ valid: 1, invalid: 2, duplicatesInFile: 1 });
    expect(preview.errors[0]?.message).not.toContain('乙社区');
  });

  it('WPS roster with merged header', async () => {
    const wps = await upload(staffA, 'wps.xlsx', readFixture('arrivals-wps.xlsx'));
    expect(wps.statusCode, wps.body).toBe(201);
    const preview = wps.json() as Preview;
    expect(preview.columns).toContainEqual({ header: '联系方式座机', field: null });
    expect(preview.columns.some((column) => column.header === '序号')).toBe(false);
    expect(preview.columns.find((column) => column.field === 'phone')?.header).toBe('联系方式手机');
    expect(preview.errors.map((error) => [error.row, error.code])).toEqual([[6, 'ID_NUMBER_EXCEL_MANGLED']]);
    expect(preview.totals).toMatchObject({ rows: 5, valid: 4, invalid: 1 });
    const names = preview.sample.map((row) => row.name);
    expect(names).toEqual(['周五', '郑七', '阿卜杜·热合曼', '王\u{20BB7}']);
    expect(preview.sample[0]).toMatchObject({
      arrivalDate: '2020-02-05',
      originRegionCode: '421100',
      notes: '联系方式座机: 0512-65221711',
    });
    expect(String(preview.sample[2]?.documentMasked).endsWith('X')).toBe(true);
    expect(preview.sample[1]?.phoneMasked).toBe('138****1713');
  });

  it('CSV in GB18030 and UTF-8 with BOM', async () => {
    const gb = (await upload(staffA, 'gb.csv', readFixture('arrivals-gb18030.csv'))).json() as Preview;
    expect(gb.errors).toEqual([]);
    expect(gb.sample.map((row) => row.name)).toEqual(['冯八', '陈九']);
    expect(gb.sample[0]).toMatchObject({ travelMode: 'train', notes: '备注: 体温正常，"居家"观察' });
    expect(gb.sample[1]?.arrivalDate).toMatch(/-02-07$/);

    const bom = (await upload(staffA, 'bom.csv', readFixture('arrivals-utf8-bom.csv'))).json() as Preview;
    expect(bom.errors).toEqual([]);
    expect(bom.columns[0]).toEqual({ header: '证件号码', field: 'documentNumber' });
    expect(bom.columns.at(-1)).toEqual({ header: '工作单位', field: null });
    expect(bom.sample[0]).toMatchObject({ name: '褚十', notes: '工作单位: 苏州某公司' });
  });

  it('rentals write files and tenancies', async () => {
    const response = await upload(staffA, 'rentals.xlsx', readFixture('rentals-exceljs.xlsx'), { kind: 'rentals' });
    expect(response.statusCode).toBe(201);
    const preview = response.json() as Preview;
    expect(preview.columns.map((column) => column.field)).toEqual([
      'address',
      'landlordName',
      'landlordDocumentNumber',
      'landlordPhone',
      'tenantName',
      'tenantDocumentNumber',
      'tenantPhone',
      'startDate',
      'endDate',
    ]);
    expect(preview.errors.map((error) => [error.row, error.code])).toEqual([
      [6, 'IMPORT_ADDRESS_NOT_FOUND'],
      [6, 'IMPORT_END_BEFORE_START'],
    ]);
    expect(preview.sample[0]).toMatchObject({
      landlordName: '蒋房东',
      tenantName: '沈租客',
      startDate: '2020-01-01',
      endDate: '2020-12-31',
    });

    const tenanciesBefore = await count('tenancies');
    expect((await commit(staffA, preview.id)).json()).toEqual({ created: 2, updated: 0, unchanged: 0 });
    expect(await count('tenancies')).toBe(tenanciesBefore + 2);
    expect((await personByName('蒋房东'))?.household_role).toBe('owner');
    expect((await personByName('沈租客'))?.household_role).toBe('tenant');
    expect(await auditCount('tenancy.create')).toBe(2);

    const again = (await upload(staffA, 'rentals.xlsx', readFixture('rentals-exceljs.xlsx'), { kind: 'rentals' })).json() as Preview;
    expect((await commit(staffA, again.id)).json()).toEqual({ created: 0, updated: 0, unchanged: 2 });
    expect(await count('tenancies')).toBe(tenanciesBefore + 2);
  });

  it('expired import cannot be committed', async () => {
    const preview = (
      await upload(
        staffA,
        'late.xlsx',
        await xlsxOf([
          ['姓名', '身份证号'],
          ['迟到', testResidentId(795)],
        ]),
      )
    ).json() as Preview;
    await t.ctx.db.updateTable('imports').set({ expires_at: '2000-01-01T00:00:00.000Z' }).where('id', '=', preview.id).execute();
    const response = await commit(staffA, preview.id);
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe('IMPORT_EXPIRED');
    const rows = await t.ctx.db.selectFrom('import_rows').select('row_number').where('import_id', '=', preview.id).execute();
    expect(rows).toEqual([]);
    expect(await personByName('迟到')).toBeUndefined();
  });
});
