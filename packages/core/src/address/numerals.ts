const DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** Chinese numerals from 一 (1) to 九十九 (99): 十, 十二, 二十, 二十三. */
const CHINESE_NUMERAL = /^([一二三四五六七八九])?(十)?([一二三四五六七八九])?$/u;

/**
 * Reads a Chinese numeral from 1 to 99, as written for buildings and units
 * (三幢, 十二单元). Returns undefined for anything else, including 二三 and
 * 十十, which are not numerals.
 */
export function readChineseNumeral(text: string): number | undefined {
  const match = CHINESE_NUMERAL.exec(text);
  if (match === null || text === '') return undefined;

  const [, first, ten, last] = match;
  if (ten === undefined) {
    // Without 十 only a single digit is a numeral: 三 is 3, but 三四 is not.
    return first !== undefined && last === undefined ? DIGITS[first] : undefined;
  }

  const tens = first === undefined ? 1 : (DIGITS[first] ?? 0);
  const units = last === undefined ? 0 : (DIGITS[last] ?? 0);
  return tens * 10 + units;
}
