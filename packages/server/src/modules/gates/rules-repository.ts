import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { GateRuleTable } from '../../db/schema-gates.js';

type Executor = Kysely<Database> | Transaction<Database>;

/** The owner of a set of rules: one compound or one jurisdiction. */
export type RuleTarget = { compoundId: string; nodeCode: null } | { compoundId: null; nodeCode: string };

export type GateRuleRow = GateRuleTable & { node_name: string | null };

const RULE_COLUMNS = [
  'gate_rules.id',
  'gate_rules.node_code',
  'gate_rules.compound_id',
  'gate_rules.position',
  'gate_rules.kind',
  'gate_rules.params',
  'gate_rules.action',
  'gate_rules.alert_text',
  'gate_rules.enabled',
  'gate_rules.created_by',
  'gate_rules.created_at',
  'gate_rules.updated_by',
  'gate_rules.updated_at',
  'jurisdictions.name as node_name',
] as const;

function selectRules(db: Executor) {
  return db.selectFrom('gate_rules').leftJoin('jurisdictions', 'jurisdictions.code', 'gate_rules.node_code').select(RULE_COLUMNS);
}

/** Rules of a compound and of the jurisdictions on its chain (codes root first), enabled or not. */
export function listRulesOfChain(db: Executor, compoundId: string | null, chain: string[]): Promise<GateRuleRow[]> {
  return selectRules(db)
    .where((eb) => {
      const conditions = [];
      if (compoundId !== null) conditions.push(eb('gate_rules.compound_id', '=', compoundId));
      if (chain.length > 0) conditions.push(eb('gate_rules.node_code', 'in', chain));
      return eb.or(conditions);
    })
    .execute();
}

export function listRulesOfTarget(db: Executor, target: RuleTarget): Promise<GateRuleRow[]> {
  const query = selectRules(db).orderBy('gate_rules.position').orderBy('gate_rules.created_at');
  return target.compoundId !== null
    ? query.where('gate_rules.compound_id', '=', target.compoundId).execute()
    : query.where('gate_rules.node_code', '=', target.nodeCode).execute();
}

export function findRuleById(db: Executor, id: string): Promise<GateRuleRow | undefined> {
  return selectRules(db).where('gate_rules.id', '=', id).executeTakeFirst();
}

export async function nextRulePosition(trx: Transaction<Database>, target: RuleTarget): Promise<number> {
  const query = trx.selectFrom('gate_rules').select((eb) => eb.fn.max<number | null>('position').as('last'));
  const row = await (
    target.compoundId !== null ? query.where('compound_id', '=', target.compoundId) : query.where('node_code', '=', target.nodeCode)
  ).executeTakeFirst();
  return Number(row?.last ?? 0) + 1;
}

export async function insertRule(trx: Transaction<Database>, row: GateRuleTable): Promise<void> {
  await trx.insertInto('gate_rules').values(row).execute();
}

export async function updateRule(
  trx: Transaction<Database>,
  id: string,
  changes: Partial<Pick<GateRuleTable, 'params' | 'action' | 'alert_text' | 'enabled' | 'position'>> &
    Pick<GateRuleTable, 'updated_at' | 'updated_by'>,
): Promise<void> {
  await trx.updateTable('gate_rules').set(changes).where('id', '=', id).execute();
}

export async function deleteRule(trx: Transaction<Database>, id: string): Promise<void> {
  await trx.deleteFrom('gate_rules').where('id', '=', id).execute();
}

/** Finds the compound's community and the codes of its chain, root first. */
export async function findCompoundChain(db: Executor, compoundId: string) {
  const row = await db
    .selectFrom('compounds')
    .innerJoin('jurisdictions', 'jurisdictions.code', 'compounds.community_code')
    .select(['compounds.community_code', 'jurisdictions.path'])
    .where('compounds.id', '=', compoundId)
    .executeTakeFirst();
  return row ? { communityCode: row.community_code, chain: chainOfPath(row.path) } : undefined;
}

/** Splits a materialised path such as /CN/320000/…/ into the codes of the node's ancestors, root first, and the node last. */
export function chainOfPath(path: string): string[] {
  return path.split('/').filter((code) => code !== '');
}
