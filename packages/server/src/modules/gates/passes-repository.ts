import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { AccessPassTable } from '../../db/schema-gates.js';
import { containsPattern } from './admin-residents.js';

type Executor = Kysely<Database> | Transaction<Database>;

export function passQuery(db: Executor) {
  return db
    .selectFrom('access_passes')
    .innerJoin('persons', 'persons.id', 'access_passes.person_id')
    .select([
      'access_passes.id',
      'access_passes.compound_id',
      'access_passes.person_id',
      'access_passes.serial',
      'access_passes.card_number',
      'access_passes.secret_enc',
      'access_passes.link_token_hash',
      'access_passes.status',
      'access_passes.valid_until',
      'access_passes.revoked_reason',
      'access_passes.revoked_at',
      'access_passes.created_at',
      'persons.name as person_name',
      'persons.room_id as person_room_id',
    ]);
}

export type PassRow = Awaited<ReturnType<ReturnType<typeof passQuery>['executeTakeFirstOrThrow']>>;

export function findPass(db: Executor, id: string) {
  return passQuery(db).where('access_passes.id', '=', id).executeTakeFirst();
}

export interface PassFilter {
  status?: string | undefined;
  /** Matches part of the serial, the card number or the holder's name. */
  text?: string | undefined;
}

export function listPassesOfCompound(db: Executor, compoundId: string, filter: PassFilter, limit: number) {
  let query = passQuery(db).where('access_passes.compound_id', '=', compoundId);
  if (filter.status) query = query.where('access_passes.status', '=', filter.status);
  if (filter.text) {
    const pattern = containsPattern(filter.text);
    query = query.where((eb) =>
      eb.or([
        sql<boolean>`access_passes.serial like ${pattern.toUpperCase()} escape '\\'`,
        sql<boolean>`access_passes.card_number like ${pattern.toUpperCase()} escape '\\'`,
        sql<boolean>`persons.name like ${pattern} escape '\\'`,
      ]),
    );
  }
  return query.orderBy('access_passes.serial', 'desc').limit(limit).execute();
}

export function findActivePassOfPerson(db: Executor, compoundId: string, personId: string) {
  return db
    .selectFrom('access_passes')
    .select('id')
    .where('compound_id', '=', compoundId)
    .where('person_id', '=', personId)
    .where('status', '=', 'active')
    .executeTakeFirst();
}

export function findPassByCard(db: Executor, compoundId: string, cardNumber: string) {
  return db
    .selectFrom('access_passes')
    .select(['id', 'status'])
    .where('compound_id', '=', compoundId)
    .where('card_number', '=', cardNumber)
    .executeTakeFirst();
}

/** Computes the next serial of a compound: "A" and 7 digits, one above the highest so far. */
export async function nextSerial(db: Executor, compoundId: string): Promise<string> {
  const row = await db
    .selectFrom('access_passes')
    .select((eb) => eb.fn.max('serial').as('serial'))
    .where('compound_id', '=', compoundId)
    .executeTakeFirst();
  const last = row?.serial ? Number(row.serial.slice(1)) : 0;
  return `A${String((Number.isFinite(last) ? last : 0) + 1).padStart(7, '0')}`;
}

export async function insertPass(db: Executor, row: AccessPassTable) {
  await db.insertInto('access_passes').values(row).execute();
}

export async function updatePass(db: Executor, id: string, changes: Partial<AccessPassTable>) {
  await db.updateTable('access_passes').set(changes).where('id', '=', id).execute();
}

/** Takes a card number off a revoked pass, so that a new pass can hold it. */
export async function releaseCardOfRevokedPass(db: Executor, compoundId: string, cardNumber: string, now: string) {
  await db
    .updateTable('access_passes')
    .set({ card_number: null, updated_at: now })
    .where('compound_id', '=', compoundId)
    .where('card_number', '=', cardNumber)
    .where('status', '=', 'revoked')
    .execute();
}

/** Active passes of a person, with their compound's community for the audit log. */
export function listActivePassesOfPerson(db: Executor, personId: string) {
  return db
    .selectFrom('access_passes')
    .innerJoin('compounds', 'compounds.id', 'access_passes.compound_id')
    .select(['access_passes.id', 'access_passes.compound_id', 'compounds.community_code'])
    .where('access_passes.person_id', '=', personId)
    .where('access_passes.status', '=', 'active')
    .execute();
}
