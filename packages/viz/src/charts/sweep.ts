/**
 * Sweeps: how an outcome answers a lever. For each value a lever took, the final-year mean of a
 * metric over every run with that value (pooled over the other levers when several vary), with
 * its 95% interval as a shaded band. A flat line says the lever does not matter for that metric.
 */
import { type MetricName, type RunResult, count, stat, windowMeans, windowsFor } from '@vraem/sim-core';
import { type ChartContext, type LineChart, type LineDataset, bandDatasets, describeSeeds, lineChart, rowName, valueAxis } from './common.ts';
import { metricLabel } from './comparison.ts';
import { seriesColour } from '../palette.ts';

/** A lever's value at a design point. */
export type LeverValue = number | string | boolean;

/** The runs of one design point with the lever values that define it. */
export interface SweepPointRuns {
  point: number;
  /** Lever path → value at this point. */
  values: Record<string, LeverValue>;
  results: RunResult[];
}

/** Units of levers by path, for the x-axis title (e.g. `{ 'market.demandIndex': 'index, 1 = baseline' }`). */
export interface SweepContext extends ChartContext {
  leverUnits?: Record<string, string>;
}

/** One lever value with the final-year statistics of a metric over the runs that had it. */
export interface SweepPointStat {
  value: LeverValue;
  mean: number;
  lo: number;
  hi: number;
  n: number;
}

/**
 * The final-year mean of `metric` for `row` at each value of `lever`, pooled over points with
 * that value: each run's mean over its final 12 months, then mean and 95% interval over runs.
 * Numeric values come out in increasing order, others in order of first appearance.
 */
export function sweepStats(points: readonly SweepPointRuns[], lever: string, metric: MetricName | string, row: string): SweepPointStat[] {
  const byValue = new Map<string, { value: LeverValue; finals: number[] }>();
  for (const p of points) {
    if (!(lever in p.values)) throw new Error(`design point ${p.point} has no value for lever "${lever}"`);
    const value = p.values[lever];
    const key = JSON.stringify(value);
    const entry = byValue.get(key) ?? { value, finals: [] };
    for (const r of p.results) {
      const ri = r.rows.indexOf(row);
      const mi = (r.metrics as readonly string[]).indexOf(metric);
      if (ri < 0 || mi < 0) throw new Error(`point ${p.point} has no ${ri < 0 ? `row "${row}"` : `metric "${metric}"`}`);
      entry.finals.push(windowMeans([r], ri, mi, windowsFor(r.start, r.months).finalYear)[0]);
    }
    byValue.set(key, entry);
  }
  const out = [...byValue.values()].map(({ value, finals }) => {
    const s = stat(finals);
    return { value, mean: s.mean, lo: s.ci95[0], hi: s.ci95[1], n: s.n };
  });
  if (out.every((p) => typeof p.value === 'number')) out.sort((x, y) => (x.value as number) - (y.value as number));
  return out;
}

/**
 * A metric's final-year mean (with 95% interval) against one varied lever. Numeric levers get a
 * linear x axis (spacing true to the values), others a category axis.
 * @example sweepChart(points, 'states.PE.alternativeDevelopment.deliveryRate', 'coca_ha', 'PE')
 */
export function sweepChart(points: readonly SweepPointRuns[], lever: string, metric: MetricName | string, row: string, ctx: SweepContext = {}): LineChart {
  if (points.length === 0) throw new Error('a sweep chart needs at least one design point');
  const stats = sweepStats(points, lever, metric, row);
  const numeric = stats.every((s) => typeof s.value === 'number');
  const label = metricLabel(metric);
  const perValue = Math.min(...stats.map((s) => s.n));
  const band = { mean: stats.map((s) => s.mean), lo: stats.map((s) => s.lo), hi: stats.map((s) => s.hi), n: perValue };
  const datasets: LineDataset[] = bandDatasets(`${label}, ${rowName(row, ctx)}`, band, seriesColour(3)).map((d) => ({
    ...d,
    ...(numeric ? { data: (d.data as number[]).map((y, i) => ({ x: stats[i].value as number, y })) } : {}),
  }));
  const mean = datasets[datasets.length - 1];
  Object.assign(mean, { pointRadius: 5, pointBackgroundColor: seriesColour(3) });
  const results = points.flatMap((p) => p.results);
  const seeds = [...new Set(results.map((r) => r.seed))].sort((x, y) => x - y);
  const levers = Object.keys(points[0]?.values ?? {});
  const unit = ctx.leverUnits?.[lever];
  return lineChart({
    title: `${label}, ${rowName(row, ctx)}: final-year mean against ${lever}`,
    subtitle:
      `${ctx.scenario ?? results[0]?.scenario ?? 'scenario'} · ${describeSeeds(seeds)} · ${count(perValue, 'run')} per value` +
      (perValue > 1 ? ', shaded: 95% interval of the mean' : '') +
      (levers.length > 1 ? ' · pooled over the other levers' : ''),
    ...(numeric ? {} : { labels: stats.map((s) => String(s.value)) }),
    datasets,
    scales: {
      x: {
        type: numeric ? 'linear' : 'category',
        title: { display: true, text: unit ? `${lever} (${unit})` : `${lever} (lever value)`, font: { size: 13, weight: 'bold' } },
        ticks: { font: { size: 12 } },
        grid: { display: false },
      },
      y: valueAxis(`${label}, final-year mean`),
    },
  });
}
