import yauzl from 'yauzl';
import { AppError } from '../../errors/app-error.js';
import { IMPORT_LIMITS } from './limits.js';
import { type XmlShapeLimits, XmlShapeScanner } from './xml-shape.js';

/** Largest data descriptor after an entry's data: signature, CRC-32 and two 64-bit sizes. */
const MAX_DATA_DESCRIPTOR_BYTES = 24;

interface ZipLimits {
  maxEntries: number;
  maxEntryBytes: number;
  maxTotalBytes: number;
  /** Limit of an XML part other than a worksheet, which the reader keeps in memory. */
  maxInMemoryPartBytes: number;
  xml: XmlShapeLimits;
}

/** Worksheets are the only XML parts the reader streams; it keeps every other part it uses in memory. */
const WORKSHEET_PART = /^xl\/worksheets\/sheet\d+\.xml$/;
const XML_PART = /\.(xml|rels)$/i;

function openZip(filePath: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.open(filePath, { lazyEntries: true, autoClose: false, validateEntrySizes: true }, (error, zipfile) => {
      if (error || !zipfile) reject(new AppError('IMPORT_FILE_UNREADABLE', 'file'));
      else resolve(zipfile);
    });
  });
}

function readEntries(zipfile: yauzl.ZipFile, maxEntries: number): Promise<yauzl.Entry[]> {
  if (zipfile.entryCount > maxEntries) return Promise.reject(new AppError('IMPORT_ZIP_TOO_LARGE', 'file'));
  return new Promise((resolve, reject) => {
    const entries: yauzl.Entry[] = [];
    zipfile.on('entry', (entry: yauzl.Entry) => {
      entries.push(entry);
      zipfile.readEntry();
    });
    zipfile.on('end', () => resolve(entries));
    zipfile.on('error', () => reject(new AppError('IMPORT_FILE_UNREADABLE', 'file')));
    zipfile.readEntry();
  });
}

function dataStartOf(zipfile: yauzl.ZipFile, entry: yauzl.Entry): Promise<number> {
  return new Promise((resolve, reject) => {
    zipfile.readLocalFileHeader(entry, { minimal: true }, (error, header) => {
      if (error || !header) reject(new AppError('IMPORT_FILE_UNREADABLE', 'file'));
      else resolve(header.fileDataStart);
    });
  });
}

/**
 * Checks that the entries of the central directory cover the file without
 * gaps or overlaps. Readers that walk the local headers one after another
 * never see the central directory, so an entry hidden between two listed ones,
 * or two entries sharing compressed data, would escape the byte counts below.
 */
async function checkLayout(zipfile: yauzl.ZipFile, entries: yauzl.Entry[], centralDirectoryOffset: number): Promise<void> {
  const sorted = [...entries].sort((a, b) => a.relativeOffsetOfLocalHeader - b.relativeOffsetOfLocalHeader);
  let expectedStart = 0;
  for (const entry of sorted) {
    const gap = entry.relativeOffsetOfLocalHeader - expectedStart;
    if (gap < 0 || gap > MAX_DATA_DESCRIPTOR_BYTES || (expectedStart === 0 && gap !== 0)) {
      throw new AppError('IMPORT_FILE_UNREADABLE', 'file');
    }
    expectedStart = (await dataStartOf(zipfile, entry)) + entry.compressedSize;
  }
  const tail = centralDirectoryOffset - expectedStart;
  if (tail < 0 || tail > MAX_DATA_DESCRIPTOR_BYTES) throw new AppError('IMPORT_FILE_UNREADABLE', 'file');
}

/**
 * Decompresses one entry and counts its real bytes, stopping at the first
 * byte over a limit. An XML part also goes through the shape scanner.
 */
function countEntryBytes(
  zipfile: yauzl.ZipFile,
  entry: yauzl.Entry,
  maxEntryBytes: number,
  totalLeft: number,
  scanner: XmlShapeScanner | undefined,
): Promise<number> {
  return new Promise((resolve, reject) => {
    zipfile.openReadStream(entry, (error, stream) => {
      if (error || !stream) {
        reject(new AppError('IMPORT_FILE_UNREADABLE', 'file'));
        return;
      }
      let bytes = 0;
      stream.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        try {
          if (bytes > maxEntryBytes || bytes > totalLeft) throw new AppError('IMPORT_ZIP_TOO_LARGE', 'file');
          scanner?.push(chunk);
        } catch (error) {
          stream.destroy();
          reject(error);
        }
      });
      stream.on('end', () => resolve(bytes));
      // A declared size that differs from the real one, or broken deflate data, ends up here.
      stream.on('error', () => reject(new AppError('IMPORT_FILE_UNREADABLE', 'file')));
    });
  });
}

/**
 * Guards the reader against zip bombs before it opens a package: caps the
 * number of entries, then decompresses every entry and counts the bytes it
 * really produces, per entry and in total, because the sizes a zip declares
 * can lie. XML parts are checked for nesting, token length and DTDs on the
 * way (see XmlShapeScanner). Memory stays at one inflate window and one
 * chunk at a time.
 */
export async function checkZipPackage(filePath: string, limits: ZipLimits = defaultZipLimits()): Promise<void> {
  const zipfile = await openZip(filePath);
  try {
    // yauzl starts reading entries at the central directory, so its cursor is the directory's offset until the first read.
    const centralDirectoryOffset = (zipfile as unknown as { readEntryCursor: number }).readEntryCursor;
    const entries = await readEntries(zipfile, limits.maxEntries);
    if (entries.length === 0) throw new AppError('IMPORT_FILE_UNREADABLE', 'file');
    await checkLayout(zipfile, entries, centralDirectoryOffset);

    let total = 0;
    for (const entry of entries) {
      if (entry.fileName.endsWith('/')) continue;
      const isXml = XML_PART.test(entry.fileName);
      const maxEntryBytes = isXml && !WORKSHEET_PART.test(entry.fileName) ? limits.maxInMemoryPartBytes : limits.maxEntryBytes;
      if (entry.uncompressedSize > maxEntryBytes) throw new AppError('IMPORT_ZIP_TOO_LARGE', 'file');
      const scanner = isXml ? new XmlShapeScanner(limits.xml) : undefined;
      total += await countEntryBytes(zipfile, entry, maxEntryBytes, limits.maxTotalBytes - total, scanner);
    }
  } finally {
    zipfile.close();
  }
}

function defaultZipLimits(): ZipLimits {
  return {
    maxEntries: IMPORT_LIMITS.maxZipEntries,
    maxEntryBytes: IMPORT_LIMITS.maxZipEntryBytes,
    maxTotalBytes: IMPORT_LIMITS.maxZipTotalBytes,
    maxInMemoryPartBytes: IMPORT_LIMITS.maxZipInMemoryPartBytes,
    xml: { maxDepth: IMPORT_LIMITS.maxXmlDepth, maxTokenBytes: IMPORT_LIMITS.maxXmlTokenBytes },
  };
}
