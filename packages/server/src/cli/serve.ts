import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from '../app.js';
import type { Config } from '../config.js';
import { listScheduledJobs } from '../jobs/registry.js';
import { createScheduler } from '../jobs/scheduler.js';
import { readSchedulerSettings } from '../jobs/settings.js';
import { purgeExpiredSessions } from '../modules/auth/service.js';
import { bootstrapDatabase } from '../modules/users/bootstrap.js';
import { VERSION } from '../version.js';
import { printOnce } from './output.js';
import { openRuntime } from './runtime.js';

const SESSION_SWEEP_MS = 10 * 60_000;
const SHUTDOWN_GRACE_MS = 10_000;

function defaultWebDist(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../web/dist');
}

/**
 * Starts the server: migrations, first administrator, HTTP listener and the
 * session sweep. On SIGTERM or SIGINT it stops cleanly, finishing requests in
 * flight for up to 10 seconds.
 */
export async function serve(config: Config): Promise<void> {
  const schedulerSettings = readSchedulerSettings();
  const runtime = await openRuntime(config);
  const app = await buildApp({
    config: { ...config, webDistDir: config.webDistDir ?? defaultWebDist() },
    database: runtime.database,
    keys: runtime.keys,
  });
  const log = app.log;
  log.info(
    {
      version: VERSION,
      database: runtime.database.kind,
      location: runtime.database.location,
      migrations: runtime.migrationsApplied,
      secretSource: runtime.secretSource,
      keyFingerprint: runtime.keys.fingerprint,
    },
    'storage ready',
  );

  const bootstrap = await bootstrapDatabase(runtime.services, config.adminPassword);
  if (bootstrap.created) {
    log.info({ username: bootstrap.username, passwordSource: bootstrap.passwordSource }, 'first administrator created');
    if (bootstrap.passwordSource === 'generated') printOnce.adminPassword(bootstrap.username, bootstrap.password);
  }

  const sweep = setInterval(() => {
    purgeExpiredSessions(runtime.services)
      .then((removed) => removed > 0 && log.info({ removed }, 'expired sessions removed'))
      .catch((error: unknown) => log.error({ err: error }, 'session sweep failed'));
  }, SESSION_SWEEP_MS);
  sweep.unref();

  // Jobs run with the app's context, so that alerts they raise reach the app's event streams.
  const scheduler =
    schedulerSettings.tickMs > 0
      ? createScheduler({ ctx: app.services, jobs: listScheduledJobs(), logger: log, ...schedulerSettings })
      : undefined;
  if (!scheduler) log.info('job scheduler off on this instance (CORDON_JOB_TICK_SECONDS=0)');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    clearInterval(sweep);
    const timer = setTimeout(() => {
      log.error('shutdown timed out, exiting');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS);
    timer.unref();
    try {
      await scheduler?.stop();
      await app.close();
      if (!(await app.waitForHandlers(SHUTDOWN_GRACE_MS / 2))) log.warn('handlers still running at shutdown');
      await runtime.database.close();
      log.info('stopped');
      process.exit(0);
    } catch (error) {
      log.error({ err: error }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));

  const address = await app.listen({ port: config.port, host: config.host });
  const port = new URL(address).port;
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  printOnce.listening(`http://${shownHost}:${port}`);
  scheduler?.start();
}
