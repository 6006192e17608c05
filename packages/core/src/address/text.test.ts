import { expect, test } from 'vitest';
import { normalizeAddressText } from './index.js';

test.each<[string, string]>([
  ['人民路１００号', '人民路100号'],
  ['  人民路   100号  ', '人民路 100号'],
  ['人民路\u3000100号', '人民路 100号'],
  ['3–2—1202', '3-2-1202'],
  ['ＡＢＣ超市', 'ABC超市'],
  ['abc超市', 'abc超市'],
  ['金鸡湖大道\u200b1号\ufeff', '金鸡湖大道1号'],
  ['东山镇\n陆巷村\t88号', '东山镇 陆巷村 88号'],
  ['𠀀村1号', '𠀀村1号'],
  ['', ''],
  ['   ', ''],
  ['\u200b', ''],
])('normalize %j', (input, output) => {
  expect(normalizeAddressText(input)).toBe(output);
});

test.each<[string, unknown]>([
  ['null', null],
  ['undefined', undefined],
  ['number', 100],
  ['object', {}],
])('normalize of %s', (_name, input) => {
  expect(normalizeAddressText(input as string)).toBe('');
});

test('normalize 1 MB string', () => {
  expect(normalizeAddressText('１'.repeat(1024 * 1024))).toBe('1'.repeat(1024 * 1024));
});
