import { ancestorRegionCodes, normalizeRegionCode, parentRegionCode, regionCodePrefix, regionLevelOf } from './codes.js';
import { compareParentFirst } from './divisions.js';
import type { RegionRecord } from './record.js';

/**
 * Name of the file under `packages/core/data/regions/` that contains the
 * subdistricts and communities of a region's province, such as `32.tsv.gz`
 * for 320505. Returns undefined for an invalid code.
 */
export function regionFileNameOf(code: string): string | undefined {
  const canonical = normalizeRegionCode(code);
  return canonical === undefined ? undefined : `${canonical.slice(0, 2)}.tsv.gz`;
}

/**
 * Parses the decompressed text of a province file: UTF-8 lines of
 * `code<TAB>name`, 9-digit subdistricts and 12-digit communities, with `#`
 * comment lines and blank lines ignored. The parent of each record is its
 * code without the last three digits. Throws on a malformed line, because
 * the files are generated and a bad line means a broken build or a wrong file.
 */
export function parseRegionFile(text: string): RegionRecord[] {
  const records: RegionRecord[] = [];
  const lines = text.split(/\r?\n/);

  lines.forEach((line, index) => {
    if (line === '' || line.startsWith('#')) return;

    const [code = '', name = ''] = line.split('\t');
    const level = regionLevelOf(code);
    if ((level !== 'subdistrict' && level !== 'community') || name === '') {
      throw new Error(`region file line ${index + 1}: expected a 9- or 12-digit code, a tab and a name`);
    }

    records.push({ code, name, parentCode: parentRegionCode(code) ?? null, level });
  });

  return records;
}

/**
 * Records of a region and everything inside it, parents before children,
 * taken from `records` by code prefix. With `includeAncestors`, the region's
 * ancestors found in `records` come first, so that the result can be stored
 * as a tree from its root (320000, 320500, then the districts of Suzhou, their
 * subdistricts and communities). Returns an empty array for an invalid code.
 */
export function subtreeRecordsOf(
  code: string,
  records: Iterable<RegionRecord>,
  options: { includeAncestors?: boolean } = {},
): RegionRecord[] {
  const root = normalizeRegionCode(code);
  const prefix = regionCodePrefix(code);
  if (root === undefined || prefix === undefined) return [];

  const ancestors = new Set(options?.includeAncestors === true ? ancestorRegionCodes(root) : []);
  const selected: RegionRecord[] = [];
  for (const record of records) {
    if (record.code.startsWith(prefix) || ancestors.has(record.code)) selected.push(record);
  }
  return selected.sort(compareParentFirst);
}
