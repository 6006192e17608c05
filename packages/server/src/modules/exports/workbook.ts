import { EventEmitter, once } from 'node:events';
import { setImmediate as setImmediatePromise } from 'node:timers/promises';
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';

/**
 * First characters with which a spreadsheet program may read a cell's text
 * as a formula (= + - @). Tab and carriage return are escaped as a precaution.
 */
const FORMULA_TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r']);

/**
 * Returns text that no spreadsheet runs as a formula. Text that begins with a
 * trigger character gets a leading apostrophe (U+0027) as part of the value,
 * and the writer stores every value as a string cell, never as a formula. The
 * apostrophe stays visible, so a reader sees that the text was escaped.
 */
export function escapeFormulaText(text: string): string {
  return FORMULA_TRIGGERS.has(text.charAt(0)) ? `'${text}` : text;
}

export interface SheetColumn {
  header: string;
  /** Column width in characters. */
  width: number;
}

/** A cell's text, or null for an empty cell. */
export type SheetCell = string | null;

/**
 * Writes a one-sheet xlsx to `output` with exceljs's streaming writer and
 * returns the number of data rows. Each row is committed as soon as it is
 * added. After each page of rows the writer waits until the compressor and
 * `output` have caught up, so memory depends on the page size, not on the
 * number of rows. Ends `output` on success.
 */
export async function writeStreamedSheet(
  output: Writable,
  sheetName: string,
  columns: readonly SheetColumn[],
  pages: AsyncIterable<readonly SheetCell[][]>,
): Promise<number> {
  // Shared strings would keep every distinct text in memory until the end; styles are not needed.
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useSharedStrings: false, useStyles: false });
  const worksheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  worksheet.columns = columns.map((column, index) => ({ key: String(index), width: column.width }));
  worksheet.addRow(columns.map((column) => escapeFormulaText(column.header))).commit();
  const backlog = sheetBacklogOf(worksheet);

  let count = 0;
  for await (const page of pages) {
    for (const cells of page) {
      worksheet.addRow(cells.map((cell) => (cell === null ? null : escapeFormulaText(cell)))).commit();
    }
    count += page.length;
    // The zip compression runs in callbacks. A database driver that returns
    // results without I/O (better-sqlite3) would starve them until the end.
    await setImmediatePromise();
    await waitForZip(backlog, output);
    await waitForRoom(output);
    if (output.destroyed) throw new OutputClosedError(count);
  }

  worksheet.commit();
  await workbook.commit();
  return count;
}

/** The output was closed before the workbook was complete, usually because the client went away. */
export class OutputClosedError extends Error {
  constructor(readonly rowsWritten: number) {
    super(`output closed after ${rowsWritten} rows, before the workbook was complete`);
    this.name = 'OutputClosedError';
  }
}

interface BufferedStream extends EventEmitter {
  _writableState: { length: number; highWaterMark: number };
}

/**
 * Returns the stream that buffers a worksheet's XML until the zip compressor
 * reads it. exceljs 4.4 commits rows to `WorksheetWriter.stream`, a StreamBuf
 * that writes to `pipes[0]`, the PassThrough that archiver puts in front of
 * its compressor, and never waits for it. Nothing of this is public API, so
 * the function returns undefined when another exceljs version differs.
 */
export function sheetBacklogOf(worksheet: unknown): BufferedStream | undefined {
  const pipe = (worksheet as { stream?: { pipes?: unknown[] } }).stream?.pipes?.[0] as Partial<BufferedStream> | undefined;
  const state = pipe?._writableState;
  if (!(pipe instanceof EventEmitter) || typeof state?.length !== 'number' || typeof state.highWaterMark !== 'number') return undefined;
  return pipe as BufferedStream;
}

/**
 * Waits until the compressor has read the sheet's XML down to the stream's
 * high-water mark. Without this wait, rows pile up in memory whenever the
 * database is faster than the compression or the client.
 */
async function waitForZip(backlog: BufferedStream | undefined, output: Writable): Promise<void> {
  // NOTE: without the backlog stream (another exceljs version) rows can pile up; workbook.test.ts checks that it is found.
  if (!backlog) return;
  while (backlog._writableState.length > backlog._writableState.highWaterMark && !output.destroyed) {
    await onceEither(backlog, 'drain', output, 'close');
  }
}

/** Waits until a writable that reported a full buffer has drained; returns at once when it has room. */
async function waitForRoom(output: Writable): Promise<void> {
  if (!output.writableNeedDrain) return;
  await onceEither(output, 'drain', output, 'close');
}

/** Waits for the first of two events, then removes the listeners of both. */
async function onceEither(first: EventEmitter, firstEvent: string, second: EventEmitter, secondEvent: string): Promise<void> {
  const controller = new AbortController();
  const options = { signal: controller.signal };
  try {
    await Promise.race([once(first, firstEvent, options), once(second, secondEvent, options)]);
  } finally {
    controller.abort();
  }
}
