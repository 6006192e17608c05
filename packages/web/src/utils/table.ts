/** How a list page renders a cell; each page handles the kinds it declares. */
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
}

/** Page sizes offered by list pages; the first is the default. */
export const PAGE_SIZES = [20, 50, 100];
