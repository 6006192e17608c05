import { formatErrorMessage, isRole, negotiateLocale, normalizeRegionCode, ROLES } from '@cordon/core';
import { Command, InvalidArgumentError } from 'commander';
import { ConfigError, loadConfig } from '../config.js';
import { SecretError } from '../crypto/keys.js';
import { MigrationError } from '../db/migrate.js';
import { AppError } from '../errors/app-error.js';
import { verifyAudit } from '../modules/audit/service.js';
import { loadRegion } from '../modules/jurisdictions/service.js';
import { bootstrapDatabase } from '../modules/users/bootstrap.js';
import { findUserIdByUsername } from '../modules/users/repository.js';
import { createUser, resetPassword, updateUser } from '../modules/users/service.js';
import { normalizeUsername } from '../modules/auth/service.js';
import { VERSION } from '../version.js';
import { runDemo } from './demo.js';
import { printOnce } from './output.js';
import { openRuntime, type Runtime } from './runtime.js';
import { serve } from './serve.js';
import { anyPostDecided, parseFormats, simulateGates } from './simulate-gates.js';
import { startWebhookReceiver } from './webhook-receiver.js';

/** Runs a command with an open runtime and closes the database afterwards. */
async function withRuntime<T>(work: (runtime: Runtime) => Promise<T>): Promise<T> {
  const runtime = await openRuntime(loadConfig());
  try {
    return await work(runtime);
  } finally {
    await runtime.database.close();
  }
}

function parsePort(value: string) {
  const port = Number(value);
  if (!/^\d{1,5}$/.test(value) || port > 65_535) throw new InvalidArgumentError('must be a port number from 0 to 65535');
  return port;
}

function parseRole(value: string) {
  if (!isRole(value)) throw new InvalidArgumentError(`must be one of ${ROLES.join(', ')}`);
  return value;
}

const program = new Command()
  .name('cordon')
  .description('Cordon (社区防控平台): community-level epidemic control platform')
  .version(VERSION)
  .showHelpAfterError();

program
  .command('serve')
  .description('start the HTTP server (PORT, HOST, CORDON_DATA_DIR, DATABASE_URL, CORDON_SECRET, CORDON_ADMIN_PASSWORD)')
  .action(async () => {
    await serve(loadConfig());
  });

program
  .command('migrate')
  .description('apply pending database migrations and exit')
  .action(async () => {
    await withRuntime(async (runtime) => {
      const applied = runtime.migrationsApplied;
      process.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'database is up to date\n');
    });
  });

const user = program.command('user').description('manage staff accounts');
user
  .command('create')
  .description('create a staff account and print its one-time password')
  .requiredOption('--username <name>', 'sign-in name: 3-32 letters, digits, dot, dash or underscore')
  .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`, parseRole)
  .requiredOption('--node <code>', 'jurisdiction code the account sits on, e.g. 320508018014 or CN for the root')
  .option('--display-name <name>', 'name shown in the console (default: the username)')
  .action(async (options: { username: string; role: ReturnType<typeof parseRole>; node: string; displayName?: string }) => {
    await withRuntime(async (runtime) => {
      await bootstrapDatabase(runtime.services, runtime.services.config.adminPassword);
      // Region codes may be typed short (3205) or padded (320500000000), as regions load takes them.
      const nodeCode = /^\d+$/.test(options.node) ? (normalizeRegionCode(options.node) ?? options.node) : options.node;
      const result = await createUser(runtime.services, null, {
        username: options.username,
        displayName: options.displayName ?? options.username,
        role: options.role,
        nodeCode,
      });
      printOnce.credentials([
        {
          username: result.user.username,
          role: result.user.role,
          node: `${result.user.nodeName} (${result.user.nodeCode})`,
          password: result.temporaryPassword,
        },
      ]);
    });
  });

user
  .command('reset-password')
  .description('issue a new one-time password for an account, clear its lockout and end its sessions')
  .argument('<username>', 'sign-in name of the account')
  .action(async (username: string) => {
    await withRuntime(async (runtime) => {
      const { temporaryPassword } = await resetPassword(runtime.services, null, await requireUserId(runtime, username));
      process.stdout.write(`one-time password of ${normalizeUsername(username)}: ${temporaryPassword}\n`);
    });
  });

/** Finds an account by sign-in name for the commands that take one. */
async function requireUserId(runtime: Runtime, username: string): Promise<string> {
  const found = await findUserIdByUsername(runtime.database.db, normalizeUsername(username));
  if (!found) throw new AppError('USER_NOT_FOUND', 'username');
  return found.id;
}

for (const [command, disabled, description] of [
  ['disable', true, 'disable an account and end its sessions, e.g. the demo accounts before going live'],
  ['enable', false, 'enable a disabled account again'],
] as const) {
  user
    .command(command)
    .description(description)
    .argument('<username>', 'sign-in name of the account')
    .action(async (username: string) => {
      await withRuntime(async (runtime) => {
        const updated = await updateUser(runtime.services, null, await requireUserId(runtime, username), { disabled });
        process.stdout.write(`${updated.username}: ${updated.disabled ? 'disabled' : 'enabled'}\n`);
      });
    });
}

const regions = program.command('regions').description('reference regions and the jurisdiction tree');
regions
  .command('load')
  .description('build the jurisdiction tree of a region, e.g. 320500 for Suzhou with all its communities and villages')
  .argument('<code>', 'region code: 6-digit province/city/county, 9-digit subdistrict or 12-digit community')
  .action(async (code: string) => {
    await withRuntime(async (runtime) => {
      await bootstrapDatabase(runtime.services, runtime.services.config.adminPassword);
      const result = await loadRegion(runtime.services, null, code);
      process.stdout.write(`region ${code}: ${result.total} nodes, ${result.inserted} added\n`);
    });
  });

program
  .command('demo')
  .description(
    'load Suzhou (320500) and create one account of each role, printing their passwords; for trying Cordon, not for a live database',
  )
  .action(async () => {
    await withRuntime(async (runtime) => {
      const bootstrap = await bootstrapDatabase(runtime.services, runtime.services.config.adminPassword);
      if (bootstrap.created && bootstrap.passwordSource === 'generated') printOnce.adminPassword(bootstrap.username, bootstrap.password);
      process.stdout.write(
        'demo accounts are for trying Cordon: do not run this on a live database; cordon user disable NAME turns one off\n',
      );
      const demo = await runDemo(runtime.services);
      process.stdout.write(`region 320500: ${demo.load.total} nodes, ${demo.load.inserted} added\n`);
      if (demo.accounts.length) printOnce.credentials(demo.accounts);
      if (demo.skipped.length) {
        process.stdout.write(`already present, unchanged: ${demo.skipped.join(', ')} (new password: cordon user reset-password NAME)\n`);
      }
    });
  });

const audit = program.command('audit').description('the tamper-evident audit log');
audit
  .command('verify')
  .description('check the hash chain of the audit log; exits 1 when a row was edited or deleted')
  .action(async () => {
    await withRuntime(async (runtime) => {
      const result = await verifyAudit(runtime.services);
      if (result.ok) process.stdout.write(`audit log intact: ${result.checked} entries checked\n`);
      else {
        process.stdout.write(`audit log BROKEN at seq ${result.brokenAtSeq} (${result.reason}) after ${result.checked} intact entries\n`);
        process.exitCode = 1;
      }
    });
  });

program
  .command('webhook-receiver')
  .description('listen on 127.0.0.1 and print each Cordon webhook delivery (alert kind, compound, gate, text) as it arrives')
  .requiredOption('--port <port>', 'TCP port to listen on, 0 for any free port', parsePort)
  .option('--secret <secret>', "the webhook's secret: deliveries without a valid X-Cordon-Signature are rejected")
  .action(async (options: { port: number; secret?: string }) => {
    const receiver = await startWebhookReceiver({ port: options.port, ...(options.secret ? { secret: options.secret } : {}) });
    process.stdout.write(`webhook receiver listening: add ${receiver.url} as a generic webhook. Stop with Ctrl-C.\n`);
  });

/** Language of command-line messages, from the POSIX locale (LANG=zh_CN.UTF-8 → zh-CN); zh-CN by default. */
function cliLocale() {
  const posix = process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG || '';
  const tag = posix.split('.')[0]?.replace('_', '-');
  return tag && tag !== 'C' && tag !== 'POSIX' ? negotiateLocale(tag) : negotiateLocale(undefined);
}

/** Prints an expected failure as one line and exits 1; unexpected ones keep their stack. */
function reportFailure(error: unknown): void {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (error instanceof AppError) {
    const options: { field?: string; params?: Record<string, string | number> } = {};
    if (error.field) options.field = error.field;
    if (error.params) options.params = error.params;
    process.stderr.write(`cordon: ${formatErrorMessage(cliLocale(), error.code, options)} (${error.code})\n`);
  } else if (code === 'EADDRINUSE') {
    process.stderr.write(`cordon: ${(error as Error).message}: another process uses this port; stop it or set PORT\n`);
  } else if (error instanceof ConfigError || error instanceof SecretError || error instanceof MigrationError) {
    process.stderr.write(`cordon: ${error.message}\n`);
  } else {
    process.stderr.write(`cordon: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exitCode = 1;
}

const simulate = program.command('simulate').description('send simulated device traffic to a running server');
simulate
  .command('gates')
  .description('post gate camera events (residents at the peaks, deliveries, 鄂A/鄂B cars, malformed posts) and print a summary per format')
  .requiredOption('--url <url>', 'address of the Cordon server, such as http://127.0.0.1:3000')
  .requiredOption('--key <key>', 'gate device key; repeat for several gates', (value: string, previous: string[] = []) => [
    ...previous,
    value,
  ])
  .option('--minutes <n>', 'simulated minutes from 07:00', (value) => Number.parseInt(value, 10), 120)
  .option('--speed <x>', 'simulated minutes per real second', (value) => Number(value), 10)
  .option('--formats <list>', 'comma-separated formats', parseFormats, parseFormats('cordon,hikvision,dahua,vzenith,gat1400'))
  .action(async (options: { url: string; key: string[]; minutes: number; speed: number; formats: ReturnType<typeof parseFormats> }) => {
    const summaries = await simulateGates({
      url: options.url,
      keys: options.key,
      minutes: options.minutes,
      speed: options.speed,
      formats: options.formats,
    });
    // A script that runs the simulator must see a wrong key or an unreachable server as a failure.
    if (!anyPostDecided(summaries)) process.exitCode = 1;
  });

program.parseAsync(process.argv).catch(reportFailure);
