/**
 * Province characters that open a civilian plate number, with the
 * province-level division they stand for and its GB/T 2260 code.
 */
export const PROVINCE_ABBREVIATIONS = {
  京: { name: '北京市', code: '110000' },
  津: { name: '天津市', code: '120000' },
  冀: { name: '河北省', code: '130000' },
  晋: { name: '山西省', code: '140000' },
  蒙: { name: '内蒙古自治区', code: '150000' },
  辽: { name: '辽宁省', code: '210000' },
  吉: { name: '吉林省', code: '220000' },
  黑: { name: '黑龙江省', code: '230000' },
  沪: { name: '上海市', code: '310000' },
  苏: { name: '江苏省', code: '320000' },
  浙: { name: '浙江省', code: '330000' },
  皖: { name: '安徽省', code: '340000' },
  闽: { name: '福建省', code: '350000' },
  赣: { name: '江西省', code: '360000' },
  鲁: { name: '山东省', code: '370000' },
  豫: { name: '河南省', code: '410000' },
  鄂: { name: '湖北省', code: '420000' },
  湘: { name: '湖南省', code: '430000' },
  粤: { name: '广东省', code: '440000' },
  桂: { name: '广西壮族自治区', code: '450000' },
  琼: { name: '海南省', code: '460000' },
  渝: { name: '重庆市', code: '500000' },
  川: { name: '四川省', code: '510000' },
  贵: { name: '贵州省', code: '520000' },
  云: { name: '云南省', code: '530000' },
  藏: { name: '西藏自治区', code: '540000' },
  陕: { name: '陕西省', code: '610000' },
  甘: { name: '甘肃省', code: '620000' },
  青: { name: '青海省', code: '630000' },
  宁: { name: '宁夏回族自治区', code: '640000' },
  新: { name: '新疆维吾尔自治区', code: '650000' },
} as const satisfies Record<string, { name: string; code: string }>;

export type ProvinceAbbreviation = keyof typeof PROVINCE_ABBREVIATIONS;

export function isProvinceAbbreviation(char: string | undefined): char is ProvinceAbbreviation {
  return char !== undefined && Object.hasOwn(PROVINCE_ABBREVIATIONS, char);
}
