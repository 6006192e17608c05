import type { ExpressionBuilder, Kysely, SelectQueryBuilder } from 'kysely';
import { JURISDICTION_ROOT_CODE } from '@cordon/core';
import type { Database } from '../../db/schema.js';
import type { Scope } from '../../context/types.js';
import { AppError } from '../../errors/app-error.js';

/**
 * The one mechanism that limits staff to their subtree. A row is in scope when
 * its jurisdiction code is a node whose materialised path starts with the
 * user's path. Rows outside return 404, not 403, so that a user cannot probe
 * which codes or ids exist elsewhere.
 */
export function subtreeCodes(db: Kysely<Database>, scope: Scope) {
  return db.selectFrom('jurisdictions').select('jurisdictions.code').where('jurisdictions.path', 'like', `${scope.nodePath}%`);
}

/** Adds "column IN (codes of the subtree)" to any query over a jurisdiction-bound table. */
export function whereInScope<DB extends Database, TB extends keyof DB, O>(
  query: SelectQueryBuilder<DB, TB, O>,
  db: Kysely<Database>,
  column: string,
  scope: Scope,
): SelectQueryBuilder<DB, TB, O> {
  return query.where((eb: ExpressionBuilder<DB, TB>) => eb(eb.ref(column as never), 'in', subtreeCodes(db, scope) as never));
}

/** Returns true for the root's scope, which contains every row, so queries can skip the subtree condition. */
export function isRootScope(scope: Scope): boolean {
  return scope.nodePath === `/${JURISDICTION_ROOT_CODE}/`;
}

/** True for a grid's code, which is its community's code, "G" and a number (see jurisdictions/service.ts). Grids have no children. */
export function isGridCode(code: string): boolean {
  return /^\d{12}G\d+$/.test(code);
}

export function isPathInScope(path: string, scope: Scope): boolean {
  return path.startsWith(scope.nodePath);
}

/** Loads a node inside the scope or throws JURISDICTION_NOT_FOUND naming the field. */
export async function requireNodeInScope(db: Kysely<Database>, scope: Scope, code: string, field = 'code') {
  const node = await db
    .selectFrom('jurisdictions')
    .select(['code', 'parent_code', 'name', 'level', 'path'])
    .where('code', '=', code)
    .where('path', 'like', `${scope.nodePath}%`)
    .executeTakeFirst();
  if (!node) throw new AppError('JURISDICTION_NOT_FOUND', field);
  return node;
}
