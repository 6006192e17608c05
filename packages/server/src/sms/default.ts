import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Keys } from '../crypto/keys.js';
import type { Database } from '../db/schema.js';
import type { SmsGateway } from './gateway.js';

/**
 * The gateway a server uses when none is given.
 * TODO: the sms-jobs helper replaces this with the outbox gateway.
 */
export function createDefaultSmsGateway(_db: Kysely<Database>, _keys: Keys): SmsGateway {
  return {
    async send() {
      return { messageId: randomUUID() };
    },
  };
}
