import type { Insertable, Kysely, Transaction } from 'kysely';
import type { Scope } from '../../context/types.js';
import type { Database } from '../../db/schema.js';
import type { DeclarationLinkTable } from '../../db/schema-declarations.js';
import { personInScope } from '../persons/repository.js';

type Executor = Kysely<Database> | Transaction<Database>;

const LINK_COLUMNS = [
  'declaration_links.id',
  'declaration_links.person_id',
  'declaration_links.channel',
  'declaration_links.created_by',
  'declaration_links.created_at',
  'declaration_links.expires_at',
  'declaration_links.revoked_at',
  'declaration_links.last_used_at',
] as const;

export async function insertLinks(db: Executor, links: Insertable<DeclarationLinkTable>[]) {
  await db.insertInto('declaration_links').values(links).execute();
}

/** Loads the rows of the given token hashes that are neither revoked nor expired at `now`. */
export function listUsableLinksByHash(db: Executor, hashes: string[], now: string) {
  return db
    .selectFrom('declaration_links')
    .select(['declaration_links.token_hash', ...LINK_COLUMNS])
    .where('token_hash', 'in', hashes)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .execute();
}

export function listLinksOfPerson(db: Executor, personId: string, limit: number) {
  return db
    .selectFrom('declaration_links')
    .select(LINK_COLUMNS)
    .where('person_id', '=', personId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** Loads a link whose person is in the scope, with the person's community for the audit log. */
export function findLinkInScope(db: Executor, scope: Scope, id: string) {
  return db
    .selectFrom('declaration_links')
    .innerJoin('persons', 'persons.id', 'declaration_links.person_id')
    .select([...LINK_COLUMNS, 'persons.community_code'])
    .where('declaration_links.id', '=', id)
    .where(personInScope(db as Kysely<Database>, scope))
    .executeTakeFirst();
}

/** Revokes a link unless it is already revoked; returns the number of rows changed (0 or 1). */
export async function revokeLink(db: Executor, id: string, userId: string | null, now: string): Promise<number> {
  const result = await db
    .updateTable('declaration_links')
    .set({ revoked_at: now, revoked_by: userId })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function markLinksUsed(db: Executor, ids: string[], now: string) {
  if (ids.length === 0) return;
  await db.updateTable('declaration_links').set({ last_used_at: now }).where('id', 'in', ids).execute();
}

/** Loads a person who is in the scope and not merged into another file, with what a link needs. */
export function findLinkablePersonInScope(db: Kysely<Database>, scope: Scope, id: string) {
  return db
    .selectFrom('persons')
    .select(['persons.id', 'persons.name', 'persons.community_code', 'persons.phone_enc', 'persons.preferred_language'])
    .where('persons.id', '=', id)
    .where('persons.merged_into_id', 'is', null)
    .where(personInScope(db, scope))
    .executeTakeFirst();
}
