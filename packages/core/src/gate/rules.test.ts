import { describe, expect, it } from 'vitest';
import { DEFAULT_GATE_RULES, evaluateGateRules, type GateFacts, type GateRule, type GateRuleKind, type GateRuleParams } from './rules.js';

const NOTHING: GateFacts = {
  kind: 'plate',
  direction: 'in',
  plateNumber: '苏E12345',
  plateRiskLevel: null,
  vehicleRegistered: true,
  passFound: false,
  passRevoked: false,
  keyPerson: false,
  closeContact: false,
  underHomeQuarantine: false,
  temperatureTenths: null,
};

function rule(kind: GateRuleKind, params: GateRuleParams = {}): GateRule {
  return { id: `rule:${kind}`, kind, params, action: 'deny_and_alert', alertText: null };
}

const PASS_EVENT: Partial<GateFacts> = { kind: 'card', plateNumber: null, vehicleRegistered: false, passFound: true };

// Each row: the rule, facts that make it fire, and facts just on the other side.
const CASES: Array<[string, GateRule, Partial<GateFacts>, Partial<GateFacts>]> = [
  ['risk plate, default levels, high', rule('risk_region_plate'), { plateRiskLevel: 'high' }, { plateRiskLevel: 'low' }],
  ['risk plate, default levels, medium', rule('risk_region_plate'), { plateRiskLevel: 'medium' }, { plateRiskLevel: null }],
  ['risk plate, high only', rule('risk_region_plate', { levels: ['high'] }), { plateRiskLevel: 'high' }, { plateRiskLevel: 'medium' }],
  ['risk plate, low listed', rule('risk_region_plate', { levels: ['low'] }), { plateRiskLevel: 'low' }, { plateRiskLevel: 'high' }],
  ['unregistered vehicle', rule('unregistered_vehicle'), { vehicleRegistered: false }, { vehicleRegistered: true }],
  ['unregistered vehicle, card event', rule('unregistered_vehicle'), { vehicleRegistered: false }, { ...PASS_EVENT }],
  ['unregistered vehicle, unread plate', rule('unregistered_vehicle'), { plateNumber: null, vehicleRegistered: false }, { kind: 'qr' }],
  [
    'unregistered person, expired qr',
    rule('unregistered_person'),
    { ...PASS_EVENT, kind: 'qr', passFound: false, passCodeExpired: true },
    { ...PASS_EVENT, kind: 'qr' },
  ],
  ['unregistered person, card', rule('unregistered_person'), { ...PASS_EVENT, passFound: false }, { ...PASS_EVENT }],
  ['unregistered person, qr', rule('unregistered_person'), { ...PASS_EVENT, kind: 'qr', passFound: false }, { kind: 'plate' }],
  ['key person', rule('key_person'), { keyPerson: true }, { keyPerson: false }],
  ['close contact', rule('close_contact'), { closeContact: true }, { closeContact: false }],
  [
    'quarantine leaving, out',
    rule('home_quarantine_leaving'),
    { underHomeQuarantine: true, direction: 'out' },
    { underHomeQuarantine: true, direction: 'in' },
  ],
  [
    'quarantine leaving, no direction',
    rule('home_quarantine_leaving'),
    { underHomeQuarantine: true, direction: null },
    { underHomeQuarantine: false, direction: 'out' },
  ],
  ['revoked pass', rule('revoked_pass'), { ...PASS_EVENT, passRevoked: true }, { ...PASS_EVENT, passRevoked: false }],
  ['temperature, default threshold', rule('high_temperature'), { temperatureTenths: 373 }, { temperatureTenths: 372 }],
  ['temperature, no reading', rule('high_temperature'), { temperatureTenths: 420 }, { temperatureTenths: null }],
  [
    'temperature, own threshold',
    rule('high_temperature', { thresholdTenths: 380 }),
    { temperatureTenths: 380 },
    { temperatureTenths: 379 },
  ],
];

describe('evaluateGateRules', () => {
  it.each(CASES)('%s fires on matching facts', (_name, gateRule, matching) => {
    const decision = evaluateGateRules([gateRule], { ...NOTHING, ...matching });
    expect(decision.rule?.id).toBe(gateRule.id);
    expect(decision.action).toBe('deny_and_alert');
  });

  it.each(CASES)('%s stays silent otherwise', (_name, gateRule, _matching, other) => {
    const decision = evaluateGateRules([gateRule], { ...NOTHING, ...other });
    expect(decision.rule).toBeNull();
    expect(decision.action).toBe('open');
  });

  it('lets the first matching rule decide', () => {
    const rules: GateRule[] = [
      { ...rule('key_person'), action: 'open_and_alert' },
      { ...rule('risk_region_plate'), action: 'deny' },
    ];
    const facts = { ...NOTHING, keyPerson: true, plateRiskLevel: 'high' as const };
    expect(evaluateGateRules(rules, facts).rule?.kind).toBe('key_person');
    expect(evaluateGateRules([...rules].reverse(), facts).rule?.kind).toBe('risk_region_plate');
  });

  it('opens when no rule matches or none exists', () => {
    expect(evaluateGateRules([], NOTHING)).toEqual({ action: 'open', rule: null });
    expect(evaluateGateRules(DEFAULT_GATE_RULES, NOTHING)).toEqual({ action: 'open', rule: null });
  });

  it('defaults deny a fever before anything else', () => {
    const facts = { ...NOTHING, temperatureTenths: 390, plateRiskLevel: 'high' as const };
    expect(evaluateGateRules(DEFAULT_GATE_RULES, facts)).toMatchObject({ action: 'deny_and_alert', rule: { kind: 'high_temperature' } });
  });

  it('defaults let a risk plate in with an alert', () => {
    const facts = { ...NOTHING, plateRiskLevel: 'medium' as const };
    expect(evaluateGateRules(DEFAULT_GATE_RULES, facts)).toMatchObject({ action: 'open_and_alert', rule: { kind: 'risk_region_plate' } });
  });
});
