import { DISPOSITIONS } from '../../api/checkpoint-phone.js';
import type { RegistrationStats } from '../../api/checkpoints.js';
import { daysInRange, shiftDay } from '../declarations/data.js';

type Translate = (key: string, named?: Record<string, unknown>) => string;

export const RISK_BUCKETS = ['high', 'medium', 'low', 'none'] as const;

// Element Plus's danger, warning, primary and info colours, as on the risk tags of the lists.
const RISK_COLOURS: Record<(typeof RISK_BUCKETS)[number], string> = {
  high: '#f56c6c',
  medium: '#e6a23c',
  low: '#409eff',
  none: '#909399',
};

const DISPOSITION_COLOURS: Record<(typeof DISPOSITIONS)[number], string> = {
  pass: '#67c23a',
  turned_back: '#e6a23c',
  transferred: '#f56c6c',
};

/** Lists every China hour of a day range as 'YYYY-MM-DDTHH', the key of the statistics' hourly rows. */
export function hoursOfRange(from: string, to: string): string[] {
  const hours: string[] = [];
  const days = daysInRange(from, to);
  for (let index = 0; index < days; index += 1) {
    const day = shiftDay(from, index);
    for (let hour = 0; hour < 24; hour += 1) hours.push(`${day}T${String(hour).padStart(2, '0')}`);
  }
  return hours;
}

/** Axis label of an hour key: "14:00" within one day, "12-05 14:00" over several. */
export function hourLabelOf(hour: string, singleDay: boolean): string {
  const time = `${hour.slice(11, 13)}:00`;
  return singleDay ? time : `${hour.slice(5, 10)} ${time}`;
}

export interface HourlySeries {
  hours: string[];
  /** One series per checkpoint, with a count for every hour of the range (0 for an hour without registrations). */
  series: { checkpointId: string; name: string; data: number[] }[];
}

/**
 * Builds the per-checkpoint counts over every hour of the range, so hours
 * without registrations show as gaps. Checkpoints come in the order of
 * `stats.checkpoints`; one that appears only in the hourly rows is named by its id.
 */
export function hourlySeriesOf(stats: Pick<RegistrationStats, 'hourly' | 'checkpoints'>, from: string, to: string): HourlySeries {
  const hours = hoursOfRange(from, to);
  const hourIndex = new Map(hours.map((hour, index) => [hour, index]));
  const names = new Map(stats.checkpoints.map((checkpoint) => [checkpoint.id, checkpoint.name]));
  const counts = new Map<string, number[]>();
  for (const checkpoint of stats.checkpoints) counts.set(checkpoint.id, new Array<number>(hours.length).fill(0));

  for (const row of stats.hourly) {
    const index = hourIndex.get(row.hour);
    if (index === undefined) continue;
    let data = counts.get(row.checkpointId);
    if (!data) {
      data = new Array<number>(hours.length).fill(0);
      counts.set(row.checkpointId, data);
    }
    data[index] = (data[index] ?? 0) + row.count;
  }

  const series = [...counts.entries()].map(([checkpointId, data]) => ({
    checkpointId,
    name: names.get(checkpointId) ?? checkpointId,
    data,
  }));
  return { hours, series };
}

/** ECharts option of the hourly chart: one bar series per checkpoint, stacked, over every hour of the range. */
export function hourlyChartOptionOf(stats: Pick<RegistrationStats, 'hourly' | 'checkpoints'>, from: string, to: string) {
  const { hours, series } = hourlySeriesOf(stats, from, to);
  const singleDay = from === to;
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0, type: 'scroll', data: series.map((entry) => entry.name) },
    grid: { left: 40, right: 16, bottom: 32, top: 40 },
    xAxis: { type: 'category', data: hours.map((hour) => hourLabelOf(hour, singleDay)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: series.map((entry) => ({ name: entry.name, type: 'bar', stack: 'registrations', data: entry.data })),
  };
}

function pieOption(title: string, slices: { name: string; value: number; colour: string }[]) {
  return {
    tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
    legend: { bottom: 0 },
    series: [
      {
        name: title,
        type: 'pie',
        radius: ['40%', '68%'],
        center: ['50%', '45%'],
        label: { formatter: '{b}\n{c}' },
        // An empty slice keeps its legend entry but gets no label, so zeros do not pile up on the ring.
        data: slices.map((slice) => ({
          name: slice.name,
          value: slice.value,
          itemStyle: { color: slice.colour },
          label: { show: slice.value > 0 },
          labelLine: { show: slice.value > 0 },
        })),
      },
    ],
  };
}

/** ECharts option of the risk breakdown: a ring of high, medium, low and no risk. */
export function riskChartOptionOf(risk: RegistrationStats['risk'], t: Translate) {
  return pieOption(
    t('checkpoints.registrations.charts.risk'),
    RISK_BUCKETS.map((bucket) => ({ name: t(`checkpoints.risk.${bucket}`), value: risk[bucket], colour: RISK_COLOURS[bucket] })),
  );
}

/** ECharts option of the dispositions: a ring of passed, turned back and transferred. */
export function dispositionChartOptionOf(dispositions: RegistrationStats['dispositions'], t: Translate) {
  return pieOption(
    t('checkpoints.registrations.charts.dispositions'),
    DISPOSITIONS.map((disposition) => ({
      name: t(`checkpoints.dispositions.${disposition}`),
      value: dispositions[disposition],
      colour: DISPOSITION_COLOURS[disposition],
    })),
  );
}
