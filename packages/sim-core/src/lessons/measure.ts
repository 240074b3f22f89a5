/**
 * Reading payoffs and measures from results: a lesson's expression is a weighted sum of terms,
 * each a metric over result rows (summed, or averaged weighted by another metric), summarised
 * over the payoff window (the months after the warm-up) as a mean, a mean of its last year, a
 * final value or a change per month, optionally divided by a lever's value (a payoff per firma). Pure functions of RunResults.
 */
import { type RunResult, valueAt } from '../engine/results.ts';
import { stat } from '../analysis/statistics.ts';
import type { Expression, Lesson, Term } from './schema.ts';

/** A monthly band over replicates: mean and the 95% interval of the mean, month by month. */
export interface SeriesBand {
  mean: number[];
  lo: number[];
  hi: number[];
  n: number;
}

/** Payoff and measure keys of a lesson, in order: `payoff:<player>` for each player, then each measure. */
export function measureKeys(lesson: Lesson): string[] {
  return [...lesson.players.map((p) => `payoff:${p.name}`), ...lesson.measures.map((m) => m.name)];
}

/** The expression behind a measure key. */
export function expressionOf(lesson: Lesson, key: string): Expression {
  if (key.startsWith('payoff:')) {
    const p = lesson.players.find((x) => `payoff:${x.name}` === key);
    if (p) return p.payoff;
  }
  const m = lesson.measures.find((x) => x.name === key);
  if (!m) throw new Error(`no measure "${key}" in lesson ${lesson.id}`);
  return m;
}

/** The months a payoff reads: ticks `from` (inclusive) to `to` (exclusive). */
export interface PayoffWindow {
  from: number;
  to: number;
}

/** The window after a warm-up; at least the last month of the run. */
export function payoffWindow(months: number, warmupMonths: number): PayoffWindow {
  return { from: Math.min(Math.max(0, warmupMonths), months - 1), to: months };
}

/** The monthly values of one term's rows combined (sum, or weighted mean), before weight and `per`. */
export function termSeries(r: RunResult, term: Term): Float64Array {
  const rows = term.rows.map((id) => {
    const k = r.rows.indexOf(id);
    if (k < 0) throw new Error(`no row "${id}" in the result (rows: ${r.rows.join(', ')})`);
    return k;
  });
  const m = r.metrics.indexOf(term.metric);
  const w = term.combine === 'sum' ? -1 : r.metrics.indexOf(term.combine.weightedBy);
  const out = new Float64Array(r.months);
  for (let t = 0; t < r.months; t++) {
    let s = 0;
    let ws = 0;
    for (const k of rows) {
      const x = valueAt(r, t, k, m);
      if (w < 0) s += x;
      else {
        const wt = valueAt(r, t, k, w);
        s += x * wt;
        ws += wt;
      }
    }
    out[t] = w < 0 ? s : ws > 0 ? s / ws : 0;
  }
  return out;
}

function summarise(xs: Float64Array, how: Term['stat'], win: PayoffWindow): number {
  const last = win.to - 1;
  if (how === 'final') return xs[last];
  if (how === 'change-per-month') return last > win.from ? (xs[last] - xs[win.from]) / (last - win.from) : 0;
  const from = how === 'final-year' ? Math.max(win.from, win.to - 12) : win.from;
  let s = 0;
  for (let t = from; t < win.to; t++) s += xs[t];
  return s / (win.to - from);
}

/**
 * The value of an expression for one run: Σ weight × summary(term) / per.
 * @param perValue the value of each term's `per` lever in this run's scenario (1 when none)
 */
export function expressionValue(r: RunResult, e: Expression, win: PayoffWindow, perValue: (path: string) => number): number {
  let v = 0;
  for (const t of e.terms) {
    const per = t.per ? perValue(t.per) : 1;
    v += (t.weight * summarise(termSeries(r, t), t.stat, win)) / per;
  }
  return v;
}

/** The monthly series of an expression for one run: Σ weight × combined rows / per (levels, for charts). */
export function expressionSeries(r: RunResult, e: Expression, perValue: (path: string) => number): Float64Array {
  const out = new Float64Array(r.months);
  for (const t of e.terms) {
    const per = t.per ? perValue(t.per) : 1;
    const xs = termSeries(r, t);
    for (let k = 0; k < r.months; k++) out[k] += (t.weight * xs[k]) / per;
  }
  return out;
}

/** Month-by-month mean and 95% interval of replicate series of equal length. */
export function bandOf(series: readonly ArrayLike<number>[]): SeriesBand {
  const months = series.length ? series[0].length : 0;
  const band: SeriesBand = { mean: [], lo: [], hi: [], n: series.length };
  const xs = new Float64Array(series.length);
  for (let t = 0; t < months; t++) {
    for (let k = 0; k < series.length; k++) xs[k] = series[k][t];
    const s = stat(xs);
    band.mean.push(s.mean);
    band.lo.push(s.ci95[0]);
    band.hi.push(s.ci95[1]);
  }
  return band;
}
