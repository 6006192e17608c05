import { describe, expect, it } from 'vitest';
import type { Alert } from '../../api/alerts.js';
import zhAlerts from '../../locales/zh-CN/alerts.json';
import zhGateRules from '../../locales/zh-CN/gateRules.json';
import { alertMatchesFilters, alertSubject, alertTextOf, emptyAlertFilters } from './data.js';

type Tree = { [key: string]: string | Tree };

function lookup(key: string): string | undefined {
  let node: string | Tree | undefined = { alerts: zhAlerts as Tree, gateRules: zhGateRules as Tree };
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  return typeof node === 'string' ? node : undefined;
}

const t = (key: string, values: Record<string, unknown> = {}) =>
  (lookup(key) ?? `missing:${key}`).replace(/\{(\w+)\}/g, (_, name: string) => String(values[name]));
const te = (key: string) => lookup(key) !== undefined;

function alertOf(overrides: Partial<Alert>): Alert {
  return {
    id: 'a1',
    kind: 'abnormal_declaration',
    severity: 'warning',
    status: 'new',
    nodeCode: '320508018014',
    nodeName: '察院场社区',
    personId: null,
    personName: null,
    taskId: null,
    details: {},
    createdAt: '2026-12-05T02:00:00.000Z',
    acknowledgedAt: null,
    acknowledgedById: null,
    acknowledgedByName: null,
    resolvedAt: null,
    resolvedById: null,
    resolvedByName: null,
    resolutionNote: null,
    ...overrides,
  };
}

describe('alertSubject', () => {
  it('abnormal declaration names temperature and symptoms', () => {
    const subject = alertSubject(t, te, alertOf({ details: { temperatureTenths: 382, symptoms: ['cough'] } }));
    expect(subject).toBe('体温 38.2 °C，咳嗽');
  });

  it('abnormal declaration without fever lists symptoms', () => {
    expect(alertSubject(t, te, alertOf({ details: { temperatureTenths: 365, symptoms: ['fever', 'fatigue'] } }))).toBe(
      '体温 36.5 °C，发热，乏力',
    );
  });

  it('unknown symptom shows its code', () => {
    expect(alertSubject(t, te, alertOf({ details: { symptoms: ['rash'] } }))).toBe('rash');
  });

  it('abnormal declaration without facts shows the kind', () => {
    expect(alertSubject(t, te, alertOf({ details: { symptoms: ['none'] } }))).toBe('健康申报异常');
  });

  it('missed declarations count the windows', () => {
    const subject = alertSubject(t, te, alertOf({ kind: 'missed_declarations', details: { windowKeys: ['a', 'b', 'c'] } }));
    expect(subject).toBe('连续 3 个申报时段未申报');
  });

  it('checkpoint arrival not found names plate and checkpoint', () => {
    const details = { checkpointName: 'G2苏州新区出口', plateNumber: '苏E12345', occupantCount: 2 };
    const subject = alertSubject(t, te, alertOf({ kind: 'checkpoint_arrival_not_found', details }));
    expect(subject).toBe('经G2苏州新区出口的 苏E12345（2 人）在登记地址查无此人');
  });

  it('checkpoint turned back without plate is a walk-in', () => {
    const details = { checkpointName: '苏州站', plateNumber: null };
    expect(alertSubject(t, te, alertOf({ kind: 'checkpoint_turned_back', details }))).toBe('苏州站劝返 步行人员');
  });

  it('unknown kind falls back to its code', () => {
    expect(alertSubject(t, te, alertOf({ kind: 'gate_risk_plate', details: { plate: '苏E12345' } }))).toBe('gate_risk_plate');
  });
});

describe('gate alert subjects', () => {
  const gateDetails = {
    compoundId: 'c1',
    compoundName: '金色家园',
    gateName: '东门',
    ruleKind: 'risk_region_plate',
    ruleId: 'r1',
    alertText: '请注意观察，防范肺炎，共抗疫情',
    plateNumber: '鄂A12345',
    plateRegionCode: '420100',
    direction: 'in',
    eventId: 'e1',
    eventCount: 3,
  };

  it('gate rule names place, plate, rule and count', () => {
    expect(alertSubject(t, te, alertOf({ kind: 'gate_rule', details: gateDetails }))).toBe(
      '金色家园 东门 鄂A12345 入：风险地区车辆（3 次）',
    );
  });

  it('single gate event has no count', () => {
    const details = { ...gateDetails, eventCount: 1, direction: 'out' };
    expect(alertSubject(t, te, alertOf({ kind: 'gate_rule', details }))).toBe('金色家园 东门 鄂A12345 出：风险地区车辆');
  });

  it('card event without plate or direction', () => {
    const details = { ...gateDetails, plateNumber: null, direction: null, ruleKind: 'revoked_pass', eventCount: 2 };
    expect(alertSubject(t, te, alertOf({ kind: 'gate_rule', details }))).toBe('金色家园 东门：出入证已注销（2 次）');
  });

  it('unknown rule kind shows its code', () => {
    const details = { ...gateDetails, ruleKind: 'face_mask', eventCount: 1 };
    expect(alertSubject(t, te, alertOf({ kind: 'gate_rule', details }))).toBe('金色家园 东门 鄂A12345 入：face_mask');
  });

  it('gate rule without details shows the kind', () => {
    expect(alertSubject(t, te, alertOf({ kind: 'gate_rule', details: {} }))).toBe('门禁规则告警');
  });

  it('alert text only for gate rules', () => {
    expect(alertTextOf(alertOf({ kind: 'gate_rule', details: gateDetails }))).toBe('请注意观察，防范肺炎，共抗疫情');
    expect(alertTextOf(alertOf({ kind: 'gate_rule', details: { ...gateDetails, alertText: '' } }))).toBeNull();
    expect(alertTextOf(alertOf({ kind: 'abnormal_declaration', details: { alertText: 'x' } }))).toBeNull();
  });

  it('visitor fever names place and temperature', () => {
    const details = { compoundId: 'c1', compoundName: '金色家园', gateName: '东门', visitorId: 'v1', temperatureTenths: 385 };
    expect(alertSubject(t, te, alertOf({ kind: 'visitor_fever', details }))).toBe('金色家园 东门 来访人员体温 38.5 °C');
  });

  it('visitor fever without gate', () => {
    const details = { compoundName: '金色家园', gateName: null, temperature: 37.8 };
    expect(alertSubject(t, te, alertOf({ kind: 'visitor_fever', details }))).toBe('金色家园 来访人员体温 37.8 °C');
  });

  it('visitor fever without temperature', () => {
    const subject = alertSubject(t, te, alertOf({ kind: 'visitor_fever', details: { compoundName: '金色家园' } }));
    expect(subject).toBe('金色家园 来访人员体温异常');
  });
});

describe('alertMatchesFilters', () => {
  it('matches without filters', () => {
    expect(alertMatchesFilters(alertOf({}), emptyAlertFilters())).toBe(true);
  });

  it('checks status, kind and severity', () => {
    const alert = alertOf({});
    expect(alertMatchesFilters(alert, { ...emptyAlertFilters(), status: 'acknowledged' })).toBe(false);
    expect(alertMatchesFilters(alert, { ...emptyAlertFilters(), kind: 'missed_declarations' })).toBe(false);
    expect(alertMatchesFilters(alert, { ...emptyAlertFilters(), severity: 'warning' })).toBe(true);
  });

  it('node filter is a subtree', () => {
    const alert = alertOf({ nodeCode: '320508018014G001' });
    expect(alertMatchesFilters(alert, { ...emptyAlertFilters(), nodeCode: '320508018' })).toBe(true);
    expect(alertMatchesFilters(alert, { ...emptyAlertFilters(), nodeCode: 'CN' })).toBe(true);
    expect(alertMatchesFilters(alert, { ...emptyAlertFilters(), nodeCode: '320508017' })).toBe(false);
  });
});
