import {
  type GateAction,
  type GateRuleKind,
  type GateRuleParams,
  DEFAULT_FEVER_THRESHOLD_TENTHS,
  RISK_LEVELS,
  type RiskLevel,
  gateActionAlerts,
} from '@cordon/core';
import type { GateRuleChain, GateRuleItem, GateRuleOwner, GateRuleRequest, GateRuleSource } from '../../api/gate-rules.js';

type Translate = (key: string, values?: Record<string, unknown>) => string;
type HasTranslation = (key: string) => boolean;

/** Element Plus tag type of each action: green lets through, orange lets through with an alert, red stops. */
export const ACTION_TAG_TYPES: Record<GateAction, 'success' | 'warning' | 'danger'> = {
  open: 'success',
  open_and_alert: 'warning',
  deny: 'danger',
  deny_and_alert: 'danger',
};

/** Tag effect of an action: the actions that alert the managers are filled, so they stand out in the chain. */
export function actionTagEffect(action: GateAction): 'dark' | 'light' {
  return gateActionAlerts(action) ? 'dark' : 'light';
}

/** Risk levels a new risk-region rule matches until the user changes them, as the gate assumes for a rule without levels. */
export const DEFAULT_RULE_LEVELS: readonly RiskLevel[] = ['high', 'medium'];

/** Rules of one owner in a compound's chain: the compound itself, one jurisdiction above it, or the built-in rules. */
export interface RuleGroup {
  /** "compound", "jurisdiction:<nodeCode>" or "default". */
  key: string;
  source: GateRuleSource;
  nodeName: string | null;
  /** Owner for new rules and reordering; null for the built-in rules, which are not stored. */
  owner: GateRuleOwner | null;
  rules: GateRuleItem[];
}

/**
 * Splits a compound's chain into consecutive groups by owner, keeping the
 * chain's order: the gate runs the compound's rules first, then each
 * jurisdiction's from the nearest up, then the built-in rule of every kind
 * that no owner configures.
 */
export function groupRules(compoundId: string, rules: readonly GateRuleItem[]): RuleGroup[] {
  const groups: RuleGroup[] = [];
  for (const rule of rules) {
    const key = groupKeyOf(rule);
    let group = groups.find((candidate) => candidate.key === key);
    if (!group) {
      group = { key, source: rule.source, nodeName: rule.nodeName, owner: ownerOf(compoundId, rule), rules: [] };
      groups.push(group);
    }
    group.rules.push(rule);
  }
  return groups;
}

function groupKeyOf(rule: GateRuleItem): string {
  if (rule.source === 'jurisdiction') return `jurisdiction:${rule.nodeCode ?? ''}`;
  if (rule.source === 'default' && rule.placement === 'before') return 'default:before';
  return rule.source;
}

/**
 * Groups the whole chain a gate runs: the built-in safety checks still in
 * force, the configured rules, then the remaining built-in rules.
 */
export function chainGroups(compoundId: string, chain: Pick<GateRuleChain, 'rules' | 'defaults'>): RuleGroup[] {
  const leading = chain.defaults.filter((rule) => rule.placement === 'before');
  const trailing = chain.defaults.filter((rule) => rule.placement !== 'before');
  return groupRules(compoundId, [...leading, ...chain.rules, ...trailing]);
}

function ownerOf(compoundId: string, rule: GateRuleItem): GateRuleOwner | null {
  if (rule.source === 'compound') return { compoundId };
  if (rule.source === 'jurisdiction' && rule.nodeCode) return { nodeCode: rule.nodeCode };
  return null;
}

/** Title of a group: 本小区, 上级辖区（姑苏区）, 默认检查 (before the configured rules) or 默认规则. */
export function groupTitle(t: Translate, group: Pick<RuleGroup, 'key' | 'source' | 'nodeName'>): string {
  if (group.key === 'default:before') return t('gateRules.sources.defaultBefore');
  if (group.source === 'jurisdiction') return t('gateRules.sources.jurisdiction', { name: group.nodeName ?? t('common.none') });
  return t(`gateRules.sources.${group.source}`);
}

/**
 * Returns the ids of a group in the order after moving one rule a step up
 * (-1) or down (+1), or null when the rule is already first or last.
 */
export function movedIds(rules: readonly Pick<GateRuleItem, 'id'>[], id: string, step: -1 | 1): string[] | null {
  const ids = rules.map((rule) => rule.id);
  const from = ids.indexOf(id);
  const to = from + step;
  if (from < 0 || to < 0 || to >= ids.length) return null;
  [ids[from], ids[to]] = [ids[to] as string, ids[from] as string];
  return ids;
}

/** Describes a rule's parameters: the risk levels it matches, or its temperature threshold; empty for kinds without any. */
export function ruleParamsText(t: Translate, kind: GateRuleKind, params: GateRuleParams): string {
  if (kind === 'risk_region_plate') {
    const levels = params.levels ?? DEFAULT_RULE_LEVELS;
    const ordered = RISK_LEVELS.filter((level) => levels.includes(level));
    return t('gateRules.params.levels', {
      levels: ordered.map((level) => t(`gateRules.levels.${level}`)).join(t('gateRules.params.separator')),
    });
  }
  if (kind === 'high_temperature') {
    return t('gateRules.params.threshold', { value: ((params.thresholdTenths ?? DEFAULT_FEVER_THRESHOLD_TENTHS) / 10).toFixed(1) });
  }
  return '';
}

/**
 * Alert text of a rule: its own, else the kind's standard text. Only
 * risk_region_plate has one; alerts of the other kinds without a text are
 * pushed with the gate's display text ("禁止通行：体温异常").
 */
export function ruleAlertText(t: Translate, te: HasTranslation, rule: Pick<GateRuleItem, 'kind' | 'alertText'>): string {
  if (rule.alertText) return rule.alertText;
  const key = `gateRules.defaultAlertTexts.${rule.kind}`;
  return te(key) ? t(key) : t('gateRules.noAlertText');
}

/** Fields of the rule dialog. The threshold is in °C as typed, and the server stores tenths. */
export interface RuleForm {
  kind: GateRuleKind;
  levels: RiskLevel[];
  thresholdCelsius: number;
  action: GateAction;
  alertText: string;
  enabled: boolean;
}

export function emptyRuleForm(): RuleForm {
  return {
    kind: 'risk_region_plate',
    levels: [...DEFAULT_RULE_LEVELS],
    thresholdCelsius: DEFAULT_FEVER_THRESHOLD_TENTHS / 10,
    action: 'open_and_alert',
    alertText: '',
    enabled: true,
  };
}

export function ruleFormOf(rule: GateRuleItem): RuleForm {
  return {
    kind: rule.kind,
    levels: [...(rule.params.levels ?? DEFAULT_RULE_LEVELS)],
    thresholdCelsius: (rule.params.thresholdTenths ?? DEFAULT_FEVER_THRESHOLD_TENTHS) / 10,
    action: rule.action,
    alertText: rule.alertText ?? '',
    enabled: rule.enabled,
  };
}

/** Parameters of the form's kind only; other kinds take none. */
export function ruleParamsOf(form: RuleForm): GateRuleParams {
  if (form.kind === 'risk_region_plate') return { levels: RISK_LEVELS.filter((level) => form.levels.includes(level)) };
  if (form.kind === 'high_temperature') return { thresholdTenths: Math.round(form.thresholdCelsius * 10) };
  return {};
}

/** Builds the request of the form. A blank alert text is sent empty, so the kind's standard text applies. */
export function ruleRequestOf(form: RuleForm): GateRuleRequest {
  return { kind: form.kind, params: ruleParamsOf(form), action: form.action, alertText: form.alertText.trim(), enabled: form.enabled };
}
