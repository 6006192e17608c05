import { randomUUID } from 'node:crypto';
import type { Actor, ServiceContext } from '../../context/types.js';
import { AppError } from '../../errors/app-error.js';
import { requireNodeInScope } from '../jurisdictions/scope.js';
import { AddressIndex } from './address-index.js';
import { detectSpreadsheetFormat } from './file-type.js';
import { detectHeader, HEADER_SCAN_ROWS, type HeaderColumn, missingRequiredHeaders } from './header.js';
import type { ImportKind } from './kinds.js';
import { BATCH_ROWS, IMPORT_LIMITS, IMPORT_TTL_HOURS } from './limits.js';
import { readCsvRows } from './csv-reader.js';
import * as repo from './repository.js';
import { cellText, columnLetterOf, isBlankRow, type SheetRow } from './sheet-rows.js';
import { documentIndexOfPerson, openPayload, personsOf, sealPayload, type StagedPayload } from './staging.js';
import { type RowError, type RowOutcome, RowValidator } from './validate.js';
import { readXlsxRows } from './xlsx-reader.js';
import { EXAMPLE_MARK } from './workbooks.js';
import { checkZipPackage } from './zip-guard.js';

export interface ImportUpload {
  kind: ImportKind;
  communityCode: string;
  fileName: string;
  /** Temporary file the upload was streamed to; the caller deletes it. */
  filePath: string;
}

interface Counts {
  rows: number;
  valid: number;
  invalid: number;
  duplicatesInFile: number;
  existing: number;
}

interface PendingRow {
  number: number;
  cells: string[];
  outcome: RowOutcome;
  existing: boolean;
}

/** Opens the rows of an uploaded file after checking what it is; a zip package is checked for bombs first. */
async function openRows(filePath: string): Promise<AsyncGenerator<SheetRow>> {
  const format = await detectSpreadsheetFormat(filePath);
  if (format === 'csv') return readCsvRows(filePath);
  await checkZipPackage(filePath);
  return readXlsxRows(filePath);
}

async function readHeader(kind: ImportKind, rows: AsyncGenerator<SheetRow>) {
  const scanned: SheetRow[] = [];
  while (scanned.length < HEADER_SCAN_ROWS) {
    const next = await rows.next();
    if (next.done) break;
    if (!isBlankRow(next.value.cells)) scanned.push(next.value);
  }
  if (scanned.length === 0) throw new AppError('IMPORT_FILE_EMPTY', 'file');

  const header = detectHeader(kind, scanned);
  if (!header) throw new AppError('IMPORT_HEADER_NOT_FOUND', 'file', { rows: HEADER_SCAN_ROWS });
  const missing = missingRequiredHeaders(kind, header);
  if (missing.length > 0) throw new AppError('IMPORT_COLUMNS_MISSING', 'file', { columns: missing.join('、') });
  return { header, rowsAfterHeader: scanned.filter((row) => row.number > header.lastRowNumber) };
}

/**
 * Reads an uploaded roster, checks every row, and stages the rows encrypted
 * for the commit. A file that cannot be read, has no recognisable header or
 * no data rows stores nothing. Returns the new import's id.
 */
export async function stageImport(ctx: ServiceContext, actor: Actor, upload: ImportUpload): Promise<string> {
  const community = await requireNodeInScope(ctx.db, actor.scope, upload.communityCode, 'communityCode');
  if (community.level !== 'community') throw new AppError('JURISDICTION_LEVEL_INVALID', 'communityCode');

  const rows = await openRows(upload.filePath);
  try {
    const { header, rowsAfterHeader } = await readHeader(upload.kind, rows);
    const addresses = await AddressIndex.load(ctx.db, upload.communityCode);
    const validator = new RowValidator(upload.kind, header.columns, addresses);

    const id = randomUUID();
    const now = new Date();
    await repo.insertImport(ctx.db, {
      id,
      kind: upload.kind,
      file_name: upload.fileName,
      community_code: upload.communityCode,
      created_by: actor.userId,
      status: 'parsing',
      columns: JSON.stringify(header.columns),
      total_rows: 0,
      valid_rows: 0,
      invalid_rows: 0,
      duplicate_rows: 0,
      existing_rows: 0,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + IMPORT_TTL_HOURS * 3_600_000).toISOString(),
    });

    try {
      const counts = await stageRows(ctx, actor, id, validator, header.columns, prependRows(rowsAfterHeader, rows));
      if (counts.rows === 0) throw new AppError('IMPORT_NO_ROWS', 'file');
      await repo.updateImport(ctx.db, id, {
        status: 'previewed',
        total_rows: counts.rows,
        valid_rows: counts.valid,
        invalid_rows: counts.invalid,
        duplicate_rows: counts.duplicatesInFile,
        existing_rows: counts.existing,
      });
      return id;
    } catch (error) {
      await repo.deleteImport(ctx.db, id);
      throw error;
    }
  } finally {
    await rows.return(undefined);
  }
}

async function* prependRows(first: SheetRow[], rest: AsyncGenerator<SheetRow>): AsyncGenerator<SheetRow> {
  yield* first;
  yield* rest;
}

/** Tracks what a file repeats: documents for arrivals, whole leases for rentals. */
class DuplicateTracker {
  private readonly firstRowOf = new Map<string, number>();

  /** Returns the row that had the key first, or undefined when this row is the first. */
  check(key: string, row: number): number | undefined {
    const first = this.firstRowOf.get(key);
    if (first === undefined) this.firstRowOf.set(key, row);
    return first;
  }
}

async function stageRows(
  ctx: ServiceContext,
  actor: Actor,
  importId: string,
  validator: RowValidator,
  columns: HeaderColumn[],
  rows: AsyncGenerator<SheetRow>,
): Promise<Counts> {
  const counts: Counts = { rows: 0, valid: 0, invalid: 0, duplicatesInFile: 0, existing: 0 };
  const duplicates = new DuplicateTracker();
  const mangledCandidates: number[] = [];
  let sawMangled = false;
  let batch: PendingRow[] = [];
  const width = Math.max(0, ...columns.map((column) => column.index + 1));
  const nameColumn = columns.find((column) => column.field === 'name' || column.field === 'landlordName');

  const flush = async () => {
    await checkBatch(ctx, actor, columns, batch, duplicates, counts);
    const staged = batch.map((row) => {
      const valid = row.outcome.record !== undefined && row.outcome.errors.length === 0;
      if (valid) counts.valid += 1;
      else counts.invalid += 1;
      if (valid && row.existing) counts.existing += 1;
      if (valid && row.outcome.possiblyMangled.length > 0) mangledCandidates.push(row.number);
      if (row.outcome.errors.some((error) => error.code === 'ID_NUMBER_EXCEL_MANGLED')) sawMangled = true;
      const payload: StagedPayload = valid
        ? { cells: row.cells, record: row.outcome.record, existing: row.existing }
        : { cells: row.cells, errors: row.outcome.errors };
      return { import_id: importId, row_number: row.number, valid: valid ? 1 : 0, payload_enc: sealPayload(ctx.keys, payload) };
    });
    await repo.insertImportRows(ctx.db, staged);
    batch = [];
  };

  let textChars = 0;
  for await (const row of rows) {
    if (isBlankRow(row.cells)) continue;
    if (
      nameColumn &&
      cellText(row.cells[nameColumn.index] ?? null)
        .trim()
        .startsWith(EXAMPLE_MARK)
    )
      continue;
    counts.rows += 1;
    if (counts.rows > IMPORT_LIMITS.maxRows) throw new AppError('IMPORT_TOO_MANY_ROWS', 'file', { limit: IMPORT_LIMITS.maxRows });
    const cells = Array.from({ length: Math.max(width, row.cells.length) }, (_, index) => cellText(row.cells[index] ?? null));
    textChars += checkCellLengths(row.number, cells);
    if (textChars > IMPORT_LIMITS.maxTextChars) throw new AppError('IMPORT_TEXT_TOO_LARGE', 'file', { limit: IMPORT_LIMITS.maxTextChars });
    batch.push({ number: row.number, cells, outcome: validator.validate(row), existing: false });
    if (batch.length >= BATCH_ROWS) await flush();
  }
  await flush();

  if (sawMangled && mangledCandidates.length > 0) await rejectPossiblyMangled(ctx, importId, columns, mangledCandidates, counts);
  return counts;
}

/** Rejects a cell longer than the limit, naming it as a spreadsheet does (C12), and returns the number of characters in the row. */
function checkCellLengths(rowNumber: number, cells: string[]): number {
  let chars = 0;
  for (const [index, text] of cells.entries()) {
    if (text.length > IMPORT_LIMITS.maxFieldLength) {
      throw new AppError('IMPORT_CELL_TOO_LONG', 'file', {
        cell: `${columnLetterOf(index)}${rowNumber}`,
        limit: IMPORT_LIMITS.maxFieldLength,
      });
    }
    chars += text.length;
  }
  return chars;
}

/** Builds a row error on a field's column, with the cell's text as its value. */
function errorAt(
  columns: HeaderColumn[],
  cells: string[],
  field: string,
  code: string,
  params?: Record<string, string | number>,
): RowError {
  const column = columns.find((candidate) => candidate.field === field);
  const error: RowError = { column: column?.header ?? null, field, value: column ? (cells[column.index] ?? '').trim() : '', code };
  if (params) error.params = params;
  return error;
}

/**
 * Flags, for the valid rows of a batch, documents (or leases) repeated in
 * the file and documents that already have a file. A file in scope will be
 * updated; a file elsewhere is a row error that names no detail of it.
 */
async function checkBatch(
  ctx: ServiceContext,
  actor: Actor,
  columns: HeaderColumn[],
  batch: PendingRow[],
  duplicates: DuplicateTracker,
  counts: Counts,
) {
  const indexesOfRow = new Map<PendingRow, string[]>();
  for (const row of batch) {
    const record = row.outcome.record;
    if (!record || row.outcome.errors.length > 0) continue;
    const indexes = personsOf(record).map(({ person }) => documentIndexOfPerson(ctx.keys, person));
    const key =
      record.kind === 'arrivals' ? (indexes[0] as string) : [record.roomId ?? record.placeId, ...indexes, record.startDate].join('|');
    const first = duplicates.check(key, row.number);
    if (first !== undefined) {
      const field = record.kind === 'arrivals' ? 'documentNumber' : 'tenantDocumentNumber';
      row.outcome.errors.push(errorAt(columns, row.cells, field, 'IMPORT_DUPLICATE_IN_FILE', { row: first }));
      counts.duplicatesInFile += 1;
      continue;
    }
    indexesOfRow.set(row, indexes);
  }

  const allIndexes = [...new Set([...indexesOfRow.values()].flat())];
  const persons = await repo.findPersonsByDocumentIndexes(ctx.db, allIndexes);
  const inScope = await repo.findPersonIdsInScope(
    ctx.db,
    actor.scope,
    [...persons.values()].map((person) => person.id),
  );

  for (const [row, indexes] of indexesOfRow) {
    const record = row.outcome.record;
    if (!record) continue;
    for (const [position, { documentField }] of personsOf(record).entries()) {
      const personId = persons.get(indexes[position] as string)?.id;
      if (personId === undefined) continue;
      if (inScope.has(personId)) row.existing = true;
      else row.outcome.errors.push(errorAt(columns, row.cells, documentField, 'PERSON_EXISTS_ELSEWHERE'));
    }
  }
}

/**
 * Rejects valid numbers ending in 000 when the same file also has numbers
 * that Excel visibly damaged: such a file went through a number-formatted
 * column, so these numbers were most likely rounded too.
 */
async function rejectPossiblyMangled(ctx: ServiceContext, importId: string, columns: HeaderColumn[], rowNumbers: number[], counts: Counts) {
  for (let start = 0; start < rowNumbers.length; start += BATCH_ROWS) {
    const rows = await repo.findImportRows(ctx.db, importId, rowNumbers.slice(start, start + BATCH_ROWS));
    for (const row of rows) {
      const payload = openPayload(ctx.keys, row.payload_enc);
      const record = payload.record;
      if (!record) continue;
      const errors: RowError[] = personsOf(record)
        .filter(({ person }) => person.documentNumber.endsWith('000'))
        .map(({ documentField }) => errorAt(columns, payload.cells, documentField, 'ID_NUMBER_EXCEL_MANGLED'));
      if (errors.length === 0) continue;
      counts.valid -= 1;
      counts.invalid += 1;
      if (payload.existing) counts.existing -= 1;
      const sealed = sealPayload(ctx.keys, { cells: payload.cells, errors });
      await repo.replaceImportRow(ctx.db, importId, row.row_number, false, sealed);
    }
  }
}
