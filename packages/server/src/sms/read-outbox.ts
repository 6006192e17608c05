import type { Kysely } from 'kysely';
import type { Keys } from '../crypto/keys.js';
import { decryptField } from '../crypto/field-encryption.js';
import type { Database } from '../db/schema.js';
import { ROOT_CODE, ROOT_PATH } from '../modules/jurisdictions/repository.js';
import { parsePhone, phoneIndexOf } from '../modules/persons/input.js';
import { listOutboxMessages } from '../modules/sms/repository.js';

export interface OutboxMessageText {
  id: string;
  template: string;
  locale: string;
  nodeCode: string;
  body: string;
  createdAt: string;
}

/**
 * Reads the outbox, newest first, with the bodies decrypted: for tests of
 * features that send SMS (the one-time code sent to a phone) and for
 * server-side code. No HTTP route offers a lookup by phone number.
 */
export async function readOutboxMessages(
  db: Kysely<Database>,
  keys: Keys,
  filter: { phone?: string; template?: string; limit?: number } = {},
): Promise<OutboxMessageText[]> {
  const phoneIndex = filter.phone === undefined ? undefined : phoneIndexOf(keys, parsePhone(filter.phone));
  const { rows } = await listOutboxMessages(
    db,
    { nodeCode: ROOT_CODE, nodePath: ROOT_PATH },
    { template: filter.template, phoneIndex },
    0,
    filter.limit ?? 100,
  );
  return rows.map((row) => ({
    id: row.id,
    template: row.template,
    locale: row.locale,
    nodeCode: row.node_code,
    body: decryptField(keys.fieldEncryption, row.body_enc),
    createdAt: row.created_at,
  }));
}
