/**
 * Cell kind of a column. DataColumns renders text, mono and datetime cells,
 * and the page's slot named after the column key renders custom ones.
 */
export type CellKind = 'text' | 'mono' | 'datetime' | 'custom';

/** One el-table column of a list page, declared in the page's data.ts. */
export interface TableColumn<Row> {
  /** Column key, also the slot name when kind is "custom". */
  key: string;
  /** Row field shown by text, mono and datetime cells. */
  prop?: keyof Row & string;
  labelKey: string;
  kind: CellKind;
  width?: number;
  minWidth?: number;
  /** Kept on phone-width screens, where the other columns are left out. */
  essential?: boolean;
}

/** Page sizes offered by list pages; the first is the default. */
export const PAGE_SIZES = [20, 50, 100];
