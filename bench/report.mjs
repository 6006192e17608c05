// Renders docs/benchmarks.md from the results of one bench run.

const DATABASE_TITLES = { sqlite: 'SQLite', postgres: 'PostgreSQL' };

export function formatRate(value) {
  return value >= 100 ? Math.round(value).toLocaleString('en-US') : value.toFixed(1);
}

export function formatMs(value) {
  return Number.isFinite(value) ? value.toFixed(2) : 'n/a';
}

export function formatRatio(value) {
  if (!Number.isFinite(value)) return 'n/a';
  if (value >= 10) return `${value.toFixed(0)}×`;
  // Two significant digits below 0.1, so that sign-in's 0.0017× does not print as 0.00×.
  return value >= 0.1 ? `${value.toFixed(2)}×` : `${value.toPrecision(2)}×`;
}

export function formatLoad(loadAverage) {
  return loadAverage.map((value) => value.toFixed(2)).join(', ');
}

export function formatMiB(value) {
  return value.toFixed(1);
}

export function resultRow(endpoint, result, bare) {
  return [
    endpoint.title,
    `\`${endpoint.method ?? 'GET'} ${endpoint.path}\``,
    formatRate(result.requestsPerSecond),
    formatMs(result.p50Ms),
    formatMs(result.p99Ms),
    String(result.non2xx),
    String(result.errors + result.timeouts),
    formatRatio(result.requestsPerSecond / bare.requestsPerSecond),
    formatRatio(result.p50Ms / bare.p50Ms),
    formatRatio(result.p99Ms / bare.p99Ms),
  ];
}

/** Returns the list lines of a report section that name the machine, the software and the load settings. */
export function machineLines(machine, settings) {
  return [
    `- CPU: ${machine.cpu.model}, ${machine.cpu.count} logical CPUs; memory ${machine.memoryGiB.toFixed(1)} GiB; ${machine.os}`,
    `- Node.js ${machine.node}, Fastify ${machine.fastify}, autocannon ${machine.autocannon}`,
    `- Load average (1, 5 and 15 minutes): ${formatLoad(machine.loadAverage)} at the start, ${formatLoad(machine.loadAverageAtEnd)} at the end`,
    `- ${settings.duration} s per endpoint, ${settings.connections} connections, ${settings.warmup} s warm-up`,
  ];
}

export function table(header, rows) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

function renderSection(section) {
  const { bare } = section;
  const rows = [bare, ...section.endpoints].map(({ endpoint, result }) => resultRow(endpoint, result, bare.result));
  const throughput = table(
    ['endpoint', 'request', 'requests/s', 'p50 ms', 'p99 ms', 'non-2xx', 'errors', 'requests/s ÷ bare', 'p50 ÷ bare', 'p99 ÷ bare'],
    rows,
  );

  const memory = table(
    ['process', 'when', 'RSS MiB', 'peak RSS (VmHWM) MiB'],
    [
      [
        'Cordon',
        'after start, before preparation',
        formatMiB(section.memory.cordonStarted.rssMiB),
        formatMiB(section.memory.cordonStarted.peakRssMiB),
      ],
      [
        'Cordon',
        `after preparation (${section.jurisdictionsLoaded.toLocaleString('en-US')} jurisdiction nodes loaded)`,
        formatMiB(section.memory.cordonPrepared.rssMiB),
        formatMiB(section.memory.cordonPrepared.peakRssMiB),
      ],
      ['Cordon', 'after the runs', formatMiB(section.memory.cordonAfterRuns.rssMiB), formatMiB(section.memory.cordonAfterRuns.peakRssMiB)],
      [
        'bare Fastify',
        'after the runs',
        formatMiB(section.memory.bareAfterRuns.rssMiB),
        formatMiB(section.memory.bareAfterRuns.peakRssMiB),
      ],
    ],
  );

  return [`### ${DATABASE_TITLES[section.database]}`, '', `Database: ${section.databaseDescription}.`, '', throughput, '', memory].join(
    '\n',
  );
}

/** Returns the whole Markdown document. */
export function renderReport({ machine, startedAt, settings, sections }) {
  const failures = sections.flatMap((section) =>
    [section.bare, ...section.endpoints]
      .filter(({ result }) => result.non2xx + result.errors + result.timeouts > 0)
      .map(({ endpoint }) => `${DATABASE_TITLES[section.database]} \`${endpoint.path}\``),
  );
  const statusLine = failures.length
    ? `**Not every response was 2xx**: see the non-2xx and errors columns of ${failures.join(', ')}. These figures do not measure the intended work.`
    : 'Every response of every run was 2xx.';

  return `# Benchmarks

How fast Cordon's HTTP API responds, measured against a bare Fastify JSON
endpoint on the same machine in the same run. The absolute figures depend on
the machine; the ratios to the bare endpoint are what to compare between
machines and between versions of Cordon. Each benchmark command rewrites its
own section of this page with its latest run.

## How to run

\`\`\`sh
npm run bench                                  # SQLite, 10 s per endpoint
npm run bench -- --postgres                    # PostgreSQL instead of SQLite
npm run bench -- --databases sqlite,postgres   # both, one section each
npm run bench:api -- --duration 30 --connections 20 --warmup 5
\`\`\`

\`npm run bench\` runs five commands in turn: the API endpoints below
(\`npm run bench:api\`), health declarations with 100,000 people under
observation (\`npm run bench:declarations\`), alert delivery to an open
stream (\`npm run bench:alerts\`), checkpoint registrations from an
enrolled phone (\`npm run bench:checkpoints\`) and gate events with their
decisions and alerts (\`npm run bench:gates\`). Each takes \`--databases\`,
\`--postgres\` and \`--output\`; run one alone for its other options (\`--help\`
lists them).

\`npm run bench\` measures SQLite only. PostgreSQL is measured with
\`--postgres\`, with \`--databases\` naming it, or when \`BENCH_DATABASE_URL\`
is set. The connection string is \`BENCH_DATABASE_URL\`, else
\`DATABASE_URL\`, else \`postgres://postgres@127.0.0.1:5432/test\`. The run
creates a schema \`cordon_bench_…\` there and drops it at the end.
The exceptions are \`npm run bench:checkpoints\` and \`npm run bench:gates\`, which
measure both databases when \`DATABASE_URL\` or \`BENCH_DATABASE_URL\` is set and neither
option is given.
\`--output FILE\` writes the report somewhere other than this page.

A run does the following:

1. It builds the server when its sources changed (\`node scripts/ensure-build.mjs --server-only\`).
2. It starts two child processes on free ports of 127.0.0.1. The first is
   \`bench/bare-server.mjs\`, a Fastify server whose only route \`GET /bare\`
   returns \`{"ok":true}\`. The second is \`cordon serve\` on an empty
   temporary data folder (or an empty PostgreSQL schema), with
   \`LOG_LEVEL=warn\` and rate limits raised to 1,000,000 requests a minute.
3. It prepares Cordon through the API. The administrator signs in and changes
   the first password, then loads the Suzhou tree (320500) and creates
   community staff accounts on 320508018014: one for the session endpoints
   and ten that the sign-in run cycles through, because one account signing
   in on every connection at once is held back by the lockout guard. Each
   account signs in once and changes its temporary password.
4. It sends each endpoint's request once and stops unless the status is 2xx.
   Then it loads the endpoint with autocannon: a warm-up that is not recorded,
   then the timed run with keep-alive connections. The bare endpoint is
   measured again at the start of every database section.
5. It reads VmRSS and VmHWM from \`/proc/<pid>/status\` of both servers.
6. It writes this page. It exits with status 1 when any response was not 2xx.
   It stops the servers and removes the temporary folder and schema on exit,
   also after an error or Ctrl-C.

The endpoints are the array in \`bench/endpoints.mjs\`. Add a line there to
measure another endpoint.

## Reading the figures

- **requests/s** is autocannon's mean of the per-second request counts.
  **p50** and **p99** are latency percentiles in milliseconds over the 2xx
  responses, from each response's own time, so they keep sub-millisecond
  precision.
- **requests/s ÷ bare** is the endpoint's throughput as a share of the bare
  endpoint's. At 0.25×, Cordon serves a quarter of the requests that Fastify
  alone serves. The difference is Cordon's work per request: cookie parsing,
  the session lookup in the database, the permission check, rate limiting,
  security headers, schema validation and serialization, the request logger
  (which writes no line at \`LOG_LEVEL=warn\`), and the query itself.
- **p50 ÷ bare** and **p99 ÷ bare** compare latencies in the same way. At
  4×, a request waits four times as long as on the bare endpoint.
- **Sign-in is slow by design.** Each sign-in checks the password against
  its argon2id hash, and argon2id is built to cost CPU time and memory so
  that stolen hashes are expensive to guess. Its requests/s show how many sign-ins a second the
  machine can absorb, not a defect.
- autocannon runs in the bench process on the same machine, so it takes CPU
  time from the servers. On a machine with few cores this lowers both
  figures, probably the bare one most because it is the fastest.
- The **load average** at the start shows other work on the machine, which
  lowers every figure. The one at the end includes the run's own load.
- **RSS** is the resident memory at a moment. **Peak RSS** (VmHWM) is the
  highest it has been since the process started. Both are read after the
  runs, and for Cordon also after start and after the preparation.

## Latest results

- Date: ${startedAt.toISOString().replace(/\.\d+Z$/, 'Z')}
- CPU: ${machine.cpu.model}, ${machine.cpu.count} logical CPUs
- Memory: ${machine.memoryGiB.toFixed(1)} GiB
- Load average (1, 5 and 15 minutes): ${formatLoad(machine.loadAverage)} at the start, ${formatLoad(machine.loadAverageAtEnd)} at the end
- OS: ${machine.os}
- Node.js ${machine.node}, Fastify ${machine.fastify}, autocannon ${machine.autocannon}
- Each endpoint: ${settings.warmup} s warm-up, then ${settings.duration} s with ${settings.connections} connections
- ${statusLine}

${sections.map(renderSection).join('\n\n')}
`;
}
