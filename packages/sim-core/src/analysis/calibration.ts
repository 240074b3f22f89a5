/**
 * Calibration: how far a model's hectares are from the observed series, and a derivative-free
 * optimiser to bring them closer.
 *
 * **Observed rows** are tidy `year,series,value,quality` lines (data/observed-coca.csv). Each
 * target series maps to model rows of `coca_ha` ({@link SERIES_ROWS}): `peru_ha` → `PE`,
 * `bolivia_ha` → `BO`, `colombia_ha` → `CO`, `vraem_ha` → the sum of the three VRAEM valleys,
 * `alto_huallaga_ha` → `alto-huallaga`. The model's value for a year is its December (UNODC
 * reports net area at 31 December), averaged over replicates. `peru_eradicated_ha` is a policy
 * input (the scenario's events), never a target.
 *
 * **Errors per series** over a window of years: the mean absolute percentage error
 * (MAPE = mean |model − observed| / observed), and the error of the trend: the least-squares
 * slopes (ha a year) of model and observation, their difference, their ratio, and the
 * difference scaled to the window (`trendError` = |Δslope| × (years spanned) / mean observed,
 * the drift the model gets wrong as a share of the level).
 *
 * **Objective** ({@link calibrationObjective}): the mean over series of MAPE plus
 * `trendWeight` × the mean over series of `trendError` (default weight 0.25).
 *
 * **Optimiser** ({@link minimizeBox}): Nelder–Mead with the adaptive coefficients of Gao & Han
 * (2012) (reflection 1, expansion 1 + 2/n, contraction 0.75 − 1/(2n), shrink 1 − 1/n) on an
 * unbounded transform of a box: each parameter x ∈ [lo, hi] is x = lo + (hi − lo)·σ(u) (σ the
 * logistic), or on a log scale x = exp(log lo + (log hi − log lo)·σ(u)), so every candidate is
 * inside its box without penalties. It starts from a simplex around x0 (step `initialStep` in u),
 * restarts from the best point with a fresh simplex (signs of the steps drawn from a stream seeded
 * by `seed`, step halved each restart) when the simplex has collapsed (spread of values below
 * `ftol`, or its size below `xtol`), and stops at a fixed budget of evaluations. Deterministic:
 * the same objective, x0, options and seed give the same points in the same order. The objective
 * takes batches (the initial simplex, a shrink) so a caller may evaluate them in parallel; with
 * common random numbers (the same replicate seeds for every candidate) a model's objective is a
 * deterministic function of the candidate, which is what Nelder–Mead needs.
 */
import type { RunResult } from '../engine/results.ts';
import { valueAt } from '../engine/results.ts';
import { parseMonth } from '../engine/calendar.ts';
import { createStream } from '../engine/rng.ts';
import { exp, log } from '../engine/math.ts';

/** One observed value. */
export interface ObservedRow {
  year: number;
  series: string;
  value: number;
  /** S (solid), M (medium) or W (weak), as docs/sources.md grades it. */
  quality?: string;
}

/** Target series and the model rows of `coca_ha` whose sum stands for them. */
export const SERIES_ROWS: Readonly<Record<string, readonly string[]>> = {
  peru_ha: ['PE'],
  bolivia_ha: ['BO'],
  colombia_ha: ['CO'],
  vraem_ha: ['vraem-apurimac', 'vraem-ene', 'vraem-mantaro'],
  alto_huallaga_ha: ['alto-huallaga'],
};

/** Observed series that are inputs of the scenario (its events), never targets. */
export const INPUT_SERIES: readonly string[] = ['peru_eradicated_ha'];

/**
 * Read observed rows from CSV text with a `year,series,value[,quality]` header. Throws an Error
 * naming the line of the first problem.
 * @example parseObservedCsv('year,series,value\n2004,peru_ha,50300\n')[0].value === 50300
 */
export function parseObservedCsv(text: string): ObservedRow[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = lines[0].split(',').map((h) => h.trim());
  const col = (name: string) => header.indexOf(name);
  const [iy, is, iv, iq] = [col('year'), col('series'), col('value'), col('quality')];
  if (iy < 0 || is < 0 || iv < 0) throw new Error(`line 1: expected a header with year,series,value (got "${lines[0]}")`);
  const out: ObservedRow[] = [];
  for (let i = 1; i < lines.length; i++) {
    if (lines[i].trim() === '') continue;
    const cells = lines[i].split(',').map((c) => c.trim());
    const year = Number(cells[iy]);
    const value = Number(cells[iv]);
    if (!Number.isInteger(year)) throw new Error(`line ${i + 1}: year "${cells[iy]}" is not a whole number`);
    if (!Number.isFinite(value) || value < 0) throw new Error(`line ${i + 1}: value "${cells[iv]}" is not a number ≥ 0`);
    if (!cells[is]) throw new Error(`line ${i + 1}: no series name`);
    out.push({ year, series: cells[is], value, ...(iq >= 0 && cells[iq] ? { quality: cells[iq] } : {}) });
  }
  return out;
}

/**
 * The model's December value of a target series in each year, averaged over replicates
 * (NaN for a year the runs do not reach).
 */
export function modelYearly(results: readonly RunResult[], series: string, years: readonly number[]): number[] {
  const rows = SERIES_ROWS[series];
  if (!rows) throw new Error(`unknown target series "${series}" (known: ${Object.keys(SERIES_ROWS).join(', ')})`);
  if (results.length === 0) throw new Error('no runs');
  return years.map((year) => {
    let sum = 0;
    for (const r of results) {
      const tick = year * 12 + 11 - parseMonth(r.start);
      if (tick < 0 || tick >= r.months) return Number.NaN;
      const m = r.metrics.indexOf('coca_ha');
      for (const id of rows) {
        const ri = r.rows.indexOf(id);
        if (ri < 0) throw new Error(`the runs have no row "${id}" for series ${series}`);
        sum += valueAt(r, tick, ri, m);
      }
    }
    return sum / results.length;
  });
}

/** Mean absolute percentage error of paired values (observed > 0); NaN when there are none. */
export function mape(model: readonly number[], observed: readonly number[]): number {
  let s = 0;
  let n = 0;
  for (let i = 0; i < observed.length; i++) {
    if (!(observed[i] > 0) || !Number.isFinite(model[i])) continue;
    s += Math.abs(model[i] - observed[i]) / observed[i];
    n++;
  }
  return n ? s / n : Number.NaN;
}

/** Least-squares slope of y on x; NaN with fewer than two distinct x. */
export function lsSlope(x: readonly number[], y: readonly number[]): number {
  const n = x.length;
  if (n < 2) return Number.NaN;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i] / n;
    my += y[i] / n;
  }
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) * (x[i] - mx);
  }
  return sxx > 0 ? sxy / sxx : Number.NaN;
}

/** How a model follows one observed series over a window. */
export interface SeriesFit {
  series: string;
  years: number[];
  observed: number[];
  model: number[];
  /** Observed rows used (years with both values). */
  n: number;
  mape: number;
  /** Least-squares slopes, ha a year. */
  slopeObserved: number;
  slopeModel: number;
  /** slopeModel − slopeObserved (ha a year). */
  slopeDiff: number;
  /** slopeModel / slopeObserved (NaN when the observed slope is 0). */
  slopeRatio: number;
  /** |slopeDiff| × (last year − first year) / mean observed: the drift missed, as a share of the level. */
  trendError: number;
}

/** Compare a model series with observations year by year (years where either is missing are left out). */
export function seriesFit(series: string, years: readonly number[], observed: readonly number[], model: readonly number[]): SeriesFit {
  const keep = years.map((_, i) => Number.isFinite(observed[i]) && Number.isFinite(model[i]));
  const ys = years.filter((_, i) => keep[i]);
  const ob = observed.filter((_, i) => keep[i]);
  const mo = model.filter((_, i) => keep[i]);
  const so = lsSlope(ys, ob);
  const sm = lsSlope(ys, mo);
  const meanObs = ob.reduce((a, b) => a + b, 0) / (ob.length || 1);
  const span = ys.length ? ys[ys.length - 1] - ys[0] : 0;
  const diff = sm - so;
  return {
    series,
    years: ys,
    observed: ob,
    model: mo,
    n: ys.length,
    mape: mape(mo, ob),
    slopeObserved: so,
    slopeModel: sm,
    slopeDiff: diff,
    slopeRatio: so !== 0 ? sm / so : Number.NaN,
    trendError: Number.isFinite(diff) && meanObs > 0 ? (Math.abs(diff) * span) / meanObs : Number.NaN,
  };
}

/** Options of {@link fitReport}. */
export interface FitWindow {
  /** Target series (default: every series of {@link SERIES_ROWS} the observations hold). */
  series?: readonly string[];
  /** First and last year of the window, inclusive. */
  from: number;
  to: number;
}

/**
 * Per-series fit of replicate runs against observed rows over a window of years.
 * @example fitReport(results, rows, { from: 2004, to: 2015 }).find((s) => s.series === 'peru_ha')?.mape
 */
export function fitReport(results: readonly RunResult[], observed: readonly ObservedRow[], window: FitWindow): SeriesFit[] {
  const names = window.series ?? Object.keys(SERIES_ROWS).filter((s) => observed.some((o) => o.series === s));
  return names.map((series) => {
    const rows = observed.filter((o) => o.series === series && o.year >= window.from && o.year <= window.to).sort((a, b) => a.year - b.year);
    const years = rows.map((o) => o.year);
    return seriesFit(series, years, rows.map((o) => o.value), modelYearly(results, series, years));
  });
}

/** The objective minimised by calibration: mean MAPE + trendWeight × mean trend error, over series with data. */
export function calibrationObjective(fits: readonly SeriesFit[], trendWeight = 0.25): number {
  const used = fits.filter((f) => f.n > 0 && Number.isFinite(f.mape));
  if (used.length === 0) return Number.POSITIVE_INFINITY;
  const m = used.reduce((a, f) => a + f.mape, 0) / used.length;
  const t = used.reduce((a, f) => a + (Number.isFinite(f.trendError) ? f.trendError : 0), 0) / used.length;
  return m + trendWeight * t;
}

// ---------------------------------------------------------------------------------------------
// The optimiser

/** A parameter's box and scale. */
export interface BoxParameter {
  lo: number;
  hi: number;
  /** `log` for positive scale parameters spanning a factor of several (households). */
  scale?: 'linear' | 'log';
}

const logistic = (u: number) => 1 / (1 + exp(-u));
const logit = (p: number) => log(p / (1 - p));

/** From the unbounded coordinate u to the box. */
export function fromUnbounded(p: BoxParameter, u: number): number {
  const s = logistic(u);
  const x = p.scale === 'log' ? exp(log(p.lo) + (log(p.hi) - log(p.lo)) * s) : p.lo + (p.hi - p.lo) * s;
  return Math.min(p.hi, Math.max(p.lo, x));
}

/** From the box to the unbounded coordinate (values at or beyond an edge are pulled 0.1% inside). */
export function toUnbounded(p: BoxParameter, x: number): number {
  const s = p.scale === 'log' ? (log(x) - log(p.lo)) / (log(p.hi) - log(p.lo)) : (x - p.lo) / (p.hi - p.lo);
  return logit(Math.min(0.999, Math.max(0.001, Number.isFinite(s) ? s : 0.5)));
}

/** A batch objective: values for several points at once (in the same order). */
export type BatchObjective = (points: number[][]) => Promise<number[]> | number[];

/** Options of {@link nelderMead}. */
export interface NelderMeadOptions {
  /** Evaluations allowed (each point evaluated counts one). */
  budget: number;
  /** Seed of the restart stream. */
  seed?: number;
  /** Step of the initial simplex along each axis (default 0.6). */
  initialStep?: number;
  /** Collapse test: spread of the simplex's values (relative to |best| + 1e-12) below this (default 1e-6). */
  ftol?: number;
  /** Collapse test: largest distance of a vertex from the best below this (default 1e-5). */
  xtol?: number;
  /** Most restarts (default: unlimited within the budget). */
  maxRestarts?: number;
  /** Called after each evaluated batch with the best so far. */
  onProgress?(evaluations: number, best: number): void;
}

/** One evaluated point. */
export interface Evaluation {
  x: number[];
  f: number;
}

/** What {@link nelderMead} found. */
export interface OptimumResult {
  x: number[];
  f: number;
  evaluations: number;
  restarts: number;
  /** Every point evaluated, in order. */
  history: Evaluation[];
}

/**
 * Minimise a batch objective over R^n by Nelder–Mead with restarts, within a fixed budget of
 * evaluations. Deterministic for a given objective, start, options and seed.
 * @example const r = await nelderMead((ps) => ps.map(([a, b]) => (a - 1) ** 2 + (b + 2) ** 2), [0, 0], { budget: 200 });
 */
export async function nelderMead(f: BatchObjective, x0: readonly number[], options: NelderMeadOptions): Promise<OptimumResult> {
  const n = x0.length;
  if (n === 0) throw new Error('nothing to optimise');
  const budget = Math.floor(options.budget);
  if (!(budget >= 1)) throw new Error('the budget must be at least one evaluation');
  const rand = createStream(options.seed ?? 1, 'nelder-mead');
  const ftol = options.ftol ?? 1e-6;
  const xtol = options.xtol ?? 1e-5;
  const [alpha, gamma, rho, sigma] = [1, 1 + 2 / n, 0.75 - 1 / (2 * n), 1 - 1 / n];
  const history: Evaluation[] = [];
  let best: Evaluation = { x: [...x0], f: Number.POSITIVE_INFINITY };
  const left = () => budget - history.length;
  const evaluate = async (points: number[][]): Promise<number[]> => {
    const take = points.slice(0, left());
    if (take.length === 0) return [];
    const values = await f(take.map((p) => [...p]));
    take.forEach((x, i) => {
      const v = Number.isFinite(values[i]) ? values[i] : Number.POSITIVE_INFINITY;
      history.push({ x: [...x], f: v });
      if (v < best.f) best = { x: [...x], f: v };
    });
    options.onProgress?.(history.length, best.f);
    return values.map((v) => (Number.isFinite(v) ? v : Number.POSITIVE_INFINITY));
  };

  let restarts = 0;
  let step = options.initialStep ?? 0.6;
  let start = [...x0];
  let first = true;
  while (left() > 0) {
    // A fresh simplex: the start and one step along each axis (signs random after the first).
    const simplex: number[][] = [start];
    for (let i = 0; i < n; i++) {
      const v = [...start];
      v[i] += first ? step : rand() < 0.5 ? -step : step;
      simplex.push(v);
    }
    const fresh = first ? simplex : simplex.slice(1);
    const fv = await evaluate(fresh);
    if (fv.length < fresh.length) break;
    let values = first ? fv : [best.f, ...fv];
    first = false;
    let verts = simplex;
    while (left() > 0) {
      const order = values.map((_, i) => i).sort((a, b) => values[a] - values[b] || a - b);
      verts = order.map((i) => verts[i]);
      values = order.map((i) => values[i]);
      const spread = Math.abs(values[n] - values[0]) / (Math.abs(values[0]) + 1e-12);
      const size = Math.max(...verts.slice(1).map((v) => Math.sqrt(v.reduce((a, vi, i) => a + (vi - verts[0][i]) * (vi - verts[0][i]), 0))));
      if (spread < ftol || size < xtol) break;
      const centroid = Array.from({ length: n }, (_, i) => verts.slice(0, n).reduce((a, v) => a + v[i], 0) / n);
      const along = (t: number) => centroid.map((c, i) => c + t * (verts[n][i] - c));
      const xr = along(-alpha);
      const [fr] = await evaluate([xr]);
      if (fr === undefined) break;
      if (fr < values[0]) {
        const xe = along(-alpha * gamma);
        const [fe] = await evaluate([xe]);
        if (fe === undefined) break;
        [verts[n], values[n]] = fe < fr ? [xe, fe] : [xr, fr];
      } else if (fr < values[n - 1]) {
        [verts[n], values[n]] = [xr, fr];
      } else {
        const outside = fr < values[n];
        const xc = outside ? along(-alpha * rho) : along(rho);
        const [fc] = await evaluate([xc]);
        if (fc === undefined) break;
        if (fc < (outside ? fr : values[n])) [verts[n], values[n]] = [xc, fc];
        else {
          const shrunk = verts.slice(1).map((v) => v.map((vi, i) => verts[0][i] + sigma * (vi - verts[0][i])));
          const fs = await evaluate(shrunk);
          if (fs.length < shrunk.length) break;
          verts = [verts[0], ...shrunk];
          values = [values[0], ...fs];
        }
      }
    }
    if (left() <= 0) break;
    if (options.maxRestarts !== undefined && restarts >= options.maxRestarts) break;
    restarts++;
    step = Math.max(step / 2, 1e-3);
    start = [...best.x];
  }
  return { x: best.x, f: best.f, evaluations: history.length, restarts, history };
}

/** What {@link minimizeBox} found, in the box's own units. */
export interface BoxOptimum extends OptimumResult {
  /** The best point in box units (the history stays in box units too). */
  x: number[];
}

/**
 * Minimise an objective over a box by Nelder–Mead on the logit (or log-logit) transform of each
 * parameter, starting from x0 (clamped inside the box). Points handed to the objective and
 * returned are in box units.
 * @example await minimizeBox((ps) => ps.map(([h]) => Math.abs(h - 5000)), [{ lo: 1000, hi: 20000, scale: 'log' }], [2000], { budget: 80 })
 */
export async function minimizeBox(f: BatchObjective, box: readonly BoxParameter[], x0: readonly number[], options: NelderMeadOptions): Promise<BoxOptimum> {
  if (box.length !== x0.length) throw new Error('one start value per parameter');
  for (const p of box) if (!(p.hi > p.lo) || (p.scale === 'log' && !(p.lo > 0))) throw new Error(`bad box [${p.lo}, ${p.hi}]${p.scale === 'log' ? ' on a log scale' : ''}`);
  const toBox = (u: readonly number[]) => u.map((ui, i) => fromUnbounded(box[i], ui));
  const r = await nelderMead((us) => f(us.map(toBox)), x0.map((x, i) => toUnbounded(box[i], x)), options);
  return { ...r, x: toBox(r.x), history: r.history.map((h) => ({ x: toBox(h.x), f: h.f })) };
}
