import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import {
  currentDivisionRecords,
  normalizeRegionCode,
  parseRegionFile,
  type RegionRecord,
  regionFileNameOf,
  subtreeRecordsOf,
} from '@cordon/core';

const require = createRequire(import.meta.url);

function regionDataDir(): string {
  return path.join(path.dirname(require.resolve('@cordon/core/package.json')), 'data', 'regions');
}

/**
 * Records of a region and everything below it down to communities and
 * villages, ancestors first: provinces, cities and counties come from the
 * divisions built into @cordon/core, subdistricts and communities from the
 * province's gzip file shipped beside it. Returns [] for an unknown code.
 */
export function readRegionSubtree(code: string): RegionRecord[] {
  const canonical = normalizeRegionCode(code);
  const fileName = regionFileNameOf(code);
  if (!canonical || !fileName) return [];

  const records = currentDivisionRecords();
  const file = path.join(regionDataDir(), fileName);
  if (fs.existsSync(file)) records.push(...parseRegionFile(gunzipSync(fs.readFileSync(file)).toString('utf8')));

  const subtree = subtreeRecordsOf(canonical, records, { includeAncestors: true });
  return subtree.some((record) => record.code === canonical) ? subtree : [];
}
