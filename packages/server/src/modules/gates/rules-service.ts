import { randomUUID } from 'node:crypto';
import { type GateRuleKind, LEADING_DEFAULT_KINDS } from '@cordon/core';
import type { Actor, ServiceContext } from '../../context/types.js';
import { AppError } from '../../errors/app-error.js';
import { lockCompound } from '../addresses/generation-repository.js';
import { recordAudit } from '../audit/service.js';
import { isGridCode, isPathInScope, requireNodeInScope } from '../jurisdictions/scope.js';
import { requireCompoundAccess } from './compound-access.js';
import { defaultRulesOutside, forgetGateRules } from './effective-rules.js';
import { GATE_STAFF_MANAGER_ROLES } from './roles.js';
import {
  chainOfPath,
  deleteRule,
  findCompoundChain,
  findRuleById,
  type GateRuleRow,
  insertRule,
  listRulesOfChain,
  listRulesOfTarget,
  nextRulePosition,
  type RuleTarget,
  updateRule,
} from './rules-repository.js';
import type { CreateGateRuleBody, GateRule, GateRuleParams, ReorderGateRulesBody, UpdateGateRuleBody } from './rules-schemas.js';

/** Rule kind of each parameter. Other kinds take no parameters. */
const PARAM_KINDS: Record<keyof GateRuleParams, GateRuleKind> = { levels: 'risk_region_plate', thresholdTenths: 'high_temperature' };

// Control characters and text-direction marks would garble an SMS or a robot message.
const FORBIDDEN_TEXT = /[\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

interface ResolvedTarget {
  target: RuleTarget;
  /** Jurisdiction recorded in the audit log: the compound's community, or the rule's own jurisdiction. */
  auditNode: string;
}

function isStaffManager(actor: Actor): boolean {
  return actor.role !== null && GATE_STAFF_MANAGER_ROLES.includes(actor.role);
}

/** The compound or jurisdiction a request names, once the actor may change its rules; exactly one must be given. */
async function resolveTarget(
  ctx: ServiceContext,
  actor: Actor,
  input: { compoundId?: string; nodeCode?: string },
): Promise<ResolvedTarget> {
  if ((input.compoundId === undefined) === (input.nodeCode === undefined)) throw new AppError('GATE_RULE_TARGET_REQUIRED', 'compoundId');
  if (input.compoundId !== undefined) {
    const compound = await requireCompoundAccess(ctx, actor, input.compoundId, 'manage');
    return { target: { compoundId: compound.id, nodeCode: null }, auditNode: compound.communityCode };
  }
  const nodeCode = input.nodeCode as string;
  if (!isStaffManager(actor)) throw new AppError('JURISDICTION_NOT_FOUND', 'nodeCode');
  const node = await requireNodeInScope(ctx.db, actor.scope, nodeCode, 'nodeCode');
  // Rules run along a compound's community and its ancestors, so a grid's rules would never run.
  if (isGridCode(node.code)) throw new AppError('GATE_RULE_NODE_INVALID', 'nodeCode');
  return { target: { compoundId: null, nodeCode: node.code }, auditNode: node.code };
}

/** Loads a rule the actor may change, or throws GATE_RULE_NOT_FOUND (404) for one out of reach. */
async function requireEditableRule(ctx: ServiceContext, actor: Actor, id: string) {
  const row = await findRuleById(ctx.db, id);
  if (!row) throw new AppError('GATE_RULE_NOT_FOUND', 'id');
  try {
    const resolved = await resolveTarget(
      ctx,
      actor,
      row.compound_id !== null ? { compoundId: row.compound_id } : { nodeCode: row.node_code as string },
    );
    return { row, ...resolved };
  } catch (error) {
    if (error instanceof AppError && error.statusCode === 404) throw new AppError('GATE_RULE_NOT_FOUND', 'id');
    throw error;
  }
}

/** Checks that each parameter belongs to the kind, and returns them in the stored form. */
function checkParams(kind: GateRuleKind, params: GateRuleParams | undefined): GateRuleParams {
  const checked: GateRuleParams = {};
  for (const key of Object.keys(params ?? {}) as Array<keyof GateRuleParams>) {
    if (PARAM_KINDS[key] !== kind) throw new AppError('GATE_RULE_PARAM_NOT_ALLOWED', `params.${key}`, { kind });
  }
  if (params?.levels !== undefined) checked.levels = [...new Set(params.levels)];
  if (params?.thresholdTenths !== undefined) checked.thresholdTenths = params.thresholdTenths;
  return checked;
}

function checkAlertText(text: string | undefined): string | null | undefined {
  if (text === undefined) return undefined;
  if (FORBIDDEN_TEXT.test(text)) throw new AppError('GATE_RULE_ALERT_TEXT_INVALID', 'alertText');
  const trimmed = text.trim();
  return trimmed === '' ? null : trimmed;
}

function toRule(row: GateRuleRow, editable: boolean): GateRule {
  return {
    id: row.id,
    source: row.compound_id !== null ? 'compound' : 'jurisdiction',
    compoundId: row.compound_id,
    nodeCode: row.node_code,
    nodeName: row.node_name,
    position: row.position,
    kind: row.kind as GateRuleKind,
    params: JSON.parse(row.params) as GateRuleParams,
    action: row.action as GateRule['action'],
    alertText: row.alert_text,
    enabled: row.enabled === 1,
    editable,
  };
}

/** The built-in rules of the kinds that no row of the chain configures, enabled or not, as the list shows them. */
function defaultRulesInForce(rows: GateRuleRow[]): GateRule[] {
  const configuredKinds = new Set(rows.map((row) => row.kind));
  return defaultRulesOutside(configuredKinds).map((rule, index) => ({
    id: rule.id,
    source: 'default' as const,
    compoundId: null,
    nodeCode: null,
    nodeName: null,
    position: index + 1,
    kind: rule.kind,
    params: rule.params,
    action: rule.action,
    alertText: rule.alertText,
    enabled: true,
    editable: false,
    placement: LEADING_DEFAULT_KINDS.has(rule.kind) ? ('before' as const) : ('after' as const),
  }));
}

/**
 * Orders a chain's rules as a gate runs them: the compound's own, then the
 * jurisdictions nearest first, each group by position. Disabled rules stay in
 * the list, so the console can show and enable them.
 */
function orderChain(rows: GateRuleRow[], chain: string[], actor: Actor): GateRule[] {
  const depthOf = (row: GateRuleRow) => (row.node_code === null ? chain.length : chain.indexOf(row.node_code));
  const pathOf = (code: string) => `/${chain.slice(0, chain.indexOf(code) + 1).join('/')}/`;
  return [...rows]
    .sort((a, b) => depthOf(b) - depthOf(a) || a.position - b.position)
    .map((row) => toRule(row, row.node_code === null || (isStaffManager(actor) && isPathInScope(pathOf(row.node_code), actor.scope))));
}

/** Lists the rules a compound's gates run (with disabled ones), or a jurisdiction's own rules. */
export async function listGateRules(ctx: ServiceContext, actor: Actor, query: { compoundId?: string; nodeCode?: string }) {
  if ((query.compoundId === undefined) === (query.nodeCode === undefined)) throw new AppError('GATE_RULE_TARGET_REQUIRED', 'compoundId');
  if (query.compoundId !== undefined) {
    const compound = await requireCompoundAccess(ctx, actor, query.compoundId, 'manage');
    const found = await findCompoundChain(ctx.db, compound.id);
    const chain = found?.chain ?? [];
    const rows = await listRulesOfChain(ctx.db, compound.id, chain);
    const defaults = defaultRulesInForce(rows);
    return {
      compound: { id: compound.id, name: compound.name, communityCode: compound.communityCode },
      node: null,
      rules: orderChain(rows, chain, actor),
      defaults,
      defaultsApply: defaults.length > 0,
    };
  }

  const { target } = await resolveTarget(ctx, actor, { nodeCode: query.nodeCode });
  const node = await requireNodeInScope(ctx.db, actor.scope, target.nodeCode as string, 'nodeCode');
  const rows = await listRulesOfTarget(ctx.db, target);
  const onChain = await listRulesOfChain(ctx.db, null, chainOfPath(node.path));
  const defaults = defaultRulesInForce(onChain);
  return {
    compound: null,
    node: { code: node.code, name: node.name },
    rules: rows.map((row) => toRule(row, true)),
    defaults,
    defaultsApply: defaults.length > 0,
  };
}

export async function createGateRule(ctx: ServiceContext, actor: Actor, input: CreateGateRuleBody): Promise<GateRule> {
  const { target, auditNode } = await resolveTarget(ctx, actor, input);
  const params = checkParams(input.kind, input.params);
  const alertText = checkAlertText(input.alertText) ?? null;
  const now = ctx.clock().toISOString();
  const id = randomUUID();

  await ctx.db.transaction().execute(async (trx) => {
    const position = await nextRulePosition(trx, target);
    await insertRule(trx, {
      id,
      node_code: target.nodeCode,
      compound_id: target.compoundId,
      position,
      kind: input.kind,
      params: JSON.stringify(params),
      action: input.action,
      alert_text: alertText,
      enabled: input.enabled === false ? 0 : 1,
      created_by: actor.userId,
      created_at: now,
      updated_by: actor.userId,
      updated_at: now,
    });
    const fields = ['kind', 'params', 'action', 'alertText', 'enabled'];
    await recordAudit(
      trx,
      ctx,
      actor,
      { action: 'gate_rule.create', entityType: 'gate_rule', entityId: id, nodeCode: auditNode, fields },
      now,
    );
  });
  forgetGateRules(ctx);
  return toRule((await findRuleById(ctx.db, id)) as GateRuleRow, true);
}

/**
 * Creates the built-in rules still in force (those of the kinds the chain does
 * not configure) as the compound's own, after its existing rules, in one
 * transaction, so gates decide as before and the rules become editable. A
 * chain that configures every kind gets 409 GATE_RULES_EXIST. Returns the
 * compound's chain as listGateRules does.
 */
export async function copyDefaultGateRules(ctx: ServiceContext, actor: Actor, compoundId: string) {
  const { target, auditNode } = await resolveTarget(ctx, actor, { compoundId });
  const compound = target.compoundId as string;
  const now = ctx.clock().toISOString();

  await ctx.db.transaction().execute(async (trx) => {
    // Two copies at once would both find the same kinds missing; the row lock makes the second wait and then see the first one's rules.
    await lockCompound(trx, ctx.dbKind, compound);
    const found = await findCompoundChain(trx, compound);
    const missing = defaultRulesOutside(new Set((await listRulesOfChain(trx, compound, found?.chain ?? [])).map((row) => row.kind)));
    if (missing.length === 0) throw new AppError('GATE_RULES_EXIST', 'compoundId');
    const firstPosition = await nextRulePosition(trx, target);
    for (const [index, rule] of missing.entries()) {
      const id = randomUUID();
      await insertRule(trx, {
        id,
        node_code: null,
        compound_id: compound,
        position: firstPosition + index,
        kind: rule.kind,
        params: JSON.stringify(rule.params),
        action: rule.action,
        alert_text: rule.alertText,
        enabled: 1,
        created_by: actor.userId,
        created_at: now,
        updated_by: actor.userId,
        updated_at: now,
      });
      const fields = ['kind', 'params', 'action', 'alertText', 'enabled'];
      await recordAudit(
        trx,
        ctx,
        actor,
        { action: 'gate_rule.create', entityType: 'gate_rule', entityId: id, nodeCode: auditNode, fields },
        now,
      );
    }
  });
  forgetGateRules(ctx);
  return listGateRules(ctx, actor, { compoundId: compound });
}

export async function updateGateRule(ctx: ServiceContext, actor: Actor, id: string, input: UpdateGateRuleBody): Promise<GateRule> {
  const { row, auditNode } = await requireEditableRule(ctx, actor, id);
  const kind = row.kind as GateRuleKind;
  const now = ctx.clock().toISOString();
  const changes: Parameters<typeof updateRule>[2] = { updated_at: now, updated_by: actor.userId };
  const fields: string[] = [];
  if (input.params !== undefined) {
    changes.params = JSON.stringify(checkParams(kind, input.params));
    fields.push('params');
  }
  if (input.action !== undefined) {
    changes.action = input.action;
    fields.push('action');
  }
  const alertText = checkAlertText(input.alertText);
  if (alertText !== undefined) {
    changes.alert_text = alertText;
    fields.push('alertText');
  }
  if (input.enabled !== undefined) {
    changes.enabled = input.enabled ? 1 : 0;
    fields.push('enabled');
  }

  if (fields.length > 0) {
    await ctx.db.transaction().execute(async (trx) => {
      await updateRule(trx, id, changes);
      await recordAudit(
        trx,
        ctx,
        actor,
        { action: 'gate_rule.update', entityType: 'gate_rule', entityId: id, nodeCode: auditNode, fields },
        now,
      );
    });
    forgetGateRules(ctx);
  }
  return toRule((await findRuleById(ctx.db, id)) as GateRuleRow, true);
}

export async function deleteGateRule(ctx: ServiceContext, actor: Actor, id: string): Promise<void> {
  const { auditNode } = await requireEditableRule(ctx, actor, id);
  const now = ctx.clock().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    await deleteRule(trx, id);
    await recordAudit(trx, ctx, actor, { action: 'gate_rule.delete', entityType: 'gate_rule', entityId: id, nodeCode: auditNode }, now);
  });
  forgetGateRules(ctx);
}

/** Sets the order of a compound's or a jurisdiction's rules; `ids` must list each of its rules once. */
export async function reorderGateRules(ctx: ServiceContext, actor: Actor, input: ReorderGateRulesBody): Promise<GateRule[]> {
  const { target, auditNode } = await resolveTarget(ctx, actor, input);
  const now = ctx.clock().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    const current = await listRulesOfTarget(trx, target);
    const known = new Set(current.map((row) => row.id));
    const given = new Set(input.ids);
    if (given.size !== input.ids.length || given.size !== known.size || input.ids.some((id) => !known.has(id))) {
      throw new AppError('GATE_RULE_ORDER_INVALID', 'ids', { count: known.size });
    }
    for (const [index, id] of input.ids.entries()) {
      await updateRule(trx, id, { position: index + 1, updated_at: now, updated_by: actor.userId });
    }
    const entityId = target.compoundId ?? target.nodeCode;
    await recordAudit(
      trx,
      ctx,
      actor,
      { action: 'gate_rule.reorder', entityType: 'gate_rule', entityId, nodeCode: auditNode, fields: ['position'] },
      now,
    );
  });
  forgetGateRules(ctx);
  return (await listRulesOfTarget(ctx.db, target)).map((row) => toRule(row, true));
}
