import { GATE_ACTIONS, GATE_RULE_KINDS, RISK_LEVELS } from '@cordon/core';
import { type Static, Type } from 'typebox';
import { JurisdictionCode } from '../../http/common-schemas.js';

const Uuid = Type.String({ format: 'uuid' });
const RuleKind = Type.Enum(GATE_RULE_KINDS);
const RuleAction = Type.Enum(GATE_ACTIONS);
const RuleSource = Type.Union([Type.Literal('compound'), Type.Literal('jurisdiction'), Type.Literal('default')]);

/** Parameters of a rule; the service checks that each belongs to the rule's kind. */
export const GateRuleParams = Type.Object(
  {
    /** risk_region_plate: the risk levels that match. */
    levels: Type.Optional(Type.Array(Type.Enum(RISK_LEVELS), { minItems: 1, maxItems: RISK_LEVELS.length })),
    /** high_temperature: the threshold in tenths of a degree Celsius (35.0–42.0 °C). */
    thresholdTenths: Type.Optional(Type.Integer({ minimum: 350, maximum: 420 })),
  },
  { additionalProperties: false },
);
export type GateRuleParams = Static<typeof GateRuleParams>;

export const GateRule = Type.Object({
  id: Type.String(),
  source: RuleSource,
  compoundId: Type.Union([Type.String(), Type.Null()]),
  nodeCode: Type.Union([Type.String(), Type.Null()]),
  nodeName: Type.Union([Type.String(), Type.Null()]),
  position: Type.Integer(),
  kind: RuleKind,
  params: Type.Object({ levels: Type.Optional(Type.Array(Type.String())), thresholdTenths: Type.Optional(Type.Integer()) }),
  action: RuleAction,
  alertText: Type.Union([Type.String(), Type.Null()]),
  enabled: Type.Boolean(),
  editable: Type.Boolean(),
  /** A built-in rule's place in the chain: before or after the configured rules. */
  placement: Type.Optional(Type.Union([Type.Literal('before'), Type.Literal('after')])),
});
export type GateRule = Static<typeof GateRule>;

export const GateRuleListQuery = Type.Object({
  compoundId: Type.Optional(Uuid),
  nodeCode: Type.Optional(JurisdictionCode),
});
export type GateRuleListQuery = Static<typeof GateRuleListQuery>;

export const GateRuleList = Type.Object({
  compound: Type.Union([Type.Object({ id: Type.String(), name: Type.String(), communityCode: Type.String() }), Type.Null()]),
  node: Type.Union([Type.Object({ code: Type.String(), name: Type.String() }), Type.Null()]),
  /** The configured rules along the chain, in the order a gate runs them, disabled ones included. */
  rules: Type.Array(GateRule),
  /** The built-in rules still in force, run after the configured ones: one per kind that the chain does not configure. */
  defaults: Type.Array(GateRule),
  /** True when at least one built-in rule is in force (defaults is not empty). */
  defaultsApply: Type.Boolean(),
});

/** Empty clears the text, so the kind's standard text is sent. */
const AlertText = Type.String({ maxLength: 200 });

export const CreateGateRuleBody = Type.Object(
  {
    compoundId: Type.Optional(Uuid),
    nodeCode: Type.Optional(JurisdictionCode),
    kind: RuleKind,
    params: Type.Optional(GateRuleParams),
    action: RuleAction,
    alertText: Type.Optional(AlertText),
    enabled: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type CreateGateRuleBody = Static<typeof CreateGateRuleBody>;

export const CopyDefaultGateRulesBody = Type.Object({ compoundId: Uuid }, { additionalProperties: false });

export const UpdateGateRuleBody = Type.Object(
  {
    params: Type.Optional(GateRuleParams),
    action: Type.Optional(RuleAction),
    alertText: Type.Optional(AlertText),
    enabled: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type UpdateGateRuleBody = Static<typeof UpdateGateRuleBody>;

export const ReorderGateRulesBody = Type.Object(
  {
    compoundId: Type.Optional(Uuid),
    nodeCode: Type.Optional(JurisdictionCode),
    ids: Type.Array(Uuid, { maxItems: 200 }),
  },
  { additionalProperties: false },
);
export type ReorderGateRulesBody = Static<typeof ReorderGateRulesBody>;

export const GateSettingsBody = Type.Object(
  { alertFoldMinutes: Type.Integer({ minimum: 1, maximum: 1440 }) },
  { additionalProperties: false },
);
export const GateSettings = Type.Object({ alertFoldMinutes: Type.Integer() });
