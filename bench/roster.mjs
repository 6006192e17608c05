// Writes a synthetic 返苏人员登记表 (arrivals roster) as an office would fill
// the template, streamed row by row so 100,000 rows cost little memory here.
import ExcelJS from 'exceljs';
import { syntheticIdNumber, syntheticName, syntheticPhone } from './seed-persons.mjs';

const HEADERS = ['姓名', '身份证号码', '手机号码', '来源地', '返苏日期', '交通方式', '备注'];
const ORIGINS = ['420106', '420102', '330106', '310115', '320505'];
const TRAVEL_MODES = ['自驾', '火车', '飞机', '大巴'];

/**
 * Writes `count` rows to `file`. Identity numbers start at `firstIndex` of
 * the synthetic sequence, so a roster does not collide with seeded files.
 */
export async function writeRoster(file, { count, firstIndex }) {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false, useStyles: true });
  const sheet = workbook.addWorksheet('返苏人员登记表');
  sheet.columns = HEADERS.map((header) => ({ header, width: 18 }));
  sheet.getColumn(2).numFmt = '@';
  for (let offset = 0; offset < count; offset++) {
    const index = firstIndex + offset;
    const day = 1 + (offset % 20);
    sheet
      .addRow([
        syntheticName(index),
        syntheticIdNumber(index),
        syntheticPhone(index),
        ORIGINS[offset % ORIGINS.length],
        `2020-02-${String(day).padStart(2, '0')}`,
        TRAVEL_MODES[offset % TRAVEL_MODES.length],
        '',
      ])
      .commit();
  }
  sheet.commit();
  await workbook.commit();
}
