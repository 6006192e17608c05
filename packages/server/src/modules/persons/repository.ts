import { type ExpressionBuilder, type Insertable, type Kysely, sql, type Transaction, type Updateable } from 'kysely';
import type { Scope } from '../../context/types.js';
import { type DatabaseKind, databaseKindOf } from '../../db/dialect.js';
import type { Database, PersonTable } from '../../db/schema.js';
import { isGridCode, isRootScope, subtreeCodes } from '../jurisdictions/scope.js';

type Executor = Kysely<Database> | Transaction<Database>;

/**
 * Limits a query to files in scope: a grid worker reads the files of the grid, and everyone above reads the
 * files whose community is in the subtree. A grid lies inside its community, so above the grid level the
 * community column alone decides. Testing one column, and none at the root, leaves the planner free to use
 * the index of the search itself (document, phone or name) on a million files.
 */
export function personInScope(db: Kysely<Database>, scope: Scope, options: { searchByName?: boolean } = {}) {
  // Without ANALYZE statistics, SQLite guesses that the community index narrows more than a name range, so
  // in a community of 20,000 files it reads them all for every name. A unary plus keeps the scope test off
  // its index, so the name index leads. PostgreSQL plans from its own statistics.
  const unindexed = options.searchByName === true && databaseKindOf(db) === 'sqlite';
  return (eb: ExpressionBuilder<Database, 'persons'>) => {
    if (isRootScope(scope)) return sql<boolean>`1 = 1`;
    if (isGridCode(scope.nodeCode)) {
      return unindexed ? sql<boolean>`+persons.grid_code = ${scope.nodeCode}` : eb('persons.grid_code', '=', scope.nodeCode);
    }
    if (unindexed) return sql<boolean>`+persons.community_code in (${subtreeCodes(db, scope)})`;
    return eb('persons.community_code', 'in', subtreeCodes(db, scope));
  };
}

/**
 * Matches names that begin with the text, through the name index: a surname or a whole name finds the
 * person among a million files without reading them all. SQLite's LIKE ignores case and so cannot use
 * the index; GLOB can. PostgreSQL uses the text_pattern_ops index of migration 0009 for LIKE.
 */
export function nameStartsWith(db: Kysely<Database>, text: string) {
  if (databaseKindOf(db) === 'sqlite') {
    const pattern = `${text.replace(/[*?[]/g, (char) => `[${char}]`)}*`;
    return sql<boolean>`persons.name glob ${pattern}`;
  }
  const pattern = `${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
  return sql<boolean>`persons.name like ${pattern} escape '\\'`;
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
  'persons.document_region_code',
  'persons.origin_region_code',
  'community.name as community_name',
] as const;

const DETAIL_COLUMNS = [
  ...SUMMARY_COLUMNS,
  'persons.nationality',
  'persons.preferred_language',
  'persons.room_id',
  'persons.place_id',
  'persons.household_role',
  'persons.arrival_date',
  'persons.travel_mode',
  'persons.travel_number',
  'persons.key_person_reason',
  'persons.close_contact_reason',
  'persons.notes',
  'persons.source',
  'persons.created_at',
  'persons.merged_into_id',
  'persons.merged_at',
  'grid.name as grid_name',
  'compounds.name as compound_name',
  'buildings.number as building_number',
  'units.number as unit_number',
  'rooms.number as room_number',
  'places.text as place_text',
] as const;

function personQuery(db: Kysely<Database>, scope: Scope, options: { searchByName?: boolean } = {}) {
  return db
    .selectFrom('persons')
    .innerJoin('jurisdictions as community', 'community.code', 'persons.community_code')
    .where(personInScope(db, scope, options));
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
  risk?: RiskPrefixFilter | undefined;
}

/**
 * Region-code prefixes (regionCodePrefix of @cordon/core) that a file's
 * document region, origin region or community must, or must not, start with.
 * `anyOf` null sets no requirement, and an empty `anyOf` matches no file.
 */
export interface RiskPrefixFilter {
  anyOf: string[] | null;
  noneOf: string[];
}

const RISK_REGION_COLUMNS = ['persons.document_region_code', 'persons.origin_region_code', 'persons.community_code'] as const;

/** True when one of the file's region columns starts with one of the prefixes. Null columns match nothing. */
function regionStartsWithAny(prefixes: string[]) {
  if (prefixes.length === 0) return sql<boolean>`1 = 0`;
  const tests = RISK_REGION_COLUMNS.flatMap((column) =>
    prefixes.map((prefix) => sql<boolean>`coalesce(${sql.ref(column)}, '') like ${`${prefix}%`}`),
  );
  return sql<boolean>`(${sql.join(tests, sql` or `)})`;
}

/** Selects the files of the scope that match a list filter. The person list and the export share it. */
export function filteredPersonQuery(db: Kysely<Database>, scope: Scope, filter: PersonFilter) {
  // A file merged into another lives on only as a pointer to it.
  let query = personQuery(db, scope, { searchByName: Boolean(filter.nameText) }).where('persons.merged_into_id', 'is', null);
  if (filter.communityCode) query = query.where('persons.community_code', '=', filter.communityCode);
  if (filter.keyPerson !== undefined) query = query.where('persons.key_person', '=', filter.keyPerson ? 1 : 0);
  if (filter.closeContact !== undefined) query = query.where('persons.close_contact', '=', filter.closeContact ? 1 : 0);
  if (filter.documentIndex) query = query.where('persons.document_index', '=', filter.documentIndex);
  if (filter.phoneIndex) query = query.where('persons.phone_index', '=', filter.phoneIndex);
  if (filter.nameText) query = query.where(nameStartsWith(db, filter.nameText));
  if (filter.risk?.anyOf) query = query.where(regionStartsWithAny(filter.risk.anyOf));
  if (filter.risk && filter.risk.noneOf.length > 0) query = query.where(sql<boolean>`not ${regionStartsWithAny(filter.risk.noneOf)}`);
  return query;
}

export async function listPersonsInScope(db: Kysely<Database>, scope: Scope, filter: PersonFilter, offset: number, limit: number) {
  const query = filteredPersonQuery(db, scope, filter);
  const [rows, total] = await Promise.all([
    query.select(SUMMARY_COLUMNS).orderBy('persons.updated_at', 'desc').orderBy('persons.id', 'desc').offset(offset).limit(limit).execute(),
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

/** Audit entries about the given files, oldest first, with the actor's display name. */
export function listPersonAuditEntries(db: Kysely<Database>, personIds: string[]) {
  return db
    .selectFrom('audit_log')
    .leftJoin('users as actor', 'actor.id', 'audit_log.actor_user_id')
    .select([
      'audit_log.seq',
      'audit_log.entity_id',
      'audit_log.at',
      'audit_log.action',
      'audit_log.actor_user_id',
      'audit_log.fields',
      'audit_log.reason',
      'actor.display_name as actor_name',
    ])
    .where('audit_log.entity_type', '=', 'person')
    .where('audit_log.entity_id', 'in', personIds)
    .orderBy('audit_log.seq')
    .execute();
}

/** Ids of the files merged into a file, whose history the file's history includes. */
export async function listMergedSourceIds(db: Executor, targetId: string): Promise<string[]> {
  const rows = await db.selectFrom('persons').select('id').where('merged_into_id', '=', targetId).execute();
  return rows.map((row) => row.id);
}

/**
 * Marks a file as merged into another. Files merged earlier into the source
 * now point at the target too, so a pointer never leads to another merged file.
 */
export async function markPersonMerged(trx: Transaction<Database>, sourceId: string, targetId: string, now: string) {
  await trx.updateTable('persons').set({ merged_into_id: targetId }).where('merged_into_id', '=', sourceId).execute();
  await trx.updateTable('persons').set({ merged_into_id: targetId, merged_at: now, updated_at: now }).where('id', '=', sourceId).execute();
}

/**
 * Columns of other modules' tables that hold a person id. `uniqueWith` names
 * the columns that form a unique key with the person column, so a row that
 * would duplicate one of the target's is dropped instead of moved. A table or
 * column that its migration has not created is skipped.
 */
const PERSON_REFERENCES: ReadonlyArray<{ table: string; column: string; uniqueWith?: string }> = [
  { table: 'tenancies', column: 'landlord_person_id' },
  { table: 'tenancies', column: 'tenant_person_id' },
  { table: 'screening_visit_persons', column: 'person_id', uniqueWith: 'visit_id' },
];

async function existingColumns(trx: Transaction<Database>, dbKind: DatabaseKind, table: string): Promise<Set<string>> {
  const query =
    dbKind === 'postgres'
      ? sql<{ name: string }>`select column_name as name from information_schema.columns
          where table_schema = current_schema() and table_name = ${table}`
      : sql<{ name: string }>`select name from pragma_table_info(${table})`;
  const { rows } = await query.execute(trx);
  return new Set(rows.map((row) => row.name));
}

/**
 * Points every reference to the source file at the target, in the merge's
 * transaction. Returns the names of the tables it changed rows in.
 * NOTE: a tenancy whose landlord and tenant were the two merged files ends up
 * with the same person on both sides. Nothing here rejects or ends such a tenancy.
 */
export async function movePersonReferences(
  trx: Transaction<Database>,
  dbKind: DatabaseKind,
  sourceId: string,
  targetId: string,
): Promise<string[]> {
  const changed: string[] = [];
  for (const { table, column, uniqueWith } of PERSON_REFERENCES) {
    const columns = await existingColumns(trx, dbKind, table);
    if (!columns.has(column) || (uniqueWith && !columns.has(uniqueWith))) continue;

    const [tableRef, columnRef] = [sql.table(table), sql.ref(column)];
    if (uniqueWith) {
      const keyRef = sql.ref(uniqueWith);
      await sql`delete from ${tableRef} where ${columnRef} = ${sourceId}
        and ${keyRef} in (select ${keyRef} from ${tableRef} where ${columnRef} = ${targetId})`.execute(trx);
    }
    const result = await sql`update ${tableRef} set ${columnRef} = ${targetId} where ${columnRef} = ${sourceId}`.execute(trx);
    if (Number(result.numAffectedRows ?? 0) > 0 && !changed.includes(table)) changed.push(table);
  }
  return changed;
}
