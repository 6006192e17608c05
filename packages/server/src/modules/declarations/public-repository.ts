import type { Insertable, Kysely, Transaction, Updateable } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { DeclarationTable } from '../../db/schema-declarations.js';

type Executor = Kysely<Database> | Transaction<Database>;

const DECLARATION_COLUMNS = [
  'id',
  'person_id',
  'window_key',
  'community_code',
  'temperature_tenths',
  'symptoms',
  'location',
  'late',
  'abnormal',
  'declared_at',
  'updated_at',
  'revision',
] as const;

export type DeclarationRow = Awaited<ReturnType<typeof findDeclaration>> & {};

/**
 * Finds a person's declaration of a window. With `lock` (PostgreSQL only) the
 * row stays locked until the transaction ends, so parallel edits of one
 * declaration run one after the other instead of failing on the revision check.
 */
export function findDeclaration(db: Executor, personId: string, windowKey: string, lock = false) {
  const query = db
    .selectFrom('declarations')
    .select(DECLARATION_COLUMNS)
    .where('person_id', '=', personId)
    .where('window_key', '=', windowKey);
  return lock ? query.forUpdate().executeTakeFirst() : query.executeTakeFirst();
}

export async function insertDeclaration(db: Executor, row: Insertable<DeclarationTable>) {
  await db.insertInto('declarations').values(row).execute();
}

/** Applies an edit only to the revision it was based on; returns the number of rows changed (0 when another edit won). */
export async function updateDeclaration(
  db: Executor,
  id: string,
  revision: number,
  changes: Updateable<DeclarationTable>,
): Promise<number> {
  const result = await db.updateTable('declarations').set(changes).where('id', '=', id).where('revision', '=', revision).executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Loads the person a declaration is made for, with what the public page shows and what the row needs. */
export function findDeclarant(db: Executor, personId: string) {
  return db
    .selectFrom('persons')
    .select(['id', 'name', 'preferred_language', 'community_code', 'grid_code', 'merged_into_id'])
    .where('id', '=', personId)
    .executeTakeFirst();
}

/** Persons with a phone, in a fixed order so that a family's indexes stay the same between requests. */
export function listPersonsByPhoneIndex(db: Executor, phoneIndex: string, limit: number) {
  return db
    .selectFrom('persons')
    .select(['id', 'name', 'community_code', 'preferred_language'])
    .where('phone_index', '=', phoneIndex)
    .where('merged_into_id', 'is', null)
    .orderBy('created_at')
    .orderBy('id')
    .limit(limit)
    .execute();
}
