import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { readXlsxRows } from './xlsx-reader.js';

const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'cordon-xlsx-utf8-'));
afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

/** Builds a line of 1,000 CJK characters, different for each row: 3,000 bytes of UTF-8 that zip chunks cut anywhere. */
function chineseLine(row: number): string {
  let line = '';
  for (let index = 0; index < 1000; index++) line += String.fromCodePoint(0x4e00 + ((row * 7919 + index * 104729) % 20000));
  return line;
}

async function writeWorkbook(file: string, rows: number, useSharedStrings: boolean): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings });
  const sheet = workbook.addWorksheet('名单');
  for (let row = 1; row <= rows; row++) sheet.addRow([row, chineseLine(row)]).commit();
  sheet.commit();
  await workbook.commit();
}

describe('xlsx reading across chunk boundaries', () => {
  it.each([
    ['inline strings', false],
    ['shared strings', true],
  ])('%s stay whole', async (_label, useSharedStrings) => {
    const file = path.join(folder, `roster-${String(useSharedStrings)}.xlsx`);
    await writeWorkbook(file, 400, useSharedStrings);

    const damaged: number[] = [];
    let count = 0;
    for await (const row of readXlsxRows(file)) {
      count += 1;
      if (row.cells[1] !== chineseLine(row.number)) damaged.push(row.number);
    }
    expect(count).toBe(400);
    expect(damaged).toEqual([]);
  });
});
