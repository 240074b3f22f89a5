/**
 * Monthly statistics over replicates: for each month, the mean across runs and the 95% interval
 * of that mean (mean ± t(0.975, n−1)·sd/√n, the same rule `summary.json` uses), so every time
 * chart can draw a line with a shaded band and say how sure it is.
 */
import { type MetricName, type RunResult, type SeriesBand, bandOf, seriesOf } from '@vraem/sim-core';

/** A monthly mean with its 95% interval; `lo`/`hi` equal `mean` when there is one run (sim-core's `SeriesBand`). */
export type Band = SeriesBand;

/** A month-indexed value of one run (a metric of a row, a share, a difference). */
export type MonthValue = (r: RunResult, tick: number) => number;

/** Accessor for one metric of one row of a run; throws if the row or metric is absent. */
export function valueOf(rowId: string, metric: MetricName | string): MonthValue {
  return (r, t) => {
    const row = r.rows.indexOf(rowId);
    const m = (r.metrics as readonly string[]).indexOf(metric);
    if (row < 0) throw new Error(`no row "${rowId}" in the results (rows: ${r.rows.join(', ')})`);
    if (m < 0) throw new Error(`no metric "${metric}" in the results`);
    return r.data[(t * r.rows.length + row) * r.metrics.length + m];
  };
}

/**
 * Mean and 95% interval per month of `value` over runs (all runs must have the same length).
 * @example monthlyBand(results, valueOf('PE', 'coca_ha')).mean[0]
 */
export function monthlyBand(results: readonly RunResult[], value: MonthValue): Band {
  if (results.length === 0) throw new Error('no runs to draw');
  const months = results[0].months;
  return bandOf(results.map((r) => Float64Array.from({ length: months }, (_, t) => value(r, t))));
}

/**
 * The band of one metric of one row over runs. In a month where no run is below zero, the lower
 * edge is clipped at zero: a t-interval over a few noisy runs can dip below zero, a count of
 * violent events cannot (a metric that does go negative, such as a loss, keeps its full band).
 */
export function metricBand(results: readonly RunResult[], rowId: string, metric: MetricName | string): Band {
  if (results.length === 0) throw new Error('no runs to draw');
  // seriesOf reads any column by name; extra columns (a `bribe*` metric) are not MetricNames.
  const series = results.map((r) => seriesOf(r, rowId, metric as MetricName));
  const band = bandOf(series);
  band.lo = band.lo.map((lo, t) => (lo < 0 && series.every((s) => s[t] >= 0) ? 0 : lo));
  return band;
}

/**
 * The paired difference B − A per month (replicate k of A against replicate k of B, which share
 * a seed), with its 95% interval.
 */
export function pairedDifferenceBand(
  a: readonly RunResult[],
  b: readonly RunResult[],
  rowId: string,
  metric: MetricName | string,
): Band {
  if (a.length !== b.length) throw new Error(`a paired difference needs as many runs of A as of B (${a.length} vs ${b.length})`);
  if (a.length === 0) throw new Error('no runs to draw');
  const m = metric as MetricName;
  return bandOf(a.map((ra, k) => {
    const sa = seriesOf(ra, rowId, m);
    return seriesOf(b[k], rowId, m).map((x, t) => x - sa[t]);
  }));
}
