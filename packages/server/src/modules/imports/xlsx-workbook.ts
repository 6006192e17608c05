import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { localName, type XlsxPackage } from './xlsx-package.js';

/** Parts and settings of a workbook that reading its first worksheet needs. */
export interface WorkbookLayout {
  /** Part name of the first worksheet in tab order, e.g. "xl/worksheets/sheet1.xml". */
  firstSheet: string;
  sharedStrings: string | null;
  styles: string | null;
  /** True for workbooks that count dates from 1904 (older Mac Excel). */
  date1904: boolean;
}

/** Number formats 14–22 and 45–47 are dates and times in every locale; 27–36 and 50–58 are the CJK date formats. */
const BUILT_IN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58,
]);

function parseTags(xml: string, onTag: (tag: SaxesTagPlain) => void): void {
  const parser = new SaxesParser();
  let failure: Error | null = null;
  parser.on('opentag', onTag);
  parser.on('error', (error) => {
    failure = error;
  });
  parser.write(xml).close();
  if (failure) throw failure;
}

function attribute(tag: SaxesTagPlain, name: string): string | undefined {
  for (const [key, value] of Object.entries(tag.attributes)) {
    if (localName(key) === name) return value;
  }
  return undefined;
}

/** Resolves a relationship target against the folder of the part that owns it ("xl/"). */
function resolveTarget(target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = `xl/${target}`.split('/');
  const resolved: string[] = [];
  for (const part of parts) {
    if (part === '..') resolved.pop();
    else if (part !== '.' && part !== '') resolved.push(part);
  }
  return resolved.join('/');
}

/** Reads workbook.xml and its relationships: the first worksheet, the shared strings and styles parts, and the date system. */
export async function readWorkbookLayout(pkg: XlsxPackage): Promise<WorkbookLayout> {
  let firstSheetId: string | undefined;
  let date1904 = false;
  parseTags(await pkg.readText('xl/workbook.xml'), (tag) => {
    const name = localName(tag.name);
    if (name === 'sheet' && firstSheetId === undefined) firstSheetId = attribute(tag, 'id');
    if (name === 'workbookPr') date1904 = ['1', 'true'].includes(attribute(tag, 'date1904') ?? '');
  });

  const targets = new Map<string, { type: string; target: string }>();
  parseTags(await pkg.readText('xl/_rels/workbook.xml.rels'), (tag) => {
    if (localName(tag.name) !== 'Relationship') return;
    const id = attribute(tag, 'Id');
    const target = attribute(tag, 'Target');
    if (id && target) targets.set(id, { type: attribute(tag, 'Type') ?? '', target: resolveTarget(target) });
  });

  const sheet = firstSheetId === undefined ? undefined : targets.get(firstSheetId);
  if (!sheet || !pkg.has(sheet.target)) throw new Error('the workbook names no worksheet that the package contains');
  const partOfType = (suffix: string) => {
    const found = [...targets.values()].find((relation) => relation.type.endsWith(suffix));
    return found && pkg.has(found.target) ? found.target : null;
  };
  return { firstSheet: sheet.target, sharedStrings: partOfType('/sharedStrings'), styles: partOfType('/styles'), date1904 };
}

/** True for a format code that shows a date or a time: y, m, d, h or s outside quoted text, escapes and [colour] brackets. */
function isDateFormatCode(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[(?![hms]+\])[^\]]*\]/gi, '');
  return /[ymdhs]/i.test(bare);
}

/** Reads styles.xml: the indexes of the cell formats (the "s" attribute of a cell) that show dates. */
export async function readDateStyles(pkg: XlsxPackage, stylesPart: string | null): Promise<Set<number>> {
  const dateStyles = new Set<number>();
  if (stylesPart === null) return dateStyles;

  const customDateFormats = new Set<number>();
  let inCellFormats = false;
  let index = 0;
  const parser = new SaxesParser();
  let failure: Error | null = null;
  parser.on('opentag', (tag) => {
    const name = localName(tag.name);
    if (name === 'numFmt') {
      const id = Number(attribute(tag, 'numFmtId'));
      if (isDateFormatCode(attribute(tag, 'formatCode') ?? '')) customDateFormats.add(id);
    } else if (name === 'cellXfs') {
      inCellFormats = true;
    } else if (name === 'xf' && inCellFormats) {
      const formatId = Number(attribute(tag, 'numFmtId') ?? '0');
      if (BUILT_IN_DATE_FORMATS.has(formatId) || customDateFormats.has(formatId)) dateStyles.add(index);
      index += 1;
    }
  });
  parser.on('closetag', (tag) => {
    if (localName(tag.name) === 'cellXfs') inCellFormats = false;
  });
  parser.on('error', (error) => {
    failure = error;
  });
  parser.write(await pkg.readText(stylesPart)).close();
  if (failure) throw failure;
  return dateStyles;
}
