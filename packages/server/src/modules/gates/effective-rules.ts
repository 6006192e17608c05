import {
  DEFAULT_GATE_RULES,
  LEADING_DEFAULT_KINDS,
  type GateAction,
  type GateRule,
  type GateRuleKind,
  type GateRuleParams,
} from '@cordon/core';
import { shortCacheOf } from '../../context/short-cache.js';
import type { ServiceContext } from '../../context/types.js';

/** How long a process trusts the rules it read for a compound; a rule change on this process clears them at once. */
const RULES_CACHE_MS = 5_000;
const RULES_CACHE_SIZE = 5_000;

export interface EffectiveRule extends GateRule {
  /** Where the rule is configured: the compound, a jurisdiction, or built in. */
  source: 'compound' | 'jurisdiction' | 'default';
  /** Jurisdiction of a jurisdiction rule. */
  nodeCode: string | null;
}

export interface EffectiveRules {
  compoundId: string;
  communityCode: string;
  rules: EffectiveRule[];
}

/** Returns the built-in rules of the kinds not in `configuredKinds`, in their default order. */
export function defaultRulesOutside(configuredKinds: ReadonlySet<string>): EffectiveRule[] {
  return DEFAULT_GATE_RULES.filter((rule) => !configuredKinds.has(rule.kind)).map((rule) => ({
    ...rule,
    source: 'default' as const,
    nodeCode: null,
  }));
}

function rulesCache(ctx: ServiceContext) {
  return shortCacheOf<EffectiveRules>(ctx.db, 'gate-rules', RULES_CACHE_MS, RULES_CACHE_SIZE);
}

/** Drops the cached rules; call it after a rule change commits. */
export function forgetGateRules(ctx: ServiceContext): void {
  rulesCache(ctx).clear();
}

/**
 * Loads the rules a gate of the compound runs, in order. The configured rules
 * come in the middle: the compound's own, then those of its community and of
 * each jurisdiction above it, nearest first, each group by position, disabled
 * rules left out. Each rule kind that none of them configures, enabled or
 * not, keeps its built-in rule: before the configured rules for the kinds in
 * LEADING_DEFAULT_KINDS, after them for the rest. So a configured rule of a
 * kind replaces that kind's default, and a disabled one turns the check off.
 */
export async function loadEffectiveRules(ctx: ServiceContext, compoundId: string): Promise<EffectiveRules | undefined> {
  return rulesCache(ctx).get(compoundId, async () => {
    const compound = await ctx.db
      .selectFrom('compounds')
      .innerJoin('jurisdictions', 'jurisdictions.code', 'compounds.community_code')
      .select(['compounds.id', 'compounds.community_code', 'jurisdictions.path'])
      .where('compounds.id', '=', compoundId)
      .executeTakeFirst();
    if (!compound) return undefined;

    // A path looks like /CN/320000/320500/…/; its segments are the ancestors, root first.
    const chain = compound.path.split('/').filter((code) => code !== '');
    const rows = await ctx.db
      .selectFrom('gate_rules')
      .selectAll()
      .where((eb) => eb.or([eb('compound_id', '=', compoundId), eb('node_code', 'in', chain)]))
      .execute();

    const depthOf = (nodeCode: string | null) => (nodeCode === null ? chain.length : chain.indexOf(nodeCode));
    const ordered = rows.sort((a, b) => depthOf(b.node_code) - depthOf(a.node_code) || a.position - b.position);
    const configured: EffectiveRule[] = ordered
      .filter((row) => row.enabled === 1)
      .map((row) => ({
        id: row.id,
        kind: row.kind as GateRuleKind,
        params: JSON.parse(row.params) as GateRuleParams,
        action: row.action as GateAction,
        alertText: row.alert_text,
        source: row.compound_id === null ? ('jurisdiction' as const) : ('compound' as const),
        nodeCode: row.node_code,
      }));
    const configuredKinds = new Set(rows.map((row) => row.kind));
    const defaults = defaultRulesOutside(configuredKinds);
    const rules = [
      ...defaults.filter((rule) => LEADING_DEFAULT_KINDS.has(rule.kind)),
      ...configured,
      ...defaults.filter((rule) => !LEADING_DEFAULT_KINDS.has(rule.kind)),
    ];
    return { compoundId, communityCode: compound.community_code, rules };
  });
}
