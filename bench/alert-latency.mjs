// `node bench/alert-latency.mjs`: measures how long an abnormal health
// declaration takes to reach a console's open alert stream, against a round
// trip to the bare Fastify endpoint, and rewrites its section of
// docs/benchmarks.md. Run with --help for the options.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { callApi, generatePassword, prepareServer, STAFF_NODE_CODE } from './cordon-client.mjs';
import { buildAndStartBare, cleanups, cordonEnvironment, log, readDatabases, readWholeNumber, runBenchmark } from './common.mjs';
import { describeMachine, packageVersion } from './machine.mjs';
import { createBenchSchema, DEFAULT_DATABASE_URL, dropBenchSchema, redactDatabaseUrl, withSearchPath } from './postgres.mjs';
import { findFreePort, startCordon, stopChild } from './processes.mjs';
import { writeReportSection } from './report-file.mjs';
import { formatLoad, formatMs, formatRatio, table } from './report.mjs';
import { syntheticIdNumber, syntheticName, syntheticPhone } from './seed-persons.mjs';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const rootDir = path.resolve(benchDir, '..');

const DATABASE_TITLES = { sqlite: 'SQLite', postgres: 'PostgreSQL' };
/** A fever and a cough: abnormal, so every declaration raises an alert. */
const ABNORMAL_DECLARATION = { temperature: 38.6, symptoms: ['cough'] };
const EVENT_TIMEOUT_MS = 10_000;
const OUTBOX_PAGE_SIZE = 200;

const USAGE = `Usage: node bench/alert-latency.mjs [options]

  --samples N             timed declarations per database (default 200)
  --warmup N              unrecorded declarations before them (default 10, 0 for none)
  --databases LIST        comma-separated: sqlite, postgres (default sqlite)
  --postgres              same as --databases postgres
  --output FILE           where to write the report (default docs/benchmarks.md)

PostgreSQL runs use BENCH_DATABASE_URL, else DATABASE_URL, else
${DEFAULT_DATABASE_URL}.
`;

function readSettings(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      samples: { type: 'string' },
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
    samples: readWholeNumber(values, 'samples', 200),
    warmup: readWholeNumber(values, 'warmup', 10, { allowZero: true }),
    databases: readDatabases(values),
    postgresUrl: process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL || DEFAULT_DATABASE_URL,
    output: path.resolve(values.output ?? path.join(rootDir, 'docs/benchmarks.md')),
  };
}

/** Returns the p-th percentile (0–100) of sorted values, by the nearest-rank method. */
function percentile(sorted, p) {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

function summarize(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return { count: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] ?? Number.NaN };
}

/** Today's date in China, the day that arrival dates count in. */
function chinaToday() {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
}

/** Times `count` sequential GET requests to the bare endpoint, the round trip the alert figures are compared with. */
async function timeBareRoundTrips(baseUrl, count, warmup) {
  const durations = [];
  for (let index = 0; index < warmup + count; index++) {
    const start = performance.now();
    const response = await fetch(`${baseUrl}/bare`);
    await response.text();
    if (index >= warmup) durations.push(performance.now() - start);
  }
  return durations;
}

/**
 * Creates persons who arrived today in the staff community, so each must
 * declare, sends each a personal link and reads the link tokens back from
 * the local SMS outbox.
 */
async function prepareDeclarants(baseUrl, adminSession, count) {
  const today = chinaToday();
  for (let index = 0; index < count; index++) {
    const { json } = await callApi(baseUrl, {
      method: 'POST',
      path: '/api/persons',
      session: adminSession,
      body: {
        name: syntheticName(index),
        documentNumber: syntheticIdNumber(index),
        phone: syntheticPhone(index),
        communityCode: STAFF_NODE_CODE,
        arrivalDate: today,
      },
      expected: 201,
    });
    await callApi(baseUrl, {
      method: 'POST',
      path: '/api/declarations/links',
      session: adminSession,
      body: { personId: json.person.id },
      expected: 201,
    });
  }

  const tokens = [];
  for (let page = 1; tokens.length < count; page++) {
    const { json } = await callApi(baseUrl, {
      path: `/api/sms/outbox?template=declaration_link&pageSize=${OUTBOX_PAGE_SIZE}&page=${page}`,
      session: adminSession,
    });
    if (json.items.length === 0) break;
    for (const message of json.items) {
      const token = /\/d\/([A-Za-z0-9_-]+)/.exec(message.body)?.[1];
      if (token) tokens.push(token);
    }
  }
  if (tokens.length < count)
    throw new Error(
      `the SMS outbox contains ${tokens.length} declaration links, expected ${count}: check that the persons have mobile numbers`,
    );
  return tokens;
}

/**
 * Opens the alert stream of a staff session and records, by declaration id,
 * when each `alert` event arrived.
 */
async function openAlertStream(baseUrl, session) {
  const controller = new AbortController();
  const response = await fetch(`${baseUrl}/api/alerts/stream`, {
    headers: { accept: 'text/event-stream', cookie: session.cookie },
    signal: controller.signal,
  });
  if (response.status !== 200) throw new Error(`GET /api/alerts/stream returned ${response.status}, expected 200`);

  const arrivals = new Map();
  const waiters = new Map();
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();

  const reading = (async () => {
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value;
      let boundary = buffer.indexOf('\n\n');
      while (boundary >= 0) {
        const arrivedAt = performance.now();
        const block = buffer.slice(0, boundary);
        buffer = buffer.slice(boundary + 2);
        boundary = buffer.indexOf('\n\n');
        if (!block.split('\n').includes('event: alert')) continue;
        const data = block
          .split('\n')
          .filter((line) => line.startsWith('data: '))
          .map((line) => line.slice(6))
          .join('');
        const declarationId = JSON.parse(data).details?.declarationId;
        if (typeof declarationId !== 'string') continue;
        arrivals.set(declarationId, arrivedAt);
        waiters.get(declarationId)?.();
      }
    }
  })().catch(() => undefined);

  return {
    /** Resolves with the arrival time of the declaration's alert, or rejects after 10 s. */
    arrivalOf(declarationId) {
      if (arrivals.has(declarationId)) return Promise.resolve(arrivals.get(declarationId));
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(declarationId);
          reject(new Error(`no alert event for declaration ${declarationId} within ${EVENT_TIMEOUT_MS} ms`));
        }, EVENT_TIMEOUT_MS);
        waiters.set(declarationId, () => {
          clearTimeout(timer);
          waiters.delete(declarationId);
          resolve(arrivals.get(declarationId));
        });
      });
    },
    async close() {
      controller.abort();
      await reading;
    },
  };
}

/**
 * Declares a fever through one personal link after another and times, for
 * each, the POST's response and the alert event on every open stream, all
 * from the moment the POST is sent.
 */
async function timeDeclarations(baseUrl, streams, tokens, warmup) {
  const responses = [];
  const deliveries = streams.map(() => []);
  for (const [index, token] of tokens.entries()) {
    const start = performance.now();
    const response = await fetch(`${baseUrl}/api/public/declare/${token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(ABNORMAL_DECLARATION),
    });
    const body = await response.json();
    const respondedAt = performance.now();
    if (response.status !== 201 || body.abnormal !== true) {
      throw new Error(`POST /api/public/declare/… returned ${response.status} (${body.error?.code ?? 'abnormal: ' + body.abnormal})`);
    }
    const arrivals = await Promise.all(streams.map((stream) => stream.arrivalOf(body.declaration.id)));
    if (index < warmup) continue;
    responses.push(respondedAt - start);
    arrivals.forEach((arrivedAt, position) => deliveries[position].push(arrivedAt - start));
  }
  return { responses, deliveries };
}

/** Starts Cordon on an empty database of one kind, measures the alert latency and stops it. */
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
    databaseDescription = `PostgreSQL ${serverVersion} at ${redactDatabaseUrl(settings.postgresUrl)}, in a fresh schema, alerts fanned out through LISTEN/NOTIFY`;
  }

  const adminPassword = generatePassword();
  const port = await findFreePort();
  const env = cordonEnvironment({ ...overrides, PORT: String(port), CORDON_DATA_DIR: dataDir, CORDON_ADMIN_PASSWORD: adminPassword });
  log(`${database}: starting Cordon on 127.0.0.1:${port}`);
  const cordon = await startCordon({ rootDir, env, port });
  cleanups.push(() => stopChild(cordon.child));

  log(`${database}: preparing accounts and ${settings.warmup + settings.samples} persons with declaration links`);
  const { accounts } = await prepareServer(cordon.baseUrl, adminPassword);
  const tokens = await prepareDeclarants(cordon.baseUrl, accounts.admin.session, settings.warmup + settings.samples);

  log(`${database}: ${settings.samples} bare round trips`);
  const bareDurations = await timeBareRoundTrips(bare.baseUrl, settings.samples, settings.warmup);

  // On PostgreSQL a second instance on the same schema (and data folder, for
  // the same master secret) shows the LISTEN/NOTIFY path between instances.
  const instances = [cordon];
  if (database === 'postgres') {
    const secondPort = await findFreePort();
    log(`${database}: starting a second Cordon instance on 127.0.0.1:${secondPort}`);
    const second = await startCordon({ rootDir, env: { ...env, PORT: String(secondPort) }, port: secondPort });
    cleanups.push(() => stopChild(second.child));
    instances.push(second);
  }

  log(`${database}: ${settings.samples} abnormal declarations with the alert stream open`);
  const streams = [];
  for (const instance of instances) {
    const stream = await openAlertStream(instance.baseUrl, accounts.staff.session);
    cleanups.push(() => stream.close());
    streams.push(stream);
  }
  const { responses, deliveries } = await timeDeclarations(cordon.baseUrl, streams, tokens, settings.warmup);

  const result = {
    bare: summarize(bareDurations),
    response: summarize(responses),
    delivery: summarize(deliveries[0]),
    otherInstance: deliveries[1] ? summarize(deliveries[1]) : null,
  };
  log(
    `${database}: alert delivered p50 ${formatMs(result.delivery.p50)} ms, p99 ${formatMs(result.delivery.p99)} ms; ` +
      `bare p50 ${formatMs(result.bare.p50)} ms`,
  );

  return finishSection(sectionCleanups, { database, databaseDescription, result });
}

async function finishSection(sectionCleanups, section) {
  while (cleanups.length > sectionCleanups) await cleanups.pop()();
  return section;
}

function renderSection({ database, databaseDescription, result }) {
  const row = (title, span, summary) => [
    title,
    span,
    String(summary.count),
    formatMs(summary.p50),
    formatMs(summary.p99),
    formatMs(summary.max),
    formatRatio(summary.p50 / result.bare.p50),
    formatRatio(summary.p99 / result.bare.p99),
  ];
  return [
    `### ${DATABASE_TITLES[database]}`,
    '',
    `Database: ${databaseDescription}.`,
    '',
    table(
      ['measured', 'from → to', 'samples', 'p50 ms', 'p99 ms', 'max ms', 'p50 ÷ bare', 'p99 ÷ bare'],
      [
        row('bare Fastify JSON', '`GET /bare` sent → response read', result.bare),
        row('declaration', '`POST /api/public/declare/:token` sent → response read', result.response),
        row(
          'alert delivery',
          '`POST /api/public/declare/:token` sent → `event: alert` read from `GET /api/alerts/stream`',
          result.delivery,
        ),
        ...(result.otherInstance
          ? [row('alert delivery, second instance', 'the same, with the stream open on the second instance', result.otherInstance)]
          : []),
      ],
    ),
  ].join('\n');
}

/** Returns the Markdown of the alert latency section. */
export function renderAlertLatencyReport({ machine, startedAt, settings, sections }) {
  return `## Alert delivery latency

How long an abnormal health declaration takes to reach a console that keeps
the alert stream open. \`node bench/alert-latency.mjs\` writes this section
(\`--databases sqlite,postgres\`, \`--samples N\`, \`--warmup N\`).

A run starts the bare Fastify server and \`cordon serve\` as \`npm run bench\`
does and prepares the same accounts. For each declaration it creates a
person in 320508018014 who arrived today, so that the person must declare,
and reads the person's declaration link from the local SMS outbox. A community staff account
of that community opens \`GET /api/alerts/stream\`. The run then declares
38.6 °C and a cough through one link after another, never two at once, and
times each declaration from the moment its POST is sent to the moment the
stream delivers the \`alert\` event for it. The instance that stores the
alert passes it to its own streams directly. On PostgreSQL a second
\`cordon serve\` runs on the same schema with the same stream open, and its
row shows the path between instances: NOTIFY, then that instance's LISTEN
connection. The bare figures are sequential \`GET /bare\` round trips from the
same process, the baseline of the ratios. One request is in flight at a
time, so these are latencies, not throughput. Other work on the machine
(see the load average) raises the p99 figures most.

- Date: ${startedAt.toISOString().replace(/\.\d+Z$/, 'Z')}
- CPU: ${machine.cpu.model}, ${machine.cpu.count} logical CPUs
- Load average (1, 5 and 15 minutes) at the start: ${formatLoad(machine.loadAverage)}
- Node.js ${machine.node}, Fastify ${machine.fastify}
- ${settings.warmup} unrecorded declarations, then ${settings.samples} timed ones per database

${sections.map(renderSection).join('\n\n')}
`;
}

async function main() {
  const settings = readSettings(process.argv.slice(2));
  const startedAt = new Date();
  const machine = describeMachine();
  const bare = await buildAndStartBare(rootDir, benchDir);

  const sections = [];
  for (const database of settings.databases) sections.push(await runSection(database, bare, settings));

  writeReportSection(settings.output, 'alert-latency', renderAlertLatencyReport({ machine, startedAt, settings, sections }));
  log(`wrote ${path.relative(process.cwd(), settings.output) || settings.output}`);
  return true;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await runBenchmark(main);
