import type { Readable } from 'node:stream';
import { SaxesParser } from 'saxes';
import { AppError } from '../../errors/app-error.js';
import { IMPORT_LIMITS } from './limits.js';
import { readSharedStrings } from './shared-strings.js';
import type { CellValue, SheetRow } from './sheet-rows.js';
import { localName, openXlsxPackage, unescapeOoxml } from './xlsx-package.js';
import { readDateStyles, readWorkbookLayout } from './xlsx-workbook.js';

const DAY_MS = 86_400_000;
const EPOCH_1900_MS = Date.UTC(1899, 11, 30);
const EPOCH_1904_MS = Date.UTC(1904, 0, 1);

/** Column index (A = 0) of a cell reference such as "AB12"; undefined without letters. */
function columnIndexOf(reference: string): number | undefined {
  const letters = /^[A-Za-z]+/.exec(reference)?.[0];
  if (!letters) return undefined;
  let index = 0;
  for (const letter of letters.toUpperCase()) index = index * 26 + (letter.charCodeAt(0) - 64);
  return index - 1;
}

interface CellContext {
  sharedStrings: readonly string[];
  dateStyles: ReadonlySet<number>;
  epochMs: number;
}

interface OpenCell {
  column: number;
  type: string;
  style: number;
  value: string;
  inline: string;
}

/** Returns the text, number, date or null that a cell shows, from its type, its cached value and its style. */
function cellValueOf(cell: OpenCell, context: CellContext): CellValue {
  switch (cell.type) {
    case 's':
      return context.sharedStrings[Number(cell.value)] ?? null;
    case 'inlineStr':
      return unescapeOoxml(cell.inline);
    case 'str':
      return unescapeOoxml(cell.value);
    case 'b':
      return cell.value === '1' ? 'TRUE' : 'FALSE';
    case 'e':
      // An error cell (#N/A, #VALUE!) has no value to import.
      return null;
    case 'd': {
      const date = new Date(cell.value);
      return Number.isNaN(date.getTime()) ? cell.value : date;
    }
    default: {
      if (cell.value.trim() === '') return null;
      const number = Number(cell.value);
      if (!Number.isFinite(number)) return cell.value;
      if (context.dateStyles.has(cell.style)) return new Date(context.epochMs + Math.round(number * DAY_MS));
      return number;
    }
  }
}

/**
 * Parses worksheet XML pushed to it and collects the rows it completes. A
 * formula cell gives its cached result; cells right of the column limit are
 * dropped.
 */
function createSheetParser(context: CellContext) {
  const parser = new SaxesParser();
  const finished: SheetRow[] = [];
  let failure: Error | null = null;
  let row: SheetRow | null = null;
  let lastRowNumber = 0;
  let nextColumn = 0;
  let cell: OpenCell | null = null;
  let target: 'value' | 'inline' | null = null;
  let phoneticDepth = 0;

  parser.on('opentag', (tag) => {
    const name = localName(tag.name);
    if (name === 'row') {
      const number = Number(tag.attributes.r);
      lastRowNumber = Number.isSafeInteger(number) && number > 0 ? number : lastRowNumber + 1;
      row = { number: lastRowNumber, cells: [] };
      nextColumn = 0;
    } else if (name === 'c' && row) {
      const column = columnIndexOf(String(tag.attributes.r ?? '')) ?? nextColumn;
      nextColumn = column + 1;
      cell = { column, type: String(tag.attributes.t ?? 'n'), style: Number(tag.attributes.s ?? 0), value: '', inline: '' };
    } else if (cell && name === 'v') {
      target = 'value';
    } else if (cell && name === 'rPh') {
      phoneticDepth += 1;
    } else if (cell && name === 't' && phoneticDepth === 0) {
      target = 'inline';
    }
  });
  const appendText = (text: string) => {
    if (!cell || target === null) return;
    if (target === 'value') cell.value += text;
    else cell.inline += text;
  };
  parser.on('text', appendText);
  parser.on('cdata', appendText);
  parser.on('closetag', (tag) => {
    const name = localName(tag.name);
    if (name === 'v' || name === 't') {
      target = null;
    } else if (name === 'rPh') {
      phoneticDepth -= 1;
    } else if (name === 'c' && cell && row) {
      if (cell.column < IMPORT_LIMITS.maxColumns) {
        const value = cellValueOf(cell, context);
        if (value !== null) {
          while (row.cells.length < cell.column) row.cells.push(null);
          row.cells[cell.column] = value;
        }
      }
      cell = null;
    } else if (name === 'row' && row) {
      finished.push(row);
      row = null;
    }
  });
  parser.on('error', (error) => {
    failure = error;
  });

  return {
    write(text: string): SheetRow[] {
      parser.write(text);
      if (failure) throw failure;
      return finished.splice(0);
    },
    close(): SheetRow[] {
      parser.close();
      if (failure) throw failure;
      return finished.splice(0);
    },
  };
}

/**
 * Reads the rows of the first worksheet (in tab order) of an xlsx file, one
 * row at a time, so a large sheet never sits in memory as a whole. The parts
 * are read through the zip's central directory, whatever order they were
 * stored in, and nothing is copied to disk. The shared strings are held in
 * memory, which checkZipPackage bounds beforehand.
 *
 * exceljs 4.4's streaming reader was used here before and gave wrong results.
 * It sometimes parsed the worksheet before the shared strings or styles were
 * read (about one read in twenty of a workbook whose worksheet is stored
 * first). It turned characters split between two zip chunks into U+FFFD, and
 * it left plain copies of worksheets in the temporary folder.
 */
export async function* readXlsxRows(filePath: string): AsyncGenerator<SheetRow> {
  const pkg = await openXlsxPackage(filePath).catch(() => {
    throw new AppError('IMPORT_FILE_UNREADABLE', 'file');
  });
  let sheet: Readable | undefined;
  try {
    let context: CellContext;
    try {
      const layout = await readWorkbookLayout(pkg);
      const sharedStrings = layout.sharedStrings === null ? [] : await readSharedStrings(await pkg.open(layout.sharedStrings));
      const dateStyles = await readDateStyles(pkg, layout.styles);
      context = { sharedStrings, dateStyles, epochMs: layout.date1904 ? EPOCH_1904_MS : EPOCH_1900_MS };
      sheet = await pkg.open(layout.firstSheet);
    } catch {
      throw new AppError('IMPORT_FILE_UNREADABLE', 'file');
    }

    const parser = createSheetParser(context);
    // A streaming decoder keeps a character that two chunks split whole.
    const decoder = new TextDecoder('utf-8');
    let rows: SheetRow[];
    try {
      for await (const chunk of sheet) {
        rows = parser.write(decoder.decode(chunk as Uint8Array, { stream: true }));
        yield* rows;
      }
      rows = parser.write(decoder.decode());
      yield* rows;
      yield* parser.close();
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw new AppError('IMPORT_FILE_UNREADABLE', 'file');
    }
  } finally {
    // A caller that stops early leaves the worksheet stream open.
    sheet?.destroy();
    pkg.close();
  }
}
