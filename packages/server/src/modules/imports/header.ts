import { toHalfWidth } from '@cordon/core';
import { type ColumnSpec, columnsOfKind, type ImportField, type ImportKind } from './kinds.js';
import { type CellValue, cellText, type SheetRow } from './sheet-rows.js';

/** Rows searched for the header: rosters put a title, a unit name and a date above it. */
export const HEADER_SCAN_ROWS = 20;

/** A column of the file: its header as written, and the field it was matched to (null: kept as notes). */
export interface HeaderColumn {
  index: number;
  header: string;
  field: ImportField | null;
  /** True for a column the import skips: a row counter, or the reason column of an error workbook sent back. */
  ignored?: true;
}

export interface DetectedHeader {
  /** Number of the last header row; data starts below it. */
  lastRowNumber: number;
  columns: HeaderColumn[];
}

/** Marks that offices add to headers: required-field stars, bracketed hints, trailing colons. */
const BRACKETED = /[（(【[［].*?[）)】\]］]/gu;
const DECORATION = /[\s*＊:：·•"'“”‘’]/gu;

/**
 * Reduces a header to the form synonyms are compared in: half-width, lower
 * case, without spaces, stars, colons and bracketed hints, so that
 * "身份证号码（必填）*", "身 份 证 号" and "身份证号码：" all read "身份证号码".
 */
export function normalizeHeader(text: string): string {
  return toHalfWidth(text.normalize('NFC')).replace(BRACKETED, '').replace(DECORATION, '').toLowerCase();
}

/** Headers of columns that carry nothing to import, compared after normalizeHeader. */
const IGNORED_HEADERS = new Set(
  ['序号', '编号', 'no', 'no.', '错误原因', 'reason', 'エラーの理由', '오류원인', '오류 원인'].map((text) => normalizeHeader(text)),
);

function synonymTable(specs: ColumnSpec[]): Map<string, ImportField> {
  const table = new Map<string, ImportField>();
  for (const spec of specs) {
    for (const text of [spec.header, ...spec.synonyms]) table.set(normalizeHeader(text), spec.field);
  }
  return table;
}

const SYNONYMS: Record<ImportKind, Map<string, ImportField>> = {
  arrivals: synonymTable(columnsOfKind('arrivals')),
  rentals: synonymTable(columnsOfKind('rentals')),
};

/** Returns the field a header names, or undefined. */
export function fieldOfHeader(kind: ImportKind, header: string): ImportField | undefined {
  const normalized = normalizeHeader(header);
  return normalized === '' ? undefined : SYNONYMS[kind].get(normalized);
}

function textsOf(cells: CellValue[]): string[] {
  return cells.map((cell) => cellText(cell).trim());
}

/** Maps header texts to fields. A field named twice keeps its first column; the later one becomes notes. */
function mapColumns(kind: ImportKind, headers: Array<{ text: string; candidates: string[] }>): HeaderColumn[] {
  const taken = new Set<ImportField>();
  const columns: HeaderColumn[] = [];
  for (const [index, { text, candidates }] of headers.entries()) {
    if (text === '') continue;
    let field: ImportField | null = null;
    for (const candidate of candidates) {
      const found = fieldOfHeader(kind, candidate);
      if (found && !taken.has(found)) {
        field = found;
        break;
      }
    }
    if (field) taken.add(field);
    if (field === null && candidates.some((candidate) => IGNORED_HEADERS.has(normalizeHeader(candidate)))) {
      columns.push({ index, header: text, field, ignored: true });
    } else columns.push({ index, header: text, field });
  }
  return columns;
}

function singleRowHeaders(row: SheetRow) {
  return textsOf(row.cells).map((text) => ({ text, candidates: [text] }));
}

/**
 * Combines a two-row header, where a merged cell above groups the cells
 * below ("房东" over "姓名", "身份证号", "电话"). A merged cell keeps its text
 * in its first column only, so the group text carries on to the right until
 * the next one. A column empty below (merged down from above) keeps the text above.
 */
function twoRowHeaders(upper: SheetRow, lower: SheetRow) {
  const above = textsOf(upper.cells);
  const below = textsOf(lower.cells);
  const headers: Array<{ text: string; candidates: string[] }> = [];
  let group = '';
  for (let index = 0; index < Math.max(above.length, below.length); index++) {
    const top = above[index] ?? '';
    const bottom = below[index] ?? '';
    if (top !== '') group = top;
    if (bottom === '') headers.push({ text: top, candidates: [top] });
    else headers.push({ text: group === '' ? bottom : `${group}${bottom}`, candidates: [`${group}${bottom}`, bottom] });
  }
  return headers;
}

function scoreOf(columns: HeaderColumn[]): number {
  return columns.filter((column) => column.field !== null).length;
}

function hasRequiredColumn(kind: ImportKind, columns: HeaderColumn[]): boolean {
  const fields = new Set(columns.map((column) => column.field));
  return kind === 'arrivals'
    ? fields.has('documentNumber') || fields.has('name')
    : fields.has('address') || fields.has('tenantDocumentNumber');
}

/**
 * Finds the header among the first rows: the row, or pair of adjacent rows,
 * that names the most known columns, at least two. A pair wins over its
 * upper row when its lower row names a column too and the pair names more
 * than the lower row alone, so neither a data row below a header nor a title
 * above it is read as part of it. Returns undefined when no row qualifies.
 */
export function detectHeader(kind: ImportKind, rows: SheetRow[]): DetectedHeader | undefined {
  let best: DetectedHeader | undefined;
  let bestScore = 1;
  for (const [position, row] of rows.entries()) {
    const single = mapColumns(kind, singleRowHeaders(row));
    let candidate: DetectedHeader = { lastRowNumber: row.number, columns: single };
    let score = scoreOf(single);

    const next = rows[position + 1];
    if (next && next.number === row.number + 1) {
      const pair = mapColumns(kind, twoRowHeaders(row, next));
      const lowerScore = scoreOf(mapColumns(kind, singleRowHeaders(next)));
      // The pair must beat its lower row alone, so that a title above a one-row header is not taken for
      // the upper half of a pair. A tie with the upper row counts when the lower row names a column itself, as data rows do not.
      const pairScore = scoreOf(pair);
      if (pairScore > lowerScore && (pairScore > score || (pairScore === score && lowerScore > 0))) {
        candidate = { lastRowNumber: next.number, columns: pair };
        score = pairScore;
      }
    }
    if (score > bestScore && hasRequiredColumn(kind, candidate.columns)) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}

/** Headers of the required columns that the detected header lacks, as the template names them. */
export function missingRequiredHeaders(kind: ImportKind, header: DetectedHeader): string[] {
  const present = new Set(header.columns.map((column) => column.field));
  return columnsOfKind(kind)
    .filter((spec) => spec.required && !present.has(spec.field))
    .map((spec) => spec.header);
}
