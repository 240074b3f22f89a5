/**
 * Monthly statistics over replicates: for each month, the mean across runs and the 95% interval
 * of that mean (mean ± t(0.975, n−1)·sd/√n, the same rule `summary.json` uses), so every time
 * chart can draw a line with a shaded band and say how sure it is.
 */
import { type MetricName, type RunResult, stat } from '@vraem/sim-core';

/** A monthly mean with its 95% interval; `lo`/`hi` equal `mean` when there is one run. */
export interface Band {
  mean: number[];
  lo: number[];
  hi: number[];
  /** Number of runs behind each month. */
  n: number;
}

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
  const band: Band = { mean: [], lo: [], hi: [], n: results.length };
  const sample = new Float64Array(results.length);
  for (let t = 0; t < months; t++) {
    results.forEach((r, i) => (sample[i] = value(r, t)));
    const s = stat(sample);
    band.mean.push(s.mean);
    band.lo.push(s.ci95[0]);
    band.hi.push(s.ci95[1]);
  }
  return band;
}

/**
 * The band of one metric of one row over runs. In a month where no run is below zero, the lower
 * edge is clipped at zero: a t-interval over a few noisy runs can dip below zero, a count of
 * violent events cannot (a metric that does go negative, such as a loss, keeps its full band).
 */
export function metricBand(results: readonly RunResult[], rowId: string, metric: MetricName | string): Band {
  const value = valueOf(rowId, metric);
  const band = monthlyBand(results, value);
  band.lo = band.lo.map((lo, t) => (lo < 0 && results.every((r) => value(r, t) >= 0) ? 0 : lo));
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
  const v = valueOf(rowId, metric);
  const index = new Map(a.map((r, i) => [r, i]));
  return monthlyBand(a, (ra, t) => v(b[index.get(ra)!], t) - v(ra, t));
}
