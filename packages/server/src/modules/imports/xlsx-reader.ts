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

/**
 * Reads the rows of the first worksheet of an xlsx file with exceljs's
 * streaming reader, one row at a time, so a large sheet never sits in
 * memory as a whole workbook. Shared strings are cached, which checkZipPackage
 * bounds beforehand.
 */
export async function* readXlsxRows(filePath: string): AsyncGenerator<SheetRow> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(filePath, {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  let worksheets = 0;
  try {
    for await (const worksheet of reader) {
      worksheets += 1;
      for await (const row of worksheet) {
        const values = row.values as unknown[];
        const cells: CellValue[] = [];
        const width = Math.min(values.length - 1, IMPORT_LIMITS.maxColumns);
        // row.values is 1-based: index 1 is column A.
        for (let column = 1; column <= width; column++) cells.push(toCellValue(values[column]));
        yield { number: row.number, cells };
      }
      // Only the first worksheet holds the roster; the template's second sheet holds instructions.
      break;
    }
    // A zip package without a worksheet is no workbook.
    if (worksheets === 0) throw new AppError('IMPORT_FILE_UNREADABLE', 'file');
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('IMPORT_FILE_UNREADABLE', 'file');
  } finally {
    (reader as unknown as { stream?: { destroy(): void } }).stream?.destroy();
  }
}
