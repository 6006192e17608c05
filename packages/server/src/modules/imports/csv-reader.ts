import fs from 'node:fs';
import iconv from 'iconv-lite';
import { AppError } from '../../errors/app-error.js';
import { type Utf16Encoding, utf16EncodingOf } from './file-type.js';
import { IMPORT_LIMITS } from './limits.js';
import { columnLetterOf, type SheetRow } from './sheet-rows.js';

type CsvEncoding = 'utf8' | Utf16Encoding | 'gb18030';

/**
 * Finds the encoding of a CSV file: UTF-16 when it starts with a byte-order
 * mark (Excel's "Unicode text") or has the zero bytes of UTF-16 (see
 * utf16EncodingOf), UTF-8 when every byte sequence of
 * the file is valid UTF-8, else GB18030, the encoding Excel and WPS use for
 * CSV on Chinese Windows. GB18030 is a superset of GBK and GB2312.
 */
async function detectEncoding(filePath: string): Promise<CsvEncoding> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let first = true;
  try {
    for await (const chunk of fs.createReadStream(filePath)) {
      const bytes = chunk as Buffer;
      const utf16 = first ? utf16EncodingOf(bytes.subarray(0, 4096)) : undefined;
      if (utf16) return utf16;
      first = false;
      decoder.decode(bytes, { stream: true });
    }
    decoder.decode();
    return 'utf8';
  } catch (error) {
    // TODO: a Big5 file (Taiwan, Hong Kong) also decodes as GB18030, into wrong characters, and then fails with IMPORT_HEADER_NOT_FOUND.
    if (error instanceof TypeError) return 'gb18030';
    throw error;
  }
}

/** Picks the delimiter of the first line: tab for Excel's "Unicode text", else whichever of tab, comma and semicolon occurs most. */
function delimiterOf(firstLine: string): string {
  const counts = [',', '\t', ';'].map((delimiter) => ({ delimiter, count: firstLine.split(delimiter).length - 1 }));
  counts.sort((a, b) => b.count - a.count);
  return counts[0]?.count ? (counts[0].delimiter as string) : ',';
}

/**
 * Splits CSV text into rows as RFC 4180 describes, with the lenience
 * spreadsheet programs need: CR, LF or CRLF line ends, quoted fields with
 * doubled quotes and line breaks inside. A field or row over the limits
 * rejects the file instead of growing without bound.
 */
class CsvSplitter {
  private field = '';
  private row: string[] = [];
  private inQuotes = false;
  private quoteSeen = false;
  private lastWasCr = false;
  private delimiter: string | undefined;
  private pending = '';
  private rowsDone = 0;

  constructor(private readonly onRow: (cells: string[]) => void) {}

  push(text: string): void {
    if (this.delimiter === undefined) {
      this.pending += text;
      const lineEnd = this.pending.search(/[\r\n]/);
      if (lineEnd < 0 && this.pending.length < 65_536) return;
      this.delimiter = delimiterOf(this.pending.slice(0, lineEnd < 0 ? undefined : lineEnd));
      text = this.pending;
      this.pending = '';
    }
    for (const char of text) this.consume(char);
  }

  end(): void {
    if (this.delimiter === undefined) {
      this.delimiter = delimiterOf(this.pending);
      for (const char of this.pending) this.consume(char);
    }
    if (this.field !== '' || this.row.length > 0) this.finishRow();
  }

  private consume(char: string): void {
    if (this.inQuotes) {
      if (char === '"') {
        this.inQuotes = false;
        this.quoteSeen = true;
      } else this.append(char);
      return;
    }
    if (char === '"') {
      // A quote right after a closing quote is an escaped quote; at the start of a field it opens quoting.
      if (this.quoteSeen) this.append('"');
      if (this.quoteSeen || this.field === '') this.inQuotes = true;
      else this.append(char);
      this.quoteSeen = false;
      return;
    }
    this.quoteSeen = false;
    if (char === '\n' && this.lastWasCr) {
      this.lastWasCr = false;
      return;
    }
    this.lastWasCr = char === '\r';
    if (char === this.delimiter) this.finishField();
    else if (char === '\r' || char === '\n') this.finishRow();
    else this.append(char);
  }

  private append(char: string): void {
    // NUL bytes come from broken exports; text columns of PostgreSQL cannot store them, and Excel drops them too.
    if (char === '\0') return;
    if (this.field.length >= IMPORT_LIMITS.maxFieldLength) {
      const cell = `${columnLetterOf(this.row.length)}${this.rowsDone + 1}`;
      throw new AppError('IMPORT_CELL_TOO_LONG', 'file', { cell, limit: IMPORT_LIMITS.maxFieldLength });
    }
    this.field += char;
  }

  private finishField(): void {
    if (this.row.length < IMPORT_LIMITS.maxColumns) this.row.push(this.field);
    this.field = '';
  }

  private finishRow(): void {
    this.finishField();
    const cells = this.row;
    this.row = [];
    this.rowsDone += 1;
    this.onRow(cells);
  }
}

/**
 * Reads the rows of a CSV file, decoding it as it streams. Row numbers count
 * lines of records as a spreadsheet program shows them, from 1.
 */
export async function* readCsvRows(filePath: string): AsyncGenerator<SheetRow> {
  const encoding = await detectEncoding(filePath);
  const decoder = iconv.getDecoder(encoding, { stripBOM: true });
  const ready: SheetRow[] = [];
  let number = 0;
  const splitter = new CsvSplitter((cells) => {
    number += 1;
    ready.push({ number, cells });
  });

  for await (const chunk of fs.createReadStream(filePath, { highWaterMark: 64 * 1024 })) {
    splitter.push(decoder.write(chunk as Buffer));
    yield* ready.splice(0);
  }
  const rest = decoder.end();
  if (rest) splitter.push(rest);
  splitter.end();
  yield* ready.splice(0);
}
