import type { Writable } from 'node:stream';
import { computeGb11643CheckDigit, fieldLabelOf, type Locale } from '@cordon/core';
import ExcelJS from 'exceljs';
import type { HeaderColumn } from './header.js';
import {
  columnsOfKind,
  DOCUMENT_FIELDS,
  DOCUMENT_TYPE_LABELS,
  dropDownLabels,
  HOUSEHOLD_ROLE_LABELS,
  type ImportKind,
  PHONE_FIELDS,
  TRAVEL_MODE_LABELS,
} from './kinds.js';
import { columnLetterOf } from './sheet-rows.js';
import { errorMessageOf } from './service.js';
import type { RowError } from './validate.js';

/** Rows of the template that get the drop-down lists and the text format. */
const TEMPLATE_ROWS = 5000;

/** Names of the example rows start with this mark, and the import skips such rows. */
export const EXAMPLE_MARK = '示例';

export const SHEET_TITLES: Record<ImportKind, string> = { arrivals: '返苏人员登记表', rentals: '出租房屋登记表' };

/** Builds a made-up resident ID of 姑苏区 with a correct check digit, so the example row shows a well-formed number. */
function exampleId(sequence: string): string {
  const body = `32050819900101${sequence}`;
  return body + (computeGb11643CheckDigit(body) ?? '');
}

const EXAMPLES: Record<ImportKind, Record<string, string>> = {
  arrivals: {
    name: `${EXAMPLE_MARK}张三`,
    documentType: '居民身份证',
    documentNumber: exampleId('123'),
    nationality: 'CHN',
    phone: '13800138000',
    originRegion: '湖北省武汉市',
    arrivalDate: '2020-02-03',
    travelMode: '火车',
    travelNumber: 'G1234',
    address: '金色里程3幢2单元1202室',
    householdRole: '租户',
    notes: '',
  },
  rentals: {
    address: '金色里程3幢2单元1202室',
    landlordName: `${EXAMPLE_MARK}李四`,
    landlordDocumentType: '居民身份证',
    landlordDocumentNumber: exampleId('135'),
    landlordPhone: '13900139000',
    tenantName: '王五',
    tenantDocumentType: '居民身份证',
    tenantDocumentNumber: exampleId('147'),
    tenantPhone: '13700137000',
    startDate: '2020-01-01',
    endDate: '2020-12-31',
    notes: '',
  },
};

const LISTS: Record<string, string[]> = {
  documentType: dropDownLabels(DOCUMENT_TYPE_LABELS, 6),
  landlordDocumentType: dropDownLabels(DOCUMENT_TYPE_LABELS, 6),
  tenantDocumentType: dropDownLabels(DOCUMENT_TYPE_LABELS, 6),
  travelMode: dropDownLabels(TRAVEL_MODE_LABELS, 5),
  householdRole: dropDownLabels(HOUSEHOLD_ROLE_LABELS, 4),
};

const INSTRUCTIONS: Record<ImportKind, string[]> = {
  arrivals: [
    '返苏人员登记表填写说明',
    '1. 每行填写一人。第2行是示例，姓名以“示例”开头的行不会导入，可以保留或删除。',
    '2. 姓名和证件号码必填，其余列选填。证件号码列已设为文本格式，请勿改为数字格式，否则Excel会把18位号码变成4.20106E+17。',
    '3. 证件类型不填时按号码自动识别；护照须在“国籍”列填写三位字母代码（如USA、JPN）。',
    '4. 来源地可填地区名称（如“湖北省武汉市”“湖北武汉”）或6位行政区划代码。',
    '5. 日期可写作2020-02-03、2020/2/3、2020年2月3日或2月3日（不写年份时取今天及以前最近的一天）。',
    '6. 现住址须是本社区已登记的房屋，写作“小区名+3幢2单元1202室”或“小区名3-2-1202”；未登记的地址会被列为错误，请先在地址管理中添加。',
    '7. 交通方式、户内身份请从下拉列表中选择。表中多出的列会作为备注保存在预览中。',
    '8. 同一证件号码在本社区已有档案的，导入时更新档案；在其他辖区已有档案的，该行不导入，请联系上级处理。',
    '9. 文件须为.xlsx或.csv（UTF-8或GBK编码），不超过32 MB；.xls请先另存为.xlsx。',
  ],
  rentals: [
    '出租房屋登记表填写说明',
    '1. 每行填写一处出租房屋的一名租户。第2行是示例，房东姓名以“示例”开头的行不会导入。',
    '2. 房屋地址、房东姓名、房东证件号码、租户姓名、租户证件号码、起租日期必填。',
    '3. 证件号码列已设为文本格式，请勿改为数字格式。证件类型不填时按号码自动识别。',
    '4. 房屋地址须是本社区已登记的房屋或场所，写作“小区名+3幢2单元1202室”或场所的完整名称。',
    '5. 日期可写作2020-02-03、2020/2/3或2020年2月3日；到期日期可不填，填写时不得早于起租日期。',
    '6. 导入后房东档案的户内身份为户主，租户为租户，并记录租赁关系；再次导入同一文件不会重复登记。',
    '7. 文件须为.xlsx或.csv（UTF-8或GBK编码），不超过32 MB；.xls请先另存为.xlsx。',
  ],
};

/** Builds the template of a roster: headers, an example row, text-formatted number columns, drop-down lists and instructions. */
export async function buildTemplate(kind: ImportKind): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(SHEET_TITLES[kind]);
  const specs = columnsOfKind(kind);
  sheet.columns = specs.map((spec) => ({ header: spec.header, key: spec.field, width: spec.width }));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];

  for (const [index, spec] of specs.entries()) {
    const column = sheet.getColumn(index + 1);
    // Text format keeps 18-digit numbers and leading zeros as typed.
    if (DOCUMENT_FIELDS.has(spec.field) || PHONE_FIELDS.has(spec.field)) column.numFmt = '@';
    const list = LISTS[spec.field];
    if (list) {
      const letter = columnLetterOf(index);
      // exceljs 4.4 types dataValidations as internal; the model is the documented { type, formulae } object.
      (sheet as unknown as { dataValidations: { add(range: string, rule: object): void } }).dataValidations.add(
        `${letter}2:${letter}${TEMPLATE_ROWS}`,
        {
          type: 'list',
          allowBlank: true,
          showErrorMessage: true,
          formulae: [`"${list.join(',')}"`],
        },
      );
    }
  }
  const example = sheet.addRow(EXAMPLES[kind]);
  example.font = { color: { argb: 'FF808080' } };

  const help = workbook.addWorksheet('填写说明');
  help.getColumn(1).width = 110;
  for (const line of INSTRUCTIONS[kind]) help.addRow([line]);
  help.getRow(1).font = { bold: true, size: 14 };

  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export interface ErrorRow {
  row: number;
  cells: string[];
  errors: RowError[];
}

/**
 * Writes the error rows of an import as a workbook the office can fix and
 * send back. It has the original header and cells, every cell as text so
 * numbers stay as typed, and a last column with the reasons in the user's
 * language. Rows stream to `output`, so memory does not grow with the row count.
 */
export async function writeErrorWorkbook(output: Writable, columns: HeaderColumn[], rows: AsyncIterable<ErrorRow>, locale: Locale) {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet('errors');
  const width = Math.max(0, ...columns.map((column) => column.index + 1));
  const headerOf = new Map(columns.map((column) => [column.index, column.header]));
  const headers = Array.from({ length: width }, (_, index) => headerOf.get(index) ?? '');
  sheet.columns = [...headers.map(() => ({ width: 18, style: { numFmt: '@' } })), { width: 60 }];
  sheet.addRow([...headers, fieldLabelOf(locale, 'errorReason')]).commit();

  for await (const row of rows) {
    const cells = Array.from({ length: Math.max(width, row.cells.length) }, (_, index) => row.cells[index] ?? '');
    const reasons = row.errors.map((error) => errorMessageOf(locale, error));
    const written = sheet.addRow([...cells.slice(0, width), reasons.join('；')]);
    written.commit();
  }
  sheet.commit();
  await workbook.commit();
}

/** Builds a Content-Disposition value with an ASCII fallback and the UTF-8 name in RFC 5987 form. */
export function attachmentHeader(fileName: string, asciiFallback: string): string {
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${asciiFallback}"; filename*=UTF-8''${encoded}`;
}
