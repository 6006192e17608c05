// `npm run bench`: measures Cordon's HTTP API against a bare Fastify
// endpoint and rewrites docs/benchmarks.md. Run with --help for the options.
// docs/benchmarks.md explains the steps and the figures.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { buildRequest, checkEndpoint, generatePassword, prepareServer } from './cordon-client.mjs';
import { BARE_ENDPOINT, ENDPOINTS } from './endpoints.mjs';
import { describeMachine, packageVersion } from './machine.mjs';
import { measure } from './measure.mjs';
import { createBenchSchema, DEFAULT_DATABASE_URL, dropBenchSchema, redactDatabaseUrl, withSearchPath } from './postgres.mjs';
import { findFreePort, readMemory, startBareServer, startCordon, stopChild } from './processes.mjs';
import { renderReport } from './report.mjs';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const rootDir = path.resolve(benchDir, '..');

// High enough that no benchmark request is ever rate limited.
const RAISED_RATE_LIMIT = '1000000';

// autocannon closes its connections at the end of a run while the server may
// still be responding to their last requests. This pause lets those finish before
// the next run, a memory reading or the shutdown.
const SETTLE_MS = 1000;

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

function log(message) {
  process.stdout.write(`[bench] ${message}\n`);
}

function readWholeNumber(options, name, fallback, { allowZero = false } = {}) {
  if (options[name] === undefined) return fallback;
  const value = Number(options[name]);
  if (!Number.isInteger(value) || value < (allowZero ? 0 : 1)) {
    throw new Error(`--${name} must be a whole number ${allowZero ? '≥ 0' : '≥ 1'}, got "${options[name]}"`);
  }
  return value;
}

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

  let databases = ['sqlite'];
  if (values.databases !== undefined)
    databases = values.databases
      .split(',')
      .map((name) => name.trim())
      .filter(Boolean);
  else if (values.postgres || process.env.BENCH_DATABASE_URL) databases = ['postgres'];
  for (const database of databases) {
    if (database !== 'sqlite' && database !== 'postgres') throw new Error(`--databases accepts sqlite and postgres, got "${database}"`);
  }
  if (databases.length === 0) throw new Error('--databases names no database');

  return {
    duration: readWholeNumber(values, 'duration', 10),
    connections: readWholeNumber(values, 'connections', 10),
    warmup: readWholeNumber(values, 'warmup', 2, { allowZero: true }),
    databases,
    postgresUrl: process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL || DEFAULT_DATABASE_URL,
    output: path.resolve(values.output ?? path.join(rootDir, 'docs/benchmarks.md')),
  };
}

/** Cleanup steps, run newest first on exit, on error and on Ctrl-C. */
const cleanups = [];

async function runCleanups() {
  while (cleanups.length > 0) {
    const step = cleanups.pop();
    try {
      await step();
    } catch (error) {
      process.stderr.write(`[bench] cleanup failed: ${error.message}\n`);
    }
  }
}

/** Returns the environment of the Cordon child: the caller's, without any Cordon or database setting of its own. */
function cordonEnvironment(overrides) {
  const env = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (name.startsWith('CORDON_') || ['DATABASE_URL', 'PORT', 'HOST', 'LOG_LEVEL'].includes(name)) continue;
    env[name] = value;
  }
  return {
    ...env,
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    CORDON_SIGN_IN_RATE_LIMIT: RAISED_RATE_LIMIT,
    CORDON_PUBLIC_RATE_LIMIT: RAISED_RATE_LIMIT,
    CORDON_STAFF_RATE_LIMIT: RAISED_RATE_LIMIT,
    ...overrides,
  };
}

async function measureEndpoint(label, baseUrl, endpoint, request, settings) {
  log(`${label}: ${request.method} ${endpoint.path} for ${settings.duration} s`);
  const result = await measure({ baseUrl, request, ...settings });
  await sleep(SETTLE_MS);
  const problems = result.non2xx + result.errors + result.timeouts;
  log(
    `${label}: ${result.requestsPerSecond.toFixed(1)} requests/s, p50 ${result.p50Ms.toFixed(2)} ms, p99 ${result.p99Ms.toFixed(2)} ms` +
      (problems > 0
        ? `, NOT 2xx: ${result.non2xx} (statuses ${JSON.stringify(result.statusCounts)}), errors ${result.errors}, timeouts ${result.timeouts}`
        : ''),
  );
  return { endpoint, result };
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

  log('building the server if needed');
  const build = spawnSync(process.execPath, [path.join(rootDir, 'scripts/ensure-build.mjs'), '--server-only'], {
    cwd: rootDir,
    stdio: 'inherit',
  });
  if (build.status !== 0) throw new Error(`the server build failed (exit status ${build.status})`);

  const bare = await startBareServer(benchDir);
  cleanups.push(() => stopChild(bare.child));
  log(`bare Fastify server on ${bare.baseUrl}`);

  const sections = [];
  for (const database of settings.databases) sections.push(await runSection(database, bare, settings));

  machine.loadAverageAtEnd = os.loadavg();
  const report = renderReport({ machine, startedAt, settings, sections });
  fs.mkdirSync(path.dirname(settings.output), { recursive: true });
  fs.writeFileSync(settings.output, report);
  log(`wrote ${path.relative(process.cwd(), settings.output) || settings.output}`);

  const allResults = sections.flatMap((section) => [section.bare, ...section.endpoints]);
  return allResults.every(({ result }) => result.non2xx + result.errors + result.timeouts === 0);
}

let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    interrupted = true;
    log(`${signal} received, stopping the servers`);
    void runCleanups().then(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  });
}

try {
  const allSucceeded = await main();
  await runCleanups();
  if (!allSucceeded) {
    process.stderr.write('[bench] some responses were not 2xx: see the report\n');
    process.exitCode = 1;
  }
} catch (error) {
  if (!interrupted) {
    process.stderr.write(`[bench] failed: ${error.message}\n`);
    await runCleanups();
    process.exitCode = 1;
  }
}
