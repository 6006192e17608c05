import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { COMMUNITY_A, COMMUNITY_B, createStaff, loadGusu, SUBDISTRICT_A } from '../../testing/fixtures.js';
import { createTestApp, describeEachDatabase, request, type Session, type TestApp } from '../../testing/harness.js';
import { documentColumnsOf, phoneColumnsOf } from '../persons/input.js';
import { testResidentId } from '../persons/test-helpers.js';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const LARGE_EXPORT_ROWS = 20_000;

/** Reads every row of the first sheet with exceljs's streaming reader, as arrays of cell texts (index 0 is column A). */
async function readSheetRows(body: Buffer): Promise<string[][]> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([body]), { sharedStrings: 'cache', worksheets: 'emit' });
  const rows: string[][] = [];
  for await (const worksheet of reader) {
    for await (const row of worksheet) {
      const values = row.values as unknown[];
      rows.push(values.slice(1).map((value) => (value === null || value === undefined ? '' : String(value))));
    }
    break;
  }
  return rows;
}

/** Returns the XML of one zip entry, to check how cells are stored. */
function readZipEntry(body: Buffer, entryName: string): Promise<string> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(body, { lazyEntries: true }, (openError, zip) => {
      if (openError) return reject(openError);
      zip.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName !== entryName) return zip.readEntry();
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError) return reject(streamError);
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => {
            zip.close();
            resolve(Buffer.concat(chunks).toString('utf8'));
          });
        });
      });
      zip.on('end', () => reject(new Error(`${entryName} is not in the workbook`)));
      zip.readEntry();
    });
  });
}

describeEachDatabase('person export', (kind) => {
  let t: TestApp;
  let admin: Session;
  let staffA: Session;
  let staffB: Session;
  let gridWorkerA: Session;
  let largeCommunity: string;
  const formulaName = '=HYPERLINK("http://127.0.0.1/x","点我")';
  const personA = { name: '甲社区居民', documentNumber: testResidentId(101), phone: '13900001001' };
  const personB = { name: '乙社区居民', documentNumber: testResidentId(102), phone: '13900001002' };

  const exportPersons = (session: Session | null, query: Record<string, string>, locale?: string) =>
    request(t.app, session, {
      method: 'GET',
      url: '/api/exports/persons.xlsx',
      query,
      ...(locale ? { locale } : {}),
    });

  const exportAuditEntries = () =>
    t.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'person.export').orderBy('seq').execute();

  beforeAll(async () => {
    t = await createTestApp(kind);
    await loadGusu(t.ctx);
    admin = (await createStaff(t.app, t.ctx, 'admin', 'CN')).session;
    staffA = (await createStaff(t.app, t.ctx, 'community_staff', COMMUNITY_A)).session;
    staffB = (await createStaff(t.app, t.ctx, 'community_staff', COMMUNITY_B)).session;
    gridWorkerA = (await createStaff(t.app, t.ctx, 'grid_worker', COMMUNITY_A)).session;

    const register = (session: Session, payload: object) => request(t.app, session, { method: 'POST', url: '/api/persons', payload });
    const registrations = [
      await register(staffA, { ...personA, communityCode: COMMUNITY_A, keyPerson: true, keyPersonReason: '+1 同行人员' }),
      await register(staffA, { name: formulaName, documentNumber: testResidentId(103), communityCode: COMMUNITY_A }),
      await register(staffB, { ...personB, communityCode: COMMUNITY_B }),
    ];
    for (const response of registrations) expect(response.statusCode).toBe(201);

    const sibling = await t.ctx.db
      .selectFrom('jurisdictions')
      .select('code')
      .where('parent_code', '=', SUBDISTRICT_A)
      .where('code', '!=', COMMUNITY_A)
      .orderBy('code')
      .executeTakeFirstOrThrow();
    largeCommunity = sibling.code;
  });
  afterAll(async () => t.close());

  it('export requires a session', async () => {
    const response = await exportPersons(null, {});
    expect(response.statusCode).toBe(401);
  });

  it('export masks numbers by default', async () => {
    const response = await exportPersons(staffA, {});
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe(XLSX_TYPE);
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="_+-\d{4}-\d{2}-\d{2}\.xlsx"; filename\*=UTF-8''%E4%BA%BA%E5%91%98%E6%A1%A3%E6%A1%88-\d{4}-\d{2}-\d{2}\.xlsx$/,
    );

    const [header = [], ...rows] = await readSheetRows(response.rawPayload);
    expect(header.slice(0, 4)).toEqual(['姓名', '证件类型', '证件号码', '电话号码']);
    const row = rows.find((cells) => cells[0] === personA.name);
    expect(row?.[2]).toMatch(/^3205\*+\w{4}$/);
    expect(row?.[3]).toMatch(/\*{4}/);
    // The last column, the time of the last change, is Beijing time to the minute.
    expect(row?.at(-1)).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(response.body).not.toContain(personA.documentNumber);
    expect(rows.map((cells) => cells[2]).join()).not.toContain(personA.documentNumber);
    expect(rows.map((cells) => cells[3]).join()).not.toContain(personA.phone);
  });

  it('export headers follow the request language', async () => {
    const response = await exportPersons(staffA, {}, 'en');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toContain('filename="Person files-');

    const [header = [], ...rows] = await readSheetRows(response.rawPayload);
    expect(header.slice(0, 4)).toEqual(['Name', 'Document type', 'Document number', 'Phone number']);
    const row = rows.find((cells) => cells[0] === personA.name);
    expect(row?.[1]).toBe('Resident ID card');
    expect(row?.[15]).toBe('Yes');
  });

  it('export language can be set in the query', async () => {
    const response = await exportPersons(staffA, { lang: 'en' }, 'zh-CN');
    const [header = []] = await readSheetRows(response.rawPayload);
    expect(header[0]).toBe('Name');
  });

  it('export stays inside the scope', async () => {
    const all = await readSheetRows((await exportPersons(staffA, {})).rawPayload);
    const names = all.slice(1).map((cells) => cells[0]);
    expect(names).toContain(personA.name);
    expect(names).not.toContain(personB.name);

    // A community outside the scope matches nothing, as in the person list.
    const other = await exportPersons(staffA, { communityCode: COMMUNITY_B });
    expect(other.statusCode).toBe(200);
    expect(await readSheetRows(other.rawPayload)).toHaveLength(1);
    const list = await request(t.app, staffA, { method: 'GET', url: '/api/persons', query: { communityCode: COMMUNITY_B } });
    expect(list.json().total).toBe(0);
    const entry = (await exportAuditEntries()).at(-1);
    expect(entry?.node_code).toBe(COMMUNITY_A);
  });

  it('export applies the list filters', async () => {
    const byName = await readSheetRows((await exportPersons(admin, { q: '甲社区' })).rawPayload);
    expect(byName.slice(1).map((cells) => cells[0])).toEqual([personA.name]);

    const byDocument = await readSheetRows((await exportPersons(admin, { q: personB.documentNumber })).rawPayload);
    expect(byDocument.slice(1).map((cells) => cells[0])).toEqual([personB.name]);

    const keyPersons = await readSheetRows((await exportPersons(admin, { keyPerson: 'true', communityCode: COMMUNITY_A })).rawPayload);
    expect(keyPersons.slice(1).map((cells) => cells[0])).toEqual([personA.name]);
  });

  it('export leaves out merged files', async () => {
    const merged = await request(t.app, staffA, {
      method: 'POST',
      url: '/api/persons',
      payload: { name: '已合并档案', documentNumber: testResidentId(104), communityCode: COMMUNITY_A },
    });
    expect(merged.statusCode).toBe(201);
    const target = await t.ctx.db.selectFrom('persons').select('id').where('name', '=', personA.name).executeTakeFirstOrThrow();
    await t.ctx.db.updateTable('persons').set({ merged_into_id: target.id }).where('id', '=', merged.json().person.id).execute();

    const rows = await readSheetRows((await exportPersons(staffA, {})).rawPayload);
    const names = rows.map((cells) => cells[0]);
    expect(names).toContain(personA.name);
    expect(names).not.toContain('已合并档案');
  });

  it('unmasked export rejects each invalid request', async () => {
    const before = (await exportAuditEntries()).length;
    const cases = [
      { session: staffA, query: { unmasked: 'true' }, status: 400, code: 'FIELD_REQUIRED', field: 'reason' },
      { session: staffA, query: { unmasked: 'true', reason: '查' }, status: 400, code: 'FIELD_TOO_SHORT', field: 'reason' },
      { session: staffA, query: { unmasked: 'true', reason: '查\u200b\u200b' }, status: 400, code: 'FIELD_TOO_SHORT', field: 'reason' },
      { session: staffA, query: { unmasked: 'maybe', reason: '核对名单' }, status: 400, code: 'FIELD_TYPE_INVALID', field: 'unmasked' },
      { session: gridWorkerA, query: { unmasked: 'true', reason: '核对名单' }, status: 403, code: 'FORBIDDEN', field: 'unmasked' },
    ];
    for (const testCase of cases) {
      const response = await exportPersons(testCase.session, testCase.query, 'en');
      const label = JSON.stringify(testCase.query);
      expect(response.statusCode, label).toBe(testCase.status);
      expect(response.json().error.code, label).toBe(testCase.code);
      expect(response.json().error.field, label).toBe(testCase.field);
    }
    expect(await exportAuditEntries()).toHaveLength(before);
  });

  it('unmasked export writes full numbers and audits the reason', async () => {
    const response = await exportPersons(staffA, { unmasked: 'true', reason: ' 报送 流调名单 ' });
    expect(response.statusCode).toBe(200);
    // 人员档案-完整号码-: the name warns that the file contains full numbers.
    expect(response.headers['content-disposition']).toContain(
      "filename*=UTF-8''%E4%BA%BA%E5%91%98%E6%A1%A3%E6%A1%88-%E5%AE%8C%E6%95%B4%E5%8F%B7%E7%A0%81-",
    );

    const rows = await readSheetRows(response.rawPayload);
    const row = rows.find((cells) => cells[0] === personA.name);
    expect(row?.[2]).toBe(personA.documentNumber);
    expect(row?.[3]).toBe(personA.phone);

    const entry = (await exportAuditEntries()).at(-1);
    expect(entry).toMatchObject({ entity_type: 'person', entity_id: null, node_code: COMMUNITY_A, reason: '报送 流调名单' });
    expect(entry?.actor_user_id).toBe(staffA.userId);
    expect(JSON.parse(entry?.fields ?? 'null')).toEqual(['documentNumber', 'phone']);
    expect(JSON.stringify(entry)).not.toContain(personA.documentNumber);
  });

  it('masked export is audited without fields', async () => {
    const before = (await exportAuditEntries()).length;
    const response = await exportPersons(gridWorkerA, { communityCode: COMMUNITY_A });
    expect(response.statusCode).toBe(200);

    const entries = await exportAuditEntries();
    expect(entries).toHaveLength(before + 1);
    expect(entries.at(-1)).toMatchObject({ actor_user_id: gridWorkerA.userId, node_code: COMMUNITY_A, reason: null });
    expect(JSON.parse(entries.at(-1)?.fields ?? 'null')).toEqual([]);
  });

  it('export escapes text that starts a formula', async () => {
    const response = await exportPersons(staffA, {});
    const rows = await readSheetRows(response.rawPayload);
    const names = rows.map((cells) => cells[0]);
    expect(names).toContain(`'${formulaName}`);
    expect(names).not.toContain(formulaName);
    const row = rows.find((cells) => cells[0] === personA.name);
    expect(row?.[16]).toBe("'+1 同行人员");

    const sheetXml = await readZipEntry(response.rawPayload, 'xl/worksheets/sheet1.xml');
    expect(sheetXml).not.toMatch(/<f[ >]/);
    expect(sheetXml).toContain('&apos;=HYPERLINK(');
  });

  it('export writes the notes column', async () => {
    const notes = '@楼长 需要翻译\n夜班';
    const registered = await request(t.app, staffA, {
      method: 'POST',
      url: '/api/persons',
      payload: { name: '备注居民', documentNumber: testResidentId(105), communityCode: COMMUNITY_A, notes },
    });
    expect(registered.statusCode, registered.body).toBe(201);

    const [header = [], ...rows] = await readSheetRows((await exportPersons(staffA, {})).rawPayload);
    const column = header.indexOf('备注');
    expect(column).toBeGreaterThan(0);
    expect(rows.find((cells) => cells[0] === '备注居民')?.[column]).toBe(`'${notes}`);
    // exceljs leaves empty cells out of a row's sparse array.
    const rowWithoutNotes = rows.find((cells) => cells[0] === personA.name);
    expect(rowWithoutNotes).toBeDefined();
    expect(rowWithoutNotes?.[column] ?? '').toBe('');

    const [englishHeader = []] = await readSheetRows((await exportPersons(staffA, {}, 'en')).rawPayload);
    expect(englishHeader[column]).toBe('notes');
  });

  it('export streams 20,000 rows', async () => {
    const now = new Date().toISOString();
    const batchSize = 500;
    for (let start = 0; start < LARGE_EXPORT_ROWS; start += batchSize) {
      const rows = [];
      for (let index = start; index < start + batchSize; index++) {
        const document = documentColumnsOf(
          t.ctx.keys,
          testResidentId(index % 1000, `19${String(50 + Math.floor(index / 1000)).padStart(2, '0')}0101`),
          undefined,
          undefined,
        );
        rows.push({
          id: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
          name: `批量${String(index).padStart(5, '0')}`,
          ...document.columns,
          ...phoneColumnsOf(t.ctx.keys, `139${String(index).padStart(8, '0')}`),
          nationality: 'CHN',
          preferred_language: 'zh-CN',
          community_code: largeCommunity,
          key_person: 0,
          close_contact: 0,
          source: 'import',
          created_at: now,
          updated_at: now,
        });
      }
      await t.ctx.db.insertInto('persons').values(rows).execute();
    }

    const response = await exportPersons(admin, { communityCode: largeCommunity });
    expect(response.statusCode).toBe(200);

    const [header = [], ...rows] = await readSheetRows(response.rawPayload);
    expect(header[0]).toBe('姓名');
    expect(rows).toHaveLength(LARGE_EXPORT_ROWS);
    expect(new Set(rows.map((cells) => cells[0])).size).toBe(LARGE_EXPORT_ROWS);
    expect(rows[0]?.[0]).toBe('批量00000');
    expect(rows.at(-1)?.[0]).toBe(`批量${LARGE_EXPORT_ROWS - 1}`);
  });
});
