// `npm run bench:volume`: Cordon with a realistic amount of data. Imports a
// 100,000-row roster through the API, seeds 1,000,000 person files, measures
// person search by identity number and by name, exports the whole list, and
// writes its section of docs/benchmarks.md. Run with --help for the options.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  buildAndStartBare,
  cleanups,
  cordonEnvironment,
  log,
  measureEndpoint,
  readDatabases,
  readWholeNumber,
  runBenchmark,
} from './common.mjs';
import { generatePassword, prepareServer, REGION_CODE, STAFF_NODE_CODE } from './cordon-client.mjs';
import { BARE_ENDPOINT } from './endpoints.mjs';
import { describeMachine } from './machine.mjs';
import { createBenchSchema, DEFAULT_DATABASE_URL, dropBenchSchema, redactDatabaseUrl, withSearchPath } from './postgres.mjs';
import { findFreePort, readMemory, startCordon, stopChild } from './processes.mjs';
import { writeReportSection } from './report-file.mjs';
import { writeRoster } from './roster.mjs';
import { seedPersons, syntheticIdNumber, syntheticName } from './seed-persons.mjs';
import { exportList, importRoster, resetPeakMemory, searchRequest } from './volume-steps.mjs';
import { renderVolumeReport } from './volume-report.mjs';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const rootDir = path.resolve(benchDir, '..');

/** Distinct search values each run cycles through, so no single row stays hot in a cache. */
const SEARCH_POOL = 200;

const USAGE = `Usage: npm run bench:volume -- [options]

  --persons N             person files seeded before the searches (default 1000000)
  --import-rows N         rows of the imported roster (default 100000)
  --duration SECONDS      timed run per search (default 10)
  --connections N         concurrent keep-alive connections (default 10)
  --warmup SECONDS        unrecorded load before each timed run (default 2, 0 for none)
  --databases LIST        comma-separated: sqlite, postgres (default sqlite)
  --postgres              same as --databases postgres
  --output FILE           where to write the report (default docs/benchmarks.md)
`;

function readSettings(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      persons: { type: 'string' },
      'import-rows': { type: 'string' },
      duration: { type: 'string' },
      connections: { type: 'string' },
      warmup: { type: 'string' },
      databases: { type: 'string' },
      postgres: { type: 'boolean' },
      output: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    process.exit(0);
  }
  return {
    persons: readWholeNumber(values, 'persons', 1_000_000),
    importRows: readWholeNumber(values, 'import-rows', 100_000),
    duration: readWholeNumber(values, 'duration', 10),
    connections: readWholeNumber(values, 'connections', 10),
    warmup: readWholeNumber(values, 'warmup', 2, { allowZero: true }),
    databases: readDatabases(values),
    postgresUrl: process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL || DEFAULT_DATABASE_URL,
    output: path.resolve(values.output ?? path.join(rootDir, 'docs/benchmarks.md')),
  };
}

/** Indices of seeded files spread over the whole range, optionally only those of one community. */
function searchIndices(count, communities, community) {
  const stride = community ? communities.length : 1;
  const first = community ? communities.indexOf(community) : 0;
  const available = Math.floor((count - first - 1) / stride) + 1;
  const step = Math.max(1, Math.floor(available / SEARCH_POOL));
  const indices = [];
  for (let position = 0; position < available && indices.length < SEARCH_POOL; position += step) indices.push(first + position * stride);
  return indices;
}

async function runSection(database, bare, settings) {
  const sectionCleanups = cleanups.length;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cordon-bench-'));
  cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  let databaseUrl;
  let databaseDescription = 'SQLite (WAL) in a temporary folder';
  if (database === 'postgres') {
    const { schema, serverVersion } = await createBenchSchema(settings.postgresUrl);
    cleanups.push(() => dropBenchSchema(settings.postgresUrl, schema));
    databaseUrl = withSearchPath(settings.postgresUrl, schema);
    databaseDescription = `PostgreSQL ${serverVersion} at ${redactDatabaseUrl(settings.postgresUrl)}, in a fresh schema`;
  }

  // The seeding step writes encrypted columns itself, so it needs the server's master secret.
  const secret = randomBytes(32).toString('hex');
  const adminPassword = generatePassword();
  const port = await findFreePort();
  const env = cordonEnvironment({
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    PORT: String(port),
    CORDON_DATA_DIR: dataDir,
    CORDON_SECRET: secret,
    CORDON_ADMIN_PASSWORD: adminPassword,
  });
  log(`${database}: starting Cordon on 127.0.0.1:${port}`);
  const cordon = await startCordon({ rootDir, env, port });
  cleanups.push(() => stopChild(cordon.child));
  const { accounts } = await prepareServer(cordon.baseUrl, adminPassword);

  // The import runs first, on an idle server, so its peak memory is its own.
  const rosterFile = path.join(dataDir, 'roster.xlsx');
  log(`${database}: writing a roster of ${settings.importRows.toLocaleString('en-US')} rows`);
  await writeRoster(rosterFile, { count: settings.importRows, firstIndex: settings.persons });
  resetPeakMemory(cordon.pid);
  const imported = await importRoster(cordon, accounts.staff.session, rosterFile, STAFF_NODE_CODE, log);

  log(`${database}: seeding ${settings.persons.toLocaleString('en-US')} person files`);
  const seeded = await seedPersons({
    rootDir,
    databaseUrl,
    dataDir,
    secret,
    regionCode: REGION_CODE,
    count: settings.persons,
    onProgress: (done) => done % 100_000 === 0 && log(`${database}: ${done.toLocaleString('en-US')} seeded`),
  });

  const everywhere = searchIndices(settings.persons, seeded.communities);
  const community = searchIndices(settings.persons, seeded.communities, STAFF_NODE_CODE);
  const searches = [
    { title: 'by identity number, whole city (admin)', account: accounts.admin, values: everywhere.map(syntheticIdNumber) },
    { title: 'by name, whole city (admin)', account: accounts.admin, values: everywhere.map(syntheticName) },
    { title: 'by identity number, one community (staff)', account: accounts.staff, values: community.map(syntheticIdNumber) },
    { title: 'by name, one community (staff)', account: accounts.staff, values: community.map(syntheticName) },
  ];
  const bareMeasured = await measureEndpoint(
    `${database} / bare`,
    bare.baseUrl,
    BARE_ENDPOINT,
    { method: 'GET', path: BARE_ENDPOINT.path, headers: {} },
    settings,
  );
  const measured = [];
  for (const search of searches) {
    const request = searchRequest(search.account.session, search.values);
    const endpoint = { title: search.title, path: request.path.replace(/q=[^&]*/, 'q=…') };
    measured.push(await measureEndpoint(`${database} / ${search.title}`, cordon.baseUrl, endpoint, request, settings));
  }

  resetPeakMemory(cordon.pid);
  const exported = await exportList(cordon, accounts.admin.session, log);
  const memoryAfter = readMemory(cordon.pid);

  while (cleanups.length > sectionCleanups) await cleanups.pop()();
  return { database, databaseDescription, imported, seeded, bare: bareMeasured, searches: measured, exported, memoryAfter };
}

async function main() {
  const settings = readSettings(process.argv.slice(2));
  const startedAt = new Date();
  const machine = describeMachine();

  const bare = await buildAndStartBare(rootDir, benchDir);

  const sections = [];
  for (const database of settings.databases) sections.push(await runSection(database, bare, settings));

  machine.loadAverageAtEnd = os.loadavg();
  writeReportSection(settings.output, 'volume', renderVolumeReport({ machine, startedAt, settings, sections }));
  log(`wrote ${path.relative(process.cwd(), settings.output) || settings.output}`);
  return sections.every((section) =>
    [section.bare, ...section.searches].every(({ result }) => result.non2xx + result.errors + result.timeouts === 0),
  );
}

await runBenchmark(main);
