// `npm run bench`: measures Cordon's HTTP API against a bare Fastify
// endpoint and rewrites docs/benchmarks.md. Run with --help for the options.
// docs/benchmarks.md explains the steps and the figures.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildRequest, checkEndpoint, generatePassword, prepareServer } from './cordon-client.mjs';
import { BARE_ENDPOINT, ENDPOINTS } from './endpoints.mjs';
import { describeMachine, packageVersion } from './machine.mjs';
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
import { createBenchSchema, DEFAULT_DATABASE_URL, dropBenchSchema, redactDatabaseUrl, withSearchPath } from './postgres.mjs';
import { findFreePort, readMemory, startCordon, stopChild } from './processes.mjs';
import { writeReportSection } from './report-file.mjs';
import { renderReport } from './report.mjs';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const rootDir = path.resolve(benchDir, '..');

const USAGE = `Usage: npm run bench -- [options]

  --duration SECONDS      timed run per endpoint (default 10)
  --connections N         concurrent keep-alive connections (default 10)
  --warmup SECONDS        unrecorded load before each timed run (default 2, 0 for none)
  --databases LIST        comma-separated: sqlite, postgres (default sqlite)
  --postgres              same as --databases postgres
  --output FILE           where to write the report (default docs/benchmarks.md)

PostgreSQL runs use BENCH_DATABASE_URL, else DATABASE_URL, else
${DEFAULT_DATABASE_URL}; setting BENCH_DATABASE_URL alone selects PostgreSQL.
`;

function readSettings(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
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

  const databases = readDatabases(values);

  return {
    duration: readWholeNumber(values, 'duration', 10),
    connections: readWholeNumber(values, 'connections', 10),
    warmup: readWholeNumber(values, 'warmup', 2, { allowZero: true }),
    databases,
    postgresUrl: process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL || DEFAULT_DATABASE_URL,
    output: path.resolve(values.output ?? path.join(rootDir, 'docs/benchmarks.md')),
  };
}

/** Starts a Cordon server on an empty database of one kind, measures every endpoint and stops it. */
async function runSection(database, bare, settings) {
  const sectionCleanups = cleanups.length;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cordon-bench-'));
  cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  let databaseDescription = `SQLite (better-sqlite3 ${packageVersion('better-sqlite3')}, WAL) in a temporary folder`;
  const overrides = {};
  if (database === 'postgres') {
    const { schema, serverVersion } = await createBenchSchema(settings.postgresUrl);
    cleanups.push(() => dropBenchSchema(settings.postgresUrl, schema));
    overrides.DATABASE_URL = withSearchPath(settings.postgresUrl, schema);
    databaseDescription = `PostgreSQL ${serverVersion} at ${redactDatabaseUrl(settings.postgresUrl)}, in a fresh schema`;
    log(`${database}: created schema ${schema}`);
  }

  const adminPassword = generatePassword();
  const port = await findFreePort();
  const env = cordonEnvironment({ ...overrides, PORT: String(port), CORDON_DATA_DIR: dataDir, CORDON_ADMIN_PASSWORD: adminPassword });
  log(`${database}: starting Cordon on 127.0.0.1:${port}`);
  const cordon = await startCordon({ rootDir, env, port });
  cleanups.push(() => stopChild(cordon.child));
  const cordonStarted = readMemory(cordon.pid);

  log(`${database}: preparing accounts and jurisdictions`);
  const { accounts, jurisdictionsLoaded } = await prepareServer(cordon.baseUrl, adminPassword);
  const cordonPrepared = readMemory(cordon.pid);

  const requests = ENDPOINTS.map((endpoint) => buildRequest(endpoint, accounts));
  for (const request of requests) await checkEndpoint(cordon.baseUrl, request);

  const bareRequest = buildRequest(BARE_ENDPOINT, accounts);
  const bareMeasured = await measureEndpoint(`${database} / bare`, bare.baseUrl, BARE_ENDPOINT, bareRequest, settings);
  const measured = [];
  for (const [index, endpoint] of ENDPOINTS.entries()) {
    measured.push(await measureEndpoint(`${database} / ${endpoint.title}`, cordon.baseUrl, endpoint, requests[index], settings));
  }

  const memory = { cordonStarted, cordonPrepared, cordonAfterRuns: readMemory(cordon.pid), bareAfterRuns: readMemory(bare.pid) };

  // Stop this server and drop its data before the next section starts.
  while (cleanups.length > sectionCleanups) await cleanups.pop()();

  return { database, databaseDescription, jurisdictionsLoaded, bare: bareMeasured, endpoints: measured, memory };
}

async function main() {
  const settings = readSettings(process.argv.slice(2));
  const startedAt = new Date();
  const machine = describeMachine();

  const bare = await buildAndStartBare(rootDir, benchDir);

  const sections = [];
  for (const database of settings.databases) sections.push(await runSection(database, bare, settings));

  machine.loadAverageAtEnd = os.loadavg();
  const report = renderReport({ machine, startedAt, settings, sections });
  writeReportSection(settings.output, 'api', report);
  log(`wrote ${path.relative(process.cwd(), settings.output) || settings.output}`);

  const allResults = sections.flatMap((section) => [section.bare, ...section.endpoints]);
  return allResults.every(({ result }) => result.non2xx + result.errors + result.timeouts === 0);
}

await runBenchmark(main);
