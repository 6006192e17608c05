// `npm run bench`: runs every benchmark command one after another, so that
// docs/benchmarks.md is rewritten from one sitting: the API endpoints
// (bench/run.mjs), health declarations with 100,000 people under observation
// (bench/declarations.mjs), alert delivery to an open stream
// (bench/alert-latency.mjs), checkpoint registrations from a phone
// (bench/checkpoints.mjs) and gate events with decisions and alerts
// (bench/gates.mjs). --databases, --postgres and --output go to each; any
// other option is for one command, so run that command alone.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const COMMANDS = ['run.mjs', 'declarations.mjs', 'alert-latency.mjs', 'checkpoints.mjs', 'gates.mjs'];

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    databases: { type: 'string' },
    postgres: { type: 'boolean' },
    output: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  process.stdout.write(`Usage: npm run bench -- [--databases sqlite,postgres] [--postgres] [--output FILE]

Runs ${COMMANDS.map((command) => `bench/${command}`).join(', ')} in turn. For their
other options run one of them alone, e.g. node bench/declarations.mjs --help.
`);
  process.exit(0);
}

const shared = [];
if (values.databases !== undefined) shared.push('--databases', values.databases);
if (values.postgres) shared.push('--postgres');
if (values.output !== undefined) shared.push('--output', values.output);

for (const command of COMMANDS) {
  const result = spawnSync(process.execPath, [path.join(benchDir, command), ...shared], { stdio: 'inherit' });
  if (result.status !== 0) {
    process.stderr.write(`[bench] bench/${command} failed (exit status ${result.status ?? result.signal})\n`);
    process.exit(result.status ?? 1);
  }
}
