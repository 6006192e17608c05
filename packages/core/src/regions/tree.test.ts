import { describe, expect, test } from 'vitest';
import type { RegionRecord } from './record.js';
import { RegionTree, buildCountyTree } from './tree.js';

const codesOf = (records: RegionRecord[]) => records.map((record) => record.code);

describe('buildCountyTree', () => {
  const tree = buildCountyTree();

  test('size counts current divisions only', () => {
    expect(tree.size).toBeGreaterThan(3000);
    expect(tree.get('320502')).toBeUndefined();
  });

  test('get accepts short and padded forms', () => {
    expect(tree.get('3205')?.name).toBe('苏州市');
    expect(tree.get('320508000000')?.name).toBe('姑苏区');
    expect(tree.get('not a code')).toBeUndefined();
  });

  test.each([
    ['320508', ['320000', '320500', '320508']],
    ['110101', ['110000', '110100', '110101']],
    ['429004', ['420000', '429000', '429004']],
    ['441900', ['440000', '441900']],
    ['999999', []],
  ])('pathOf %s', (code, path) => {
    expect(codesOf(tree.pathOf(code))).toEqual(path);
  });

  test.each([
    ['320508', ['江苏省', '苏州市', '姑苏区']],
    ['110101', ['北京市', '东城区']],
    ['110100', ['北京市', '市辖区']],
    ['429004', ['湖北省', '仙桃市']],
    ['999999', []],
  ])('pathNamesOf %s', (code, names) => {
    expect(tree.pathNamesOf(code)).toEqual(names);
  });

  test('childrenOf Suzhou lists its current districts and cities', () => {
    expect(codesOf(tree.childrenOf('320500'))).toEqual([
      '320505',
      '320506',
      '320507',
      '320508',
      '320509',
      '320576',
      '320581',
      '320582',
      '320583',
      '320585',
    ]);
  });

  test('childrenOf Beijing is its grouping unit', () => {
    expect(codesOf(tree.childrenOf('110000'))).toEqual(['110100']);
  });

  test('childrenOf a leaf or unknown code is empty', () => {
    expect(tree.childrenOf('320508')).toEqual([]);
    expect(tree.childrenOf('999999')).toEqual([]);
  });

  test.each([
    ['320508', '320000', true],
    ['320508', '320508', true],
    ['429004', '420000', true],
    ['320500', '320508', false],
    ['320508', '330000', false],
    ['320508', '999999', false],
  ])('isInside %s %s', (code, ancestor, expected) => {
    expect(tree.isInside(code, ancestor)).toBe(expected);
  });

  test('search by name puts higher levels first', () => {
    const found = tree.search('苏州', 5);
    expect(found[0]?.code).toBe('320500');
    expect(codesOf(found)).toContain('320576');
  });

  test('search by code prefix', () => {
    expect(codesOf(tree.search('32050', 3))).toEqual(['320500', '320505', '320506']);
    expect(codesOf(tree.search('320508', 3))).toEqual(['320508']);
    expect(codesOf(tree.search('3205', 2))).toEqual(['320500', '320505']);
  });

  test('search respects limit and ignores blank text', () => {
    expect(tree.search('区', 7)).toHaveLength(7);
    expect(tree.search('   ')).toEqual([]);
    expect(tree.search('区', 0)).toEqual([]);
  });

  test.each([
    ['null', null],
    ['number', 3205],
    ['object', {}],
    ['65 characters', '苏州'.padEnd(65, ' ')],
    ['1 MB', '苏'.repeat(1 << 20)],
  ])('search of %s is empty', (_case, text) => {
    expect(tree.search(text as unknown as string)).toEqual([]);
  });

  test.each([[Number.NaN], [-1], ['5'], [null]])('search with limit %j is empty', (limit) => {
    expect(tree.search('苏州', limit as unknown as number)).toEqual([]);
  });

  test('lookups of values that are not strings', () => {
    expect(tree.get(null as unknown as string)).toBeUndefined();
    expect(tree.get(320508 as unknown as string)?.name).toBe('姑苏区');
    expect(tree.pathOf({} as unknown as string)).toEqual([]);
    expect(tree.childrenOf(undefined as unknown as string)).toEqual([]);
    expect(tree.isInside(null as unknown as string, '320000')).toBe(false);
  });

  test('search without match is empty', () => {
    expect(tree.search('不存在的地名')).toEqual([]);
  });
});

describe('RegionTree', () => {
  const records: RegionRecord[] = [
    { code: '320505001001', name: '狮山社区', parentCode: '320505001', level: 'community' },
    { code: '320505001', name: '狮山街道', parentCode: '320505', level: 'subdistrict' },
    { code: '320505', name: '虎丘区', parentCode: '320500', level: 'county' },
  ];

  test('record with missing parent is a root', () => {
    const tree = new RegionTree(records);
    expect(codesOf(tree.pathOf('320505001001'))).toEqual(['320505', '320505001', '320505001001']);
    expect(tree.isInside('320505001001', '320505')).toBe(true);
    expect(tree.isInside('320505001001', '320500')).toBe(false);
  });

  test('subtreeOf lists parents first', () => {
    const tree = new RegionTree(records);
    expect(codesOf(tree.subtreeOf('320505'))).toEqual(['320505', '320505001', '320505001001']);
    expect(tree.subtreeOf('320500')).toEqual([]);
  });

  test('duplicate code throws', () => {
    expect(() => new RegionTree([...records, records[0]!])).toThrow('duplicate region code 320505001001');
  });
});
