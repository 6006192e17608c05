import fs from 'node:fs';
import os from 'node:os';
import zlib from 'node:zlib';
import iconv from 'iconv-lite';
import JSZip from 'jszip';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { COMMUNITY_A, createStaff, loadGusu } from '../../testing/fixtures.js';
import { createTestApp, describeEachDatabase, type Session, type TestApp } from '../../testing/harness.js';
import { testResidentId } from '../persons/test-helpers.js';
import { IMPORT_LIMITS } from './limits.js';
import { columnLetterOf } from './sheet-rows.js';
import { multipartBody, uploadRoster, xlsxOf, zipOf } from './test-helpers.js';

const HEADER = ['姓名', '身份证号', '备注'];
const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

/** Replaces one part of a valid workbook, as a crafted file would. */
async function withPart(bytes: Buffer, name: string, content: string | Buffer): Promise<Buffer> {
  const zip = await JSZip.loadAsync(bytes);
  zip.file(name, content);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

function sheetXml(rowsXml: string, doctype = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?>${doctype}<worksheet xmlns="${MAIN_NS}"><sheetData>${rowsXml}</sheetData></worksheet>`;
}

function inlineRow(number: number, cells: string[]): string {
  const xml = cells.map((text, index) => `<c r="${columnLetterOf(index)}${number}" t="inlineStr"><is><t>${text}</t></is></c>`);
  return `<row r="${number}">${xml.join('')}</row>`;
}

/** Builds the start of an OLE2 container whose directory names the EncryptedPackage stream, as a password-protected xlsx has. */
function encryptedWorkbook(): Buffer {
  const bytes = Buffer.alloc(2048);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(bytes, 0);
  Buffer.from('EncryptionInfo\0', 'utf16le').copy(bytes, 1024);
  Buffer.from('EncryptedPackage\0', 'utf16le').copy(bytes, 1152);
  return bytes;
}

/** Temporary files that exceljs's tmp package creates for this process. */
function exceljsTempFiles(): string[] {
  return fs.readdirSync(os.tmpdir()).filter((name) => name.startsWith(`tmp-${process.pid}-`));
}

describeEachDatabase('hostile roster uploads', (kind) => {
  let t: TestApp;
  let staffA: Session;
  let validXlsx: Buffer;

  const upload = (name: string, bytes: Buffer, locale = 'en') =>
    uploadRoster(t.app, staffA, { kind: 'arrivals', communityCode: COMMUNITY_A }, { name, bytes }, locale);
  const storedCount = async () => {
    const imports = await t.ctx.db.selectFrom('imports').select('id').execute();
    const rows = await t.ctx.db.selectFrom('import_rows').select('row_number').execute();
    const persons = await t.ctx.db.selectFrom('persons').select('id').execute();
    return imports.length + rows.length + persons.length;
  };
  const expectRejected = async (name: string, bytes: Buffer, status: number, code: string) => {
    const before = await storedCount();
    const response = await upload(name, bytes);
    expect(response.statusCode, response.body).toBe(status);
    expect(response.json().error.code).toBe(code);
    expect(await storedCount()).toBe(before);
    return response;
  };
  const postRaw = (payload: Buffer | string, contentType: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/imports',
      payload,
      headers: { 'content-type': contentType, 'accept-language': 'en', cookie: staffA.cookie, 'x-csrf-token': staffA.csrfToken },
    });

  beforeAll(async () => {
    t = await createTestApp(kind);
    await loadGusu(t.ctx);
    staffA = (await createStaff(t.app, t.ctx, 'community_staff', COMMUNITY_A)).session;
    validXlsx = await xlsxOf([HEADER, ['测试甲', testResidentId(901), '']]);
  });
  afterAll(async () => t.close());

  it('password-protected xlsx says to remove the password', async () => {
    const response = await expectRejected('加密.xlsx', encryptedWorkbook(), 400, 'IMPORT_FILE_ENCRYPTED');
    expect(response.json().error.message).toContain('password');
  });

  it('DOCTYPE in a sheet is rejected before parsing', async () => {
    const doctype = '<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>';
    const crafted = await withPart(
      validXlsx,
      'xl/worksheets/sheet1.xml',
      sheetXml(inlineRow(1, HEADER) + inlineRow(2, ['&b;', testResidentId(902), '']), doctype),
    );
    await expectRejected('laughs.xlsx', crafted, 413, 'IMPORT_ZIP_TOO_LARGE');
  });

  it('external entity in shared strings is rejected', async () => {
    const strings = `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><sst xmlns="${MAIN_NS}"><si><t>&x;</t></si></sst>`;
    await expectRejected('xxe.xlsx', await withPart(validXlsx, 'xl/sharedStrings.xml', strings), 413, 'IMPORT_ZIP_TOO_LARGE');
  });

  it('deeply nested sheet is rejected', async () => {
    const depth = 100_000;
    const cell = `<row r="2"><c r="A2" t="inlineStr"><is>${'<x>'.repeat(depth)}${'</x>'.repeat(depth)}</is></c></row>`;
    const crafted = await withPart(validXlsx, 'xl/worksheets/sheet1.xml', sheetXml(inlineRow(1, HEADER) + cell));
    await expectRejected('deep.xlsx', crafted, 413, 'IMPORT_ZIP_TOO_LARGE');
  });

  it('huge shared-string text node is rejected', async () => {
    const strings = `<?xml version="1.0"?><sst xmlns="${MAIN_NS}"><si><t>${'a'.repeat(IMPORT_LIMITS.maxXmlTokenBytes + 1)}</t></si></sst>`;
    await expectRejected('strings.xlsx', await withPart(validXlsx, 'xl/sharedStrings.xml', strings), 413, 'IMPORT_ZIP_TOO_LARGE');
  });

  it('shared strings over the in-memory limit are rejected', async () => {
    const deflated = zlib.deflateRawSync(Buffer.alloc(IMPORT_LIMITS.maxZipInMemoryPartBytes + 1024, 0x20));
    const crafted = zipOf([{ name: 'xl/sharedStrings.xml', deflated, declaredSize: IMPORT_LIMITS.maxZipInMemoryPartBytes + 1024 }]);
    await expectRejected('big-strings.xlsx', crafted, 413, 'IMPORT_ZIP_TOO_LARGE');
  });

  it('overlong xlsx cell names the cell', async () => {
    const bytes = await xlsxOf([HEADER, ['测试乙', testResidentId(903), 'b'.repeat(IMPORT_LIMITS.maxFieldLength + 1)]]);
    const response = await expectRejected('long.xlsx', bytes, 400, 'IMPORT_CELL_TOO_LONG');
    expect(response.json().error.message).toContain('C2');
  });

  it('overlong CSV cell names the cell', async () => {
    const csv = `${HEADER.join(',')}\r\n测试丙,${testResidentId(904)},${'b'.repeat(1024 * 1024)}\r\n`;
    const response = await expectRejected('long.csv', Buffer.from(csv), 400, 'IMPORT_CELL_TOO_LONG');
    expect(response.json().error.message).toContain('C2');
  });

  it('one shared string repeated past the text limit is rejected', async () => {
    const columns = 90;
    const header = [...HEADER, ...Array.from({ length: columns }, (_, index) => `列${index}`)];
    const rowsNeeded = Math.ceil(IMPORT_LIMITS.maxTextChars / (columns * IMPORT_LIMITS.maxFieldLength)) + 1;
    const parts = [inlineRow(1, header)];
    for (let row = 2; row <= rowsNeeded + 1; row++) {
      let cells = `<c r="A${row}" t="inlineStr"><is><t>人${row}</t></is></c>`;
      for (let column = 3; column < columns + 3; column++) cells += `<c r="${columnLetterOf(column)}${row}" t="s"><v>0</v></c>`;
      parts.push(`<row r="${row}">${cells}</row>`);
    }
    const strings = `<?xml version="1.0"?><sst xmlns="${MAIN_NS}"><si><t>${'c'.repeat(IMPORT_LIMITS.maxFieldLength)}</t></si></sst>`;
    let crafted = await withPart(validXlsx, 'xl/sharedStrings.xml', strings);
    crafted = await withPart(crafted, 'xl/worksheets/sheet1.xml', sheetXml(parts.join('')));
    await expectRejected('amplify.xlsx', crafted, 413, 'IMPORT_TEXT_TOO_LARGE');
  });

  it('xlsx upload leaves no temporary sheet copies', async () => {
    const before = new Set(exceljsTempFiles());
    const accepted = await upload('名单.xlsx', await xlsxOf([HEADER, ['测试丁', testResidentId(905), '']]));
    expect(accepted.statusCode, accepted.body).toBe(201);
    const rejected = await upload('空.xlsx', await xlsxOf([HEADER]));
    expect(rejected.statusCode).toBe(400);
    expect(exceljsTempFiles().filter((name) => !before.has(name))).toEqual([]);
  });

  it('CSV with a NUL byte is read without it', async () => {
    const csv = `${HEADER.join(',')}\r\n王\0五,${testResidentId(906)},备\0注\r\n${'x,'.repeat(3000)}\r\n`;
    const response = await upload('nul.csv', Buffer.from(csv));
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().sample[0].name).toBe('王五');
    expect(response.json().sample[0].notes).toBe('备注: 备注');
  });

  it('UTF-16 CSV is read in both byte orders', async () => {
    const text = `${HEADER.join('\t')}\r\n测试戊,${testResidentId(907)},\r\n`.replace(/,/g, '\t');
    const bigEndian = Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(text, 'utf16be')]);
    const withoutMark = iconv.encode(text, 'utf16le');
    for (const bytes of [bigEndian, withoutMark]) {
      const response = await upload('unicode.csv', bytes);
      expect(response.statusCode, response.body).toBe(201);
      expect(response.json().sample[0].name).toBe('测试戊');
    }
  });

  // cleanName turns a control character into a space and drops the invisible right-to-left override.
  it('file name keeps no folder or control characters', async () => {
    for (const [sent, stored] of [
      ['../../etc/名单.xlsx', '名单.xlsx'],
      ['C:\\Users\\office\\名单.xlsx', '名单.xlsx'],
      ['名\u202e单\u0007.xlsx', '名单 .xlsx'],
    ]) {
      const response = await upload(sent as string, validXlsx);
      expect(response.statusCode, response.body).toBe(201);
      expect(response.json().fileName).toBe(stored);
    }
  });

  it('two files are an invalid upload', async () => {
    const first = multipartBody({ kind: 'arrivals', communityCode: COMMUNITY_A }, { name: 'a.xlsx', bytes: validXlsx });
    const boundary = first.contentType.split('boundary=')[1] as string;
    const second = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="b.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\nx\r\n`,
    );
    const payload = Buffer.concat([second, first.payload]);
    const before = await storedCount();
    const response = await postRaw(payload, first.contentType);
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().error.code).toBe('IMPORT_UPLOAD_INVALID');
    expect(await storedCount()).toBe(before);
  });

  it('malformed multipart is a 400, not a 500', async () => {
    for (const contentType of ['multipart/form-data', 'multipart/form-data; boundary=zz']) {
      const response = await postRaw('--zz\r\nbroken', contentType);
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json().error.code).toBe('IMPORT_UPLOAD_INVALID');
    }
  });

  it('non-multipart body asks for a form upload', async () => {
    for (const [contentType, payload] of [
      ['application/json', '{"kind":"arrivals"}'],
      ['text/csv', 'a,b'],
    ]) {
      const response = await postRaw(payload as string, contentType as string);
      expect(response.statusCode, response.body).toBe(415);
      expect(response.json().error.code).toBe('IMPORT_UPLOAD_NOT_MULTIPART');
      expect(response.json().error.message).not.toContain('JSON');
    }
  });

  it('non-multipart body without a session is 401', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/imports', payload: 'a,b', headers: { 'content-type': 'text/csv' } });
    expect(response.statusCode).toBe(401);
  });
});
