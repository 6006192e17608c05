import fs from 'node:fs/promises';
import { AppError } from '../../errors/app-error.js';

export type SpreadsheetFormat = 'xlsx' | 'csv';

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
/** OLE2 compound file: the .xls format of Excel 97–2003 and of WPS's "Excel 97-2003" option. */
const OLE2_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
/** Starts of other binary formats that people rename: PDF, PNG, JPEG, GIF, RAR, 7z, gzip. */
const OTHER_MAGICS = ['%PDF', '\x89PNG', '\xff\xd8\xff', 'GIF8', 'Rar!', "7z\xbc\xaf'\x1c", '\x1f\x8b'].map((text) =>
  Buffer.from(text, 'latin1'),
);

const SNIFF_BYTES = 4096;

/**
 * Tells the format of an uploaded file from its first bytes, whatever its
 * name says: a zip package is read as xlsx, text as CSV. An empty file, an
 * .xls file and other binary files are rejected before anything is stored.
 */
export async function detectSpreadsheetFormat(filePath: string): Promise<SpreadsheetFormat> {
  const handle = await fs.open(filePath, 'r');
  let head: Buffer;
  try {
    const buffer = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
    head = buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }

  if (head.length === 0) throw new AppError('IMPORT_FILE_EMPTY', 'file');
  if (head.subarray(0, 4).equals(ZIP_MAGIC)) return 'xlsx';
  if (head.subarray(0, 8).equals(OLE2_MAGIC)) throw new AppError('IMPORT_XLS_NOT_SUPPORTED', 'file');
  if (OTHER_MAGICS.some((magic) => head.subarray(0, magic.length).equals(magic)))
    throw new AppError('IMPORT_FILE_TYPE_UNSUPPORTED', 'file');
  if (!looksLikeText(head)) throw new AppError('IMPORT_FILE_TYPE_UNSUPPORTED', 'file');
  return 'csv';
}

/** UTF-16 starts with a byte-order mark; other text has no NUL bytes and few control characters. */
function looksLikeText(head: Buffer): boolean {
  if (head[0] === 0xff && head[1] === 0xfe) return true;
  let controls = 0;
  for (const byte of head) {
    if (byte === 0) return false;
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) controls += 1;
  }
  return controls * 100 <= head.length;
}
