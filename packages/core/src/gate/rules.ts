import type { RiskLevel } from '../risk/entry.js';

/**
 * Kinds of gate rules. Each tests one fact of a gate event. The server gathers
 * the facts (vehicle and pass look-ups, the person's file, the risk-region
 * list) before the rules run.
 */
export const GATE_RULE_KINDS = [
  'risk_region_plate',
  'unregistered_vehicle',
  'unregistered_person',
  'key_person',
  'close_contact',
  'home_quarantine_leaving',
  'revoked_pass',
  'high_temperature',
] as const;
export type GateRuleKind = (typeof GATE_RULE_KINDS)[number];

/** Actions of a rule: let through or not, and whether the compound's managers are alerted. */
export const GATE_ACTIONS = ['open', 'open_and_alert', 'deny', 'deny_and_alert'] as const;
export type GateAction = (typeof GATE_ACTIONS)[number];

export const GATE_EVENT_KINDS = ['plate', 'card', 'qr'] as const;
export type GateEventKind = (typeof GATE_EVENT_KINDS)[number];

export const GATE_DIRECTIONS = ['in', 'out'] as const;
export type GateDirection = (typeof GATE_DIRECTIONS)[number];

/** 37.3 °C in tenths, the threshold of the health declarations as well. */
export const DEFAULT_FEVER_THRESHOLD_TENTHS = 373;

export interface GateRuleParams {
  /** risk_region_plate: the levels that match; high and medium when absent. */
  levels?: RiskLevel[];
  /** high_temperature: the threshold in tenths of a degree; 373 when absent. */
  thresholdTenths?: number;
}

export interface GateRule {
  /** Stored rule id, or "default:<kind>" for a built-in rule. */
  id: string;
  kind: GateRuleKind;
  params: GateRuleParams;
  action: GateAction;
  /** Text of the alert sent to managers; the kind's standard text when null. */
  alertText: string | null;
}

/** Facts the server gathered about one gate event before the rules run. */
export interface GateFacts {
  kind: GateEventKind;
  direction: GateDirection | null;
  /** Normalised plate, for a plate event. */
  plateNumber: string | null;
  /** Highest risk level of the plate's issuer in the risk-region list, or null. */
  plateRiskLevel: RiskLevel | null;
  /** The plate is registered to a household of this compound. */
  vehicleRegistered: boolean;
  /** A card or QR code matched a pass of this compound (active or revoked). */
  passFound: boolean;
  passRevoked: boolean;
  /**
   * A QR code carried a valid signature of a pass of this compound but for a
   * time step outside the accepted window, as a screenshot of an e-pass does.
   * Such a code is not a valid pass, so passFound is false.
   */
  passCodeExpired?: boolean;
  /** Flags of the person behind the pass or the registered vehicle's owner. */
  keyPerson: boolean;
  closeContact: boolean;
  underHomeQuarantine: boolean;
  /** Body temperature from a thermal gate, in tenths of a degree. */
  temperatureTenths: number | null;
}

export interface GateDecision {
  action: GateAction;
  /** The rule that fired, or null when none did and the gate opens. */
  rule: GateRule | null;
}

/** Returns whether one rule applies to the facts. */
export function gateRuleMatches(rule: Pick<GateRule, 'kind' | 'params'>, facts: GateFacts): boolean {
  switch (rule.kind) {
    case 'risk_region_plate': {
      if (facts.plateRiskLevel === null) return false;
      const levels = rule.params.levels ?? ['high', 'medium'];
      return levels.includes(facts.plateRiskLevel);
    }
    case 'unregistered_vehicle':
      // A plate the camera could not read or parse (plateNumber null) is unregistered too, or an unread plate would open the barrier.
      return facts.kind === 'plate' && !facts.vehicleRegistered;
    case 'unregistered_person':
      // An expired QR code (passCodeExpired) leaves passFound false, so it matches here as well.
      return (facts.kind === 'card' || facts.kind === 'qr') && !facts.passFound;
    case 'key_person':
      return facts.keyPerson;
    case 'close_contact':
      return facts.closeContact;
    case 'home_quarantine_leaving':
      // A device that does not say the direction is taken to be an exit gate too: letting a quarantined person out unseen is the worse mistake.
      return facts.underHomeQuarantine && facts.direction !== 'in';
    case 'revoked_pass':
      return facts.passFound && facts.passRevoked;
    case 'high_temperature':
      return facts.temperatureTenths !== null && facts.temperatureTenths >= (rule.params.thresholdTenths ?? DEFAULT_FEVER_THRESHOLD_TENTHS);
  }
}

/** Runs the rules in order; the first that matches decides. With none matching, the gate opens. */
export function evaluateGateRules(rules: readonly GateRule[], facts: GateFacts): GateDecision {
  for (const rule of rules) {
    if (gateRuleMatches(rule, facts)) return { action: rule.action, rule };
  }
  return { action: 'open', rule: null };
}

export function gateActionAlerts(action: GateAction): boolean {
  return action === 'open_and_alert' || action === 'deny_and_alert';
}

export function gateActionOpens(action: GateAction): boolean {
  return action === 'open' || action === 'open_and_alert';
}

/**
 * Kinds whose built-in rule runs before the configured rules when no rule of
 * the chain configures the kind. A permissive rule such as "unregistered
 * vehicle: open" must not let a fever, a revoked pass, a quarantined person
 * or a risk-region car through unseen. The defaults of the other kinds, the
 * unregistered vehicles and persons, run after the configured rules.
 */
export const LEADING_DEFAULT_KINDS: ReadonlySet<GateRuleKind> = new Set<GateRuleKind>([
  'high_temperature',
  'revoked_pass',
  'home_quarantine_leaving',
  'risk_region_plate',
  'close_contact',
  'key_person',
]);

/**
 * Built-in rules, one per kind, so a new compound is protected from its first
 * event. A kind that no rule of the chain configures (enabled or disabled)
 * keeps its default: before the configured rules for LEADING_DEFAULT_KINDS,
 * after them for the rest. A configured rule of a kind replaces that kind's
 * default, and a disabled one turns the check off.
 */
export const DEFAULT_GATE_RULES: readonly GateRule[] = [
  { id: 'default:high_temperature', kind: 'high_temperature', params: {}, action: 'deny_and_alert', alertText: null },
  { id: 'default:revoked_pass', kind: 'revoked_pass', params: {}, action: 'deny_and_alert', alertText: null },
  { id: 'default:home_quarantine_leaving', kind: 'home_quarantine_leaving', params: {}, action: 'deny_and_alert', alertText: null },
  { id: 'default:risk_region_plate', kind: 'risk_region_plate', params: {}, action: 'open_and_alert', alertText: null },
  { id: 'default:close_contact', kind: 'close_contact', params: {}, action: 'open_and_alert', alertText: null },
  { id: 'default:key_person', kind: 'key_person', params: {}, action: 'open_and_alert', alertText: null },
  { id: 'default:unregistered_person', kind: 'unregistered_person', params: {}, action: 'deny', alertText: null },
  { id: 'default:unregistered_vehicle', kind: 'unregistered_vehicle', params: {}, action: 'deny', alertText: null },
];
