import { describe, expect, it } from 'vitest';
import { dispositionChartOptionOf, hourLabelOf, hourlyChartOptionOf, hourlySeriesOf, hoursOfRange, riskChartOptionOf } from './charts.js';

const translate = (key: string) => key;

describe('hoursOfRange', () => {
  it('lists 24 hours a day across days', () => {
    const hours = hoursOfRange('2026-11-30', '2026-12-01');
    expect(hours).toHaveLength(48);
    expect(hours[0]).toBe('2026-11-30T00');
    expect(hours[23]).toBe('2026-11-30T23');
    expect(hours[24]).toBe('2026-12-01T00');
    expect(hours[47]).toBe('2026-12-01T23');
  });

  it('labels hours with the day only across days', () => {
    expect(hourLabelOf('2026-12-05T07', true)).toBe('07:00');
    expect(hourLabelOf('2026-12-05T14', false)).toBe('12-05 14:00');
  });
});

describe('hourlySeriesOf', () => {
  const stats = {
    checkpoints: [
      { id: 'a', name: '苏州东', count: 3 },
      { id: 'b', name: '火车站', count: 0 },
    ],
    hourly: [
      { hour: '2026-12-05T08', checkpointId: 'a', count: 2 },
      { hour: '2026-12-05T23', checkpointId: 'a', count: 1 },
      { hour: '2026-12-05T09', checkpointId: 'x', count: 4 },
      { hour: '2026-12-06T00', checkpointId: 'a', count: 9 },
    ],
  };

  it('fills every hour with a count', () => {
    const { hours, series } = hourlySeriesOf(stats, '2026-12-05', '2026-12-05');
    expect(hours).toHaveLength(24);
    const first = series.find((entry) => entry.checkpointId === 'a');
    expect(first?.name).toBe('苏州东');
    expect(first?.data).toHaveLength(24);
    expect(first?.data[8]).toBe(2);
    expect(first?.data[23]).toBe(1);
    expect(first?.data.reduce((sum, count) => sum + count, 0)).toBe(3);
  });

  it('keeps a checkpoint without registrations', () => {
    const { series } = hourlySeriesOf(stats, '2026-12-05', '2026-12-05');
    expect(series.find((entry) => entry.checkpointId === 'b')?.data.every((count) => count === 0)).toBe(true);
  });

  it('names an unlisted checkpoint by its id', () => {
    const { series } = hourlySeriesOf(stats, '2026-12-05', '2026-12-05');
    expect(series.map((entry) => entry.name)).toEqual(['苏州东', '火车站', 'x']);
    expect(series[2]?.data[9]).toBe(4);
  });

  it('stacks the bars of all checkpoints', () => {
    const option = hourlyChartOptionOf(stats, '2026-12-05', '2026-12-05');
    expect(option.xAxis.data[0]).toBe('00:00');
    expect(option.series.map((entry) => entry.stack)).toEqual(['registrations', 'registrations', 'registrations']);
  });
});

describe('breakdown charts', () => {
  it('risk ring has a slice per level', () => {
    const option = riskChartOptionOf({ high: 1, medium: 2, low: 3, none: 4 }, translate);
    expect(option.series[0]?.data.map((slice) => [slice.name, slice.value])).toEqual([
      ['checkpoints.risk.high', 1],
      ['checkpoints.risk.medium', 2],
      ['checkpoints.risk.low', 3],
      ['checkpoints.risk.none', 4],
    ]);
  });

  it('disposition ring has a slice per disposition', () => {
    const option = dispositionChartOptionOf({ pass: 5, turned_back: 1, transferred: 0 }, translate);
    expect(option.series[0]?.data.map((slice) => [slice.name, slice.value])).toEqual([
      ['checkpoints.dispositions.pass', 5],
      ['checkpoints.dispositions.turned_back', 1],
      ['checkpoints.dispositions.transferred', 0],
    ]);
  });

  it('empty slices have no label', () => {
    const option = riskChartOptionOf({ high: 0, medium: 0, low: 0, none: 2 }, translate);
    expect(option.series[0]?.data.map((slice) => slice.label.show)).toEqual([false, false, false, true]);
  });
});
