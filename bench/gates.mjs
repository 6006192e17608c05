// `npm run bench:gates` (also run by `npm run bench`): gate events with
// decisions through the device API, the decision latency, and the time from
// a risk-region plate's event to the alert on a manager's open alert stream,
// against the bare Fastify endpoint in the same run. Writes the "gates"
// section of docs/benchmarks.md. Run with --help for the options.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { callApi, checkEndpoint, createStaffAccount, generatePassword, prepareServer, STAFF_NODE_CODE } from './cordon-client.mjs';
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
import { formatMiB, formatMs, formatRatio, machineLines, resultRow, table } from './report.mjs';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const rootDir = path.resolve(benchDir, '..');

const DATABASE_TITLES = { sqlite: 'SQLite', postgres: 'PostgreSQL' };

/** Hubei province: every 鄂 plate is issued inside it, so each 鄂A plate is a high-risk plate. */
const RISK_REGION = { kind: 'region', value: '420000', level: 'high' };

/**
 * Shares of the event mix, in events per 20: registered resident plates
 * (80%), unregistered plates (15%) and Hubei plates (5%).
 */
const MIX_PATTERN = [...Array.from({ length: 16 }, () => 'resident'), ...Array.from({ length: 3 }, () => 'unregistered'), 'risk'];

/**
 * What the default rules decide for each part of the mix: a registered plate
 * matches no rule and opens, an unregistered one is denied without an alert,
 * and a Hubei plate opens with an alert before the unregistered-vehicle rule is reached.
 */
const EXPECTED_DECISIONS = {
  resident: { decision: 'open', alert: false, ruleKind: null },
  unregistered: { decision: 'deny', alert: false, ruleKind: 'unregistered_vehicle' },
  risk: { decision: 'open', alert: true, ruleKind: 'risk_region_plate' },
};

/** Aim for gate events: at least this share of the bare endpoint's requests per second. */
const GATE_EVENT_AIM = 1 / 3;

const EVENT_TIMEOUT_MS = 10_000;

/** Longest warm-up plus timed run: prepared events must stay younger than the server's 10-minute staleness limit. */
const MAX_LOAD_SECONDS = 480;

/**
 * Serial ranges of the generated plates, so that no plate is in two parts
 * of the mix and every risk plate of a run is new. Each part has 100,000
 * five-digit serials.
 */
const PLATE_PREFIXES = { resident: '苏E', unregistered: '沪A', risk: '鄂A', latencyRisk: '鄂B' };

const USAGE = `Usage: npm run bench:gates -- [options]

  --duration SECONDS      timed run per endpoint (default 10)
  --connections N         concurrent keep-alive connections (default 10)
  --warmup SECONDS        unrecorded load before each timed run (default 2, 0 for none)
  --pool N                prepared gate events, each sent once (default 100000)
  --vehicles N            registered resident vehicles of the compound (default 200)
  --samples N             sequential events timed for the decision and the alert
                          latency (default 200)
  --databases LIST        comma-separated: sqlite, postgres (default sqlite, and
                          postgres too when DATABASE_URL or BENCH_DATABASE_URL is set)
  --postgres              same as --databases postgres
  --note TEXT             a line about the conditions of the run, printed in the report
  --cpu-prof DIR          write a V8 CPU profile of the Cordon server to DIR
  --output FILE           where to write the report (default docs/benchmarks.md)

PostgreSQL runs use BENCH_DATABASE_URL, else DATABASE_URL, else
${DEFAULT_DATABASE_URL}.
`;

export function readGateSettings(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      duration: { type: 'string' },
      connections: { type: 'string' },
      warmup: { type: 'string' },
      pool: { type: 'string' },
      vehicles: { type: 'string' },
      samples: { type: 'string' },
      databases: { type: 'string' },
      postgres: { type: 'boolean' },
      note: { type: 'string' },
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

  const pool = readWholeNumber(values, 'pool', 100_000);
  // Risk plates are 1 in 20 of the pool and must stay unique within 100,000 serials.
  if (pool > 2_000_000) throw new Error(`--pool must be at most 2000000, so that every risk plate is new, got ${pool}`);
  const vehicles = readWholeNumber(values, 'vehicles', 200);
  if (vehicles > 1000) throw new Error(`--vehicles must be at most 1000, the rooms the run generates, got ${vehicles}`);

  // A DATABASE_URL in the environment adds a PostgreSQL section to the default SQLite one, as in bench:checkpoints.
  const databases =
    values.databases === undefined && !values.postgres && (process.env.DATABASE_URL || process.env.BENCH_DATABASE_URL)
      ? ['sqlite', 'postgres']
      : readDatabases(values);

  const duration = readWholeNumber(values, 'duration', 10);
  const warmup = readWholeNumber(values, 'warmup', 2, { allowZero: true });
  // The events are prepared before the load with their occurredAt, and the server rejects events more than 10 minutes old.
  if (duration + warmup > MAX_LOAD_SECONDS) {
    throw new Error(
      `--duration plus --warmup must be at most ${MAX_LOAD_SECONDS} s, because older events are rejected as stale, got ${duration + warmup}`,
    );
  }

  return {
    duration,
    connections: readWholeNumber(values, 'connections', 10),
    warmup,
    pool,
    vehicles,
    samples: readWholeNumber(values, 'samples', 200),
    databases,
    note: values.note,
    cpuProfileDir: values['cpu-prof'] === undefined ? undefined : path.resolve(values['cpu-prof']),
    postgresUrl: process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL || DEFAULT_DATABASE_URL,
    output: path.resolve(values.output ?? path.join(rootDir, 'docs/benchmarks.md')),
  };
}

function plateOf(part, serial) {
  return `${PLATE_PREFIXES[part]}${String(serial % 100_000).padStart(5, '0')}`;
}

/** Returns the plate of the i-th event of the mix. Resident plates cycle through the registered ones. */
function mixPlate(index, vehicles) {
  const part = MIX_PATTERN[index % MIX_PATTERN.length];
  const round = Math.floor(index / MIX_PATTERN.length);
  if (part === 'resident') return { part, plate: plateOf('resident', index % vehicles) };
  if (part === 'unregistered') return { part, plate: plateOf('unregistered', index) };
  return { part, plate: plateOf('risk', round) };
}

/** Builds one Cordon JSON gate event: a plate read at the entrance, with a new event id and the current time. */
function gateEvent(plate) {
  return { eventId: randomUUID(), occurredAt: new Date().toISOString(), kind: 'plate', direction: 'in', plate };
}

function deviceHeaders(deviceKey) {
  return { accept: 'application/json', 'accept-language': 'zh-CN', 'content-type': 'application/json', 'x-device-key': deviceKey };
}

/** Returns today's date in China, the day that risk-list entries take effect in. */
function chinaToday() {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
}

/**
 * Creates the compound, its rooms, one gate with a device, a gate guard as
 * the compound's manager, the resident vehicles and the risk region through
 * the API, as a manager would. Returns the compound id, the device key, which
 * stays in memory, and the guard's session.
 */
async function prepareCompound(baseUrl, adminSession, vehicleCount) {
  await callApi(baseUrl, {
    method: 'POST',
    path: '/api/risk-regions',
    session: adminSession,
    body: { ...RISK_REGION, effectiveFrom: chinaToday() },
    expected: 201,
  });

  const { json: compound } = await callApi(baseUrl, {
    method: 'POST',
    path: '/api/addresses/compounds',
    session: adminSession,
    body: { communityCode: STAFF_NODE_CODE, name: 'Bench compound' },
    expected: 201,
  });
  // 10 buildings × 2 units × 25 floors × 2 rooms: one room for each of up to 1,000 vehicles.
  await callApi(baseUrl, {
    method: 'POST',
    path: `/api/addresses/compounds/${compound.id}/generate`,
    session: adminSession,
    body: { buildings: '1-10', units: '1-2', floors: '1-25', roomsPerFloor: '1-2' },
  });
  const roomIds = await listRoomIds(baseUrl, adminSession, compound.id);
  if (roomIds.length < vehicleCount) throw new Error(`the compound has ${roomIds.length} rooms, expected at least ${vehicleCount}`);

  const { json: gate } = await callApi(baseUrl, {
    method: 'POST',
    path: `/api/gate-admin/compounds/${compound.id}/gates`,
    session: adminSession,
    body: { name: 'East gate', kind: 'vehicle' },
    expected: 201,
  });
  const { json: device } = await callApi(baseUrl, {
    method: 'POST',
    path: `/api/gate-admin/gates/${gate.id}/devices`,
    session: adminSession,
    body: { name: 'East gate plate camera' },
    expected: 201,
  });

  // The gate guard on duty is the compound's manager: the alerts of this compound, and only those, reach his console.
  const guard = await createStaffAccount(baseUrl, adminSession, 'bench.guard', 'gate_guard');
  await callApi(baseUrl, {
    method: 'PUT',
    path: `/api/gate-admin/compounds/${compound.id}/managers`,
    session: adminSession,
    body: { managers: [{ userId: guard.userId, smsAlerts: false }] },
  });

  for (let index = 0; index < vehicleCount; index++) {
    await callApi(baseUrl, {
      method: 'POST',
      path: `/api/gate-admin/compounds/${compound.id}/vehicles`,
      session: adminSession,
      body: { plate: plateOf('resident', index), roomId: roomIds[index] },
      expected: 201,
    });
  }
  return { compoundId: compound.id, deviceKey: device.key, guardSession: guard.session };
}

async function listRoomIds(baseUrl, session, compoundId) {
  const { json: detail } = await callApi(baseUrl, { path: `/api/addresses/compounds/${compoundId}`, session });
  const roomIds = [];
  for (const building of detail.buildings) {
    const { json: rooms } = await callApi(baseUrl, { path: `/api/addresses/buildings/${building.id}/rooms`, session });
    for (const unit of rooms.units) for (const floor of unit.floors) for (const room of floor.rooms) roomIds.push(room.id);
  }
  return roomIds;
}

/** Posts one gate event and returns the decision and the time from send to the parsed response, in ms. */
async function postGateEvent(baseUrl, deviceKey, plate) {
  const started = performance.now();
  const response = await fetch(`${baseUrl}/api/gate-events`, {
    method: 'POST',
    headers: deviceHeaders(deviceKey),
    body: JSON.stringify(gateEvent(plate)),
  });
  const text = await response.text();
  const respondedAt = performance.now();
  let body = null;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: the status alone goes into the error.
  }
  if (response.status !== 200) {
    throw new Error(`POST /api/gate-events returned ${response.status} (${body?.error?.code ?? 'no error code'}), expected 200`);
  }
  return { started, respondedAt, body };
}

/** Sends one event of each part of the mix and throws unless the default rules decided as expected. */
async function checkDecisions(baseUrl, deviceKey, sampleSerial) {
  const plates = {
    resident: plateOf('resident', 0),
    unregistered: plateOf('unregistered', 99_999),
    risk: plateOf('latencyRisk', sampleSerial),
  };
  for (const [part, plate] of Object.entries(plates)) {
    const { body } = await postGateEvent(baseUrl, deviceKey, plate);
    const expected = EXPECTED_DECISIONS[part];
    const ruleKind = body.rule?.kind ?? null;
    if (body.decision !== expected.decision || body.alert !== expected.alert || ruleKind !== expected.ruleKind) {
      throw new Error(
        `a ${part} plate got decision ${body.decision}, alert ${body.alert}, rule ${ruleKind}; expected ` +
          `${expected.decision}, ${expected.alert}, ${expected.ruleKind}: check the default rules and the risk region`,
      );
    }
  }
}

/**
 * Opens the alert stream of a staff session and records, by plate, when each
 * `alert` event arrived. Gate alerts carry the plate in their details.
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
  let alertCount = 0;
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
        const alert = JSON.parse(data);
        if (alert.kind !== 'gate_rule') continue;
        alertCount += 1;
        const plate = alert.details?.plateNumber;
        if (typeof plate !== 'string') continue;
        arrivals.set(plate, arrivedAt);
        waiters.get(plate)?.();
      }
    }
  })().catch(() => undefined);

  return {
    /** Resolves with the arrival time of the plate's alert, or rejects after 10 s. */
    arrivalOf(plate) {
      if (arrivals.has(plate)) return Promise.resolve(arrivals.get(plate));
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(plate);
          reject(new Error(`no gate_rule alert event for plate ${plate} within ${EVENT_TIMEOUT_MS} ms`));
        }, EVENT_TIMEOUT_MS);
        waiters.set(plate, () => {
          clearTimeout(timer);
          waiters.delete(plate);
          resolve(arrivals.get(plate));
        });
      });
    },
    get alertCount() {
      return alertCount;
    },
    async close() {
      controller.abort();
      await reading;
    },
  };
}

/** Returns the p-th percentile (0–100) of values, by the nearest-rank method. */
function percentile(sorted, p) {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

function summarize(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return { count: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1) ?? Number.NaN };
}

/** Times sequential GET requests to the bare endpoint, the round trip the latencies are compared with. */
async function timeBareRoundTrips(baseUrl, count) {
  const durations = [];
  for (let index = 0; index < count; index++) {
    const start = performance.now();
    const response = await fetch(`${baseUrl}/bare`);
    await response.text();
    durations.push(performance.now() - start);
  }
  return durations;
}

/** Posts events of the mix one after another, never two at once, and returns each decision's latency in ms. */
async function timeMixedDecisions(baseUrl, deviceKey, count, firstIndex, vehicles) {
  const durations = [];
  for (let offset = 0; offset < count; offset++) {
    const { plate } = mixPlate(firstIndex + offset, vehicles);
    const { started, respondedAt } = await postGateEvent(baseUrl, deviceKey, plate);
    durations.push(respondedAt - started);
  }
  return durations;
}

/**
 * Posts a new Hubei plate at a time and times, for each, the response and the
 * `alert` event on every open stream, all from the moment the POST is sent.
 */
async function timeRiskAlerts(baseUrl, deviceKey, streams, count) {
  const responses = [];
  const deliveries = streams.map(() => []);
  for (let serial = 0; serial < count; serial++) {
    const plate = plateOf('latencyRisk', serial);
    const { started, respondedAt, body } = await postGateEvent(baseUrl, deviceKey, plate);
    if (body.alert !== true) throw new Error(`the risk plate event ${serial} got alert ${body.alert}, expected true`);
    const arrivals = await Promise.all(streams.map((stream) => stream.arrivalOf(plate)));
    responses.push(respondedAt - started);
    arrivals.forEach((arrivedAt, position) => deliveries[position].push(arrivedAt - started));
  }
  return { responses, deliveries };
}

/** Reads how many gate events the compound has stored, through the read API. */
async function countStoredEvents(baseUrl, session, compoundId) {
  const { json } = await callApi(baseUrl, { path: `/api/gate-events?compoundId=${compoundId}&pageSize=1`, session });
  return json.total;
}

/** Prepares a database of one kind, starts Cordon on it and measures the bare endpoint, gate events and the alert latency. */
async function runGateSection(database, bare, settings) {
  const sectionCleanups = cleanups.length;
  const { dataDir, overrides, databaseDescription } = await prepareSectionStorage(database, settings.postgresUrl, 'cordon-bench-gates-');

  const adminPassword = generatePassword();
  const port = await findFreePort();
  const env = cordonEnvironment({ ...overrides, PORT: String(port), CORDON_DATA_DIR: dataDir, CORDON_ADMIN_PASSWORD: adminPassword });
  log(`${database}: starting Cordon on 127.0.0.1:${port}`);
  const nodeArguments = [];
  if (settings.cpuProfileDir) {
    fs.mkdirSync(settings.cpuProfileDir, { recursive: true });
    nodeArguments.push('--cpu-prof', `--cpu-prof-dir=${settings.cpuProfileDir}`, `--cpu-prof-name=cordon-gates-${database}.cpuprofile`);
  }
  const cordon = await startCordon({ rootDir, env, port, nodeArguments });
  cleanups.push(() => stopChild(cordon.child));

  log(`${database}: preparing accounts, the compound, its gate device and ${settings.vehicles} resident vehicles`);
  const { accounts } = await prepareServer(cordon.baseUrl, adminPassword);
  const { compoundId, deviceKey, guardSession } = await prepareCompound(cordon.baseUrl, accounts.admin.session, settings.vehicles);
  // The latency run uses 鄂B serials from 0, so the check takes one past them.
  await checkDecisions(cordon.baseUrl, deviceKey, settings.samples);
  const cordonPrepared = readMemory(cordon.pid);

  // Two consoles keep the alert stream open: the compound's gate guard, who sees its alerts only, and community staff, who see the community's.
  const streams = [];
  for (const session of [guardSession, accounts.staff.session]) {
    const stream = await openAlertStream(cordon.baseUrl, session);
    cleanups.push(() => stream.close());
    streams.push(stream);
  }

  log(`${database}: generating ${settings.pool.toLocaleString('en-US')} gate events`);
  const bodies = [];
  const partCounts = { resident: 0, unregistered: 0, risk: 0 };
  for (let index = 0; index < settings.pool; index++) {
    const { part, plate } = mixPlate(index, settings.vehicles);
    partCounts[part] += 1;
    bodies.push(JSON.stringify(gateEvent(plate)));
  }
  const eventEndpoint = { title: 'gate event with decision', method: 'POST', path: '/api/gate-events' };
  const eventRequest = { method: 'POST', path: eventEndpoint.path, headers: deviceHeaders(deviceKey), body: bodies[0], bodies };
  // The check stores the first body, and the timed run would send it again as a replay, so a new event with the same plate replaces it.
  await checkEndpoint(cordon.baseUrl, eventRequest);
  bodies[0] = JSON.stringify(gateEvent(mixPlate(0, settings.vehicles).plate));
  const storedBefore = await countStoredEvents(cordon.baseUrl, accounts.admin.session, compoundId);

  const bareMeasured = await measureEndpoint(
    `${database} / bare`,
    bare.baseUrl,
    BARE_ENDPOINT,
    { method: 'GET', path: '/bare', headers: {} },
    settings,
  );
  const events = await measureEndpoint(`${database} / gate events`, cordon.baseUrl, eventEndpoint, eventRequest, settings);
  const storedAfterLoad = await countStoredEvents(cordon.baseUrl, accounts.admin.session, compoundId);
  const loadAlerts = streams[0].alertCount;

  log(
    `${database}: ${settings.samples} bare round trips, ${settings.samples} mixed events and ${settings.samples} risk plates one at a time`,
  );
  const bareRoundTrips = await timeBareRoundTrips(bare.baseUrl, settings.samples);
  const mixed = await timeMixedDecisions(cordon.baseUrl, deviceKey, settings.samples, settings.pool, settings.vehicles);
  const { responses, deliveries } = await timeRiskAlerts(cordon.baseUrl, deviceKey, streams, settings.samples);
  const memory = { cordonPrepared, cordonAfterRuns: readMemory(cordon.pid) };

  const latency = {
    bare: summarize(bareRoundTrips),
    mixed: summarize(mixed),
    riskResponse: summarize(responses),
    delivery: summarize(deliveries[0]),
    staffDelivery: summarize(deliveries[1]),
  };
  log(
    `${database}: decision p50 ${formatMs(latency.mixed.p50)} ms, p99 ${formatMs(latency.mixed.p99)} ms; ` +
      `alert delivered p50 ${formatMs(latency.delivery.p50)} ms, p99 ${formatMs(latency.delivery.p99)} ms`,
  );

  while (cleanups.length > sectionCleanups) await cleanups.pop()();
  return {
    database,
    databaseDescription,
    bare: bareMeasured,
    events,
    partCounts,
    storedDuringLoad: storedAfterLoad - storedBefore,
    loadAlerts,
    latency,
    memory,
  };
}

/** Returns the report sentence that compares gate events with the aim of a third of the bare endpoint. */
function describeAim(section) {
  const ratio = section.events.result.requestsPerSecond / section.bare.result.requestsPerSecond;
  const verdict = ratio >= GATE_EVENT_AIM ? 'meets' : 'is below';
  return `Gate events reached ${formatRatio(ratio)} of the bare endpoint's throughput, which ${verdict} the aim of ${formatRatio(GATE_EVENT_AIM)}.`;
}

function describeLoad(section) {
  const { result } = section.events;
  const answered = Object.entries(result.statusCounts)
    .map(([status, count]) => `${count.toLocaleString('en-US')} × ${status}`)
    .join(', ');
  return (
    `Responses in the timed run: ${answered || 'none'}. The compound stored ` +
    `${section.storedDuringLoad.toLocaleString('en-US')} gate events during the warm-up and the timed run, and the gate guard's stream received ` +
    `${section.loadAlerts.toLocaleString('en-US')} gate alerts (one per Hubei plate).`
  );
}

function latencyRow(title, span, summary, bare) {
  return [
    title,
    span,
    String(summary.count),
    formatMs(summary.p50),
    formatMs(summary.p99),
    formatMs(summary.max),
    formatRatio(summary.p50 / bare.p50),
    formatRatio(summary.p99 / bare.p99),
  ];
}

export function renderGateReport({ machine, startedAt, settings, sections }) {
  const lines = [
    '## Gate events and alerts',
    '',
    `Measured on ${startedAt.toISOString().slice(0, 10)} by \`npm run bench:gates\` (also part of \`npm run bench\`).`,
    '',
    ...machineLines(machine, settings),
    `- ${settings.samples} sequential events for each latency row`,
    ...(settings.note ? [`- ${settings.note}`] : []),
    '',
    'The run creates through the API a compound in community 320508018014 with 1,000 rooms, one',
    `vehicle gate with one device key, ${settings.vehicles} registered resident vehicles (苏E plates) and the risk`,
    'region 湖北 (420000, high). No gate rule is configured, so the default rules decide. Each gate',
    'event is Cordon JSON sent to `POST /api/gate-events` with the `X-Device-Key` header and a new',
    'event id: a plate read at the entrance. Of every 20 events 16 are registered resident plates',
    '(decision open), 3 are unregistered 沪A plates (deny) and 1 is a new 鄂A plate (open and alert).',
    'Two consoles keep `GET /api/alerts/stream` open throughout: a gate guard listed as the',
    "compound's manager, whose stream carries only that compound's alerts, and a community staff",
    "account of the compound's community, whose stream carries every alert of the community.",
    '',
    'The latency rows send one event at a time, never two at once: first events of the same mix,',
    'then new 鄂B plates. Each 鄂B plate is timed from the moment its POST is sent to the `alert`',
    'event for that plate on each stream. The bare row is sequential `GET /bare` round trips from',
    'the same process, the baseline of the latency ratios.',
  ];
  for (const section of sections) {
    const { latency } = section;
    const { bare } = latency;
    lines.push('', `### ${DATABASE_TITLES[section.database]}`, '', section.databaseDescription + '.', '');
    lines.push(
      table(
        ['endpoint', 'request', 'requests/s', 'p50 ms', 'p99 ms', 'non-2xx', 'errors', 'requests/s ÷ bare', 'p50 ÷ bare', 'p99 ÷ bare'],
        [section.bare, section.events].map(({ endpoint, result }) => resultRow(endpoint, result, section.bare.result)),
      ),
      '',
      describeLoad(section),
      '',
      describeAim(section),
      '',
      table(
        ['measured', 'from → to', 'samples', 'p50 ms', 'p99 ms', 'max ms', 'p50 ÷ bare', 'p99 ÷ bare'],
        [
          latencyRow('bare Fastify JSON', '`GET /bare` sent → response read', bare, bare),
          latencyRow('decision, mixed events', '`POST /api/gate-events` sent → decision read', latency.mixed, bare),
          latencyRow('decision, Hubei plate', '`POST /api/gate-events` sent → decision read', latency.riskResponse, bare),
          latencyRow(
            'alert delivery, gate guard',
            "`POST /api/gate-events` sent → `event: alert` read from the guard's `GET /api/alerts/stream`",
            latency.delivery,
            bare,
          ),
          latencyRow('alert delivery, community staff', "the same, on the staff account's stream", latency.staffDelivery, bare),
        ],
      ),
      '',
      `Cordon's RSS: ${formatMiB(section.memory.cordonPrepared.rssMiB)} MiB after preparation, ${formatMiB(section.memory.cordonAfterRuns.rssMiB)} MiB after the runs (peak ${formatMiB(section.memory.cordonAfterRuns.peakRssMiB)} MiB).`,
    );
  }
  return lines.join('\n');
}

/**
 * Runs the gate sections and writes the report. Returns true when every
 * response was 2xx and the compound stored at least one event per 2xx
 * response of the timed run (the warm-up's events are stored too, and
 * autocannon does not count them).
 */
export async function runGateBenchmark(settings, bare) {
  const startedAt = new Date();
  const machine = describeMachine();
  const sections = [];
  for (const database of settings.databases) sections.push(await runGateSection(database, bare, settings));
  machine.loadAverageAtEnd = os.loadavg();
  writeReportSection(settings.output, 'gates', renderGateReport({ machine, startedAt, settings, sections }));
  log(`wrote the gates section of ${path.relative(process.cwd(), settings.output) || settings.output}`);

  let allAsExpected = true;
  for (const section of sections) {
    const { result } = section.events;
    if (result.non2xx + result.errors + result.timeouts > 0) allAsExpected = false;
    const answered = result.statusCounts[200] ?? 0;
    if (section.storedDuringLoad < answered) {
      log(`${section.database}: ${answered} events were answered with 200 but only ${section.storedDuringLoad} were stored`);
      allAsExpected = false;
    }
  }
  return allAsExpected;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await runBenchmark(async () => {
    const settings = readGateSettings(process.argv.slice(2));
    const bare = await buildAndStartBare(rootDir, benchDir);
    return runGateBenchmark(settings, bare);
  });
}
