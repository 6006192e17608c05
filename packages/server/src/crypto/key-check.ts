import { createHmac } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { insertSettingIfMissing } from '../modules/settings/repository.js';
import { type Keys, SecretError } from './keys.js';

const KEY_CHECK_SETTING = 'key_check';

function keyCheckValue(keys: Keys): string {
  return createHmac('sha256', keys.auditChain).update('cordon key check v1').digest('hex');
}

/**
 * Makes sure the master secret is the one the database was written with.
 * The first start stores an HMAC of a fixed text. Without this check, a later
 * start with another CORDON_SECRET or secret.key would run normally while
 * every encrypted field is unreadable and the audit chain looks tampered with.
 */
export async function checkMasterSecret(db: Kysely<Database>, keys: Keys): Promise<void> {
  const expected = keyCheckValue(keys);
  const stored = await insertSettingIfMissing(db, KEY_CHECK_SETTING, expected, new Date().toISOString());
  if (stored !== expected) {
    throw new SecretError(
      'the master secret differs from the one this database was written with: restore the original secret.key or CORDON_SECRET',
    );
  }
}
