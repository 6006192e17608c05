import type { Insertable, Kysely, Transaction, Updateable } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { RiskRegionTable } from '../../db/schema-person-depth.js';

type Executor = Kysely<Database> | Transaction<Database>;

const COLUMNS = ['id', 'kind', 'value', 'level', 'effective_from', 'effective_to', 'note', 'created_at', 'updated_at'] as const;

export type RiskRegionRow = NonNullable<Awaited<ReturnType<typeof findRiskRegionById>>>;

export interface RiskRegionFilter {
  kind?: string | undefined;
  level?: string | undefined;
  /** China calendar date (YYYY-MM-DD) the entries must be in effect on. */
  effectiveOn?: string | undefined;
}

/** Lists entries, newest start date first. The list is installation-wide and short, so it has no pages. */
export function listRiskRegions(db: Executor, filter: RiskRegionFilter) {
  let query = db.selectFrom('risk_regions').select(COLUMNS);
  if (filter.kind) query = query.where('kind', '=', filter.kind);
  if (filter.level) query = query.where('level', '=', filter.level);
  const day = filter.effectiveOn;
  if (day) {
    query = query.where('effective_from', '<=', day).where((eb) => eb.or([eb('effective_to', 'is', null), eb('effective_to', '>=', day)]));
  }
  return query.orderBy('effective_from', 'desc').orderBy('value').orderBy('id').execute();
}

export function findRiskRegionById(db: Executor, id: string) {
  return db.selectFrom('risk_regions').select(COLUMNS).where('id', '=', id).executeTakeFirst();
}

export async function insertRiskRegion(db: Executor, row: Insertable<RiskRegionTable>) {
  await db.insertInto('risk_regions').values(row).execute();
}

export async function updateRiskRegion(db: Executor, id: string, changes: Updateable<RiskRegionTable>) {
  await db.updateTable('risk_regions').set(changes).where('id', '=', id).execute();
}

export async function deleteRiskRegion(db: Executor, id: string) {
  await db.deleteFrom('risk_regions').where('id', '=', id).execute();
}

/** Names of jurisdiction nodes by code, for entries below county level that the division table of core lacks. */
export function listNodeNames(db: Executor, codes: string[]) {
  if (codes.length === 0) return Promise.resolve([]);
  return db.selectFrom('jurisdictions').select(['code', 'name', 'parent_code']).where('code', 'in', codes).execute();
}
