/**
 * Limits of an upload. They bound the memory and time one import takes: a
 * 100,000-row roster is about 6 MB as xlsx and 12 MB as CSV, and its
 * worksheet XML about 60 MB once decompressed.
 */
export const IMPORT_LIMITS = {
  /** Largest accepted file, in bytes (32 MiB). */
  maxFileBytes: 32 * 1024 * 1024,
  /** Data rows below the header. */
  maxRows: 200_000,
  /** Columns read from a row; cells further right are ignored. */
  maxColumns: 100,
  /** Characters in one cell, of a CSV or an xlsx file. */
  maxFieldLength: 10_000,
  /**
   * Characters of text in all cells of a file together. An xlsx cell can
   * point at one shared string many times, so the cell limit alone does not
   * bound what a small file stages. An estimate of a real roster: the
   * 200,000-row limit at 60 characters a row is 12 million.
   */
  maxTextChars: 40_000_000,
  /** Entries in an xlsx package; Excel and WPS write about 10 to 30. */
  maxZipEntries: 500,
  /** Decompressed bytes of one xlsx entry (256 MiB). */
  maxZipEntryBytes: 256 * 1024 * 1024,
  /** Decompressed bytes of all xlsx entries together (512 MiB). */
  maxZipTotalBytes: 512 * 1024 * 1024,
  /** Decompressed bytes of a part that the reader keeps in memory: shared strings, styles, workbook, relationships (64 MiB). */
  maxZipInMemoryPartBytes: 64 * 1024 * 1024,
  /** Element nesting in an XML part; a worksheet nests 7 deep, and the SAX parser keeps one object a level. */
  maxXmlDepth: 64,
  /** Bytes of XML between two markup delimiters (a text node or one tag), which the parser keeps as one string (128 KiB). */
  maxXmlTokenBytes: 128 * 1024,
} as const;

/** Hours a previewed import waits for its commit before its staged rows are deleted. */
export const IMPORT_TTL_HOURS = 24;

/** Valid rows returned as the preview's sample. */
export const SAMPLE_ROWS = 20;

/** Row errors returned in a preview; the error workbook lists all of them. */
export const MAX_PREVIEW_ERRORS = 1000;

/** Rows validated, staged or committed together. */
export const BATCH_ROWS = 500;
