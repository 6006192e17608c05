// Pieces shared by the benchmark commands (bench/run.mjs, bench/volume.mjs):
// logging, option parsing, cleanup on exit, the Cordon child's environment
// and one measured endpoint run.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { packageVersion } from './machine.mjs';
import { measure } from './measure.mjs';
import { createBenchSchema, dropBenchSchema, redactDatabaseUrl, withSearchPath } from './postgres.mjs';
import { startBareServer, stopChild } from './processes.mjs';

// High enough that no benchmark request is ever rate limited.
export const RAISED_RATE_LIMIT = '1000000';

// autocannon closes its connections at the end of a run while the server may
// still be responding to their last requests. This pause lets those finish before
// the next run, a memory reading or the shutdown.
export const SETTLE_MS = 1000;

export function log(message) {
  process.stdout.write(`[bench] ${message}\n`);
}

export function readWholeNumber(options, name, fallback, { allowZero = false } = {}) {
  if (options[name] === undefined) return fallback;
  const value = Number(options[name]);
  if (!Number.isInteger(value) || value < (allowZero ? 0 : 1)) {
    throw new Error(`--${name} must be a whole number ${allowZero ? '≥ 0' : '≥ 1'}, got "${options[name]}"`);
  }
  return value;
}

/** Cleanup steps, run newest first on exit, on error and on Ctrl-C. */
export const cleanups = [];

export async function runCleanups() {
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
export function cordonEnvironment(overrides) {
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
    CORDON_DEVICE_RATE_LIMIT: RAISED_RATE_LIMIT,
    ...overrides,
  };
}

export async function measureEndpoint(label, baseUrl, endpoint, request, settings) {
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

/** Reads --databases and --postgres: sqlite by default, or postgres when only BENCH_DATABASE_URL is set. */
export function readDatabases(values) {
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
  return databases;
}

/**
 * Runs a benchmark's main function: cleanups run on exit, on error and on
 * Ctrl-C, and the exit status is 1 when main returns false or throws.
 */
export async function runBenchmark(main) {
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
}

/** Builds the server when its sources changed, then starts the bare Fastify server, stopped on exit. */
export async function buildAndStartBare(rootDir, benchDir) {
  log('building the server if needed');
  const build = spawnSync(process.execPath, [path.join(rootDir, 'scripts/ensure-build.mjs'), '--server-only'], {
    cwd: rootDir,
    stdio: 'inherit',
  });
  if (build.status !== 0) throw new Error(`the server build failed (exit status ${build.status})`);

  const bare = await startBareServer(benchDir);
  cleanups.push(() => stopChild(bare.child));
  log(`bare Fastify server on ${bare.baseUrl}`);
  return bare;
}

/**
 * Creates the empty storage of one database section: a temporary data folder
 * and, for PostgreSQL, a fresh schema. Both are removed by cleanups that this
 * pushes. Returns the folder, the environment that points Cordon at the
 * database and the description of the database for the report.
 */
export async function prepareSectionStorage(database, postgresUrl, folderPrefix) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), folderPrefix));
  cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  if (database !== 'postgres') {
    return {
      dataDir,
      overrides: {},
      databaseDescription: `SQLite (better-sqlite3 ${packageVersion('better-sqlite3')}, WAL) in a temporary folder`,
    };
  }

  const { schema, serverVersion } = await createBenchSchema(postgresUrl);
  cleanups.push(() => dropBenchSchema(postgresUrl, schema));
  return {
    dataDir,
    overrides: { DATABASE_URL: withSearchPath(postgresUrl, schema) },
    databaseDescription: `PostgreSQL ${serverVersion} at ${redactDatabaseUrl(postgresUrl)}, in a fresh schema`,
  };
}
