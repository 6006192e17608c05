import type { Insertable, Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { DeclarationCodeTable } from '../../db/schema-declarations.js';

export async function insertCode(db: Kysely<Database>, row: Insertable<DeclarationCodeTable>) {
  await db.insertInto('declaration_codes').values(row).execute();
}

/** Creation times of a phone's codes since an instant, newest first. */
export async function listCodeTimesSince(db: Kysely<Database>, phoneHash: string, since: string): Promise<string[]> {
  const rows = await db
    .selectFrom('declaration_codes')
    .select('created_at')
    .where('phone_hash', '=', phoneHash)
    .where('created_at', '>', since)
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map((row) => row.created_at);
}

/** Finds the phone's newest code when it is unused and unexpired. An older code stops counting once a newer one is sent. */
export async function findLatestPendingCode(db: Kysely<Database>, phoneHash: string, now: string) {
  const latest = await db
    .selectFrom('declaration_codes')
    .select(['id', 'code_hash', 'attempts', 'expires_at', 'consumed_at'])
    .where('phone_hash', '=', phoneHash)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!latest || latest.consumed_at !== null || latest.expires_at <= now) return undefined;
  return latest;
}

/** Counts one attempt unless the code is used up; returns false when no attempt was left. */
export async function countAttempt(db: Kysely<Database>, id: string, maxAttempts: number): Promise<boolean> {
  const result = await db
    .updateTable('declaration_codes')
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('id', '=', id)
    .where('consumed_at', 'is', null)
    .where('attempts', '<', maxAttempts)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Marks a code used (or burnt); returns false when it already was. */
export async function consumeCode(db: Kysely<Database>, id: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable('declaration_codes')
    .set({ consumed_at: now })
    .where('id', '=', id)
    .where('consumed_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
