import { pino } from 'pino';
import type { ServiceContext } from '../../context/types.js';
import { buildLoggerOptions } from '../../plugins/logging.js';

export interface NotifierLogger {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

const loggers = new WeakMap<ServiceContext, NotifierLogger>();
let fallback: NotifierLogger | undefined;

/** Makes the notifier of this context log through the app's logger (set by the routes plugin, or by a test). */
export function useNotifierLogger(ctx: ServiceContext, logger: NotifierLogger): void {
  loggers.set(ctx, logger);
}

/**
 * Returns the logger of the notifier's background work (deliveries, SMS after
 * the commit), which runs outside any request. Lines carry ids, kinds and
 * status codes only: never a webhook URL, its token, a secret or a phone.
 */
export function notifierLogOf(ctx: ServiceContext): NotifierLogger {
  const logger = loggers.get(ctx);
  if (logger) return logger;
  fallback ??= pino(buildLoggerOptions(process.env.LOG_LEVEL?.trim() || 'info') as pino.LoggerOptions);
  return fallback;
}
