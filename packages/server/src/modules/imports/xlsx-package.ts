import type { Readable } from 'node:stream';
import yauzl from 'yauzl';

/**
 * An xlsx file opened for reading its parts by name. The parts are found
 * through the zip's central directory, so the order in which Excel, WPS or
 * LibreOffice stored them does not matter, and nothing is copied to disk.
 */
export interface XlsxPackage {
  has(name: string): boolean;
  /** Streams a part's decompressed bytes. */
  open(name: string): Promise<Readable>;
  /** Reads a small part (workbook, relationships, styles) whole, as UTF-8 text. */
  readText(name: string): Promise<string>;
  close(): void;
}

export async function openXlsxPackage(filePath: string): Promise<XlsxPackage> {
  const zipfile = await new Promise<yauzl.ZipFile>((resolve, reject) => {
    yauzl.open(filePath, { lazyEntries: true, autoClose: false, validateEntrySizes: true }, (error, opened) => {
      if (error || !opened) reject(error ?? new Error('the zip file did not open'));
      else resolve(opened);
    });
  });

  const entries = await new Promise<Map<string, yauzl.Entry>>((resolve, reject) => {
    const byName = new Map<string, yauzl.Entry>();
    zipfile.on('entry', (entry: yauzl.Entry) => {
      byName.set(entry.fileName, entry);
      zipfile.readEntry();
    });
    zipfile.once('end', () => resolve(byName));
    zipfile.once('error', reject);
    zipfile.readEntry();
  }).catch((error: unknown) => {
    zipfile.close();
    throw error;
  });

  const open = (name: string) =>
    new Promise<Readable>((resolve, reject) => {
      const entry = entries.get(name);
      if (!entry) return reject(new Error(`the package has no part ${name}`));
      zipfile.openReadStream(entry, (error, stream) => {
        if (error || !stream) reject(error ?? new Error(`the part ${name} did not open`));
        else resolve(stream);
      });
    });

  return {
    has: (name) => entries.has(name),
    open,
    async readText(name) {
      const chunks: Buffer[] = [];
      for await (const chunk of await open(name)) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
    close: () => zipfile.close(),
  };
}

/** Local name of an XML tag or attribute, without a namespace prefix such as "x:" or "r:". */
export function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon === -1 ? name : name.slice(colon + 1);
}

/** Excel writes characters that XML cannot carry as _xHHHH_ (a carriage return is _x000D_). */
export function unescapeOoxml(text: string): string {
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_match, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}
