import { type ExpressionBuilder, type Insertable, type Kysely, sql, type Transaction, type Updateable } from 'kysely';
import type { Scope } from '../../context/types.js';
import type { Database, PersonTable } from '../../db/schema.js';
import { subtreeCodes } from '../jurisdictions/scope.js';

type Executor = Kysely<Database> | Transaction<Database>;

/**
 * Limits a query to files in scope. A file is in scope when its community or its grid is in the subtree:
 * community staff read every file of the community, a grid worker those of the grid.
 */
function personInScope(db: Kysely<Database>, scope: Scope) {
  return (eb: ExpressionBuilder<Database, 'persons'>) =>
    eb.or([eb('persons.community_code', 'in', subtreeCodes(db, scope)), eb('persons.grid_code', 'in', subtreeCodes(db, scope))]);
}

/** Escapes LIKE wildcards for a pattern used with `ESCAPE '\'`. */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

const SUMMARY_COLUMNS = [
  'persons.id',
  'persons.name',
  'persons.document_type',
  'persons.document_masked',
  'persons.phone_masked',
  'persons.birth_date',
  'persons.sex',
  'persons.community_code',
  'persons.grid_code',
  'persons.key_person',
  'persons.close_contact',
  'persons.updated_at',
  'community.name as community_name',
] as const;

const DETAIL_COLUMNS = [
  ...SUMMARY_COLUMNS,
  'persons.nationality',
  'persons.preferred_language',
  'persons.document_region_code',
  'persons.room_id',
  'persons.place_id',
  'persons.household_role',
  'persons.origin_region_code',
  'persons.arrival_date',
  'persons.travel_mode',
  'persons.travel_number',
  'persons.key_person_reason',
  'persons.close_contact_reason',
  'persons.source',
  'persons.created_at',
  'grid.name as grid_name',
  'compounds.name as compound_name',
  'buildings.number as building_number',
  'units.number as unit_number',
  'rooms.number as room_number',
  'places.text as place_text',
] as const;

function personQuery(db: Kysely<Database>, scope: Scope) {
  return db
    .selectFrom('persons')
    .innerJoin('jurisdictions as community', 'community.code', 'persons.community_code')
    .where(personInScope(db, scope));
}

export type PersonSummaryRow = Awaited<ReturnType<typeof listPersonsInScope>>['rows'][number];
export type PersonDetailRow = NonNullable<Awaited<ReturnType<typeof findPersonInScope>>>;

export function findPersonInScope(db: Kysely<Database>, scope: Scope, id: string) {
  return personQuery(db, scope)
    .leftJoin('jurisdictions as grid', 'grid.code', 'persons.grid_code')
    .leftJoin('rooms', 'rooms.id', 'persons.room_id')
    .leftJoin('units', 'units.id', 'rooms.unit_id')
    .leftJoin('buildings', 'buildings.id', 'units.building_id')
    .leftJoin('compounds', 'compounds.id', 'buildings.compound_id')
    .leftJoin('places', 'places.id', 'persons.place_id')
    .select(DETAIL_COLUMNS)
    .where('persons.id', '=', id)
    .executeTakeFirst();
}

export function findPersonIdInScope(db: Kysely<Database>, scope: Scope, id: string) {
  return personQuery(db, scope).select('persons.id').where('persons.id', '=', id).executeTakeFirst();
}

/** Encrypted fields of a file in scope, for a reveal. */
export function findPersonSecretsInScope(db: Kysely<Database>, scope: Scope, id: string) {
  return personQuery(db, scope)
    .select(['persons.id', 'persons.community_code', 'persons.document_number_enc', 'persons.phone_enc'])
    .where('persons.id', '=', id)
    .executeTakeFirst();
}

/** Loads the stored row of a file in scope, with every column that an edit compares. */
export function findPersonRowInScope(db: Kysely<Database>, scope: Scope, id: string) {
  return db.selectFrom('persons').selectAll('persons').where('persons.id', '=', id).where(personInScope(db, scope)).executeTakeFirst();
}

/** Finds the file that has a document, in any scope, and reports whether it is in the given scope. */
export async function findPersonByDocumentIndex(db: Kysely<Database>, scope: Scope, documentIndex: string) {
  const row = await db.selectFrom('persons').selectAll('persons').where('document_index', '=', documentIndex).executeTakeFirst();
  if (!row) return undefined;

  const visible = await db
    .selectFrom('persons')
    .select('persons.id')
    .where('persons.id', '=', row.id)
    .where(personInScope(db, scope))
    .executeTakeFirst();
  return { row, inScope: visible !== undefined };
}

export interface PersonFilter {
  communityCode?: string | undefined;
  keyPerson?: boolean | undefined;
  closeContact?: boolean | undefined;
  /** Text the name must contain. */
  nameText?: string | undefined;
  documentIndex?: string | undefined;
  phoneIndex?: string | undefined;
}

function filteredPersonQuery(db: Kysely<Database>, scope: Scope, filter: PersonFilter) {
  let query = personQuery(db, scope);
  if (filter.communityCode) query = query.where('persons.community_code', '=', filter.communityCode);
  if (filter.keyPerson !== undefined) query = query.where('persons.key_person', '=', filter.keyPerson ? 1 : 0);
  if (filter.closeContact !== undefined) query = query.where('persons.close_contact', '=', filter.closeContact ? 1 : 0);
  if (filter.documentIndex) query = query.where('persons.document_index', '=', filter.documentIndex);
  if (filter.phoneIndex) query = query.where('persons.phone_index', '=', filter.phoneIndex);
  if (filter.nameText) query = query.where(sql<boolean>`persons.name like ${containsPattern(filter.nameText)} escape '\\'`);
  return query;
}

export async function listPersonsInScope(db: Kysely<Database>, scope: Scope, filter: PersonFilter, offset: number, limit: number) {
  const query = filteredPersonQuery(db, scope, filter);
  const [rows, total] = await Promise.all([
    query.select(SUMMARY_COLUMNS).orderBy('persons.updated_at', 'desc').orderBy('persons.id').offset(offset).limit(limit).execute(),
    query.select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.count) };
}

export async function insertPerson(db: Executor, person: Insertable<PersonTable>) {
  await db.insertInto('persons').values(person).execute();
}

export async function updatePerson(db: Executor, id: string, changes: Updateable<PersonTable>) {
  await db.updateTable('persons').set(changes).where('id', '=', id).execute();
}

/** Audit entries about one file, oldest first, with the actor's display name. */
export function listPersonAuditEntries(db: Kysely<Database>, personId: string) {
  return db
    .selectFrom('audit_log')
    .leftJoin('users as actor', 'actor.id', 'audit_log.actor_user_id')
    .select([
      'audit_log.seq',
      'audit_log.at',
      'audit_log.action',
      'audit_log.actor_user_id',
      'audit_log.fields',
      'audit_log.reason',
      'actor.display_name as actor_name',
    ])
    .where('audit_log.entity_type', '=', 'person')
    .where('audit_log.entity_id', '=', personId)
    .orderBy('audit_log.seq')
    .execute();
}
