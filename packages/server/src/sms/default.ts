import type { Kysely } from 'kysely';
import { pino } from 'pino';
import { ConfigError } from '../config.js';
import type { Keys } from '../crypto/keys.js';
import type { Database } from '../db/schema.js';
import { buildLoggerOptions } from '../plugins/logging.js';
import type { SmsGateway } from './gateway.js';
import { createOutboxSmsGateway, type SmsLogger } from './outbox.js';

/** Gateways CORDON_SMS_GATEWAY may name. */
export const SMS_GATEWAY_NAMES = ['outbox'] as const;

export interface DefaultSmsGatewayOptions {
  /** Gateway name; defaults to the CORDON_SMS_GATEWAY environment variable, then "outbox". */
  gateway?: string;
  /** Defaults to a pino logger with the server's redaction rules at LOG_LEVEL. */
  logger?: SmsLogger;
  clock?: () => Date;
}

let sharedLogger: SmsLogger | undefined;

/** Returns one shared logger for every gateway created without one, so that tests building many apps open stdout once. */
function defaultLogger(): SmsLogger {
  sharedLogger ??= pino(buildLoggerOptions(process.env.LOG_LEVEL?.trim() || 'info') as pino.LoggerOptions);
  return sharedLogger;
}

/**
 * Creates the gateway chosen by CORDON_SMS_GATEWAY. Only "outbox" exists: messages
 * are stored in sms_outbox and shown on the console's outbox page, and none
 * leaves the server.
 */
export function createDefaultSmsGateway(db: Kysely<Database>, keys: Keys, options: DefaultSmsGatewayOptions = {}): SmsGateway {
  // TODO: move CORDON_SMS_GATEWAY into Config, and add a provider gateway here (its
  // credentials from the environment) that implements SmsGateway.send.
  const name = options.gateway ?? (process.env.CORDON_SMS_GATEWAY?.trim() || 'outbox');
  if (name !== 'outbox') {
    throw new ConfigError(`CORDON_SMS_GATEWAY must be one of ${SMS_GATEWAY_NAMES.join(', ')}, got "${name}"`);
  }
  return createOutboxSmsGateway(db, keys, {
    logger: options.logger ?? defaultLogger(),
    clock: options.clock ?? (() => new Date()),
  });
}
