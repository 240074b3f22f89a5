/**
 * The result of one run: a dense month × row × metric table in one Float64Array, so a worker can
 * hand it back as a transferable and a recorder can fill it without allocating per month.
 * The model names the rows and the metrics (model/recorder.ts, model/metrics.ts); the table only
 * knows their order.
 */
import { monthLabel } from './calendar.ts';

export type RowKind = 'region' | 'country' | 'all';

export interface RunResult<Metric extends string = string> {
  /** Scenario name. */
  scenario: string;
  /** Replicate index within a batch (0-based). */
  run: number;
  /** The seed this run used. */
  seed: number;
  /** First month, YYYY-MM. */
  start: string;
  /** Number of months recorded. */
  months: number;
  /** Row ids, in the order the model's recorder writes them. */
  rows: string[];
  rowKinds: RowKind[];
  metrics: readonly Metric[];
  /** `data[(tick * rows.length + row) * metrics.length + metric]`. */
  data: Float64Array;
}

/** Read one value of a result. */
export function valueAt(r: RunResult, tick: number, row: number, metric: number): number {
  return r.data[(tick * r.rows.length + row) * r.metrics.length + metric];
}

/** The monthly series of one metric for one row (a fresh array). */
export function seriesOf<Metric extends string>(r: RunResult<Metric>, rowId: string, metric: Metric): Float64Array {
  const row = r.rows.indexOf(rowId);
  const m = r.metrics.indexOf(metric);
  if (row < 0) throw new Error(`no row "${rowId}" in the result (rows: ${r.rows.join(', ')})`);
  if (m < 0) throw new Error(`no metric "${metric}"`);
  const out = new Float64Array(r.months);
  for (let t = 0; t < r.months; t++) out[t] = valueAt(r, t, row, m);
  return out;
}

/** Calendar labels (YYYY-MM) of a result's months. */
export function datesOf(r: RunResult): string[] {
  const out: string[] = [];
  for (let t = 0; t < r.months; t++) out.push(monthLabel(r.start, t));
  return out;
}


/**
 * The month-by-month mean of replicate runs of one scenario (same rows, metrics and months): an
 * estimate of what the scenario does on average, as ABC's `--replicates` and history matching
 * measure a stochastic simulator (Andrianakis et al. 2015). Summed in the runs' order, so the
 * mean does not depend on the order the runs finished in.
 */
export function meanRun<Metric extends string>(runs: readonly RunResult<Metric>[]): RunResult<Metric> {
  if (runs.length === 0) throw new RangeError('meanRun needs at least one run');
  const [first] = runs;
  for (const r of runs)
    if (r.months !== first.months || r.rows.length !== first.rows.length || r.metrics.length !== first.metrics.length || r.start !== first.start)
      throw new RangeError(`meanRun: run ${r.run} does not have run ${first.run}'s shape`);
  if (runs.length === 1) return first;
  const data = new Float64Array(first.data.length);
  for (const r of runs) for (let i = 0; i < data.length; i++) data[i] += r.data[i];
  for (let i = 0; i < data.length; i++) data[i] /= runs.length;
  return { ...first, data };
}
