import { describe, expect, test } from 'vitest';
import { currentDivisionRecords, lookupCounty } from './divisions.js';

describe('lookupCounty', () => {
  test.each([
    ['320000', '江苏省', ['江苏省']],
    ['320500', '苏州市', ['江苏省', '苏州市']],
    ['320508', '姑苏区', ['江苏省', '苏州市', '姑苏区']],
    ['320576', '苏州工业园区', ['江苏省', '苏州市', '苏州工业园区']],
    ['110101', '东城区', ['北京市', '东城区']],
    ['110100', '市辖区', ['北京市', '市辖区']],
    ['500230', '丰都县', ['重庆市', '丰都县']],
    ['441900', '东莞市', ['广东省', '东莞市']],
    ['442000', '中山市', ['广东省', '中山市']],
    ['460400', '儋州市', ['海南省', '儋州市']],
    ['429004', '仙桃市', ['湖北省', '仙桃市']],
    ['419001', '济源市', ['河南省', '济源市']],
    ['659001', '石河子市', ['新疆维吾尔自治区', '石河子市']],
    ['710000', '台湾省', ['台湾省']],
    ['810000', '香港特别行政区', ['香港特别行政区']],
    ['820000', '澳门特别行政区', ['澳门特别行政区']],
  ])('current %s is %s', (code, name, path) => {
    const county = lookupCounty(code);
    expect(county?.name).toBe(name);
    expect(county?.path).toEqual(path);
    expect(county?.retired).toBe(false);
    expect(county?.lastRevision).toBeUndefined();
  });

  test.each([
    ['320502', '沧浪区', '201110'],
    ['320503', '平江区', '201110'],
    ['320504', '金阊区', '201110'],
    ['320584', '吴江市', '201110'],
  ])('retired Suzhou %s is %s', (code, name, lastRevision) => {
    const county = lookupCounty(code);
    expect(county?.name).toBe(name);
    expect(county?.path).toEqual(['江苏省', '苏州市', name]);
    expect(county?.retired).toBe(true);
    expect(county?.lastRevision).toBe(lastRevision);
  });

  test('retired county under retired city keeps old city name', () => {
    const county = lookupCounty('341421');
    expect(county?.name).toBe('庐江县');
    expect(county?.path).toEqual(['安徽省', '巢湖市', '庐江县']);
    expect(county?.retired).toBe(true);
  });

  test('retired Beijing districts skip 市辖区', () => {
    expect(lookupCounty('110103')?.path).toEqual(['北京市', '崇文区']);
    expect(lookupCounty('110104')?.path).toEqual(['北京市', '宣武区']);
  });

  test.each([
    ['32', '320000'],
    ['3205', '320500'],
    ['320508000000', '320508'],
  ])('short or padded %s resolves to %s', (input, code) => {
    expect(lookupCounty(input)?.code).toBe(code);
  });

  test.each([['999999'], ['320599'], ['320508001'], ['320508001001'], ['abc'], ['']])('no county for %j', (input) => {
    expect(lookupCounty(input)).toBeUndefined();
  });
});

describe('currentDivisionRecords', () => {
  const records = currentDivisionRecords();
  const byCode = new Map(records.map((record) => [record.code, record]));

  test('every parent is present and listed first', () => {
    const seen = new Set<string>();
    for (const record of records) {
      if (record.parentCode !== null) {
        expect(byCode.has(record.parentCode), record.code).toBe(true);
        expect(seen.has(record.parentCode), record.code).toBe(true);
      }
      seen.add(record.code);
    }
  });

  test('34 provinces including Hong Kong, Macau and Taiwan', () => {
    expect(records.filter((record) => record.level === 'province')).toHaveLength(34);
  });

  test('no retired codes', () => {
    expect(byCode.has('320502')).toBe(false);
    expect(byCode.get('320508')?.name).toBe('姑苏区');
  });

  test('Dongguan is a city only', () => {
    expect(byCode.get('441900')).toEqual({ code: '441900', name: '东莞市', parentCode: '440000', level: 'city' });
  });
});
