import { describe, expect, it } from 'vitest';
import { i18n } from '../../locales/index.js';
import { resultNoteProblem, taskResultProblem, taskTitle } from './data.js';

const { t, te } = i18n.global;

function titleIn(locale: 'zh-CN' | 'en', task: { kind: string; title?: string | null; details?: Record<string, unknown> }): string {
  i18n.global.locale.value = locale;
  return taskTitle({ title: null, details: {}, ...task }, t, te);
}

describe('taskTitle', () => {
  it('manual task keeps its typed title', () => {
    expect(titleIn('en', { kind: 'manual', title: '上门核实' })).toBe('上门核实');
  });

  it('abnormal declaration shows temperature and symptoms', () => {
    const details = { temperatureTenths: 385, symptoms: ['fever', 'cough'] };
    expect(titleIn('en', { kind: 'abnormal_declaration', details })).toBe('Abnormal health declaration: 38.5 °C, Fever, Cough');
    expect(titleIn('zh-CN', { kind: 'abnormal_declaration', details })).toBe('健康申报异常：体温 38.5 °C，发热、咳嗽');
  });

  it('abnormal declaration without symptoms', () => {
    const details = { temperatureTenths: 373, symptoms: ['none'] };
    expect(titleIn('en', { kind: 'abnormal_declaration', details })).toBe('Abnormal health declaration: 37.3 °C, no symptoms');
  });

  it('rule kinds read their facts', () => {
    expect(titleIn('en', { kind: 'missed_declarations', details: { windowKeys: ['a', 'b'] } })).toBe(
      'No health declaration in 2 windows in a row: contact the person',
    );
    expect(titleIn('en', { kind: 'quarantine_ending', details: { plannedEndOn: '2026-12-06' } })).toBe(
      'Home quarantine ends on 2026-12-06: assess the release',
    );
    expect(titleIn('zh-CN', { kind: 'import_verify', details: { importId: 'x', rows: 12 } })).toBe('导入名单中有 12 行人员需上门核实');
  });

  it('checkpoint arrival names checkpoint, Shanghai time and destination', () => {
    const details = {
      registrationId: 'r1',
      checkpointName: 'G2苏州新区出口',
      registeredAt: '2026-12-05T06:02:00.000Z',
      destinationText: '金鸡湖花园3幢2单元1202室',
      occupantCount: 2,
      plateNumber: '苏E12345',
    };
    expect(titleIn('zh-CN', { kind: 'checkpoint_arrival', details })).toBe(
      '12-05 14:02 经G2苏州新区出口，前往 金鸡湖花园3幢2单元1202室（2 人），请核实是否到达',
    );
    expect(titleIn('en', { kind: 'checkpoint_arrival', details: { ...details, destinationText: null } })).toBe(
      'Passed G2苏州新区出口 at 12-05 14:02, heading to an address not given (people: 2): check that they arrived',
    );
  });

  it('unknown kind falls back to its code', () => {
    expect(titleIn('en', { kind: 'gate_alert_follow_up' })).toBe('gate_alert_follow_up');
  });
});

describe('taskResultProblem', () => {
  it('checkpoint arrival needs an answer', () => {
    i18n.global.locale.value = 'en';
    expect(taskResultProblem('checkpoint_arrival', '', t)).toBe(
      'Choose the verification result: were the persons found at the address they gave?',
    );
    expect(taskResultProblem('checkpoint_arrival', 'not_found', t)).toBeNull();
  });

  it('other kinds need none', () => {
    expect(taskResultProblem('manual', '', t)).toBeNull();
  });
});

describe('resultNoteProblem', () => {
  it('rejects blank and overlong notes', () => {
    i18n.global.locale.value = 'en';
    expect(resultNoteProblem('  \n ', t)).toBe('Enter the result note');
    expect(resultNoteProblem('x'.repeat(1001), t)).toBe('The result note may have at most 1000 characters');
    expect(resultNoteProblem('已随访', t)).toBeNull();
  });
});
