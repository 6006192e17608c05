import zlib from 'node:zlib';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { COMMUNITY_A, createStaff, loadGusu } from '../../testing/fixtures.js';
import { createTestApp, describeEachDatabase, type Session, type TestApp } from '../../testing/harness.js';
import { testResidentId } from '../persons/test-helpers.js';
import { IMPORT_LIMITS } from './limits.js';
import { readFixture, uploadRoster, xlsxOf, zipOf } from './test-helpers.js';

/** Deflates `megabytes` MiB of zeros a chunk at a time, so the test never holds the uncompressed bytes. */
async function deflatedZeros(megabytes: number): Promise<Buffer> {
  const deflate = zlib.createDeflateRaw({ level: 9 });
  const parts: Buffer[] = [];
  deflate.on('data', (part: Buffer) => parts.push(part));
  const done = new Promise((resolve) => deflate.on('end', resolve));
  const chunk = Buffer.alloc(1024 * 1024);
  for (let index = 0; index < megabytes; index++) {
    if (!deflate.write(chunk)) await new Promise((resolve) => deflate.once('drain', resolve));
  }
  deflate.end();
  await done;
  return Buffer.concat(parts);
}

describeEachDatabase('hostile roster files', (kind) => {
  let t: TestApp;
  let staffA: Session;

  const upload = (name: string, bytes: Buffer) =>
    uploadRoster(t.app, staffA, { kind: 'arrivals', communityCode: COMMUNITY_A }, { name, bytes });
  const storedCount = async () => {
    const imports = await t.ctx.db.selectFrom('imports').select('id').execute();
    const rows = await t.ctx.db.selectFrom('import_rows').select('row_number').execute();
    return imports.length + rows.length;
  };
  const expectRejected = async (name: string, bytes: Buffer, status: number, code: string) => {
    const response = await upload(name, bytes);
    expect(response.statusCode, response.body).toBe(status);
    expect(response.json().error.code).toBe(code);
    expect(response.json().error.message).not.toBe(code);
    expect(await storedCount()).toBe(0);
    return response;
  };

  beforeAll(async () => {
    t = await createTestApp(kind);
    await loadGusu(t.ctx);
    staffA = (await createStaff(t.app, t.ctx, 'community_staff', COMMUNITY_A)).session;
  });
  afterAll(async () => t.close());

  it('xls says to save as xlsx', async () => {
    const response = await expectRejected('名单.xls', readFixture('roster.xls'), 415, 'IMPORT_XLS_NOT_SUPPORTED');
    expect(response.json().error.message).toContain('.xlsx');
  });

  it('empty file is rejected', async () => {
    await expectRejected('empty.xlsx', readFixture('empty.xlsx'), 400, 'IMPORT_FILE_EMPTY');
  });

  it('picture renamed to xlsx is rejected', async () => {
    await expectRejected('picture.xlsx', readFixture('picture.xlsx'), 415, 'IMPORT_FILE_TYPE_UNSUPPORTED');
  });

  it('oversize file names the limit', async () => {
    const bytes = Buffer.alloc(IMPORT_LIMITS.maxFileBytes + 1024, 'a');
    const response = await expectRejected('big.csv', bytes, 413, 'IMPORT_FILE_TOO_LARGE');
    expect(response.json().error.message).toContain('32 MB');
  });

  it('zip bomb with honest sizes is refused unread', async () => {
    const deflated = await deflatedZeros(300);
    const bomb = zipOf([{ name: 'xl/worksheets/sheet1.xml', deflated, declaredSize: 300 * 1024 * 1024 }]);
    await expectRejected('bomb.xlsx', bomb, 413, 'IMPORT_ZIP_TOO_LARGE');
  });

  it('zip bomb with lying sizes is refused', async () => {
    const deflated = await deflatedZeros(300);
    const bomb = zipOf([{ name: 'xl/worksheets/sheet1.xml', deflated, declaredSize: 1000 }]);
    await expectRejected('liar.xlsx', bomb, 400, 'IMPORT_FILE_UNREADABLE');
  });

  it('zip with too many entries is refused', async () => {
    const deflated = zlib.deflateRawSync(Buffer.from('x'));
    const entries = Array.from({ length: IMPORT_LIMITS.maxZipEntries + 1 }, (_, index) => ({
      name: `e${index}.xml`,
      deflated,
      declaredSize: 1,
    }));
    await expectRejected('many.xlsx', zipOf(entries), 413, 'IMPORT_ZIP_TOO_LARGE');
  });

  it('zip that is no workbook is unreadable', async () => {
    const deflated = zlib.deflateRawSync(Buffer.from('hello'));
    await expectRejected('notes.xlsx', zipOf([{ name: 'notes.txt', deflated, declaredSize: 5 }]), 400, 'IMPORT_FILE_UNREADABLE');
  });

  it('sheet without a header is rejected', async () => {
    const bytes = await xlsxOf([
      ['a', 'b'],
      ['1', '2'],
    ]);
    await expectRejected('noheader.xlsx', bytes, 400, 'IMPORT_HEADER_NOT_FOUND');
  });

  it('header without data rows is rejected', async () => {
    await expectRejected('headeronly.xlsx', await xlsxOf([['姓名', '身份证号']]), 400, 'IMPORT_NO_ROWS');
  });

  it('missing required column is named', async () => {
    const response = await expectRejected(
      'noname.xlsx',
      await xlsxOf([
        ['身份证号', '电话'],
        [testResidentId(801), '13800008010'],
      ]),
      400,
      'IMPORT_COLUMNS_MISSING',
    );
    expect(response.json().error.message).toContain('姓名');
  });

  it('binary junk is rejected', async () => {
    const junk = Buffer.from(Array.from({ length: 2048 }, (_, index) => (index * 37) % 256));
    await expectRejected('junk.csv', junk, 415, 'IMPORT_FILE_TYPE_UNSUPPORTED');
  });
});
