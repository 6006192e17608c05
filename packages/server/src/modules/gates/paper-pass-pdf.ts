import { fieldLabelOf } from '@cordon/core';
import QRCode from 'qrcode';
import { createNoticeDocument } from '../quarantine/pdf.js';

/**
 * The facts printed on one paper pass; the name is already masked. The card
 * number is left off: it is what a card reader accepts, and a paper pass is
 * easy to copy.
 */
export interface PaperPass {
  compoundName: string;
  holderName: string;
  serial: string;
  roomText: string | null;
  validUntil: string | null;
  /** Fixed code of the paper pass from paperPassCode, drawn as a QR code. */
  code: string;
}

/** Passes on one A4 sheet: two columns of four, cut apart along the dashed lines. */
export const PASSES_PER_PAGE = 8;
const COLUMNS = 2;
const ROWS = PASSES_PER_PAGE / COLUMNS;
const PAGE_MARGIN = 28;
const GAP = 12;
const PADDING = 10;
const QR_SIZE = 104;
const GREY = '#555555';

/** Both languages on one line, Chinese first: the pass is read by the gate volunteer and by a foreign resident. */
/** A label in Chinese and English; field labels are lower case for messages, so the English one is capitalised here. */
function bilingual(field: string): string {
  const english = fieldLabelOf('en', field);
  return `${fieldLabelOf('zh-CN', field)} ${english.charAt(0).toUpperCase()}${english.slice(1)}`;
}

/** Draws a QR code as filled squares: vector output stays sharp at any printer resolution. */
function drawQrCode(doc: PDFKit.PDFDocument, text: string, x: number, y: number, size: number) {
  const modules = QRCode.create(text, { errorCorrectionLevel: 'M' }).modules;
  // Four modules of quiet zone on every side, as scanners expect.
  const cell = size / (modules.size + 8);
  const origin = { x: x + 4 * cell, y: y + 4 * cell };
  for (let row = 0; row < modules.size; row += 1) {
    for (let column = 0; column < modules.size; column += 1) {
      if (modules.get(row, column)) doc.rect(origin.x + column * cell, origin.y + row * cell, cell, cell);
    }
  }
  doc.fillColor('black').fill();
}

function drawPass(doc: PDFKit.PDFDocument, pass: PaperPass, x: number, y: number, width: number, height: number) {
  doc.save();
  doc.lineWidth(0.5).dash(4, { space: 3 }).strokeColor('#999999').rect(x, y, width, height).stroke();
  doc.restore();

  const inner = { x: x + PADDING, y: y + PADDING, width: width - 2 * PADDING };
  const textWidth = inner.width - QR_SIZE - 6;
  doc.font('sc').fillColor('black').fontSize(13);
  doc.text(pass.compoundName, inner.x, inner.y, { width: textWidth, lineBreak: false, ellipsis: true });
  doc
    .fontSize(9)
    .fillColor(GREY)
    .text(bilingual('paperPassTitle'), inner.x, inner.y + 18, { width: textWidth });

  const rows: [string, string][] = [
    ['holderName', pass.holderName],
    ['serial', pass.serial],
    ['room', pass.roomText ?? '—'],
    ['validUntil', pass.validUntil ?? '—'],
  ];
  let lineY = inner.y + 36;
  for (const [field, value] of rows) {
    doc.fontSize(7).fillColor(GREY).text(bilingual(field), inner.x, lineY, { width: textWidth, lineBreak: false });
    doc
      .fontSize(9.5)
      .fillColor('black')
      .text(value, inner.x, lineY + 8.5, { width: textWidth, height: 12, ellipsis: true });
    lineY += 22;
  }

  drawQrCode(doc, pass.code, x + width - PADDING - QR_SIZE, inner.y + 4, QR_SIZE);
  doc.fontSize(6.5).fillColor(GREY);
  doc.text(fieldLabelOf('zh-CN', 'paperPassUse'), inner.x, y + height - PADDING - 20, { width: inner.width });
  doc.text(fieldLabelOf('en', 'paperPassUse'), { width: inner.width });
}

/**
 * Renders paper passes on A4 sheets, PASSES_PER_PAGE to a sheet, in the
 * given order. The document title names the compound, never a person.
 */
export async function renderPaperPasses(passes: PaperPass[], options: { title: string; compress?: boolean }): Promise<Buffer> {
  const doc = createNoticeDocument({ title: options.title, compress: options.compress ?? true });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });

  passes.forEach((pass, index) => {
    const slot = index % PASSES_PER_PAGE;
    // No page margin: every position is absolute, and pdfkit would otherwise start a page for text near the bottom.
    if (slot === 0) doc.addPage({ size: 'A4', margin: 0 });
    const width = (doc.page.width - 2 * PAGE_MARGIN - (COLUMNS - 1) * GAP) / COLUMNS;
    const height = (doc.page.height - 2 * PAGE_MARGIN - (ROWS - 1) * GAP) / ROWS;
    const column = slot % COLUMNS;
    const row = Math.floor(slot / COLUMNS);
    drawPass(doc, pass, PAGE_MARGIN + column * (width + GAP), PAGE_MARGIN + row * (height + GAP), width, height);
  });
  doc.end();
  await finished;
  return Buffer.concat(chunks);
}
