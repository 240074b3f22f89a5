/**
 * Policy comparisons: scenario A against scenario B, month by month, each with its 95% band over
 * replicates, and the paired difference B − A with its own band (replicate k of A and of B share
 * a seed, so the noise common to both cancels). Where the difference band leaves zero, the
 * policy changed the outcome beyond the noise of the replicates.
 */
import { type MetricName, METRIC_LABELS } from '@vraem/sim-core';
import { type Runs, metricBand, pairedDifferenceBand, runCount, runSeeds } from '../bands.ts';
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

/**
 * One metric of one row, A against B over time, each with its 95% band.
 * @example comparisonChart(baseRuns, adRuns, 'coca_ha', 'PE')
 */
export function comparisonChart(a: Runs, b: Runs, metric: MetricName | string, row: string, ctx: CompareContext = {}): LineChart {
  const n = names(a, b, ctx);
  const label = metricLabel(metric);
  return timeChart(a, {
    title: `${label}, ${rowName(row, ctx)}: A against B`,
    subtitle: compareSubtitle(a, b, ctx),
    datasets: [
      ...bandDatasets(`A: ${n.a}`, metricBand(a, row, metric), COMPARE_COLOURS.a),
      ...bandDatasets(`B: ${n.b}`, metricBand(b, row, metric), COMPARE_COLOURS.b, { dash: [8, 4] }),
    ],
    scales: { y: valueAxis(label) },
  });
}

/**
 * The paired difference B − A of one metric of one row over time, with its 95% band and a zero
 * line. The mean line equals B's mean minus A's mean month by month.
 */
export function differenceChart(a: Runs, b: Runs, metric: MetricName | string, row: string, ctx: CompareContext = {}): LineChart {
  const label = metricLabel(metric);
  const band = pairedDifferenceBand(a, b, row, metric);
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
