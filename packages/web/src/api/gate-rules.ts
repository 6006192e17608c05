import type { GateAction, GateRuleKind, GateRuleParams } from '@cordon/core';
import { get, patch, post, request } from './request.js';

/** Owner of a rule in a compound's effective chain. */
export type GateRuleSource = 'compound' | 'jurisdiction' | 'default';

/** One rule of a compound's chain, in the order the gate runs them. */
export interface GateRuleItem {
  /** Stored id, or "default:<kind>" for a built-in rule. */
  id: string;
  source: GateRuleSource;
  compoundId: string | null;
  nodeCode: string | null;
  nodeName: string | null;
  position: number;
  kind: GateRuleKind;
  params: GateRuleParams;
  action: GateAction;
  /** The kind's standard text applies when null. */
  alertText: string | null;
  enabled: boolean;
  /** The signed-in user may change or delete this rule. */
  editable: boolean;
  /** A built-in rule's place in the chain: before or after the configured rules. */
  placement?: 'before' | 'after';
}

export interface GateRuleChain {
  /** The compound asked for; null when the list is a jurisdiction's own rules. */
  compound: { id: string; name: string; communityCode: string } | null;
  node: { code: string; name: string } | null;
  /** The configured rules along the chain, disabled ones included, in the order the gate runs them. */
  rules: GateRuleItem[];
  /** The built-in rules still in force, run after the configured ones: one per kind that no owner configures. */
  defaults: GateRuleItem[];
  /** At least one built-in rule is in force (defaults is not empty). */
  defaultsApply: boolean;
}

/** Owner of a new rule or of an order: a compound or a jurisdiction. */
export type GateRuleOwner = { compoundId: string } | { nodeCode: string };

export interface GateRuleRequest {
  kind: GateRuleKind;
  params?: GateRuleParams;
  action: GateAction;
  /** An empty string stores no text of its own, so the kind's standard text is sent. */
  alertText?: string;
  enabled?: boolean;
}

export type GateRuleChanges = Partial<Pick<GateRuleRequest, 'params' | 'action' | 'alertText' | 'enabled'>>;

export interface GateSettings {
  /** Repeats of the same plate or pass within this many minutes fold into one alert. */
  alertFoldMinutes: number;
}

/** Maximum length of a rule's alert text, as the server checks it. */
export const MAX_ALERT_TEXT_LENGTH = 200;
/** Range of the fold window the server accepts, in minutes. */
export const MIN_FOLD_MINUTES = 1;
export const MAX_FOLD_MINUTES = 1440;
/** Range of a temperature rule's threshold the server accepts, in tenths of a degree. */
export const MIN_THRESHOLD_TENTHS = 350;
export const MAX_THRESHOLD_TENTHS = 420;

export function getCompoundRules(compoundId: string): Promise<GateRuleChain> {
  return get<GateRuleChain>('/api/gate-rules', { compoundId });
}

export function createGateRule(owner: GateRuleOwner, rule: GateRuleRequest): Promise<GateRuleItem> {
  return post<GateRuleItem>('/api/gate-rules', { ...owner, ...rule });
}

/**
 * Creates the built-in rules as the compound's own in one transaction: all of
 * them or none. The server responds with 409 GATE_RULES_EXIST when the compound
 * already has rules of its own. Returns the compound's new chain.
 */
export function copyDefaultGateRules(compoundId: string): Promise<GateRuleChain> {
  return post<GateRuleChain>('/api/gate-rules/copy-defaults', { compoundId });
}

export function updateGateRule(id: string, changes: GateRuleChanges): Promise<GateRuleItem> {
  return patch<GateRuleItem>(`/api/gate-rules/${id}`, changes);
}

export function deleteGateRule(id: string): Promise<void> {
  return request<void>('DELETE', `/api/gate-rules/${id}`);
}

/** Stores the order of the owner's own rules: ids lists all of them, first to last. */
export async function reorderGateRules(owner: GateRuleOwner, ids: string[]): Promise<GateRuleItem[]> {
  return (await request<{ items: GateRuleItem[] }>('PUT', '/api/gate-rules/order', { body: { ...owner, ids } })).items;
}

export function getGateSettings(): Promise<GateSettings> {
  return get<GateSettings>('/api/gate-rules/settings');
}

/** Changes the platform's gate settings; the server allows admin and hq only. */
export function updateGateSettings(settings: GateSettings): Promise<GateSettings> {
  return request<GateSettings>('PUT', '/api/gate-rules/settings', { body: settings });
}
