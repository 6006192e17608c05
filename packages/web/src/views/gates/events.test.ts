import { describe, expect, it } from 'vitest';
import zhGateEvents from '../../locales/zh-CN/gateEvents.json';
import zhGateRules from '../../locales/zh-CN/gateRules.json';
import {
  defaultEventFilters,
  eventQueryOf,
  eventRangeProblemOf,
  firedRuleText,
  isFever,
  passCheckText,
  plateRegionText,
  temperatureText,
  unreadPlateText,
} from './events.js';

type Tree = { [key: string]: string | Tree };

function lookup(key: string): string | undefined {
  let node: string | Tree | undefined = { gateEvents: zhGateEvents as Tree, gateRules: zhGateRules as Tree };
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  return typeof node === 'string' ? node : undefined;
}

const t = (key: string, values: Record<string, unknown> = {}) =>
  (lookup(key) ?? `missing:${key}`).replace(/\{(\w+)\}/g, (_, name: string) => String(values[name]));
const te = (key: string) => lookup(key) !== undefined;

describe('eventQueryOf', () => {
  it('China days become instants', () => {
    const query = eventQueryOf(defaultEventFilters('2026-12-05'));
    expect(query.from).toBe('2026-12-04T16:00:00.000Z');
    expect(query.to).toBe('2026-12-05T16:00:00.000Z');
  });

  it('leaves out empty filters', () => {
    const query = eventQueryOf(defaultEventFilters('2026-12-05'));
    expect(query.compoundId).toBeUndefined();
    expect(query.decision).toBeUndefined();
    expect(query.plate).toBeUndefined();
  });

  it('normalises the plate', () => {
    const query = eventQueryOf({ ...defaultEventFilters('2026-12-05'), plate: '鄂a·123', decision: 'deny', compoundId: 'c1' });
    expect(query).toMatchObject({ plate: '鄂A123', decision: 'deny', compoundId: 'c1' });
  });
});

describe('eventRangeProblemOf', () => {
  it('accepts one day', () => {
    expect(eventRangeProblemOf(['2026-12-05', '2026-12-05'])).toBeNull();
  });

  it('rejects reversed range', () => {
    expect(eventRangeProblemOf(['2026-12-05', '2026-12-04'])).toBe('order');
  });

  it('rejects more than 31 days', () => {
    expect(eventRangeProblemOf(['2026-11-01', '2026-12-05'])).toBe('tooLong');
  });
});

describe('event cells', () => {
  it('plate region names province and city', () => {
    expect(plateRegionText('鄂A12345')).toBe('湖北省 武汉市');
  });

  it('unknown or missing plate has no region', () => {
    expect(plateRegionText(null)).toBe('');
    expect(plateRegionText('XX12345')).toBe('');
  });

  it('fired rule names kind and source', () => {
    expect(firedRuleText(t, te, { ruleKind: 'risk_region_plate', ruleSource: 'compound' })).toBe('风险地区车辆 · 本小区');
    expect(firedRuleText(t, te, { ruleKind: 'high_temperature', ruleSource: 'default' })).toBe('体温异常 · 默认规则');
  });

  it('no fired rule is null', () => {
    expect(firedRuleText(t, te, { ruleKind: null, ruleSource: null })).toBeNull();
  });

  it('unknown rule kind shows its code', () => {
    expect(firedRuleText(t, te, { ruleKind: 'face_mask', ruleSource: null })).toBe('face_mask');
  });

  it('temperature with one decimal', () => {
    expect(temperatureText(37)).toBe('37.0 °C');
    expect(temperatureText(null)).toBeNull();
  });

  it('fever from 37.3', () => {
    expect(isFever(37.3)).toBe(true);
    expect(isFever(37.2)).toBe(false);
    expect(isFever(null)).toBe(false);
  });
});

describe('unreadPlateText', () => {
  it('names what the camera read', () => {
    expect(unreadPlateText(t, { kind: 'plate', plateNumber: null, plateText: 'ABCDEFG' })).toBe('未识别（相机读作 ABCDEFG）');
    expect(unreadPlateText(t, { kind: 'plate', plateNumber: null, plateText: null })).toBe('未识别');
  });

  it('stays empty for read plates and passes', () => {
    expect(unreadPlateText(t, { kind: 'plate', plateNumber: '苏E12345', plateText: '苏E12345' })).toBeNull();
    expect(unreadPlateText(t, { kind: 'qr', plateNumber: null, plateText: null })).toBeNull();
  });
});

describe('passCheckText', () => {
  it('warns about expired and forged codes', () => {
    expect(passCheckText(t, { passCheck: 'expired' })).toBe('二维码已过期（截图？）');
    expect(passCheckText(t, { passCheck: 'forged' })).toBe('二维码无效（伪造？）');
  });

  it('stays empty otherwise', () => {
    expect(passCheckText(t, { passCheck: 'valid' })).toBeNull();
    expect(passCheckText(t, { passCheck: null })).toBeNull();
  });
});
