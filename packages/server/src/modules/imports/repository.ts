import type { Insertable, Kysely, Transaction, Updateable } from 'kysely';
import type { Scope } from '../../context/types.js';
import type { Database, PersonTable } from '../../db/schema.js';
import type { ImportRowTable, ImportTable } from '../../db/schema-imports.js';
import { subtreeCodes } from '../jurisdictions/scope.js';

type Executor = Kysely<Database> | Transaction<Database>;

const IMPORT_COLUMNS = [
  'imports.id',
  'imports.kind',
  'imports.file_name',
  'imports.community_code',
  'imports.created_by',
  'imports.status',
  'imports.columns',
  'imports.total_rows',
  'imports.valid_rows',
  'imports.invalid_rows',
  'imports.duplicate_rows',
  'imports.existing_rows',
  'imports.created_count',
  'imports.updated_count',
  'imports.unchanged_count',
  'imports.created_at',
  'imports.expires_at',
  'imports.committed_at',
  'community.name as community_name',
  'creator.display_name as created_by_name',
] as const;

/** Imports of the scope. Imports still being read are not listed. */
function importQuery(db: Kysely<Database>, scope: Scope) {
  return db
    .selectFrom('imports')
    .innerJoin('jurisdictions as community', 'community.code', 'imports.community_code')
    .leftJoin('users as creator', 'creator.id', 'imports.created_by')
    .where('imports.community_code', 'in', subtreeCodes(db, scope))
    .where('imports.status', '!=', 'parsing');
}

export type ImportRecordRow = NonNullable<Awaited<ReturnType<typeof findImportInScope>>>;

export function findImportInScope(db: Kysely<Database>, scope: Scope, id: string) {
  return importQuery(db, scope).select(IMPORT_COLUMNS).where('imports.id', '=', id).executeTakeFirst();
}

export async function listImportsInScope(
  db: Kysely<Database>,
  scope: Scope,
  communityCode: string | undefined,
  offset: number,
  limit: number,
) {
  let query = importQuery(db, scope);
  if (communityCode) query = query.where('imports.community_code', '=', communityCode);
  const [rows, total] = await Promise.all([
    query.select(IMPORT_COLUMNS).orderBy('imports.created_at', 'desc').orderBy('imports.id').offset(offset).limit(limit).execute(),
    query.select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.count) };
}

export async function insertImport(db: Executor, row: Insertable<ImportTable>) {
  await db.insertInto('imports').values(row).execute();
}

export async function updateImport(db: Executor, id: string, changes: Updateable<ImportTable>) {
  await db.updateTable('imports').set(changes).where('id', '=', id).execute();
}

/** Moves a previewed import to committed, and reports whether this call did it: a second commit finds nothing to move. */
export async function markImportCommitted(trx: Transaction<Database>, id: string, userId: string | null, now: string) {
  const result = await trx
    .updateTable('imports')
    .set({ status: 'committed', committed_at: now, committed_by: userId })
    .where('id', '=', id)
    .where('status', '=', 'previewed')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertImportRows(db: Executor, rows: Insertable<ImportRowTable>[]) {
  if (rows.length > 0) await db.insertInto('import_rows').values(rows).execute();
}

/** Staged rows after `afterRow`, in row order, `valid` or invalid ones. */
export function listImportRows(db: Executor, importId: string, valid: boolean, afterRow: number, limit: number) {
  return db
    .selectFrom('import_rows')
    .select(['row_number', 'payload_enc'])
    .where('import_id', '=', importId)
    .where('valid', '=', valid ? 1 : 0)
    .where('row_number', '>', afterRow)
    .orderBy('row_number')
    .limit(limit)
    .execute();
}

export function findImportRows(db: Executor, importId: string, rowNumbers: number[]) {
  return db
    .selectFrom('import_rows')
    .select(['row_number', 'payload_enc'])
    .where('import_id', '=', importId)
    .where('row_number', 'in', rowNumbers)
    .execute();
}

export async function replaceImportRow(db: Executor, importId: string, rowNumber: number, valid: boolean, payloadEnc: string) {
  await db
    .updateTable('import_rows')
    .set({ valid: valid ? 1 : 0, payload_enc: payloadEnc })
    .where('import_id', '=', importId)
    .where('row_number', '=', rowNumber)
    .execute();
}

export async function deleteImportRows(db: Executor, importId: string, valid?: boolean) {
  let query = db.deleteFrom('import_rows').where('import_id', '=', importId);
  if (valid !== undefined) query = query.where('valid', '=', valid ? 1 : 0);
  await query.execute();
}

export async function deleteImport(db: Executor, importId: string) {
  await deleteImportRows(db, importId);
  await db.deleteFrom('imports').where('id', '=', importId).execute();
}

/** Imports past their expiry time that still have staged rows, or were never read to the end. */
export function listExpiredImports(db: Kysely<Database>, now: string) {
  return db
    .selectFrom('imports')
    .select(['imports.id', 'imports.status'])
    .where('imports.expires_at', '<', now)
    .where((eb) =>
      eb.or([
        eb('imports.status', 'in', ['parsing', 'previewed']),
        eb.exists(eb.selectFrom('import_rows').select('import_rows.import_id').whereRef('import_rows.import_id', '=', 'imports.id')),
      ]),
    )
    .execute();
}

/**
 * Files that have one of the documents, in any scope, with every column an
 * import compares, keyed by document index. A file merged into another
 * stands for the file it was merged into, as a registration of its document does.
 */
export async function findPersonsByDocumentIndexes(db: Executor, documentIndexes: string[]): Promise<Map<string, PersonTable>> {
  if (documentIndexes.length === 0) return new Map();
  const rows = await db.selectFrom('persons').selectAll('persons').where('document_index', 'in', documentIndexes).execute();
  const targetIds = [...new Set(rows.flatMap((row) => (row.merged_into_id ? [row.merged_into_id] : [])))];
  const targets = targetIds.length === 0 ? [] : await db.selectFrom('persons').selectAll('persons').where('id', 'in', targetIds).execute();
  const targetOf = new Map(targets.map((row) => [row.id, row]));
  return new Map(rows.map((row) => [row.document_index, (row.merged_into_id ? targetOf.get(row.merged_into_id) : undefined) ?? row]));
}

/** Ids among `ids` of files in the scope: community or grid in the subtree, as the persons module scopes them. */
export async function findPersonIdsInScope(db: Executor, scope: Scope, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const kysely = db as Kysely<Database>;
  const rows = await db
    .selectFrom('persons')
    .select('persons.id')
    .where('persons.id', 'in', ids)
    .where((eb) =>
      eb.or([eb('persons.community_code', 'in', subtreeCodes(kysely, scope)), eb('persons.grid_code', 'in', subtreeCodes(kysely, scope))]),
    )
    .execute();
  return new Set(rows.map((row) => row.id));
}

export async function insertPersons(trx: Transaction<Database>, rows: Insertable<PersonTable>[]) {
  if (rows.length > 0) await trx.insertInto('persons').values(rows).execute();
}

export async function updatePerson(trx: Transaction<Database>, id: string, changes: Updateable<PersonTable>) {
  await trx.updateTable('persons').set(changes).where('id', '=', id).execute();
}

/** Ids among `ids` of rooms and places that still exist. */
export async function findExistingAddressIds(trx: Transaction<Database>, roomIds: string[], placeIds: string[]) {
  const rooms = roomIds.length === 0 ? [] : await trx.selectFrom('rooms').select('id').where('id', 'in', roomIds).execute();
  const places = placeIds.length === 0 ? [] : await trx.selectFrom('places').select('id').where('id', 'in', placeIds).execute();
  return new Set([...rooms, ...places].map((row) => row.id));
}
