/** A cell as the readers hand it over: text, a number from a numeric xlsx cell, a date from a date-formatted one, or empty. */
export type CellValue = string | number | Date | null;

/** A non-empty row of the sheet; `cells` is indexed from column A = 0. */
export interface SheetRow {
  number: number;
  cells: CellValue[];
}

/** Formats a date cell as YYYY-MM-DD. Spreadsheet readers build dates at UTC midnight. */
export function isoDateOf(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Text of a cell as the office sees it; a whole number prints without exponent when it is exact. */
export function cellText(cell: CellValue): string {
  if (cell === null) return '';
  if (typeof cell === 'string') return cell;
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : isoDateOf(cell);
  if (Number.isSafeInteger(cell)) return String(cell);
  return String(cell);
}

export function isBlankRow(cells: CellValue[]): boolean {
  return cells.every((cell) => cellText(cell).trim() === '');
}

/** Spreadsheet column letters of a 0-based index: 0 → A, 26 → AA. */
export function columnLetterOf(index: number): string {
  let letters = '';
  for (let rest = index + 1; rest > 0; rest = Math.floor((rest - 1) / 26)) {
    letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters;
  }
  return letters;
}
