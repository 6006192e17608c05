import ExcelJS from 'exceljs';
import { AppError } from '../../errors/app-error.js';
import { IMPORT_LIMITS } from './limits.js';
import type { CellValue, SheetRow } from './sheet-rows.js';

/** Converts an exceljs cell value (rich text, formula, hyperlink, error, ...) to the text, number or date it shows. */
function toCellValue(value: unknown): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return value;
  if (typeof value !== 'object') return null;

  const object = value as Record<string, unknown>;
  if (Array.isArray(object.richText)) {
    return (object.richText as Array<{ text?: unknown }>).map((run) => (typeof run.text === 'string' ? run.text : '')).join('');
  }
  if ('formula' in object || 'sharedFormula' in object) return toCellValue(object.result);
  if ('text' in object) return toCellValue(object.text);
  // An error cell (#N/A, #VALUE!) has no value to import.
  return null;
}

/** A worksheet as exceljs's reader hands it over; `iterator` is the stream its rows are parsed from. */
type WorksheetReader = AsyncIterable<{ number: number; values: unknown }> & { iterator?: { destroy?: () => void } };

/**
 * Reads the rows of the first worksheet of an xlsx file with exceljs's
 * streaming reader, one row at a time, so a large sheet never sits in
 * memory as a whole workbook. Shared strings are cached, which checkZipPackage
 * bounds beforehand.
 *
 * exceljs 4.4 copies each worksheet that comes before the shared strings in
 * the zip (Excel's usual order) to a file in the OS temporary folder, and
 * deletes that copy only when the consumer asks for the next worksheet. So
 * this function always walks the remaining worksheets to the end without
 * reading their rows, even when the caller stops early: an abandoned copy
 * would keep personal data unencrypted on disk until the process exits.
 */
export async function* readXlsxRows(filePath: string): AsyncGenerator<SheetRow> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(filePath, {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  const worksheets = (reader as unknown as AsyncIterable<WorksheetReader>)[Symbol.asyncIterator]();
  try {
    const first = await worksheets.next();
    // A zip package without a worksheet is no workbook.
    if (first.done) throw new AppError('IMPORT_FILE_UNREADABLE', 'file');
    // Only the first worksheet holds the roster; the template's second sheet holds instructions.
    for await (const row of first.value) {
      const values = row.values as unknown[];
      const cells: CellValue[] = [];
      const width = Math.min(values.length - 1, IMPORT_LIMITS.maxColumns);
      // row.values is 1-based: index 1 is column A.
      for (let column = 1; column <= width; column++) cells.push(toCellValue(values[column]));
      yield { number: row.number, cells };
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('IMPORT_FILE_UNREADABLE', 'file');
  } finally {
    await skipRemainingWorksheets(worksheets);
    (reader as unknown as { stream?: { destroy(): void } }).stream?.destroy();
  }
}

/** Moves exceljs past every remaining worksheet, closing each one's stream unread, so it deletes its temporary copies. */
async function skipRemainingWorksheets(worksheets: AsyncIterator<WorksheetReader>): Promise<void> {
  try {
    for (;;) {
      const next = await worksheets.next();
      if (next.done) return;
      next.value.iterator?.destroy?.();
    }
  } catch {
    // The package failed to read further; exceljs has then stopped writing copies, and the caller reports the first error.
  }
}
