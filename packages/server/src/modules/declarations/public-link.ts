import type { Kysely } from 'kysely';
import type { ServiceContext } from '../../context/types.js';
import type { Database } from '../../db/schema.js';
import { AppError } from '../../errors/app-error.js';
import { listUsableLinksByHash } from './links-repository.js';
import { isLinkTokenFormat, MAX_PERSONS_PER_SESSION, tokenHashOf } from './links-token.js';
import { findDeclarant } from './public-repository.js';

/** One person a token reaches, at its position in the session. */
export interface LinkedPerson {
  linkId: string;
  personId: string;
  index: number;
}

/** The persons a valid token reaches: one for a personal link, up to 10 for a code session of a shared phone. */
export interface LinkSession {
  channel: string;
  persons: LinkedPerson[];
}

function invalidLink(): AppError {
  return new AppError('DECLARATION_LINK_INVALID', 'token');
}

/**
 * Resolves a token to its persons. An unknown, malformed, expired or revoked
 * token fails with the one code DECLARATION_LINK_INVALID, so a caller cannot
 * tell the cases apart.
 */
export async function resolveLinkSession(ctx: ServiceContext, token: string, now: Date): Promise<LinkSession> {
  if (!isLinkTokenFormat(token)) throw invalidLink();
  const hashes = Array.from({ length: MAX_PERSONS_PER_SESSION }, (_, index) => tokenHashOf(ctx.keys, token, index));
  const rows = await listUsableLinksByHash(ctx.db, hashes, now.toISOString());
  const indexOfHash = new Map(hashes.map((hash, index) => [hash, index]));

  const persons = rows
    .map((row) => ({ linkId: row.id, personId: row.person_id, index: indexOfHash.get(row.token_hash) as number, channel: row.channel }))
    .sort((a, b) => a.index - b.index);
  const first = persons[0];
  // The rows after the first belong to a code session; without its first row the token is not valid.
  if (!first || first.index !== 0) throw invalidLink();
  return { channel: first.channel, persons: persons.map(({ linkId, personId, index }) => ({ linkId, personId, index })) };
}

/**
 * Picks the person a request is about. A session of several persons needs
 * `personIndex` when `required`; otherwise its first person is taken.
 */
export function pickLinkedPerson(session: LinkSession, personIndex: number | undefined, required: boolean): LinkedPerson {
  if (personIndex === undefined) {
    if (required && session.persons.length > 1) throw new AppError('DECLARATION_PERSON_INDEX_REQUIRED', 'personIndex');
    return session.persons[0] as LinkedPerson;
  }
  const person = session.persons.find((candidate) => candidate.index === personIndex);
  if (!person) throw new AppError('DECLARATION_PERSON_INDEX_INVALID', 'personIndex', { max: session.persons.length - 1 });
  return person;
}

/** Loads the declaring person, following a merged file to the file it was merged into. */
export async function loadDeclarant(db: Kysely<Database>, personId: string) {
  const person = await findDeclarant(db, personId);
  if (person?.merged_into_id) {
    const target = await findDeclarant(db, person.merged_into_id);
    if (target && target.merged_into_id === null) return target;
  }
  if (!person || person.merged_into_id) throw invalidLink();
  return person;
}
