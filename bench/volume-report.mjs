// Renders the volume benchmark's section of docs/benchmarks.md.
import { formatLoad, formatMiB, formatRate, formatRatio, resultRow, table } from './report.mjs';

const DATABASE_TITLES = { sqlite: 'SQLite', postgres: 'PostgreSQL' };

const count = (value) => value.toLocaleString('en-US');
const secondsText = (value) => value.toFixed(1);

function importTable(imported, bare) {
  if (imported.skipped) return `Import: not measured (${imported.skipped}).`;
  const rate = (seconds) => imported.rows / seconds;
  return table(
    ['step', 'rows', 'seconds', 'rows/s', 'rows/s ÷ bare requests/s', 'server RSS before MiB', 'server peak RSS MiB'],
    [
      [
        `preview (upload ${formatMiB(imported.fileBytes / 1048576)} MiB xlsx, parse, check)`,
        count(imported.rows),
        secondsText(imported.previewSeconds),
        formatRate(rate(imported.previewSeconds)),
        formatRatio(rate(imported.previewSeconds) / bare.requestsPerSecond),
        formatMiB(imported.rssBeforeMiB),
        formatMiB(imported.peakPreviewMiB),
      ],
      [
        `commit (${count(imported.created)} files created in one transaction)`,
        count(imported.valid),
        secondsText(imported.commitSeconds),
        formatRate(imported.valid / imported.commitSeconds),
        formatRatio(imported.valid / imported.commitSeconds / bare.requestsPerSecond),
        '',
        formatMiB(imported.peakCommitMiB),
      ],
    ],
  );
}

function exportTable(exported, rows, bare) {
  if (exported.skipped) return `Export: not measured (${exported.skipped}).`;
  const rate = rows / exported.seconds;
  return table(
    ['step', 'rows', 'xlsx MiB', 'seconds', 'rows/s', 'rows/s ÷ bare requests/s', 'server RSS before MiB', 'server peak RSS MiB'],
    [
      [
        'export of the whole list, masked (admin)',
        count(rows),
        formatMiB(exported.bytes / 1048576),
        secondsText(exported.seconds),
        formatRate(rate),
        formatRatio(rate / bare.requestsPerSecond),
        formatMiB(exported.rssBeforeMiB),
        formatMiB(exported.peakMiB),
      ],
    ],
  );
}

function renderSection(section, settings) {
  const bare = section.bare.result;
  const totalFiles = settings.persons + (section.imported.created ?? 0);
  const searches = table(
    ['search', 'request', 'requests/s', 'p50 ms', 'p99 ms', 'non-2xx', 'errors', 'requests/s ÷ bare', 'p50 ÷ bare', 'p99 ÷ bare'],
    [section.bare, ...section.searches].map(({ endpoint, result }) => resultRow(endpoint, result, bare)),
  );
  return [
    `### ${DATABASE_TITLES[section.database]}: ${count(totalFiles)} person files`,
    '',
    `Database: ${section.databaseDescription}. Seeding ${count(settings.persons)} files over ${count(section.seeded.communities.length)} communities took ${secondsText(section.seeded.seconds)} s (not a measured figure).`,
    '',
    importTable(section.imported, bare),
    '',
    searches,
    '',
    exportTable(section.exported, totalFiles, bare),
  ].join('\n');
}

export function renderVolumeReport({ machine, startedAt, settings, sections }) {
  return `## Data volume: import, search and export

\`npm run bench:volume\` measures Cordon holding a city's worth of person
files. It accepts the same --duration, --connections, --warmup, --databases,
--postgres and --output options as \`npm run bench\`, and --persons and
--import-rows to change the sizes.

1. It starts the bare Fastify server and Cordon on an empty database, as
   \`npm run bench\` does, and prepares the same accounts and the Suzhou tree.
2. It writes a synthetic 返苏人员登记表 of ${count(settings.importRows)} rows
   (\`bench/roster.mjs\`) and imports it as the community staff account:
   upload and preview, then commit. Before the upload it resets the server's
   peak memory (\`/proc/<pid>/clear_refs\`), so the peak RSS is the import's.
3. It writes ${count(settings.persons)} synthetic person files straight into
   the database with the server's own column code (\`bench/seed-persons.mjs\`),
   spread over every community of Suzhou: encrypted numbers, blind indexes
   and masks as the API stores them. The identity numbers are valid but
   invented, and the names are drawn from common characters.
4. It measures \`GET /api/persons?q=…\` with autocannon, cycling through
   200 different values per run, for the administrator (the whole city in
   scope) and for the community staff account (one community). A value that
   parses as an identity number is looked up by its blind index; any other
   text matches the beginning of the name, through the name index. The
   name pools hold whole names, as an office types them.
5. It downloads the whole list as xlsx as the administrator, reading the
   server's peak memory before and after.

### Latest results

- Date: ${startedAt.toISOString().replace(/\.\d+Z$/, 'Z')}
- CPU: ${machine.cpu.model}, ${machine.cpu.count} logical CPUs; memory ${machine.memoryGiB.toFixed(1)} GiB
- Load average: ${formatLoad(machine.loadAverage)} at the start, ${formatLoad(machine.loadAverageAtEnd)} at the end
- Node.js ${machine.node}; each search: ${settings.warmup} s warm-up, then ${settings.duration} s with ${settings.connections} connections

${sections.map((section) => renderSection(section, settings)).join('\n\n')}
`;
}
