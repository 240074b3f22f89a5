/**
 * Monthly statistics over replicates: for each month, the mean across runs and the 95% interval
 * of that mean (mean ± t(0.975, n−1)·sd/√n, the same rule `summary.json` uses), so every time
 * chart can draw a line with a shaded band and say how sure it is.
 */
import { type MetricName, type RunResult, type SeriesBand, ROLLING_METRICS, bandOf, rolling12, seriesOf, tQuantile975 } from '@vraem/sim-core';

/** A monthly mean with its 95% interval; `lo`/`hi` equal `mean` when there is one run (sim-core's `SeriesBand`). */
export type Band = SeriesBand;

/**
 * A month-indexed value of one run (a metric of a row, a share, a difference). `of` says which,
 * when it is a metric of a row or a row's share of `ALL`: then it can also be read from
 * {@link RunStats}, which holds no runs.
 */
export type MonthValue = ((r: RunResult, tick: number) => number) & { of?: { row: string; metric: string; shareOfAll?: boolean } };

/** Accessor for one metric of one row of a run; throws if the row or metric is absent. */
export function valueOf(rowId: string, metric: MetricName | string): MonthValue {
  const value = (r: RunResult, t: number) => {
    const row = r.rows.indexOf(rowId);
    const m = (r.metrics as readonly string[]).indexOf(metric);
    if (row < 0) throw new Error(`no row "${rowId}" in the results (rows: ${r.rows.join(', ')})`);
    if (m < 0) throw new Error(`no metric "${metric}" in the results`);
    return r.data[(t * r.rows.length + row) * r.metrics.length + m];
  };
  return Object.assign(value, { of: { row: rowId, metric } });
}

/** A row's share (0–1) of the `ALL` row for a metric; NaN in a month where `ALL` is not positive. */
export function shareOfAll(rowId: string, metric: MetricName | string): MonthValue {
  const own = valueOf(rowId, metric);
  const all = valueOf('ALL', metric);
  const value = (r: RunResult, t: number) => {
    const total = all(r, t);
    return total > 0 ? own(r, t) / total : Number.NaN;
  };
  return Object.assign(value, { of: { row: rowId, metric, shareOfAll: true } });
}

/** Metrics whose shares of `ALL` {@link RunStats} gathers (the balloon chart draws coca's). */
export const SHARED_METRICS: readonly string[] = ['coca_ha'];

/**
 * A run's 12-month rolling sums of sim-core's `ROLLING_METRICS` (those it has), as a run of its
 * own with those metrics only; undefined when it has none.
 */
function rolledRun(r: RunResult): RunResult | undefined {
  const metrics = ROLLING_METRICS.filter((m) => r.metrics.includes(m));
  if (metrics.length === 0) return undefined;
  const [nR, nM] = [r.rows.length, metrics.length];
  const data = new Float64Array(r.months * nR * nM);
  r.rows.forEach((row, i) =>
    metrics.forEach((m, j) => {
      const sums = rolling12(seriesOf(r, row, m));
      for (let t = 0; t < r.months; t++) data[(t * nR + i) * nM + j] = sums[t];
    }),
  );
  return { ...r, metrics, data };
}

/**
 * Statistics of many runs gathered one run at a time, for a report of more runs than memory
 * holds: per month, row and metric the mean and variance over runs (Welford's update) and the
 * smallest value, each row's mean share of `ALL` for {@link SHARED_METRICS}, and the same
 * statistics of the 12-month rolling sums of sim-core's `ROLLING_METRICS` (a band of sums is not
 * a sum of bands, so they are gathered run by run). Memory is that of one run's table, three
 * times over, whatever the number of runs.
 */
export class RunStats {
  /** The first run's shape (scenario, start, months, rows, metrics), with no data. */
  first?: RunResult;
  readonly seeds: number[] = [];
  private mean = new Float64Array(0);
  private m2 = new Float64Array(0);
  private min = new Float64Array(0);
  private shares = new Map<string, Float64Array>();
  /** The statistics of the runs' rolling sums ({@link rolledRun}). */
  private rolled?: RunStats;
  /** For side B of a comparison: the statistics of B − A run by run, and the A they pair with. */
  differences?: { from: RunStats; stats: RunStats };

  /**
   * Gather replicate k of A (into `a`) and of B (into this), and their difference B − A (paired
   * by seed). The two must have the same rows and metrics.
   */
  addPair(a: RunStats, ra: RunResult, rb: RunResult): void {
    if (ra.seed !== rb.seed) throw new Error(`replicate ${this.count} of A and B have different seeds (${ra.seed} vs ${rb.seed})`);
    if (ra.rows.join() !== rb.rows.join() || ra.metrics.join() !== rb.metrics.join() || ra.data.length !== rb.data.length)
      throw new Error('A and B do not have the same rows and metrics');
    this.differences ??= { from: a, stats: new RunStats() };
    const diff = Float64Array.from(rb.data, (x, i) => x - ra.data[i]);
    const [xa, xb] = [rolledRun(ra), rolledRun(rb)];
    a.gather(ra, xa);
    this.gather(rb, xb);
    // The difference of the rolling sums, as runs in memory draw it (not the rolling sum of the difference).
    this.differences.stats.gather({ ...rb, data: diff }, xa && xb && { ...xb, data: xb.data.map((x, i) => x - xa.data[i]) });
  }

  add(r: RunResult): void {
    this.gather(r, rolledRun(r));
  }

  /** Gather a run and its rolling sums (undefined: none). */
  private gather(r: RunResult, rolled: RunResult | undefined): void {
    if (!this.first) {
      this.first = { ...r, data: new Float64Array(0) };
      this.mean = new Float64Array(r.data.length);
      this.m2 = new Float64Array(r.data.length);
      this.min = new Float64Array(r.data.length).fill(Infinity);
      for (const m of SHARED_METRICS) if (r.metrics.includes(m as MetricName)) this.shares.set(m, new Float64Array(r.months * r.rows.length));
    } else if (r.data.length !== this.mean.length || r.rows.join() !== this.first.rows.join() || r.metrics.join() !== this.first.metrics.join())
      throw new Error(`run ${r.run} does not have the months, rows and metrics of the runs before it`);
    const n = this.seeds.length + 1;
    for (let i = 0; i < r.data.length; i++) {
      const x = r.data[i];
      const d = x - this.mean[i];
      this.mean[i] += d / n;
      this.m2[i] += d * (x - this.mean[i]);
      if (x < this.min[i]) this.min[i] = x;
    }
    for (const [metric, mean] of this.shares) {
      for (let row = 0; row < r.rows.length; row++) {
        const share = shareOfAll(r.rows[row], metric);
        for (let t = 0; t < r.months; t++) mean[t * r.rows.length + row] += (share(r, t) - mean[t * r.rows.length + row]) / n;
      }
    }
    if (rolled) (this.rolled ??= new RunStats()).gather(rolled, undefined);
    this.seeds.push(r.seed);
  }

  /** Runs gathered. */
  get count(): number {
    return this.seeds.length;
  }

  /** The band of one metric of one row: mean ± t(0.975, n−1)·sd/√n per month (the rule of `bandOf`). */
  band(rowId: string, metric: string, clipAtZero: boolean): Band {
    const f = this.first;
    if (!f) throw new Error('no runs to draw');
    const row = f.rows.indexOf(rowId);
    const m = (f.metrics as readonly string[]).indexOf(metric);
    if (row < 0) throw new Error(`no row "${rowId}" in the results (rows: ${f.rows.join(', ')})`);
    if (m < 0) throw new Error(`no metric "${metric}" in the results`);
    const n = this.count;
    const band: Band = { mean: [], lo: [], hi: [], n };
    for (let t = 0; t < f.months; t++) {
      const i = (t * f.rows.length + row) * f.metrics.length + m;
      const mean = this.mean[i];
      const half = n > 1 ? tQuantile975(n - 1) * (Math.sqrt(this.m2[i] / (n - 1)) / Math.sqrt(n)) : 0;
      band.mean.push(mean);
      band.lo.push(clipAtZero && mean - half < 0 && this.min[i] >= 0 ? 0 : mean - half);
      band.hi.push(mean + half);
    }
    return band;
  }

  /** The band of the 12-month rolling sums of a metric of `ROLLING_METRICS` (NaN for the first 11 months). */
  rolledBand(rowId: string, metric: string): Band {
    if (!this.rolled || !(this.rolled.first?.metrics as readonly string[] | undefined)?.includes(metric))
      throw new Error(`rolling sums of "${metric}" are not gathered while streaming (only ${ROLLING_METRICS.join(', ')})`);
    return this.rolled.band(rowId, metric, false);
  }

  /** The mean over runs of a row's share of `ALL` per month (a metric of {@link SHARED_METRICS}). */
  shareMean(rowId: string, metric: string): number[] {
    const f = this.first;
    const mean = this.shares.get(metric);
    if (!f || !mean) throw new Error(`shares of "${metric}" are not gathered while streaming (only ${SHARED_METRICS.join(', ')})`);
    const row = f.rows.indexOf(rowId);
    if (row < 0) throw new Error(`no row "${rowId}" in the results (rows: ${f.rows.join(', ')})`);
    return Array.from({ length: f.months }, (_, t) => mean[t * f.rows.length + row]);
  }
}

/** The runs a chart draws: the results themselves, or their {@link RunStats} gathered while streaming. */
export type Runs = readonly RunResult[] | RunStats;

/** The number of runs. */
export const runCount = (runs: Runs): number => (runs instanceof RunStats ? runs.count : runs.length);

/** The runs' seeds, in run order. */
export const runSeeds = (runs: Runs): number[] => (runs instanceof RunStats ? [...runs.seeds] : runs.map((r) => r.seed));

/**
 * Mean and 95% interval per month of `value` over runs (all runs must have the same length). From
 * {@link RunStats}, `value` must say what it is (`valueOf`, `shareOfAll`; a share has no band).
 * @example monthlyBand(results, valueOf('PE', 'coca_ha')).mean[0]
 */
export function monthlyBand(results: Runs, value: MonthValue): Band {
  if (results instanceof RunStats) {
    const of = value.of;
    if (!of) throw new Error('a value drawn from streamed statistics must be a metric of a row or its share of ALL');
    if (!of.shareOfAll) return results.band(of.row, of.metric, false);
    const mean = results.shareMean(of.row, of.metric);
    return { mean, lo: mean, hi: mean, n: results.count };
  }
  if (results.length === 0) throw new Error('no runs to draw');
  const months = results[0].months;
  return bandOf(results.map((r) => Float64Array.from({ length: months }, (_, t) => value(r, t))));
}

/**
 * The band of one metric of one row over runs. In a month where no run is below zero, the lower
 * edge is clipped at zero: a t-interval over a few noisy runs can dip below zero, a count of
 * violent events cannot (a metric that does go negative, such as a loss, keeps its full band).
 */
export function metricBand(results: Runs, rowId: string, metric: MetricName | string): Band {
  if (results instanceof RunStats) return results.band(rowId, metric, true);
  if (results.length === 0) throw new Error('no runs to draw');
  // seriesOf reads any column by name; extra columns (a `bribe*` metric) are not MetricNames.
  const series = results.map((r) => seriesOf(r, rowId, metric as MetricName));
  const band = bandOf(series);
  band.lo = band.lo.map((lo, t) => (lo < 0 && series.every((s) => s[t] >= 0) ? 0 : lo));
  return band;
}

/**
 * The paired difference B − A per month (replicate k of A against replicate k of B, which share
 * a seed), with its 95% interval; with `rolling12`, of their 12-month rolling sums.
 */
export function pairedDifferenceBand(a: Runs, b: Runs, rowId: string, metric: MetricName | string, draw: { rolling12?: boolean } = {}): Band {
  if (a instanceof RunStats || b instanceof RunStats) {
    const d = b instanceof RunStats ? b.differences : undefined;
    if (!d || d.from !== a) throw new Error('a paired difference from streamed statistics needs B gathered with addPair against A');
    return draw.rolling12 ? d.stats.rolledBand(rowId, metric) : d.stats.band(rowId, metric, false);
  }
  if (a.length !== b.length) throw new Error(`a paired difference needs as many runs of A as of B (${a.length} vs ${b.length})`);
  if (a.length === 0) throw new Error('no runs to draw');
  const m = metric as MetricName;
  const series = draw.rolling12 ? (r: RunResult) => rolling12(seriesOf(r, rowId, m)) : (r: RunResult) => seriesOf(r, rowId, m);
  return bandOf(a.map((ra, k) => {
    const sa = series(ra);
    return series(b[k]).map((x, t) => x - sa[t]);
  }));
}
