/**
 * Policy comparisons: scenario A against scenario B, month by month, each with its 95% band over
 * replicates, and the paired difference B − A with its own band (replicate k of A and of B share
 * a seed, so the noise common to both cancels). Where the difference band leaves zero, the
 * policy changed the outcome beyond the noise of the replicates.
 */
import { type MetricName, type RunResult, METRIC_LABELS, bandOf, rolling12, seriesOf } from '@vraem/sim-core';
import { type Band, type Runs, RunStats, metricBand, pairedDifferenceBand, runCount, runSeeds } from '../bands.ts';
import { COMPARE_COLOURS } from '../palette.ts';
import { type ChartContext, type LineChart, bandDatasets, describeSeeds, firstOf, line, rowName, timeChart, valueAxis } from './common.ts';

/** Names of the two sides of a comparison (default: the results' scenario names). */
export interface CompareContext extends ChartContext {
  aName?: string;
  bName?: string;
}

/** The label with units of a metric (`Coca (ha)`), or its column name when it has none. */
export function metricLabel(metric: string): string {
  return (METRIC_LABELS as Record<string, string>)[metric] ?? metric;
}

function names(a: Runs, b: Runs, ctx: CompareContext): { a: string; b: string } {
  return { a: ctx.aName ?? firstOf(a).scenario, b: ctx.bName ?? firstOf(b).scenario };
}

function compareSubtitle(a: Runs, b: Runs, ctx: CompareContext): string {
  const n = names(a, b, ctx);
  const count = runCount(a);
  const runs = count === 1 ? 'one run each' : `mean of ${count} paired runs, shaded: 95% interval of the mean`;
  return `A: ${n.a} · B: ${n.b} · ${describeSeeds(runSeeds(a))} · ${runs}`;
}

/** A band with NaN (undefined months) as gaps (null), which chart.js skips. */
export function gaps(band: Band): Band {
  const g = (xs: number[]) => xs.map((x) => (Number.isFinite(x) ? x : null)) as number[];
  return { ...band, mean: g(band.mean), lo: g(band.lo), hi: g(band.hi) };
}

/**
 * Drawing options of a comparison chart. Rolling sums need each run's series (a band of sums is
 * not a sum of bands): drawn from runs in memory, or from the rolling sums streamed statistics
 * gathered run by run (`RunStats.rolledBand`, for sim-core's `ROLLING_METRICS`).
 */
export interface CompareDraw {
  /** Draw 12-month rolling sums (noisy monthly counts such as violent events). */
  rolling12?: boolean;
}
/** A monthly count's label as a 12-month rolling sum: `Violence events (events in the last 12 months)`, `Seized (t in the last 12 months)`. */
export const rolledLabel = (label: string) => (/ \(\/month\)$/.test(label) ? label.replace(/ \(\/month\)$/, ' (events in the last 12 months)') : label.replace(/\/month\b/, ' in the last 12 months'));

/**
 * One metric of one row, A against B over time, each with its 95% band.
 * @example comparisonChart(baseRuns, adRuns, 'coca_ha', 'PE')
 */
export function comparisonChart(a: Runs, b: Runs, metric: MetricName | string, row: string, ctx: CompareContext = {}, draw: CompareDraw = {}): LineChart {
  const n = names(a, b, ctx);
  const roll = !!draw.rolling12;
  const label = roll ? rolledLabel(metricLabel(metric)) : metricLabel(metric);
  const rolled = (rs: Runs) => (rs instanceof RunStats ? rs.rolledBand(row, metric) : bandOf(rs.map((r) => rolling12(seriesOf(r, row, metric as MetricName)))));
  const band = (rs: Runs) => (roll ? gaps(rolled(rs)) : metricBand(rs, row, metric));
  return timeChart(a, {
    title: `${label}, ${rowName(row, ctx)}: A against B`,
    subtitle: compareSubtitle(a, b, ctx),
    datasets: [
      ...bandDatasets(`A: ${n.a}`, band(a), COMPARE_COLOURS.a),
      ...bandDatasets(`B: ${n.b}`, band(b), COMPARE_COLOURS.b, { dash: [8, 4] }),
    ],
    scales: { y: valueAxis(label) },
  });
}

/**
 * The paired difference B − A of one metric of one row over time, with its 95% band and a zero
 * line. The mean line equals B's mean minus A's mean month by month.
 */
export function differenceChart(a: Runs, b: Runs, metric: MetricName | string, row: string, ctx: CompareContext = {}, draw: CompareDraw = {}): LineChart {
  const roll = !!draw.rolling12;
  const label = roll ? rolledLabel(metricLabel(metric)) : metricLabel(metric);
  const band = roll ? gaps(pairedDifferenceBand(a, b, row, metric, { rolling12: true })) : pairedDifferenceBand(a, b, row, metric);
  return timeChart(a, {
    title: `Difference B − A in ${label}, ${rowName(row, ctx)} (paired by seed)`,
    subtitle: compareSubtitle(a, b, ctx),
    datasets: [
      ...bandDatasets('B − A', band, COMPARE_COLOURS.diff),
      line('No difference (0)', band.mean.map(() => 0), '#777777', { dash: [3, 3], width: 1 }),
    ],
    // Zero is on the axis through the zero line; without beginAtZero a difference that is zero
    // throughout sits mid-chart rather than on the x axis.
    scales: { y: valueAxis(`B − A, ${label}`, { beginAtZero: false }) },
  });
}
