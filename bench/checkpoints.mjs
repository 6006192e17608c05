// `npm run bench:checkpoints` (also run by `npm run bench`): quick
// registrations through the checkpoint phone's API with a device key, and the
// sync of 1,000 registrations queued offline, against the bare Fastify
// endpoint in the same run. Writes the "checkpoints" section of
// docs/benchmarks.md. Run with --help for the options.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { callApi, checkEndpoint, generatePassword, prepareServer } from './cordon-client.mjs';
import { BARE_ENDPOINT } from './endpoints.mjs';
import {
  buildAndStartBare,
  cleanups,
  cordonEnvironment,
  log,
  measureEndpoint,
  prepareSectionStorage,
  readDatabases,
  readWholeNumber,
  runBenchmark,
} from './common.mjs';
import { describeMachine } from './machine.mjs';
import { DEFAULT_DATABASE_URL } from './postgres.mjs';
import { findFreePort, readMemory, startCordon, stopChild } from './processes.mjs';
import { writeReportSection } from './report-file.mjs';
import { formatMiB, formatMs, formatRate, formatRatio, machineLines, resultRow, table } from './report.mjs';
import { syntheticIdNumber, syntheticPhone } from './seed-persons.mjs';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const rootDir = path.resolve(benchDir, '..');

const DATABASE_TITLES = { sqlite: 'SQLite', postgres: 'PostgreSQL' };

/** The subdistrict of the Suzhou tree that runs the benchmark's checkpoint. */
const CHECKPOINT_NODE_CODE = '320508018';

/**
 * One issuing prefix per province, so that the generated plates come from
 * all over the country. With five-digit serials they stay unique for the
 * first 3,100,000 indices.
 */
// prettier-ignore
const PLATE_PREFIXES = [
  '京A', '津A', '冀A', '晋A', '蒙A', '辽A', '吉A', '黑A', '沪A', '苏E', '浙A',
  '皖A', '闽A', '赣A', '鲁A', '豫A', '鄂A', '湘A', '粤B', '桂A', '琼A', '渝A',
  '川A', '贵A', '云A', '藏A', '陕A', '甘A', '青A', '宁A', '新A',
];

/**
 * A small risk list, so that each registration is checked against real
 * entries: Wuhan's region and plate prefix are high, a few other regions and
 * prefixes medium. Three generated plates in 31 match a listed prefix.
 */
const RISK_ENTRIES = [
  { kind: 'region', value: '420100', level: 'high' },
  { kind: 'plate_prefix', value: '鄂A', level: 'high' },
  { kind: 'region', value: '110105', level: 'medium' },
  { kind: 'region', value: '440300', level: 'medium' },
  { kind: 'region', value: '510100', level: 'medium' },
  { kind: 'plate_prefix', value: '京A', level: 'medium' },
  { kind: 'plate_prefix', value: '粤B', level: 'medium' },
  { kind: 'region', value: '650100', level: 'low' },
];

/** Aim for quick registration: at least this share of the bare endpoint's requests per second. */
const QUICK_REGISTRATION_AIM = 0.25;

/** Indices of the batch-sync registrations start here, so that they repeat no plate or document of a quick run with --pool below 2,000,000. */
const BATCH_FIRST_INDEX = 2_000_000;

const USAGE = `Usage: npm run bench:checkpoints -- [options]

  --duration SECONDS      timed run per endpoint (default 10)
  --connections N         concurrent keep-alive connections (default 10)
  --warmup SECONDS        unrecorded load before each timed run (default 2, 0 for none)
  --pool N                prepared quick registrations, each sent once (default 100000)
  --batches N             batches in the offline sync (default 10)
  --batch-size N          registrations per batch, at most 100 (default 100)
  --databases LIST        comma-separated: sqlite, postgres (default sqlite, and
                          postgres too when DATABASE_URL or BENCH_DATABASE_URL is set)
  --postgres              same as --databases postgres
  --cpu-prof DIR          write a V8 CPU profile of the Cordon server to DIR
  --output FILE           where to write the report (default docs/benchmarks.md)

PostgreSQL runs use BENCH_DATABASE_URL, else DATABASE_URL, else
${DEFAULT_DATABASE_URL}.
`;

export function readCheckpointSettings(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      duration: { type: 'string' },
      connections: { type: 'string' },
      warmup: { type: 'string' },
      pool: { type: 'string' },
      batches: { type: 'string' },
      'batch-size': { type: 'string' },
      databases: { type: 'string' },
      postgres: { type: 'boolean' },
      'cpu-prof': { type: 'string' },
      output: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(USAGE);
    process.exit(0);
  }

  const batchSize = readWholeNumber(values, 'batch-size', 100);
  if (batchSize > 100) throw new Error(`--batch-size must be at most 100, the batch route's limit, got ${batchSize}`);

  // A DATABASE_URL in the environment adds a PostgreSQL section to the default SQLite one.
  const databases =
    values.databases === undefined && !values.postgres && (process.env.DATABASE_URL || process.env.BENCH_DATABASE_URL)
      ? ['sqlite', 'postgres']
      : readDatabases(values);

  return {
    duration: readWholeNumber(values, 'duration', 10),
    connections: readWholeNumber(values, 'connections', 10),
    warmup: readWholeNumber(values, 'warmup', 2, { allowZero: true }),
    pool: readWholeNumber(values, 'pool', 100_000),
    batches: readWholeNumber(values, 'batches', 10),
    batchSize,
    databases,
    cpuProfileDir: values['cpu-prof'] === undefined ? undefined : path.resolve(values['cpu-prof']),
    postgresUrl: process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL || DEFAULT_DATABASE_URL,
    output: path.resolve(values.output ?? path.join(rootDir, 'docs/benchmarks.md')),
  };
}

/** Returns the i-th synthetic plate: a province's first issuing prefix and a five-digit serial. */
export function syntheticPlate(index) {
  const prefix = PLATE_PREFIXES[index % PLATE_PREFIXES.length];
  const serial = Math.floor(index / PLATE_PREFIXES.length) % 100_000;
  return `${prefix}${String(serial).padStart(5, '0')}`;
}

/** Builds the i-th quick registration: a new client id, a driver with a synthetic ID number and mobile number, let pass. */
function quickRegistration(checkpointId, index) {
  return {
    id: randomUUID(),
    checkpointId,
    mode: 'quick',
    registeredAt: new Date().toISOString(),
    plate: syntheticPlate(index),
    occupants: [{ role: 'driver', documentNumber: syntheticIdNumber(index), phone: syntheticPhone(index) }],
    disposition: 'pass',
  };
}

function deviceHeaders(deviceKey) {
  return { accept: 'application/json', 'accept-language': 'zh-CN', 'content-type': 'application/json', 'x-device-key': deviceKey };
}

/**
 * Creates the checkpoint, the risk list and an enrolled phone through the
 * API, as a manager and the phone would. Returns the checkpoint id and the
 * device key, which stays in memory.
 */
async function prepareCheckpoint(baseUrl, adminSession) {
  const { json: checkpoint } = await callApi(baseUrl, {
    method: 'POST',
    path: '/api/checkpoints',
    session: adminSession,
    body: { name: 'Bench highway exit', type: 'highway_exit', nodeCode: CHECKPOINT_NODE_CODE, location: 'G2 Suzhou exit' },
    expected: 201,
  });

  const effectiveFrom = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  for (const entry of RISK_ENTRIES) {
    await callApi(baseUrl, {
      method: 'POST',
      path: '/api/risk-regions',
      session: adminSession,
      body: { ...entry, effectiveFrom },
      expected: 201,
    });
  }

  const { json: enrolment } = await callApi(baseUrl, {
    method: 'POST',
    path: `/api/checkpoints/${checkpoint.id}/enrolments`,
    session: adminSession,
    body: { deviceName: 'Bench phone' },
    expected: 201,
  });
  const { json: enrolled } = await callApi(baseUrl, {
    method: 'POST',
    path: '/api/public/checkpoint-enrolments',
    body: { token: enrolment.token },
    expected: 201,
  });
  return { checkpointId: checkpoint.id, deviceKey: enrolled.key };
}

/** Sends one batch and returns its duration in ms and the status of every item. */
async function sendBatch(baseUrl, deviceKey, items) {
  const started = performance.now();
  const response = await fetch(`${baseUrl}/api/checkpoint-registrations/batch`, {
    method: 'POST',
    headers: deviceHeaders(deviceKey),
    body: JSON.stringify({ items }),
  });
  const text = await response.text();
  const durationMs = performance.now() - started;
  if (response.status !== 200) {
    let code = 'no error code';
    try {
      code = JSON.parse(text).error?.code ?? code;
    } catch {
      // Not JSON: the status alone has to do.
    }
    throw new Error(`POST /api/checkpoint-registrations/batch returned ${response.status} (${code}), expected 200`);
  }
  return { durationMs, statuses: JSON.parse(text).results.map((result) => result.status) };
}

/**
 * Sends the queued registrations in batches, one after another as the phone
 * does. Returns the total and per-batch times and how many items got each status.
 */
async function syncQueue(baseUrl, deviceKey, batches) {
  const started = performance.now();
  const batchMs = [];
  const statusCounts = {};
  for (const items of batches) {
    const { durationMs, statuses } = await sendBatch(baseUrl, deviceKey, items);
    batchMs.push(durationMs);
    for (const status of statuses) statusCounts[status] = (statusCounts[status] ?? 0) + 1;
  }
  return { totalMs: performance.now() - started, batchMs, statusCounts };
}

/** Prepares a database of one kind, starts Cordon on it and measures the bare endpoint, quick registration and batch sync. */
async function runCheckpointSection(database, bare, settings) {
  const sectionCleanups = cleanups.length;
  const { dataDir, overrides, databaseDescription } = await prepareSectionStorage(
    database,
    settings.postgresUrl,
    'cordon-bench-checkpoints-',
  );
  const nodeArguments = [];
  if (settings.cpuProfileDir) {
    fs.mkdirSync(settings.cpuProfileDir, { recursive: true });
    nodeArguments.push('--cpu-prof', `--cpu-prof-dir=${settings.cpuProfileDir}`, `--cpu-prof-name=cordon-${database}.cpuprofile`);
  }

  const adminPassword = generatePassword();
  const port = await findFreePort();
  const env = cordonEnvironment({ ...overrides, PORT: String(port), CORDON_DATA_DIR: dataDir, CORDON_ADMIN_PASSWORD: adminPassword });
  log(`${database}: starting Cordon on 127.0.0.1:${port}`);
  const cordon = await startCordon({ rootDir, env, port, nodeArguments });
  cleanups.push(() => stopChild(cordon.child));

  log(`${database}: preparing accounts, the checkpoint and its phone`);
  const { accounts } = await prepareServer(cordon.baseUrl, adminPassword);
  const { checkpointId, deviceKey } = await prepareCheckpoint(cordon.baseUrl, accounts.admin.session);
  const cordonPrepared = readMemory(cordon.pid);

  log(`${database}: generating ${settings.pool.toLocaleString('en-US')} quick registrations`);
  const bodies = [];
  for (let index = 0; index < settings.pool; index++) bodies.push(JSON.stringify(quickRegistration(checkpointId, index)));
  const quickEndpoint = { title: 'quick registration', method: 'POST', path: '/api/checkpoint-registrations' };
  const quickRequest = { method: 'POST', path: quickEndpoint.path, headers: deviceHeaders(deviceKey), body: bodies[0], bodies };
  // The check stores the first body, and the timed run would send it again as a resend, so a spare registration replaces it.
  await checkEndpoint(cordon.baseUrl, quickRequest);
  bodies[0] = JSON.stringify(quickRegistration(checkpointId, settings.pool));

  const bareMeasured = await measureEndpoint(
    `${database} / bare`,
    bare.baseUrl,
    BARE_ENDPOINT,
    { method: 'GET', path: '/bare', headers: {} },
    settings,
  );
  const quick = await measureEndpoint(`${database} / quick registration`, cordon.baseUrl, quickEndpoint, quickRequest, settings);

  const batches = [];
  for (let batch = 0; batch < settings.batches; batch++) {
    const first = BATCH_FIRST_INDEX + batch * settings.batchSize;
    batches.push(Array.from({ length: settings.batchSize }, (_, offset) => quickRegistration(checkpointId, first + offset)));
  }
  const queued = settings.batches * settings.batchSize;
  log(`${database}: syncing ${queued} queued registrations in ${settings.batches} batches`);
  const firstSync = await syncQueue(cordon.baseUrl, deviceKey, batches);
  log(`${database}: resending the same ${queued} registrations`);
  const resend = await syncQueue(cordon.baseUrl, deviceKey, batches);
  const memory = { cordonPrepared, cordonAfterRuns: readMemory(cordon.pid) };

  while (cleanups.length > sectionCleanups) await cleanups.pop()();
  return { database, databaseDescription, bare: bareMeasured, quick, queued, firstSync, resend, memory };
}

function describeStatuses(statusCounts) {
  return Object.entries(statusCounts)
    .map(([status, count]) => `${count.toLocaleString('en-US')} × ${status}`)
    .join(', ');
}

/** Returns the report sentence that compares quick registration with the aim of a quarter of the bare endpoint. */
function describeAim(section) {
  const ratio = section.quick.result.requestsPerSecond / section.bare.result.requestsPerSecond;
  const verdict = ratio >= QUICK_REGISTRATION_AIM ? 'meets' : 'is below';
  return `Quick registration reached ${formatRatio(ratio)} of the bare endpoint's throughput, which ${verdict} the aim of ${QUICK_REGISTRATION_AIM}×.`;
}

function syncRow(label, sync, section) {
  const sorted = [...sync.batchMs].sort((a, b) => a - b);
  const perSecond = (section.queued / sync.totalMs) * 1000;
  return [
    label,
    formatMs(sync.totalMs),
    formatMs(sorted[Math.floor((sorted.length - 1) / 2)]),
    formatMs(sorted.at(-1)),
    formatRate(perSecond),
    formatRatio(perSecond / section.bare.result.requestsPerSecond),
    formatRatio(perSecond / section.quick.result.requestsPerSecond),
    describeStatuses(sync.statusCounts),
  ];
}

export function renderCheckpointReport({ machine, startedAt, settings, sections }) {
  const lines = [
    '## Checkpoint registrations',
    '',
    `Measured on ${startedAt.toISOString().slice(0, 10)} by \`npm run bench:checkpoints\` (also part of \`npm run bench\`).`,
    '',
    ...machineLines(machine, settings),
    '',
    'The run creates one highway-exit checkpoint on subdistrict 320508018, a risk list of',
    `${RISK_ENTRIES.length} entries and one phone enrolled through a one-time token, all through the API. Each quick`,
    'registration is a new client id with a plate from one of 31 provinces, a synthetic resident ID',
    'number and mobile number of the driver, and the disposition "let pass", sent with the device key.',
    `The offline sync sends ${settings.batches} batches of ${settings.batchSize} such registrations one after another on one`,
    'connection, as the phone does when the network is back. Then it sends the same batches again,',
    'and a resend must store nothing new and answer 200 for every item. Ratios compare with the bare',
    'Fastify endpoint measured in the same run.',
  ];
  for (const section of sections) {
    const quickStatuses = section.quick.result.statusCounts;
    lines.push('', `### ${DATABASE_TITLES[section.database]}`, '', section.databaseDescription + '.', '');
    lines.push(
      table(
        ['endpoint', 'request', 'requests/s', 'p50 ms', 'p99 ms', 'non-2xx', 'errors', 'requests/s ÷ bare', 'p50 ÷ bare', 'p99 ÷ bare'],
        [section.bare, section.quick].map(({ endpoint, result }) => resultRow(endpoint, result, section.bare.result)),
      ),
      '',
      `Quick registration responses in the timed run: ${describeStatuses(quickStatuses)} (201 is a new registration, 200 a resend).`,
      '',
      describeAim(section),
      '',
      table(
        [
          'sync',
          'total ms',
          'p50 ms a batch',
          'max ms a batch',
          'registrations/s',
          '÷ bare requests/s',
          '÷ quick requests/s',
          'item statuses',
        ],
        [
          syncRow(`${section.queued.toLocaleString('en-US')} queued, first send`, section.firstSync, section),
          syncRow('the same, resent', section.resend, section),
        ],
      ),
      '',
      `Cordon's RSS: ${formatMiB(section.memory.cordonPrepared.rssMiB)} MiB after preparation, ${formatMiB(section.memory.cordonAfterRuns.rssMiB)} MiB after the runs (peak ${formatMiB(section.memory.cordonAfterRuns.peakRssMiB)} MiB).`,
    );
  }
  return lines.join('\n');
}

/**
 * Runs the checkpoint sections and writes the report. Returns true when every
 * response was 2xx, every quick registration was new and each sync stored
 * exactly the queued registrations once.
 */
export async function runCheckpointBenchmark(settings, bare) {
  const startedAt = new Date();
  const machine = describeMachine();
  const sections = [];
  for (const database of settings.databases) sections.push(await runCheckpointSection(database, bare, settings));
  machine.loadAverageAtEnd = os.loadavg();
  writeReportSection(settings.output, 'checkpoints', renderCheckpointReport({ machine, startedAt, settings, sections }));
  log(`wrote the checkpoints section of ${path.relative(process.cwd(), settings.output) || settings.output}`);

  let allAsExpected = true;
  for (const section of sections) {
    const { result } = section.quick;
    if (result.non2xx + result.errors + result.timeouts > 0) allAsExpected = false;
    if ((result.statusCounts[200] ?? 0) > 0) {
      log(`${section.database}: ${result.statusCounts[200]} quick registrations were resends: raise --pool above the requests of one run`);
      allAsExpected = false;
    }
    if (section.firstSync.statusCounts[201] !== section.queued || section.resend.statusCounts[200] !== section.queued) {
      log(`${section.database}: the sync did not store each queued registration exactly once: see the report`);
      allAsExpected = false;
    }
  }
  return allAsExpected;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await runBenchmark(async () => {
    const settings = readCheckpointSettings(process.argv.slice(2));
    const bare = await buildAndStartBare(rootDir, benchDir);
    return runCheckpointBenchmark(settings, bare);
  });
}
