import { describe, expect, it } from 'vitest';
import { lookupPlatePrefix } from './lookup.js';
import { normalizePlateInput } from './normalize.js';

describe('lookupPlatePrefix one city per province', () => {
  it.each([
    ['京A', '北京市', '北京市', '110000'],
    ['津B', '天津市', '天津市', '120000'],
    ['冀F', '河北省', '保定市', '130600'],
    ['晋M', '山西省', '运城市', '140800'],
    ['蒙K', '内蒙古自治区', '鄂尔多斯市', '150600'],
    ['辽B', '辽宁省', '大连市', '210200'],
    ['吉H', '吉林省', '延边朝鲜族自治州', '222400'],
    ['黑E', '黑龙江省', '大庆市', '230600'],
    ['沪R', '上海市', '崇明区', '310151'],
    ['苏E', '江苏省', '苏州市', '320500'],
    ['浙B', '浙江省', '宁波市', '330200'],
    ['皖S', '安徽省', '亳州市', '341600'],
    ['闽D', '福建省', '厦门市', '350200'],
    ['赣B', '江西省', '赣州市', '360700'],
    ['鲁B', '山东省', '青岛市', '370200'],
    ['豫U', '河南省', '济源市', '419001'],
    ['鄂A', '湖北省', '武汉市', '420100'],
    ['湘U', '湖南省', '湘西土家族苗族自治州', '433100'],
    ['粤B', '广东省', '深圳市', '440300'],
    ['桂C', '广西壮族自治区', '桂林市', '450300'],
    ['琼B', '海南省', '三亚市', '460200'],
    ['渝F', '重庆市', '万州区', '500000'],
    ['川W', '四川省', '凉山彝族自治州', '513400'],
    ['贵C', '贵州省', '遵义市', '520300'],
    ['云K', '云南省', '西双版纳傣族自治州', '532800'],
    ['藏A', '西藏自治区', '拉萨市', '540100'],
    ['陕A', '陕西省', '西安市', '610100'],
    ['甘N', '甘肃省', '临夏回族自治州', '622900'],
    ['青H', '青海省', '海西蒙古族藏族自治州', '632800'],
    ['宁E', '宁夏回族自治区', '中卫市', '640500'],
    ['新C', '新疆维吾尔自治区', '石河子市', '659001'],
  ])('%s is %s %s', (prefix, province, city, regionCode) => {
    const info = lookupPlatePrefix(prefix);
    expect(info?.province).toBe(province);
    expect(info?.city).toBe(city);
    expect(info?.regionCode).toBe(regionCode);
  });
});

describe('lookupPlatePrefix special letters', () => {
  it.each([
    ['苏U', '苏州市', '320500'],
    ['鲁S', '济南市', '370100'],
    ['粤X', '佛山市', '440600'],
    ['黑L', '哈尔滨市', '230100'],
  ])('%s is %s', (prefix, city, regionCode) => {
    const info = lookupPlatePrefix(prefix);
    expect(info?.city).toBe(city);
    expect(info?.regionCode).toBe(regionCode);
    expect(info?.note).toBeDefined();
  });

  it.each(['苏O', '京O', '新O'])('%s is a provincial police prefix', (prefix) => {
    const info = lookupPlatePrefix(prefix);
    expect(info?.city).toBeUndefined();
    expect(info?.note).toMatch(/police/);
  });

  it('describes 粤Z as cross-border', () => {
    const info = lookupPlatePrefix('粤Z');
    expect(info?.province).toBe('广东省');
    expect(info?.regionCode).toBe('440000');
    expect(info?.note).toMatch(/Hong Kong and Macau/);
  });
});

describe('lookupPlatePrefix input forms', () => {
  it.each(['鄂a', ' 鄂 A ', '鄂·A', '鄂Ａ'])('reads %j as 鄂A', (prefix) => {
    expect(lookupPlatePrefix(prefix)?.prefix).toBe('鄂A');
  });

  it('reads 0 as the letter O', () => {
    expect(lookupPlatePrefix('苏0')?.prefix).toBe('苏O');
  });

  it('returns the province for its character alone', () => {
    expect(lookupPlatePrefix('鄂')).toEqual({
      prefix: '鄂',
      provinceAbbr: '鄂',
      province: '湖北省',
      regionCode: '420000',
    });
  });

  it.each(['', '台', '台A', '鄂I', '鄂i', '苏I', '京Z', '鄂A1', 'A', 'EA', '𠀀'])('returns undefined for %j', (prefix) => {
    expect(lookupPlatePrefix(prefix)).toBeUndefined();
  });

  it.each(['\u200e鄂A', '鄂A\u200f', '\ufeff鄂\u200bA', '\u2066鄂A\u2069'])('reads %j with invisible marks as 鄂A', (prefix) => {
    expect(lookupPlatePrefix(prefix)?.prefix).toBe('鄂A');
  });

  it.each([
    ['null', null],
    ['undefined', undefined],
    ['number', 42],
    ['array', ['鄂A']],
    ['object with toString', { toString: () => '鄂A' }],
  ])('returns undefined for %s', (_description, prefix) => {
    expect(lookupPlatePrefix(prefix as unknown as string)).toBeUndefined();
  });

  it.each([
    ['33 characters', '鄂A'.padEnd(33, ' ')],
    ['1 MB', '鄂'.repeat(1 << 20)],
  ])('returns undefined for %s of input', (_description, prefix) => {
    expect(lookupPlatePrefix(prefix)).toBeUndefined();
  });

  it('accepts a prefix padded to 32 characters', () => {
    expect(lookupPlatePrefix('鄂A'.padEnd(32, ' '))?.prefix).toBe('鄂A');
  });
});

describe('normalizePlateInput', () => {
  it.each([
    ['鄂a·12345', '鄂A12345'],
    ['\u200e苏Ｅ 12345\u200f', '苏E12345'],
  ])('%j → %s', (input, expected) => {
    expect(normalizePlateInput(input)).toBe(expected);
  });

  it.each([[null], [undefined], [12345], [{}]])('returns an empty string for %j', (input) => {
    expect(normalizePlateInput(input as unknown as string)).toBe('');
  });
});
