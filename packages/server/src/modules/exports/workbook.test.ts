import { PassThrough, Readable, Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { escapeFormulaText, OutputClosedError, sheetBacklogOf, writeStreamedSheet } from './workbook.js';

async function* pagesOf(pages: string[][][]) {
  for (const page of pages) yield page;
}

describe('escapeFormulaText', () => {
  it.each([
    ['=SUM(A1:A2)', "'=SUM(A1:A2)"],
    ['+8613900000000', "'+8613900000000"],
    ['-1', "'-1"],
    ['@cmd', "'@cmd"],
    ['\tindent', "'\tindent"],
    ['\rline', "'\rline"],
    ['张三', '张三'],
    ['a=b', 'a=b'],
    ["'quoted", "'quoted"],
    ['', ''],
  ])('escapes %j', (input, expected) => {
    expect(escapeFormulaText(input)).toBe(expected);
  });
});

describe('writeStreamedSheet', () => {
  it('finds the backlog stream of exceljs', () => {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: new PassThrough(), useSharedStrings: false, useStyles: false });
    const worksheet = workbook.addWorksheet('sheet');
    // Fails when an exceljs upgrade moves the stream the writer waits on.
    expect(sheetBacklogOf(worksheet)).toBeDefined();
  });

  it('writes headers, rows and empty cells', async () => {
    const chunks: Buffer[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        chunks.push(chunk);
        callback();
      },
    });
    const columns = [
      { header: '姓名', width: 10 },
      { header: '备注', width: 20 },
    ];
    const count = await writeStreamedSheet(sink, '人员', columns, pagesOf([[['甲', null]], [['乙', '=1+1']]]));
    expect(count).toBe(2);

    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([Buffer.concat(chunks)]), {});
    const rows: unknown[][] = [];
    for await (const worksheet of reader) {
      expect((worksheet as unknown as { name: string }).name).toBe('人员');
      for await (const row of worksheet) rows.push((row.values as unknown[]).slice(1));
    }
    expect(rows).toEqual([['姓名', '备注'], ['甲'], ['乙', "'=1+1"]]);
  });

  it('stops when the output closes', async () => {
    const sink = new PassThrough();
    sink.destroy();
    const written = writeStreamedSheet(sink, 'sheet', [{ header: 'a', width: 5 }], pagesOf([[['1']], [['2']]]));
    await expect(written).rejects.toBeInstanceOf(OutputClosedError);
  });
});
