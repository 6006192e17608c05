import { JURISDICTION_ROOT_CODE } from '@cordon/core';
import type { ExpressionBuilder, Kysely, Transaction } from 'kysely';
import type { Database, JurisdictionTable } from '../../db/schema.js';
import type { Scope } from '../../context/types.js';

type Executor = Kysely<Database> | Transaction<Database>;

export const ROOT_CODE = JURISDICTION_ROOT_CODE;
export const ROOT_PATH = `/${JURISDICTION_ROOT_CODE}/`;

export interface NodeInsert {
  code: string;
  parentCode: string | null;
  name: string;
  level: string;
  path: string;
}

function nodeColumns(eb: ExpressionBuilder<Database & { j: JurisdictionTable }, 'j'>) {
  return [
    'j.code',
    'j.name',
    'j.level',
    'j.parent_code',
    'j.path',
    eb
      .selectFrom('jurisdictions as c')
      .select((inner) => inner.fn.countAll<number>().as('n'))
      .whereRef('c.parent_code', '=', 'j.code')
      .as('child_count'),
  ] as const;
}

export function findNodeInScope(db: Executor, scope: Scope, code: string) {
  return db
    .selectFrom('jurisdictions as j')
    .select(nodeColumns)
    .where('j.code', '=', code)
    .where('j.path', 'like', `${scope.nodePath}%`)
    .executeTakeFirst();
}

export function listChildNodes(db: Executor, parentCode: string) {
  return db.selectFrom('jurisdictions as j').select(nodeColumns).where('j.parent_code', '=', parentCode).orderBy('j.code').execute();
}

/** Nodes of the scope whose name contains the text or whose code starts with it. */
export function searchNodesInScope(db: Executor, scope: Scope, text: string, limit: number) {
  const escaped = text.replace(/[\\%_]/g, (char) => `\\${char}`);
  return db
    .selectFrom('jurisdictions as j')
    .select(nodeColumns)
    .where('j.path', 'like', `${scope.nodePath}%`)
    .where((eb) => eb.or([eb(eb.fn('lower', ['j.name']), 'like', `%${escaped.toLowerCase()}%`), eb('j.code', 'like', `${escaped}%`)]))
    .orderBy('j.path')
    .limit(limit)
    .execute();
}

export function findNodesByCodes(db: Executor, codes: string[]) {
  if (codes.length === 0) return Promise.resolve([]);
  return db.selectFrom('jurisdictions').select(['code', 'name', 'level', 'path']).where('code', 'in', codes).execute();
}

export function findNodeByCode(db: Executor, code: string) {
  return db
    .selectFrom('jurisdictions')
    .select(['code', 'name', 'level', 'path', 'parent_code'])
    .where('code', '=', code)
    .executeTakeFirst();
}

export function listExistingCodes(db: Executor, codes: string[]) {
  return db.selectFrom('jurisdictions').select('code').where('code', 'in', codes).execute();
}

export function listChildNames(db: Executor, parentCode: string) {
  return db.selectFrom('jurisdictions').select(['code', 'name']).where('parent_code', '=', parentCode).execute();
}

export async function insertNodes(db: Executor, nodes: NodeInsert[], now: string) {
  // 500 rows × 6 parameters stays under SQLite's default limit of 32,766 bound variables.
  for (let start = 0; start < nodes.length; start += 500) {
    const batch = nodes.slice(start, start + 500);
    await db
      .insertInto('jurisdictions')
      .values(
        batch.map((node) => ({
          code: node.code,
          parent_code: node.parentCode,
          name: node.name,
          level: node.level,
          path: node.path,
          created_at: now,
        })),
      )
      .execute();
  }
}

export async function ensureRootNode(db: Executor, name: string, now: string) {
  const root = await findNodeByCode(db, ROOT_CODE);
  if (root) return false;
  await insertNodes(db, [{ code: ROOT_CODE, parentCode: null, name, level: 'country', path: ROOT_PATH }], now);
  return true;
}
