import { describe, expect, it } from 'vitest';
import type { CompletionRow, ReminderResult } from './api.js';
import {
  chinaToday,
  completionChartOptionOf,
  completionLabelOf,
  completionPercentOf,
  daysInRange,
  defaultCompletionRange,
  reminderMessageOf,
  reminderMessageTypeOf,
  symptomsTextOf,
  windowKeyOf,
} from './data.js';

/** Returns the key and its parameters, so tests see which messages the page requests. */
const t = (key: string, params?: Record<string, unknown>) => (params ? `${key}${JSON.stringify(params)}` : key);

function resultWith(overrides: Partial<ReminderResult>): ReminderResult {
  return {
    window: {
      key: '2026-12-05/1',
      day: '2026-12-05',
      number: 1,
      start: '07:00',
      end: '10:00',
      opensAt: '',
      closesAt: '',
      open: true,
      current: true,
    },
    sent: 0,
    skipped: { declared: 0, alreadyReminded: 0, notRequired: 0, noPhone: 0, failed: 0 },
    remaining: 0,
    ...overrides,
  };
}

function row(day: string, number: number, expected: number, declared: number, rate: number | null): CompletionRow {
  return {
    day,
    windowKey: windowKeyOf(day, number),
    number,
    start: number === 1 ? '07:00' : '14:00',
    end: '',
    expected,
    declared,
    late: 0,
    abnormal: 0,
    rate,
  };
}

describe('completion figures', () => {
  it('percent of declared', () => {
    expect(completionPercentOf({ expected: 3, declared: 2 })).toBe(67);
  });

  it('percent without expected persons', () => {
    expect(completionPercentOf({ expected: 0, declared: 0 })).toBe(0);
  });

  it('default range is seven days', () => {
    expect(defaultCompletionRange('2026-12-05')).toEqual(['2026-11-29', '2026-12-05']);
    expect(daysInRange('2026-11-29', '2026-12-05')).toBe(7);
  });

  it('range across a month end', () => {
    expect(daysInRange('2026-01-31', '2026-03-02')).toBe(31);
  });

  it('today in China from a UTC evening', () => {
    expect(chinaToday(new Date('2026-12-04T16:00:00Z'))).toBe('2026-12-05');
    expect(chinaToday(new Date('2026-12-04T15:59:59Z'))).toBe('2026-12-04');
  });
});

describe('reminder message', () => {
  it('lists sent and each skip reason', () => {
    const result = resultWith({ sent: 3, skipped: { declared: 0, alreadyReminded: 2, notRequired: 0, noPhone: 1, failed: 0 } });
    expect(reminderMessageOf(result, t)).toBe(
      [
        'declarations.remind.sent{"count":3}',
        'declarations.remind.skipped.alreadyReminded{"count":2}',
        'declarations.remind.skipped.noPhone{"count":1}',
      ].join('declarations.remind.separator'),
    );
  });

  it('mentions the remaining persons', () => {
    expect(reminderMessageOf(resultWith({ sent: 2000, remaining: 5 }), t)).toContain('declarations.remind.remaining{"count":5}');
  });

  it('warns when nothing went out', () => {
    expect(reminderMessageTypeOf(resultWith({ sent: 0 }))).toBe('warning');
    expect(reminderMessageTypeOf(resultWith({ sent: 1 }))).toBe('success');
  });

  it('warns when a message failed', () => {
    const result = resultWith({ sent: 1, skipped: { declared: 0, alreadyReminded: 0, notRequired: 0, noPhone: 0, failed: 1 } });
    expect(reminderMessageTypeOf(result)).toBe('warning');
  });
});

describe('completion chart', () => {
  const rows = [row('2026-12-04', 1, 4, 3, 0.75), row('2026-12-04', 2, 0, 0, null)];

  it('labels windows by day and start', () => {
    expect(completionLabelOf(rows[0] as CompletionRow)).toBe('12-04 07:00');
  });

  it('series of expected, declared and rate', () => {
    const option = completionChartOptionOf(rows, t);
    expect(option.xAxis.data).toEqual(['12-04 07:00', '12-04 14:00']);
    expect(option.series.map((series) => series.data)).toEqual([
      [4, 0],
      [3, 0],
      [75, null],
    ]);
  });
});

describe('symptoms text', () => {
  it('none alone', () => {
    expect(symptomsTextOf(['none'], t)).toBe('declarations.symptoms.none');
  });

  it('joins symptoms', () => {
    expect(symptomsTextOf(['fever', 'cough'], t)).toBe(
      'declarations.symptoms.feverdeclarations.remind.separatordeclarations.symptoms.cough',
    );
  });
});
