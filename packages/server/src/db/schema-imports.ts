/** Row types of the tables added by migration imports; merged into Database. */
export interface ImportTables {
  imports: ImportTable;
  import_rows: ImportRowTable;
}

/** An uploaded roster (返苏人员登记表 or 出租房屋登记表) and its counts. */
export interface ImportTable {
  id: string;
  /** 'arrivals' or 'rentals'. */
  kind: string;
  file_name: string;
  community_code: string;
  created_by: string | null;
  /** 'parsing' while the upload is read, then 'previewed', 'committed' or 'expired'. */
  status: string;
  /** JSON array of { header, field } in the file's column order. */
  columns: string;
  total_rows: number;
  valid_rows: number;
  invalid_rows: number;
  duplicate_rows: number;
  existing_rows: number;
  created_count: number | null;
  updated_count: number | null;
  unchanged_count: number | null;
  created_at: string;
  /** When the staged rows are deleted if the import was not committed (and its error rows in any case). */
  expires_at: string;
  committed_at: string | null;
  committed_by: string | null;
}

/** A staged row: encryptField(JSON of the original cells, parsed values and errors). */
export interface ImportRowTable {
  import_id: string;
  /** Row number in the sheet, 1-based, as the office sees it in its spreadsheet program. */
  row_number: number;
  /** 1 for a row that the commit writes, 0 for a row with errors. */
  valid: number;
  payload_enc: string;
}
