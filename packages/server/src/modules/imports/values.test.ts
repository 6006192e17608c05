import { describe, expect, it } from 'vitest';
import { parseLabel, parseOriginRegionText, parseSheetDate } from './values.js';
import { TRAVEL_MODE_LABELS } from './kinds.js';

describe('parseSheetDate', () => {
  const today = '2020-02-10';
  it.each([
    [43864, '2020-02-03'],
    [43864.5, '2020-02-03'],
    ['43864', '2020-02-03'],
    ['2020/2/3', '2020-02-03'],
    ['2020-02-03', '2020-02-03'],
    ['2020.2.3', '2020-02-03'],
    ['2020年2月3日', '2020-02-03'],
    ['２０２０年２月３日', '2020-02-03'],
    ['20200203', '2020-02-03'],
    ['2020/2/3 14:30', '2020-02-03'],
    ['2月3日', '2020-02-03'],
    ['12月31日', '2019-12-31'],
    [new Date(Date.UTC(2020, 1, 3)), '2020-02-03'],
  ])('reads %s', (input, expected) => {
    expect(parseSheetDate(input, { yearless: 'past', today })).toBe(expected);
  });

  it.each(['2020-02-30', '2月30日', 'tomorrow', '', '2020', 0])('rejects %s', (input) => {
    expect(parseSheetDate(input, { yearless: 'past', today })).toBeUndefined();
  });

  it('gives a yearless date this year for leases', () => {
    expect(parseSheetDate('12月31日', { yearless: 'current', today })).toBe('2020-12-31');
  });
});

describe('parseOriginRegionText', () => {
  it.each([
    ['420100', '420100'],
    ['4201', '420100'],
    ['湖北省武汉市', '420100'],
    ['湖北武汉', '420100'],
    ['武汉', '420100'],
    ['武汉市江汉区', '420103'],
    ['北京市朝阳区', '110105'],
    ['江苏省苏州市姑苏区', '320508'],
    ['武汉市汉口火车站', '420100'],
    ['湖北省', '420000'],
  ])('reads %s', (input, expected) => {
    expect(parseOriginRegionText(input)).toBe(expected);
  });

  it('reports a name several regions share', () => {
    expect(parseOriginRegionText('朝阳区')).toBeNull();
  });

  it('rejects an unknown place', () => {
    expect(parseOriginRegionText('火星基地')).toBeUndefined();
  });
});

describe('parseLabel', () => {
  it('reads Chinese labels and codes', () => {
    expect(parseLabel('高 铁', TRAVEL_MODE_LABELS)).toBe('train');
    expect(parseLabel('Flight', TRAVEL_MODE_LABELS)).toBe('flight');
    expect(parseLabel('骑马', TRAVEL_MODE_LABELS)).toBeUndefined();
  });
});
