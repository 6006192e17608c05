import { describe, expect, it } from 'vitest';
import type { GateRuleItem } from '../../api/gate-rules.js';
import zhGateRules from '../../locales/zh-CN/gateRules.json';
import { chainGroups, emptyRuleForm, groupRules, groupTitle, movedIds, ruleAlertText, ruleParamsText, ruleRequestOf } from './rules.js';

type Tree = { [key: string]: string | Tree };

function lookup(key: string): string | undefined {
  let node: string | Tree | undefined = { gateRules: zhGateRules as Tree, common: { none: '—' } };
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  return typeof node === 'string' ? node : undefined;
}

const t = (key: string, values: Record<string, unknown> = {}) =>
  (lookup(key) ?? `missing:${key}`).replace(/\{(\w+)\}/g, (_, name: string) => String(values[name]));
const te = (key: string) => lookup(key) !== undefined;

function ruleOf(overrides: Partial<GateRuleItem>): GateRuleItem {
  return {
    id: 'r1',
    source: 'compound',
    compoundId: 'compound-1',
    nodeCode: null,
    nodeName: null,
    position: 1,
    kind: 'risk_region_plate',
    params: {},
    action: 'open_and_alert',
    alertText: null,
    enabled: true,
    editable: true,
    ...overrides,
  };
}

describe('groupRules', () => {
  const chain = [
    ruleOf({ id: 'c1' }),
    ruleOf({ id: 'c2', kind: 'high_temperature' }),
    ruleOf({ id: 'j1', source: 'jurisdiction', nodeCode: '320508018014', nodeName: '察院场社区', editable: false }),
    ruleOf({ id: 'j2', source: 'jurisdiction', nodeCode: '320508', nodeName: '姑苏区', editable: false }),
    ruleOf({ id: 'j3', source: 'jurisdiction', nodeCode: '320508', nodeName: '姑苏区', editable: false }),
  ];

  it('keeps chain order per owner', () => {
    const groups = groupRules('compound-1', chain);
    expect(groups.map((group) => group.key)).toEqual(['compound', 'jurisdiction:320508018014', 'jurisdiction:320508']);
    expect(groups.map((group) => group.rules.map((rule) => rule.id))).toEqual([['c1', 'c2'], ['j1'], ['j2', 'j3']]);
  });

  it('owners of each group', () => {
    const groups = groupRules('compound-1', chain);
    expect(groups[0]?.owner).toEqual({ compoundId: 'compound-1' });
    expect(groups[2]?.owner).toEqual({ nodeCode: '320508' });
  });

  it('default rules have no owner', () => {
    const [group] = groupRules('compound-1', [ruleOf({ id: 'default:key_person', source: 'default', editable: false })]);
    expect(group?.owner).toBeNull();
  });

  it('safety defaults lead, the rest come last', () => {
    const defaults = [
      ruleOf({ id: 'default:revoked_pass', source: 'default', kind: 'revoked_pass', editable: false, placement: 'before' }),
      ruleOf({ id: 'default:unregistered_vehicle', source: 'default', kind: 'unregistered_vehicle', editable: false, placement: 'after' }),
    ];
    const groups = chainGroups('compound-1', { rules: chain, defaults });
    expect(groups.map((group) => group.key)).toEqual([
      'default:before',
      'compound',
      'jurisdiction:320508018014',
      'jurisdiction:320508',
      'default',
    ]);
    expect(groups[0]?.rules.map((rule) => rule.id)).toEqual(['default:revoked_pass']);
    expect(groups.at(-1)?.rules.map((rule) => rule.id)).toEqual(['default:unregistered_vehicle']);
    expect(chainGroups('compound-1', { rules: chain, defaults: [] }).map((group) => group.source)).not.toContain('default');
  });

  it('titles name the source', () => {
    const groups = groupRules('compound-1', chain);
    expect(groups.map((group) => groupTitle(t, group))).toEqual(['本小区', '上级辖区（察院场社区）', '上级辖区（姑苏区）']);
    expect(groupTitle(t, { key: 'default', source: 'default', nodeName: null })).toBe('默认规则（最后）');
    expect(groupTitle(t, { key: 'default:before', source: 'default', nodeName: null })).toBe('默认检查（先于已配置的规则）');
  });
});

describe('movedIds', () => {
  const rules = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];

  it('moves a rule up', () => {
    expect(movedIds(rules, 'c', -1)).toEqual(['a', 'c', 'b']);
  });

  it('moves a rule down', () => {
    expect(movedIds(rules, 'a', 1)).toEqual(['b', 'a', 'c']);
  });

  it('first and last stay', () => {
    expect(movedIds(rules, 'a', -1)).toBeNull();
    expect(movedIds(rules, 'c', 1)).toBeNull();
    expect(movedIds(rules, 'x', 1)).toBeNull();
  });
});

describe('rule texts', () => {
  it('risk levels in standard order', () => {
    expect(ruleParamsText(t, 'risk_region_plate', { levels: ['medium', 'high'] })).toBe('匹配：高风险、中风险');
  });

  it('risk levels default to high and medium', () => {
    expect(ruleParamsText(t, 'risk_region_plate', {})).toBe('匹配：高风险、中风险');
  });

  it('temperature threshold in degrees', () => {
    expect(ruleParamsText(t, 'high_temperature', { thresholdTenths: 375 })).toBe('阈值：37.5 °C');
    expect(ruleParamsText(t, 'high_temperature', {})).toBe('阈值：37.3 °C');
  });

  it('kinds without parameters', () => {
    expect(ruleParamsText(t, 'key_person', {})).toBe('');
  });

  it('standard alert text when none set', () => {
    expect(ruleAlertText(t, te, { kind: 'risk_region_plate', alertText: null })).toBe('请注意观察，防范肺炎，共抗疫情');
    expect(ruleAlertText(t, te, { kind: 'risk_region_plate', alertText: '请登记' })).toBe('请登记');
  });

  it('kinds without standard text', () => {
    expect(ruleAlertText(t, te, { kind: 'high_temperature', alertText: null })).toBe('未设置，告警只含规则、车牌或出入证及进出方向');
  });
});

describe('rule requests', () => {
  it('form sends only its kind parameters', () => {
    const form = { ...emptyRuleForm(), kind: 'high_temperature' as const, thresholdCelsius: 37.5, alertText: '  ' };
    expect(ruleRequestOf(form)).toEqual({
      kind: 'high_temperature',
      params: { thresholdTenths: 375 },
      action: 'open_and_alert',
      alertText: '',
      enabled: true,
    });
  });

  it('risk levels sorted and text trimmed', () => {
    const form = { ...emptyRuleForm(), levels: ['low' as const, 'high' as const], alertText: ' 请注意 ' };
    expect(ruleRequestOf(form)).toMatchObject({ params: { levels: ['high', 'low'] }, alertText: '请注意' });
  });

  it('other kinds take no parameters', () => {
    expect(ruleRequestOf({ ...emptyRuleForm(), kind: 'close_contact' }).params).toEqual({});
  });
});
