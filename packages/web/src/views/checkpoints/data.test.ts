import { describe, expect, it } from 'vitest';
import type { Checkpoint } from '../../api/checkpoints.js';
import {
  ENROLMENT_VALID_SECONDS,
  checkpointChangesOf,
  checkpointFormOf,
  checkpointRequestOf,
  coordinateRule,
  countdownText,
  emptyCheckpointForm,
  readDegrees,
  secondsUntil,
} from './data.js';

const translate = (key: string) => key;

/** Runs a form rule's validator and returns its error message, or null when the value passes. */
function ruleMessage(rule: ReturnType<typeof coordinateRule>, value: string): string | null {
  let message: string | null = null;
  rule.validator?.(
    rule,
    value,
    (error?: string | Error) => {
      message = error instanceof Error ? error.message : (error ?? null);
    },
    {},
    {},
  );
  return message;
}

describe('readDegrees', () => {
  it('accepts decimal degrees in range', () => {
    expect(readDegrees('120.6195', 180)).toBe('120.6195');
    expect(readDegrees(' -33.5 ', 90)).toBe('-33.5');
    expect(readDegrees('+31.3', 90)).toBe('31.3');
    expect(readDegrees('180', 180)).toBe('180');
    expect(readDegrees('31.12345678', 90)).toBe('31.12345678');
  });

  it('reads blank as no coordinate', () => {
    expect(readDegrees('', 180)).toBeNull();
    expect(readDegrees('   ', 90)).toBeNull();
  });

  it('rejects values out of range', () => {
    expect(readDegrees('180.0001', 180)).toBeUndefined();
    expect(readDegrees('90.5', 90)).toBeUndefined();
    expect(readDegrees('-91', 90)).toBeUndefined();
  });

  it('rejects other notations', () => {
    expect(readDegrees('1e2', 180)).toBeUndefined();
    expect(readDegrees("120°37'", 180)).toBeUndefined();
    expect(readDegrees('120,62', 180)).toBeUndefined();
    expect(readDegrees('31.123456789', 90)).toBeUndefined();
    expect(readDegrees('.5', 90)).toBeUndefined();
  });
});

describe('coordinateRule', () => {
  it('needs both coordinates or neither', () => {
    expect(
      ruleMessage(
        coordinateRule(translate, 'latitude', () => '120.6'),
        '',
      ),
    ).toBe('checkpoints.form.coordinatesPair');
    expect(
      ruleMessage(
        coordinateRule(translate, 'latitude', () => ''),
        '',
      ),
    ).toBeNull();
    expect(
      ruleMessage(
        coordinateRule(translate, 'latitude', () => '120.6'),
        '31.3',
      ),
    ).toBeNull();
  });

  it('names the invalid coordinate', () => {
    expect(
      ruleMessage(
        coordinateRule(translate, 'longitude', () => '31.3'),
        '200',
      ),
    ).toBe('checkpoints.form.longitudeInvalid');
    expect(
      ruleMessage(
        coordinateRule(translate, 'latitude', () => '120.6'),
        'north',
      ),
    ).toBe('checkpoints.form.latitudeInvalid');
  });
});

describe('checkpoint form', () => {
  it('trims text and leaves blank coordinates out', () => {
    const form = { ...emptyCheckpointForm('320508'), name: ' 苏州东出口 ', location: ' G2京沪高速 ' };
    expect(checkpointRequestOf(form)).toEqual({ name: '苏州东出口', type: 'highway_exit', nodeCode: '320508', location: 'G2京沪高速' });
  });

  it('sends typed coordinates without a plus sign', () => {
    const form = { ...emptyCheckpointForm('320508'), name: 'A', location: 'B', longitude: ' +120.5 ', latitude: '31.25' };
    expect(checkpointRequestOf(form)).toMatchObject({ longitude: '120.5', latitude: '31.25' });
  });

  it('changes clear blank coordinates and keep the jurisdiction', () => {
    const form = { ...emptyCheckpointForm('320508'), name: 'A', location: 'B' };
    expect(checkpointChangesOf(form)).toEqual({ name: 'A', type: 'highway_exit', location: 'B', longitude: null, latitude: null });
  });

  it('round-trips a stored checkpoint', () => {
    const checkpoint: Checkpoint = {
      id: 'c1',
      name: '火车站',
      type: 'station',
      nodeCode: '320508018',
      nodeName: '平江街道',
      location: '站前广场',
      longitude: '120.6100',
      latitude: '31.3300',
      active: true,
      officers: [],
      activeDeviceCount: 0,
      createdAt: '2026-12-05T00:00:00.000Z',
      updatedAt: '2026-12-05T00:00:00.000Z',
    };
    expect(checkpointRequestOf(checkpointFormOf(checkpoint))).toEqual({
      name: '火车站',
      type: 'station',
      nodeCode: '320508018',
      location: '站前广场',
      longitude: '120.6100',
      latitude: '31.3300',
    });
  });
});

describe('enrolment countdown', () => {
  const now = Date.parse('2026-12-05T04:00:00.000Z');

  it('counts whole seconds up to the expiry', () => {
    expect(secondsUntil('2026-12-05T04:05:00.000Z', now)).toBe(300);
    expect(secondsUntil('2026-12-05T04:00:00.400Z', now)).toBe(1);
  });

  it('stays within zero and the token lifetime', () => {
    expect(secondsUntil('2026-12-05T03:59:00.000Z', now)).toBe(0);
    expect(secondsUntil('2026-12-05T05:00:00.000Z', now)).toBe(ENROLMENT_VALID_SECONDS);
    expect(secondsUntil('not a time', now)).toBe(0);
  });

  it('formats minutes and seconds', () => {
    expect(countdownText(600)).toBe('10:00');
    expect(countdownText(65)).toBe('1:05');
    expect(countdownText(0)).toBe('0:00');
  });
});
