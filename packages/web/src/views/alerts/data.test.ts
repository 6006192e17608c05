import { describe, expect, it } from 'vitest';
import type { Alert } from '../../api/alerts.js';
import zhAlerts from '../../locales/zh-CN/alerts.json';
import { alertMatchesFilters, alertSubject, emptyAlertFilters } from './data.js';

type Tree = { [key: string]: string | Tree };

function lookup(key: string): string | undefined {
  let node: string | Tree | undefined = { alerts: zhAlerts as Tree };
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
