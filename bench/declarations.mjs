// `npm run bench:declarations` (also run by `npm run bench`): declaration
// submissions through the public API while 100,000 people are under
// observation, against the bare Fastify endpoint in the same run. Writes the
// "declarations" section of docs/benchmarks.md.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { callApi, checkEndpoint, generatePassword, prepareServer, REGION_CODE } from './cordon-client.mjs';
import { prepareDeclarants } from './declarants.mjs';
import { BARE_ENDPOINT } from './endpoints.mjs';
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
import { describeMachine, packageVersion } from './machine.mjs';
import { createBenchSchema, DEFAULT_DATABASE_URL, dropBenchSchema, redactDatabaseUrl, withSearchPath } from './postgres.mjs';
import { findFreePort, readMemory, startCordon, stopChild } from './processes.mjs';
import { writeReportSection } from './report-file.mjs';
import { formatLoad, formatMiB, resultRow, table } from './report.mjs';
import { seedPersons } from './seed-persons.mjs';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const rootDir = path.resolve(benchDir, '..');

const USAGE = `Usage: npm run bench:declarations -- [options]

  --persons N             people under observation (default 100000)
  --duration SECONDS      timed run per endpoint (default 10)
  --connections N         concurrent keep-alive connections (default 10)
  --warmup SECONDS        unrecorded load before each timed run (default 2, 0 for none)
  --databases LIST        comma-separated: sqlite, postgres (default sqlite)
  --postgres              same as --databases postgres
  --output FILE           where to write the report (default docs/benchmarks.md)
`;

export function readDeclarationSettings(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      persons: { type: 'string' },
      duration: { type: 'string' },
      connections: { type: 'string' },
      warmup: { type: 'string' },
      databases: { type: 'string' },
      postgres: { type: 'boolean' },
      output: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(USAGE);
    process.exit(0);
  }
  return {
    persons: readWholeNumber(values, 'persons', 100_000),
    duration: readWholeNumber(values, 'duration', 10),
    connections: readWholeNumber(values, 'connections', 10),
    warmup: readWholeNumber(values, 'warmup', 2, { allowZero: true }),
    databases: readDatabases(values),
    postgresUrl: process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL || DEFAULT_DATABASE_URL,
    output: path.resolve(values.output ?? path.join(rootDir, 'docs/benchmarks.md')),
  };
}

/** Builds the two public requests of a resident's phone, each sent for a different resident every time. */
function residentRequests(tokens) {
  const headers = { accept: 'application/json', 'accept-language': 'zh-CN' };
  const body = JSON.stringify({ temperature: 36.5, symptoms: ['none'], location: '苏州工业园区' });
  return [
    {
      endpoint: { title: 'open a declaration link', method: 'GET', path: '/api/public/declare/link/:token' },
      request: {
        method: 'GET',
        path: `/api/public/declare/link/${tokens[0]}`,
        paths: tokens.map((token) => `/api/public/declare/link/${token}`),
        headers,
      },
    },
    {
      endpoint: { title: 'submit a declaration', method: 'POST', path: '/api/public/declare/:token' },
      request: {
        method: 'POST',
        path: `/api/public/declare/${tokens[0]}`,
        paths: tokens.map((token) => `/api/public/declare/${token}`),
        headers: { ...headers, 'content-type': 'application/json' },
        body,
      },
    },
  ];
}

/** Starts Cordon on a fresh database, puts `persons` people under observation and measures both requests. */
export async function runDeclarationSection(database, bare, settings) {
  const sectionCleanups = cleanups.length;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cordon-bench-declarations-'));
  cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  let databaseDescription = `SQLite (better-sqlite3 ${packageVersion('better-sqlite3')}, WAL) in a temporary folder`;
  const overrides = {};
  if (database === 'postgres') {
    const { schema, serverVersion } = await createBenchSchema(settings.postgresUrl);
    cleanups.push(() => dropBenchSchema(settings.postgresUrl, schema));
    overrides.DATABASE_URL = withSearchPath(settings.postgresUrl, schema);
    databaseDescription = `PostgreSQL ${serverVersion} at ${redactDatabaseUrl(settings.postgresUrl)}, in a fresh schema`;
  }

  // Seeding writes encrypted columns and link hashes itself, so it needs the server's master secret.
  const secret = randomBytes(32).toString('hex');
  const adminPassword = generatePassword();
  const port = await findFreePort();
  const env = cordonEnvironment({
    ...overrides,
    PORT: String(port),
    CORDON_DATA_DIR: dataDir,
    CORDON_ADMIN_PASSWORD: adminPassword,
    CORDON_SECRET: secret,
    // The scheduler's reminders would send 100,000 messages during the run.
    CORDON_JOB_TICK_SECONDS: '0',
  });
  log(`${database}: starting Cordon on 127.0.0.1:${port}`);
  const cordon = await startCordon({ rootDir, env, port });
  cleanups.push(() => stopChild(cordon.child));
  const { accounts } = await prepareServer(cordon.baseUrl, adminPassword);

  // One window over the whole day, so that every submission of the run is on time.
  await callApi(cordon.baseUrl, {
    method: 'PUT',
    path: '/api/declarations/settings',
    session: accounts.admin.session,
    body: { windows: [{ start: '00:00', end: '24:00' }], scope: { homeQuarantine: true, sites: true, arrivalsWithinDays: 14 } },
  });

  log(`${database}: seeding ${settings.persons.toLocaleString('en-US')} people under observation`);
  const databaseUrl = overrides.DATABASE_URL;
  await seedPersons({ rootDir, databaseUrl, dataDir, secret, regionCode: REGION_CODE, count: settings.persons });
  // More tokens than the run can use, so that every submission is a resident's first of the window.
  const { declarants, tokens } = await prepareDeclarants({ rootDir, databaseUrl, dataDir, secret, tokenCount: settings.persons });
  const cordonPrepared = readMemory(cordon.pid);

  const requests = residentRequests(tokens);
  await checkEndpoint(cordon.baseUrl, { ...requests[0].request, path: requests[0].request.paths.at(-1) });

  const bareMeasured = await measureEndpoint(
    `${database} / bare`,
    bare.baseUrl,
    BARE_ENDPOINT,
    { method: 'GET', path: '/bare', headers: {} },
    settings,
  );
  const measured = [];
  for (const { endpoint, request } of requests) {
    measured.push(await measureEndpoint(`${database} / ${endpoint.title}`, cordon.baseUrl, endpoint, request, settings));
  }
  const memory = { cordonPrepared, cordonAfterRuns: readMemory(cordon.pid) };

  while (cleanups.length > sectionCleanups) await cleanups.pop()();
  return { database, databaseDescription, declarants, bare: bareMeasured, endpoints: measured, memory };
}

export function renderDeclarationReport({ machine, startedAt, settings, sections }) {
  const lines = [
    '## Health declarations',
    '',
    `Measured on ${startedAt.toISOString().slice(0, 10)} by \`npm run bench:declarations\` (also part of \`npm run bench\`).`,
    '',
    `- CPU: ${machine.cpu.model}, ${machine.cpu.count} logical CPUs; memory ${machine.memoryGiB.toFixed(1)} GiB; ${machine.os}`,
    `- Node.js ${machine.node}, Fastify ${machine.fastify}, autocannon ${machine.autocannon}`,
    `- Load average (1, 5 and 15 minutes): ${formatLoad(machine.loadAverage)} at the start, ${formatLoad(machine.loadAverageAtEnd)} at the end`,
    `- ${settings.duration} s per endpoint, ${settings.connections} connections, ${settings.warmup} s warm-up`,
    '',
    'Every seeded person file arrived today, so everyone must declare, and each has a personal link. The',
    'window is set to the whole day. Each request uses a different resident: a link is opened, or a first',
    'declaration of the window is stored (36.5 °C, no symptoms, one audit entry, no alert). Ratios compare',
    'with the bare Fastify endpoint measured in the same run.',
  ];
  for (const section of sections) {
    lines.push('', `### ${section.database === 'sqlite' ? 'SQLite' : 'PostgreSQL'}`, '', section.databaseDescription + '.', '');
    lines.push(`People under observation: ${section.declarants.toLocaleString('en-US')}.`, '');
    const rows = [section.bare, ...section.endpoints].map(({ endpoint, result }) => resultRow(endpoint, result, section.bare.result));
    lines.push(
      table(
        ['endpoint', 'request', 'requests/s', 'p50 ms', 'p99 ms', 'non-2xx', 'errors', 'requests/s ÷ bare', 'p50 ÷ bare', 'p99 ÷ bare'],
        rows,
      ),
      '',
      `Cordon's RSS: ${formatMiB(section.memory.cordonPrepared.rssMiB)} MiB after seeding, ${formatMiB(section.memory.cordonAfterRuns.rssMiB)} MiB after the runs (peak ${formatMiB(section.memory.cordonAfterRuns.peakRssMiB)} MiB).`,
    );
  }
  return lines.join('\n');
}

/** Runs the declaration sections and writes the report; true when every response was 2xx. */
export async function runDeclarationBenchmark(settings, bare) {
  const startedAt = new Date();
  const machine = describeMachine();
  const sections = [];
  for (const database of settings.databases) sections.push(await runDeclarationSection(database, bare, settings));
  machine.loadAverageAtEnd = os.loadavg();
  writeReportSection(settings.output, 'declarations', renderDeclarationReport({ machine, startedAt, settings, sections }));
  log(`wrote the declarations section of ${path.relative(process.cwd(), settings.output) || settings.output}`);
  return sections
    .flatMap((section) => [section.bare, ...section.endpoints])
    .every(({ result }) => result.non2xx + result.errors + result.timeouts === 0);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await runBenchmark(async () => {
    const settings = readDeclarationSettings(process.argv.slice(2));
    const bare = await buildAndStartBare(rootDir, benchDir);
    return runDeclarationBenchmark(settings, bare);
  });
}
