import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { type Browser, type Download, type Page, request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchChromium } from './support/browser.js';
import { type RunningServer, startServer } from './support/server.js';

// 姑苏区 → 平江街道 → 察院场社区.
const DISTRICT = '320508';
const COMMUNITY = '320508018014';
const STAFF_USERNAME = 'import.li';

const GB11643_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** Builds a made-up resident ID of 姑苏区 born 1990-01-01, with its GB 11643 check digit. */
function residentId(sequence: number): string {
  const body = `32050819900101${String(sequence).padStart(3, '0')}`;
  const sum = [...body].reduce((total, digit, index) => total + Number(digit) * (GB11643_WEIGHTS[index] ?? 0), 0);
  return `${body}${'10X98765432'[sum % 11]}`;
}

function newPassword(): string {
  return `E2e-${Math.random().toString(36).slice(2)}-${Date.now().toString(36)}`;
}

/** Cell texts of the first sheet's rows, row 1 first (index 0 is column A). */
async function readRows(file: string): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const sheet = workbook.worksheets[0];
  const rows: string[][] = [];
  sheet?.eachRow((row) => {
    rows.push((row.values as unknown[]).slice(1).map((value) => (value === null || value === undefined ? '' : String(value))));
  });
  return rows;
}

/**
 * A community worker imports a returnees roster in a real browser: template,
 * upload with two bad rows, the error workbook fixed and uploaded again, both
 * imports committed, and the people found on the person files page.
 */
describe.skipIf(!chromiumAvailable)('roster import in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let folder: string;
  let errorsFile = '';

  const good = [
    { name: '导入甲', documentNumber: residentId(11), phone: '13900002011' },
    { name: '导入乙', documentNumber: residentId(12), phone: '13900002012' },
    { name: '导入丙', documentNumber: residentId(13), phone: '13900002013' },
  ];
  const bad = [
    { name: '导入丁', documentNumber: `${residentId(14).slice(0, 17)}${residentId(14).endsWith('0') ? '1' : '0'}`, fixed: residentId(14) },
    { name: '导入戊', documentNumber: '4.20106E+17', fixed: residentId(15) },
  ];

  /** Sets up the district and the worker's account through the API, as an administrator. */
  async function createCommunityWorker(): Promise<string> {
    const api = await request.newContext({ baseURL: server.baseUrl });
    try {
      const signIn = await api.post('/api/auth/sign-in', { data: { username: 'admin', password: server.adminPassword } });
      expect(signIn.status()).toBe(200);
      const { csrfToken } = (await signIn.json()) as { csrfToken: string };
      const headers = { 'x-csrf-token': csrfToken };
      const changed = await api.post('/api/auth/password', {
        headers,
        data: { currentPassword: server.adminPassword, newPassword: newPassword() },
      });
      expect(changed.status()).toBe(204);
      const loaded = await api.post('/api/jurisdictions/load', { headers, data: { code: DISTRICT } });
      expect(loaded.status()).toBe(200);
      const created = await api.post('/api/users', {
        headers,
        data: { username: STAFF_USERNAME, displayName: '李社工', role: 'community_staff', nodeCode: COMMUNITY },
      });
      expect(created.status()).toBe(201);
      return ((await created.json()) as { temporaryPassword: string }).temporaryPassword;
    } finally {
      await api.dispose();
    }
  }

  async function saveDownload(click: () => Promise<void>, name: string): Promise<string> {
    const [download]: [Download, void] = await Promise.all([page.waitForEvent('download'), click()]);
    const file = path.join(folder, name);
    await download.saveAs(file);
    return file;
  }

  async function chooseCommunity() {
    await page.getByTestId('import-community-search').fill('察院场');
    await page.getByTestId(`import-community-hit-${COMMUNITY}`).click();
  }

  async function uploadFile(file: string) {
    await page.getByTestId('import-upload').locator('input[type=file]').setInputFiles(file);
    await page.getByTestId('import-chosen-file').waitFor();
    await page.getByTestId('import-submit').click();
  }

  beforeAll(async () => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'cordon-e2e-import-'));
    server = await startServer();
    const temporaryPassword = await createCommunityWorker();

    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN', acceptDownloads: true });
    page.setDefaultTimeout(15_000);

    await page.goto(`${server.baseUrl}/`);
    await page.getByTestId('sign-in-username').fill(STAFF_USERNAME);
    await page.getByTestId('sign-in-password').fill(temporaryPassword);
    await page.getByTestId('sign-in-submit').click();
    await page.getByTestId('change-password-forced').waitFor();
    const password = newPassword();
    await page.getByTestId('change-password-current').fill(temporaryPassword);
    await page.getByTestId('change-password-new').fill(password);
    await page.getByTestId('change-password-confirm').fill(password);
    await page.getByTestId('change-password-submit').click();
    await page.getByTestId('dashboard-greeting').waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (folder) fs.rmSync(folder, { recursive: true, force: true });
  });

  it('worker downloads the template', async () => {
    await page.getByTestId('menu-imports').click();
    await page.getByTestId('import-kind-arrivals').click();
    const file = await saveDownload(() => page.getByTestId('import-template').click(), 'template.xlsx');

    expect(fs.readFileSync(file).subarray(0, 2).toString('latin1')).toBe('PK');
    const rows = await readRows(file);
    expect(rows.some((cells) => cells.includes('姓名') && cells.includes('证件号码'))).toBe(true);
  });

  it('worker sees the errors of a roster', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('返苏人员');
    sheet.addRow(['姓名', '身份证号码', '手机号', '返苏日期', '备注']);
    sheet.getColumn(2).numFmt = '@';
    for (const person of good) sheet.addRow([person.name, person.documentNumber, person.phone, '2020-02-03', '']);
    for (const person of bad) sheet.addRow([person.name, person.documentNumber, '', '2020/2/3', '待核实']);
    const roster = path.join(folder, '返苏人员登记表.xlsx');
    await workbook.xlsx.writeFile(roster);

    await chooseCommunity();
    await uploadFile(roster);
    await page.getByTestId('import-preview').waitFor();
    await expect.poll(() => page.getByTestId('import-total-valid').textContent()).toBe('3');
    expect(await page.getByTestId('import-total-invalid').textContent()).toBe('2');
    await expect.poll(() => page.getByTestId('import-errors').locator('.el-table__body tr').count()).toBe(2);
    const errorsText = (await page.getByTestId('import-errors').textContent()) ?? '';
    expect(errorsText).toContain('证件号码');
    expect(errorsText).not.toContain(good[0]?.documentNumber);
  });

  it('worker downloads the error rows', async () => {
    errorsFile = await saveDownload(() => page.getByTestId('import-errors-download').click(), 'errors.xlsx');
    const rows = await readRows(errorsFile);
    expect(rows.map((cells) => cells[0])).toEqual(['姓名', ...bad.map((person) => person.name)]);
    expect(rows[0]?.some((header) => header.includes('原因'))).toBe(true);
  });

  it('worker commits the valid rows', async () => {
    await page.getByTestId('import-commit').click();
    await page.locator('.el-message-box__btns .el-button--primary').click();
    await expect.poll(() => page.getByTestId('import-commit-result').textContent()).toContain('新建 3 条');
  });

  it('worker fixes the error rows and imports them', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(errorsFile);
    const sheet = workbook.worksheets[0];
    if (!sheet) throw new Error('the error workbook has no sheet');
    let documentColumn = 0;
    sheet.getRow(1).eachCell((cell, column) => {
      if (String(cell.value).includes('身份证号码')) documentColumn = column;
    });
    expect(documentColumn).toBeGreaterThan(0);
    let fixedRows = 0;
    sheet.eachRow((row, rowNumber) => {
      if (rowNumber === 1) return;
      const person = bad.find((candidate) => row.getCell(1).value === candidate.name);
      if (!person) return;
      row.getCell(documentColumn).value = person.fixed;
      fixedRows += 1;
    });
    expect(fixedRows).toBe(2);
    const fixedFile = path.join(folder, '返苏人员登记表-已更正.xlsx');
    await workbook.xlsx.writeFile(fixedFile);

    await uploadFile(fixedFile);
    await expect.poll(() => page.getByTestId('import-total-valid').textContent()).toBe('2');
    expect(await page.getByTestId('import-total-invalid').textContent()).toBe('0');
    await page.getByTestId('import-commit').click();
    await expect.poll(() => page.getByTestId('import-commit-result').textContent()).toContain('新建 2 条');
    await expect.poll(() => page.getByTestId('import-records').locator('.el-table__body tr').count()).toBe(2);
  });

  it('worker finds the imported people', async () => {
    await page.getByTestId('menu-persons').click();
    for (const person of [...good, ...bad]) {
      await page.getByTestId('person-filter-q').fill(person.name);
      await page.getByTestId('person-filter-submit').click();
      await expect.poll(() => page.getByTestId('person-table').textContent()).toContain(person.name);
    }
  });

  it('worker exports the imported people masked', async () => {
    const response = await page.request.get(`${server.baseUrl}/api/exports/persons.xlsx?communityCode=${COMMUNITY}`);
    expect(response.status()).toBe(200);
    const file = path.join(folder, 'export.xlsx');
    fs.writeFileSync(file, await response.body());

    const rows = await readRows(file);
    const names = rows.map((cells) => cells[0]);
    for (const person of [...good, ...bad]) expect(names).toContain(person.name);
    expect(rows.flat().join()).not.toContain(good[0]?.documentNumber);
  });
});
