import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { NoticePage } from '@cordon/core';
import PDFDocument from 'pdfkit';

const require = createRequire(import.meta.url);

/**
 * Noto Sans SC draws Chinese, Japanese kana and Latin text but has no Hangul.
 * Noto Sans KR lacks many simplified Chinese characters, so a line is split
 * into runs and each run gets the font that has its glyphs.
 */
const FONT_FILES = {
  sc: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
  kr: '@expo-google-fonts/noto-sans-kr/400Regular/NotoSansKR_400Regular.ttf',
} as const;
type FontName = keyof typeof FONT_FILES;

const HANGUL = /[\u1100-\u11FF\u3130-\u318F\uA960-\uA97F\uAC00-\uD7FF]/u;

const fontCache = new Map<FontName, Buffer>();

/** Reads a font file once per process: the two files are 10 and 6 MB. */
function fontData(name: FontName): Buffer {
  let data = fontCache.get(name);
  if (!data) {
    data = fs.readFileSync(require.resolve(FONT_FILES[name]));
    fontCache.set(name, data);
  }
  return data;
}

const PAGE_MARGIN = 64;
const LABEL_WIDTH = 112;
const GREY = '#555555';

export interface NoticeDocumentOptions {
  /** false writes uncompressed content streams, for tests that read the text. */
  compress?: boolean;
  title: string;
}

/** Creates an A4 document with the fonts registered and no page yet. */
export function createNoticeDocument(options: NoticeDocumentOptions): PDFKit.PDFDocument {
  const doc = new PDFDocument({
    size: 'A4',
    margin: PAGE_MARGIN,
    autoFirstPage: false,
    compress: options.compress ?? true,
    // The title names the kind and the document number, never the person.
    info: { Title: options.title, Creator: 'Cordon' },
  });
  doc.registerFont('sc', fontData('sc'));
  doc.registerFont('kr', fontData('kr'));
  return doc;
}

/** Characters both fonts draw (ASCII and spaces); they join the run before them instead of starting a new one. */
const SHARED = /[\x20-\x7E\s]/u;

/** Splits text into runs of Hangul and of everything else, with the font of each. */
export function fontRunsOf(text: string): Array<{ font: FontName; text: string }> {
  if (!HANGUL.test(text)) return [{ font: 'sc', text }];
  const runs: Array<{ font: FontName; text: string }> = [];
  for (const char of text) {
    const last = runs[runs.length - 1];
    const font: FontName = HANGUL.test(char) ? 'kr' : 'sc';
    if (last && (last.font === font || SHARED.test(char))) last.text += char;
    else runs.push({ font, text: char });
  }
  return runs;
}

/** Writes text at the cursor or at (x, y), switching fonts between runs on the same lines. */
function write(doc: PDFKit.PDFDocument, text: string, options: PDFKit.Mixins.TextOptions = {}, at?: { x: number; y: number }) {
  const runs = fontRunsOf(text);
  runs.forEach((run, index) => {
    doc.font(run.font);
    const runOptions = { ...options, continued: index < runs.length - 1 };
    if (index === 0 && at) doc.text(run.text, at.x, at.y, runOptions);
    else doc.text(run.text, runOptions);
  });
}

/** Body font sizes tried from the largest down, until a page of a notice fits on one sheet; the smallest is used if none fits. */
const BODY_SIZES = [12, 11.5, 11, 10.5, 10, 9.5] as const;
const MIN_BODY_SIZE = 9;
const SIGNATURE_SPACE = 2;

function bodyOptions(width: number, size: number) {
  return { width, lineGap: size / 3, paragraphGap: size / 2 };
}

/** Measures the height of the body text at a font size, each string in the font of most of its characters. */
function bodyHeight(doc: PDFKit.PDFDocument, page: NoticePage, width: number, size: number): number {
  const options = bodyOptions(width, size);
  doc.fontSize(size);
  const measure = (text: string, extra: PDFKit.Mixins.TextOptions = {}) => {
    doc.font(HANGUL.test(text) ? 'kr' : 'sc');
    return doc.heightOfString(text, { ...options, ...extra }) + options.paragraphGap;
  };
  let height = measure(page.salutation);
  for (const paragraph of page.paragraphs) height += measure(paragraph, { indent: 24 });
  for (const requirement of page.requirements) height += measure(requirement, { width: width - 24 });
  height += measure(page.closing, { indent: 24 });
  // The signature line, the issuer and the date, with the blank lines between them.
  height += (3 + 2 * SIGNATURE_SPACE) * doc.currentLineHeight(true) + 3 * options.lineGap;
  return height;
}

/** Lays out one page of a notice: title, number, facts, body, signature line, issuer and date. */
export function writeNoticePage(doc: PDFKit.PDFDocument, page: NoticePage): void {
  doc.addPage();
  const left = doc.page.margins.left;
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const [numberField, ...fields] = page.fields;

  doc.fillColor('black').fontSize(20);
  write(doc, page.title, { align: 'center', width }, { x: left, y: doc.y });
  if (page.translationNote) {
    doc.moveDown(0.2).fontSize(9).fillColor(GREY);
    write(doc, page.translationNote, { align: 'center', width }, { x: left, y: doc.y });
    doc.fillColor('black');
  }
  if (numberField) {
    doc.moveDown(0.6).fontSize(11);
    write(doc, numberField.value, { align: 'right', width }, { x: left, y: doc.y });
  }

  doc.moveDown(0.8).fontSize(11);
  for (const field of fields) {
    const top = doc.y;
    write(doc, field.label, { width: LABEL_WIDTH }, { x: left, y: top });
    const labelBottom = doc.y;
    write(doc, field.value, { width: width - LABEL_WIDTH }, { x: left + LABEL_WIDTH, y: top });
    doc.x = left;
    doc.y = Math.max(labelBottom, doc.y) + 4;
  }
  doc.moveDown(1);

  // Long translations, names or addresses get a smaller body font rather than a second sheet.
  const room = doc.page.height - doc.page.margins.bottom - doc.y;
  const size = BODY_SIZES.find((candidate) => bodyHeight(doc, page, width, candidate) <= room) ?? MIN_BODY_SIZE;
  const body = bodyOptions(width, size);
  doc.fontSize(size);
  write(doc, page.salutation, body, { x: left, y: doc.y });
  for (const paragraph of page.paragraphs) write(doc, paragraph, { ...body, indent: 24 }, { x: left, y: doc.y });
  for (const requirement of page.requirements) {
    write(doc, requirement, { ...body, width: width - 24 }, { x: left + 24, y: doc.y });
  }
  write(doc, page.closing, { ...body, indent: 24 }, { x: left, y: doc.y });

  doc.moveDown(SIGNATURE_SPACE);
  write(doc, page.signature, { width }, { x: left, y: doc.y });
  doc.moveDown(SIGNATURE_SPACE);
  write(doc, page.issuer, { align: 'right', width }, { x: left, y: doc.y });
  write(doc, page.issuedOn, { align: 'right', width }, { x: left, y: doc.y });
}
