import fs from 'node:fs';
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
 * Name of the stream that holds the encrypted workbook in the OLE2 container
 * Excel and WPS write for a password-protected xlsx (MS-OFFCRYPTO), as it
 * appears in the container's directory: UTF-16LE.
 */
const ENCRYPTED_PACKAGE_NAME = Buffer.from('EncryptedPackage', 'utf16le');

export type Utf16Encoding = 'utf16le' | 'utf16be';

/**
 * Tells the format of an uploaded file from its first bytes, whatever its
 * name says: a zip package is read as xlsx, text as CSV. An empty file, an
 * .xls file, a password-protected xlsx (an OLE2 container, like .xls) and
 * other binary files are rejected before anything is stored.
 */
export async function detectSpreadsheetFormat(filePath: string): Promise<SpreadsheetFormat> {
  const handle = await fs.promises.open(filePath, 'r');
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
  if (head.subarray(0, 8).equals(OLE2_MAGIC)) {
    if (await containsBytes(filePath, ENCRYPTED_PACKAGE_NAME)) throw new AppError('IMPORT_FILE_ENCRYPTED', 'file');
    throw new AppError('IMPORT_XLS_NOT_SUPPORTED', 'file');
  }
  if (OTHER_MAGICS.some((magic) => head.subarray(0, magic.length).equals(magic)))
    throw new AppError('IMPORT_FILE_TYPE_UNSUPPORTED', 'file');
  if (!looksLikeText(head)) throw new AppError('IMPORT_FILE_TYPE_UNSUPPORTED', 'file');
  return 'csv';
}

/**
 * Tells UTF-16 text from its first bytes: by the byte-order mark, or, without
 * one, by the zero high bytes of ASCII characters (digits, commas, line
 * ends), which all fall on odd offsets in little-endian and even ones in big-endian.
 */
export function utf16EncodingOf(head: Buffer): Utf16Encoding | undefined {
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf16be';
  let evenZeros = 0;
  let oddZeros = 0;
  const length = head.length - (head.length % 2);
  for (let index = 0; index < length; index += 2) {
    if (head[index] === 0) evenZeros += 1;
    if (head[index + 1] === 0) oddZeros += 1;
  }
  const pairs = length / 2;
  if (pairs === 0) return undefined;
  if (oddZeros * 5 >= pairs && evenZeros === 0) return 'utf16le';
  if (evenZeros * 5 >= pairs && oddZeros === 0) return 'utf16be';
  return undefined;
}

/**
 * Text has few control characters. A stray NUL counts as one, because broken
 * exports leave them in CSV files; the CSV reader drops them.
 */
function looksLikeText(head: Buffer): boolean {
  if (utf16EncodingOf(head)) return true;
  let controls = 0;
  for (const byte of head) {
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) controls += 1;
  }
  return controls * 100 <= head.length;
}

/** Searches a file for a byte string, a chunk at a time; chunks overlap so a match across two of them is found. */
async function containsBytes(filePath: string, needle: Buffer): Promise<boolean> {
  let carry = Buffer.alloc(0);
  for await (const chunk of fs.createReadStream(filePath, { highWaterMark: 1024 * 1024 })) {
    const window = Buffer.concat([carry, chunk as Buffer]);
    if (window.includes(needle)) return true;
    carry = window.subarray(Math.max(0, window.length - needle.length + 1));
  }
  return false;
}
