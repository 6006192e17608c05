import { readFileSync, readdirSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { currentDivisionRecords } from './divisions.js';
import { parseRegionFile, regionFileNameOf, subtreeRecordsOf } from './region-file.js';
import { RegionTree } from './tree.js';

const DATA_DIR = new URL('../../data/regions/', import.meta.url);

function readProvinceFile(fileName: string): string {
  return gunzipSync(readFileSync(new URL(fileName, DATA_DIR))).toString('utf8');
}

describe('regionFileNameOf', () => {
  test.each([
    ['320505001001', '32.tsv.gz'],
    ['3205', '32.tsv.gz'],
    ['110101', '11.tsv.gz'],
  ])('%s is in %s', (code, fileName) => {
    expect(regionFileNameOf(code)).toBe(fileName);
  });

  test('invalid code has no file', () => {
    expect(regionFileNameOf('abc')).toBeUndefined();
  });
});

describe('parseRegionFile', () => {
  test('derives parent and level from the code', () => {
    const text = '# comment\n320505001\t狮山横塘街道\n320505001001\t狮山社区居委会\n\n';
    expect(parseRegionFile(text)).toEqual([
      { code: '320505001', name: '狮山横塘街道', parentCode: '320505', level: 'subdistrict' },
      { code: '320505001001', name: '狮山社区居委会', parentCode: '320505001', level: 'community' },
    ]);
  });

  test('accepts CRLF line ends', () => {
    expect(parseRegionFile('441900003\t东城街道\r\n')).toEqual([
      { code: '441900003', name: '东城街道', parentCode: '441900', level: 'subdistrict' },
    ]);
  });

  test.each([
    ['320505\t虎丘区', 1],
    ['320505001', 1],
    ['# header\n320505001001\t', 2],
    ['32050500100x\t某村', 1],
  ])('rejects %j on line %i', (text, line) => {
    expect(() => parseRegionFile(text)).toThrow(`region file line ${line}`);
  });
});

describe('province files', () => {
  const jiangsu = parseRegionFile(readProvinceFile('32.tsv.gz'));
  const records = [...currentDivisionRecords(), ...jiangsu];

  test('Suzhou subtree has 2,248 communities and villages', () => {
    const suzhou = subtreeRecordsOf('320500', records);
    expect(suzhou[0]?.code).toBe('320500');
    expect(suzhou.filter((record) => record.level === 'community')).toHaveLength(2248);
    expect(suzhou.filter((record) => record.level === 'county')).toHaveLength(10);
    expect(suzhou.every((record) => record.code.startsWith('3205'))).toBe(true);
  });

  test('Suzhou subtree lists parents before children', () => {
    const seen = new Set<string>();
    for (const record of subtreeRecordsOf('3205', records)) {
      if (record.code !== '320500') expect(seen.has(record.parentCode ?? ''), record.code).toBe(true);
      seen.add(record.code);
    }
  });

  test('subtree with null options', () => {
    const gusu = subtreeRecordsOf('320508', records, null as unknown as undefined);
    expect(gusu[0]?.code).toBe('320508');
  });

  test('subtree with ancestors starts at the province', () => {
    const gusu = subtreeRecordsOf('320508', records, { includeAncestors: true });
    expect(gusu.slice(0, 3).map((record) => record.code)).toEqual(['320000', '320500', '320508']);
  });

  test('subtree of an invalid code is empty', () => {
    expect(subtreeRecordsOf('abc', records)).toEqual([]);
    expect(subtreeRecordsOf('-320508', records)).toEqual([]);
    expect(subtreeRecordsOf(null as unknown as string, records)).toEqual([]);
  });

  test('Gusu subdistricts in a tree', () => {
    const tree = new RegionTree(records);
    expect(tree.pathNamesOf('320508018')).toEqual(['江苏省', '苏州市', '姑苏区', '平江街道']);
    expect(tree.childrenOf('320508').length).toBeGreaterThan(5);
    expect(tree.search('平江街道', 1)[0]?.code).toBe('320508018');
  });

  test('Dongguan and Zhongshan streets hang under the city', () => {
    const guangdong = parseRegionFile(readProvinceFile('44.tsv.gz'));
    expect(guangdong.find((record) => record.code === '441900003')?.parentCode).toBe('441900');
    expect(guangdong.some((record) => record.parentCode === '442000')).toBe(true);
  });

  // Reads all 31 province files; on a loaded CI machine that takes longer than the default 5 s.
  test('every record of every province has its parent', () => {
    const fileNames = readdirSync(DATA_DIR).filter((name) => name.endsWith('.tsv.gz'));
    expect(fileNames).toHaveLength(31);

    const all = [...currentDivisionRecords()];
    for (const fileName of fileNames) {
      const parsed = parseRegionFile(readProvinceFile(fileName));
      expect(
        parsed.every((record) => record.code.startsWith(fileName.slice(0, 2))),
        fileName,
      ).toBe(true);
      all.push(...parsed);
    }

    const codes = new Set(all.map((record) => record.code));
    expect(codes.size).toBe(all.length);
    const orphans = all.filter((record) => record.parentCode !== null && !codes.has(record.parentCode));
    expect(orphans.map((record) => record.code)).toEqual([]);
  }, 60_000);
});
