import { inflateSync } from 'node:zlib';

/**
 * Reads the text of a PDF that pdfkit wrote, for tests: inflates the
 * FlateDecode streams, maps each font's glyph ids back to characters through
 * its ToUnicode CMap, and joins the strings of the TJ operators page by page.
 * It reads pdfkit's output only (Identity-H fonts, hex strings, no object
 * streams), not PDFs in general.
 */
export function extractPdfPages(pdf: Buffer): string[] {
  const text = pdf.toString('latin1');
  const objects = new Map<number, { dict: string; stream: string | null }>();
  // Objects are read in file order, and a stream's bytes are skipped by its /Length, so binary data never reads as syntax.
  const header = /(\d+) 0 obj\s*/y;
  let position = 0;
  while (position < text.length) {
    const next = text.indexOf(' 0 obj', position);
    if (next < 0) break;
    const lineStart = text.lastIndexOf('\n', next) + 1;
    header.lastIndex = lineStart;
    const match = header.exec(text);
    if (!match) {
      position = next + 1;
      continue;
    }
    const id = Number(match[1]);
    const bodyStart = header.lastIndex;
    const endObject = text.indexOf('endobj', bodyStart);
    const streamKeyword = text.indexOf('stream', bodyStart);
    if (streamKeyword < 0 || streamKeyword > endObject) {
      objects.set(id, { dict: text.slice(bodyStart, endObject), stream: null });
      position = endObject + 'endobj'.length;
      continue;
    }
    const dict = text.slice(bodyStart, streamKeyword);
    const length = Number(/\/Length (\d+)/.exec(dict)?.[1] ?? '0');
    let dataStart = streamKeyword + 'stream'.length;
    if (text[dataStart] === '\r') dataStart += 1;
    if (text[dataStart] === '\n') dataStart += 1;
    const raw = pdf.subarray(dataStart, dataStart + length);
    const stream = dict.includes('/FlateDecode') ? inflateSync(raw).toString('latin1') : raw.toString('latin1');
    objects.set(id, { dict, stream });
    position = text.indexOf('endobj', dataStart + length) + 'endobj'.length;
  }

  const cmapOfFont = new Map<number, Map<number, string>>();
  const cmapOf = (fontId: number) => {
    let cmap = cmapOfFont.get(fontId);
    if (cmap) return cmap;
    cmap = new Map();
    const toUnicode = /\/ToUnicode (\d+) 0 R/.exec(objects.get(fontId)?.dict ?? '');
    const source = toUnicode ? (objects.get(Number(toUnicode[1]))?.stream ?? '') : '';
    parseCmap(source, cmap);
    cmapOfFont.set(fontId, cmap);
    return cmap;
  };

  const pages: string[] = [];
  const pageIds = [...objects.entries()].filter(([, object]) => /\/Type \/Page\b/.test(object.dict)).map(([id]) => id);
  for (const pageId of pageIds) {
    const page = objects.get(pageId)?.dict ?? '';
    const resourcesRef = /\/Resources (\d+) 0 R/.exec(page);
    const resources = resourcesRef ? (objects.get(Number(resourcesRef[1]))?.dict ?? '') : page;
    const fonts = new Map<string, number>();
    for (const font of resources.matchAll(/\/(F\d+) (\d+) 0 R/g)) fonts.set(font[1] ?? '', Number(font[2]));
    const contentsRef = /\/Contents (\d+) 0 R/.exec(page);
    const content = contentsRef ? (objects.get(Number(contentsRef[1]))?.stream ?? '') : '';
    pages.push(decodeContent(content, fonts, cmapOf));
  }
  return pages;
}

function parseCmap(source: string, cmap: Map<number, string>): void {
  const hexText = (hex: string) => String.fromCodePoint(...(hex.match(/.{4}/g) ?? []).map((unit) => parseInt(unit, 16)));
  for (const block of source.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const range of (block[1] ?? '').matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F]+>)/g)) {
      const start = parseInt(range[1] ?? '0', 16);
      const end = parseInt(range[2] ?? '0', 16);
      const target = range[3] ?? '';
      if (target.startsWith('[')) {
        const values = [...target.matchAll(/<([0-9a-fA-F]+)>/g)].map((value) => hexText(value[1] ?? ''));
        values.forEach((value, index) => cmap.set(start + index, value));
      } else {
        const first = parseInt(target.slice(1, -1), 16);
        for (let code = start; code <= end; code++) cmap.set(code, String.fromCodePoint(first + code - start));
      }
    }
  }
  for (const block of source.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const entry of (block[1] ?? '').matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) {
      cmap.set(parseInt(entry[1] ?? '0', 16), hexText(entry[2] ?? ''));
    }
  }
}

function decodeContent(content: string, fonts: Map<string, number>, cmapOf: (fontId: number) => Map<number, string>): string {
  let cmap = new Map<number, string>();
  let output = '';
  for (const match of content.matchAll(/\/(F\d+) [\d.]+ Tf|\[([^\]]*)\] TJ|(ET)/g)) {
    if (match[1]) cmap = cmapOf(fonts.get(match[1]) ?? -1);
    else if (match[3]) output += '\n';
    else {
      for (const hex of (match[2] ?? '').matchAll(/<([0-9a-fA-F]*)>/g)) {
        for (const unit of (hex[1] ?? '').match(/.{4}/g) ?? []) output += cmap.get(parseInt(unit, 16)) ?? '\uFFFD';
      }
    }
  }
  return output;
}
