/**
 * Scenario discovery with PRIM, the Patient Rule Induction Method (Friedman & Fisher 1999,
 * Statistics and Computing 9: 123–143), as Lempert, Bryant & Bankes (2008, RAND TR-388) and
 * Bryant & Lempert (2010, TFSC 77) use it: over the inputs of many runs (a sweep's design, an
 * ensemble's parameters), find a box — a range per input — in which the cases of interest (runs
 * where a policy fails, say) are concentrated.
 *
 * Peeling starts from the box of all points and repeatedly removes the share α of the box's
 * points at one face — the face whose removal most raises the density of cases of interest left
 * inside — until the box holds less than a minimum support. Each step is a point of the peeling
 * trajectory, read as a trade-off:
 *   coverage = cases of interest in the box / all cases of interest,
 *   density  = cases of interest in the box / points in the box.
 * The chosen box (by default the step with the best harmonic mean of coverage and density, a
 * balance both papers leave to the analyst) is then pasted: a face is pushed back out while that
 * raises density. For interpretability (few restricted inputs, Bryant & Lempert 2010), the
 * restriction with the largest quasi-p-value is freed while that value is above 0.05: with many
 * inputs and few points, peeling also restricts inputs the cases do not depend on. Covering
 * repeats the search on the points outside the boxes found so far.
 * Points may carry weights (an ensemble's posterior weights); counts are then weighted sums.
 * Pure and deterministic: no random draws.
 */
import { exp, log, log1p } from '../engine/math.ts';

/** Options of {@link prim}. */
export interface PrimOptions {
  /** Share of the box's points peeled in one step (default 0.05; the papers use 0.05–0.1). */
  alpha?: number;
  /** Smallest share of all points a box may hold (default 0.05). */
  minSupport?: number;
  /** Boxes to find by covering (default 1). */
  maxBoxes?: number;
  /** Pick this step of the first box's trajectory instead of the best harmonic mean. */
  step?: number;
  /** Names of the inputs (default x0, x1, ...). */
  names?: readonly string[];
  /** Weights of the points (default 1 each). */
  weights?: ArrayLike<number>;
  /**
   * Drop restrictions that do not matter (default 0.05): repeatedly free the input whose
   * restriction has the largest quasi-p-value while it is above this; 0 keeps every restriction.
   */
  pruneP?: number;
}

/** A box: lower and upper limit per input (inclusive); ±Infinity where a side is free. */
export interface BoxLimits {
  lo: number[];
  hi: number[];
}

/** One step of a peeling trajectory. */
export interface PrimStep {
  limits: BoxLimits;
  coverage: number;
  density: number;
  /** Share of all points (weighted) in the box. */
  support: number;
  /** Inputs the box restricts (narrower than the data on at least one side). */
  restricted: number[];
}

/** A restriction of one input, for people. */
export interface Restriction {
  input: number;
  name: string;
  /**
   * Quasi-p-value (Bryant & Lempert 2010): the chance that, at the density of the box without this
   * restriction, as many cases of interest as the box holds fall in a subset of its size.
   */
  pValue: number;
  /** Lower limit, or null when free. */
  lo: number | null;
  /** Upper limit, or null when free. */
  hi: number | null;
}

/** A found box with its statistics. */
export interface PrimBox {
  limits: BoxLimits;
  restrictions: Restriction[];
  coverage: number;
  density: number;
  support: number;
  /** Points in the box, unweighted. */
  points: number;
  /** Cases of interest in the box, unweighted. */
  cases: number;
  /**
   * One-sided binomial p-value of the box's count of cases against the base rate among the points
   * it was searched in (how often a box of that size would hold as many by chance, before the
   * search: a screen, not a corrected test).
   */
  pValue: number;
  /** The peeling trajectory this box was chosen from. */
  trajectory: PrimStep[];
  /** Index of the chosen step in the trajectory (before pasting). */
  chosen: number;
}

/** The result of {@link prim}. */
export interface PrimResult {
  names: string[];
  /** Weighted share of cases of interest among all points. */
  baseRate: number;
  points: number;
  cases: number;
  boxes: PrimBox[];
}

/** Which points lie in a box. */
function inBox(x: readonly ArrayLike<number>[], limits: BoxLimits, candidates: readonly number[]): number[] {
  return candidates.filter((i) => limits.lo.every((lo, d) => x[d][i] >= lo && x[d][i] <= limits.hi[d]));
}

function sums(idx: readonly number[], y: ArrayLike<number>, w: ArrayLike<number>): { w: number; yw: number } {
  let sw = 0;
  let syw = 0;
  for (const i of idx) {
    sw += w[i];
    syw += w[i] * y[i];
  }
  return { w: sw, yw: syw };
}

/** ln C(n, k). */
function lnChoose(n: number, k: number): number {
  let s = 0;
  for (let i = 1; i <= k; i++) s += log((n - k + i) / i);
  return s;
}

/** P(X ≥ k) for X ~ Binomial(n, p), exact. */
export function binomialUpperTail(k: number, n: number, p: number): number {
  if (k <= 0) return 1;
  if (k > n) return 0;
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  let sum = 0;
  for (let j = k; j <= n; j++) sum += exp(lnChoose(n, j) + j * log(p) + (n - j) * log1p(-p));
  return Math.min(1, sum);
}

/**
 * One peel: for every input and side, the points that removing the α-share at that face would
 * leave; returns the best (highest density left; ties: the larger box) with the new limit.
 */
function bestPeel(
  x: readonly ArrayLike<number>[],
  y: ArrayLike<number>,
  w: ArrayLike<number>,
  box: number[],
  alpha: number,
): { keep: number[]; density: number; dim: number; side: 'lo' | 'hi'; cut: number } | null {
  let best: { keep: number[]; density: number; weight: number; dim: number; side: 'lo' | 'hi'; cut: number } | null = null;
  const k = Math.max(1, Math.floor(alpha * box.length));
  for (let d = 0; d < x.length; d++) {
    const col = x[d];
    const sorted = box.map((i) => col[i]).sort((p, q) => p - q);
    const lo = sorted[0];
    const hi = sorted[sorted.length - 1];
    if (lo === hi) continue;
    // Low face: drop values below the k-th smallest; with ties at the bottom, drop the whole lowest value.
    let cutLo = sorted[k];
    if (cutLo === lo) cutLo = sorted.find((v) => v > lo)!;
    let cutHi = sorted[sorted.length - 1 - k];
    if (cutHi === hi) cutHi = [...sorted].reverse().find((v) => v < hi)!;
    const options = [
      { keep: box.filter((i) => col[i] >= cutLo), side: 'lo' as const, cut: cutLo },
      { keep: box.filter((i) => col[i] <= cutHi), side: 'hi' as const, cut: cutHi },
    ];
    for (const o of options) {
      const s = sums(o.keep, y, w);
      if (!(s.w > 0)) continue;
      const density = s.yw / s.w;
      if (!best || density > best.density + 1e-12 || (Math.abs(density - best.density) <= 1e-12 && s.w > best.weight)) best = { ...o, density, weight: s.w, dim: d };
    }
  }
  return best;
}

const restrictedOf = (l: BoxLimits) => l.lo.flatMap((lo, d) => (lo > -Infinity || l.hi[d] < Infinity ? [d] : []));

/**
 * Paste: push one face of the box out over the α-share of the outside points just beyond it
 * (within the other limits) while that raises the density; best face first.
 */
function paste(x: readonly ArrayLike<number>[], y: ArrayLike<number>, w: ArrayLike<number>, limits: BoxLimits, pool: readonly number[], alpha: number): BoxLimits {
  let cur = { lo: [...limits.lo], hi: [...limits.hi] };
  let box = inBox(x, cur, pool);
  let s = sums(box, y, w);
  let density = s.yw / s.w;
  for (;;) {
    let best: { limits: BoxLimits; density: number } | null = null;
    for (let d = 0; d < x.length; d++) {
      for (const side of ['lo', 'hi'] as const) {
        if (side === 'lo' ? cur.lo[d] === -Infinity : cur.hi[d] === Infinity) continue;
        const widened = { lo: [...cur.lo], hi: [...cur.hi] };
        widened[side][d] = side === 'lo' ? -Infinity : Infinity;
        const beyond = inBox(x, widened, pool)
          .filter((i) => (side === 'lo' ? x[d][i] < cur.lo[d] : x[d][i] > cur.hi[d]))
          .map((i) => x[d][i])
          .sort((p, q) => (side === 'lo' ? q - p : p - q));
        if (beyond.length === 0) continue;
        const n = Math.max(1, Math.floor(alpha * box.length));
        const edge = beyond[Math.min(n, beyond.length) - 1];
        const next = { lo: [...cur.lo], hi: [...cur.hi] };
        next[side][d] = edge;
        const t = sums(inBox(x, next, pool), y, w);
        const dn = t.yw / t.w;
        if (dn > density + 1e-12 && (!best || dn > best.density)) best = { limits: next, density: dn };
      }
    }
    if (!best) return cur;
    cur = best.limits;
    box = inBox(x, cur, pool);
    s = sums(box, y, w);
    density = best.density;
  }
}

/** Quasi-p-value of input d's restriction in a box: cases of the box against the density of the box freed on d (unweighted counts). */
function quasiP(x: readonly ArrayLike<number>[], y: ArrayLike<number>, limits: BoxLimits, pool: readonly number[], d: number): number {
  const inside = inBox(x, limits, pool);
  const freed = { lo: [...limits.lo], hi: [...limits.hi] };
  freed.lo[d] = -Infinity;
  freed.hi[d] = Infinity;
  const wider = inBox(x, freed, pool);
  const k = inside.reduce((c, i) => c + y[i], 0);
  const kw = wider.reduce((c, i) => c + y[i], 0);
  return binomialUpperTail(k, inside.length, kw / wider.length);
}

/**
 * Find boxes of input space where the cases of interest (`y` = 1) concentrate.
 * @param x the inputs as columns: `x[d][i]` is input d of point i.
 * @param y 1 for a case of interest, 0 otherwise.
 * @example prim([lever1, lever2], failed.map(Number), { names: ['a', 'b'] }).boxes[0].restrictions
 */
export function prim(x: readonly ArrayLike<number>[], y: ArrayLike<number>, options: PrimOptions = {}): PrimResult {
  const n = y.length;
  const alpha = options.alpha ?? 0.05;
  const minSupport = options.minSupport ?? 0.05;
  if (!(alpha > 0 && alpha < 0.5)) throw new Error(`PRIM's peeling share alpha must lie in (0, 0.5), got ${alpha}`);
  if (!(minSupport > 0 && minSupport <= 1)) throw new Error(`PRIM's minimum support must lie in (0, 1], got ${minSupport}`);
  if (x.length === 0) throw new Error('PRIM needs at least one input');
  for (const col of x) if (col.length !== n) throw new Error('every input of PRIM needs one value per point');
  for (let i = 0; i < n; i++) if (y[i] !== 0 && y[i] !== 1) throw new Error(`PRIM's outcome must be 0 or 1 (point ${i} is ${y[i]})`);
  const w = options.weights ?? new Float64Array(n).fill(1);
  const names = x.map((_, d) => options.names?.[d] ?? `x${d}`);
  const all = Array.from({ length: n }, (_, i) => i);
  const total = sums(all, y, w);
  let casesTotal = 0;
  for (let i = 0; i < n; i++) casesTotal += y[i];
  const result: PrimResult = { names, baseRate: total.w > 0 ? total.yw / total.w : 0, points: n, cases: casesTotal, boxes: [] };
  if (!(total.yw > 0)) return result;
  let pool = all;
  for (let b = 0; b < (options.maxBoxes ?? 1); b++) {
    const poolSums = sums(pool, y, w);
    if (!(poolSums.yw > 0)) break;
    const step = (box: number[], limits: BoxLimits): PrimStep => {
      const s = sums(box, y, w);
      return { limits, coverage: s.yw / total.yw, density: s.yw / s.w, support: s.w / total.w, restricted: restrictedOf(limits) };
    };
    let box = pool;
    let limits: BoxLimits = { lo: x.map(() => -Infinity), hi: x.map(() => Infinity) };
    const trajectory = [step(box, limits)];
    for (;;) {
      const peel = bestPeel(x, y, w, box, alpha);
      if (!peel || sums(peel.keep, y, w).w / total.w < minSupport) break;
      box = peel.keep;
      limits = { lo: [...limits.lo], hi: [...limits.hi] };
      limits[peel.side][peel.dim] = peel.cut;
      trajectory.push(step(box, limits));
    }
    const f1 = (s: PrimStep) => (s.coverage + s.density > 0 ? (2 * s.coverage * s.density) / (s.coverage + s.density) : 0);
    let chosen = 0;
    trajectory.forEach((s, i) => {
      if (f1(s) > f1(trajectory[chosen]) + 1e-12) chosen = i;
    });
    if (b === 0 && options.step !== undefined) {
      if (!Number.isInteger(options.step) || options.step < 0 || options.step >= trajectory.length) throw new Error(`step ${options.step} is not on the trajectory (0..${trajectory.length - 1})`);
      chosen = options.step;
    }
    const pasted = paste(x, y, w, trajectory[chosen].limits, pool, alpha);
    // A limit pasted out to the edge of the data restricts nothing: say so.
    for (let d = 0; d < x.length; d++) {
      let lo = Infinity;
      let hi = -Infinity;
      for (const i of pool) {
        lo = Math.min(lo, x[d][i]);
        hi = Math.max(hi, x[d][i]);
      }
      if (pasted.lo[d] <= lo) pasted.lo[d] = -Infinity;
      if (pasted.hi[d] >= hi) pasted.hi[d] = Infinity;
    }
    // Interpretability: free the restrictions the cases do not need (few restricted inputs).
    const prune = options.pruneP ?? 0.05;
    for (;;) {
      const ps = restrictedOf(pasted).map((d) => ({ d, p: quasiP(x, y, pasted, pool, d) }));
      const worst = ps.reduce<{ d: number; p: number } | null>((a, b) => (!a || b.p > a.p ? b : a), null);
      if (!worst || prune <= 0 || worst.p <= prune || ps.length <= 1) break;
      pasted.lo[worst.d] = -Infinity;
      pasted.hi[worst.d] = Infinity;
    }
    const inside = inBox(x, pasted, pool);
    const s = sums(inside, y, w);
    const cases = inside.reduce((c, i) => c + y[i], 0);
    const poolCases = pool.reduce((c, i) => c + y[i], 0);
    const density = s.yw / s.w;
    // A box no denser than what it was searched in explains nothing: stop covering.
    if (b > 0 && density <= poolSums.yw / poolSums.w + 1e-12) break;
    result.boxes.push({
      limits: pasted,
      restrictions: restrictedOf(pasted).map((d) => ({ input: d, name: names[d], pValue: quasiP(x, y, pasted, pool, d), lo: pasted.lo[d] === -Infinity ? null : pasted.lo[d], hi: pasted.hi[d] === Infinity ? null : pasted.hi[d] })),
      coverage: s.yw / total.yw,
      density,
      support: s.w / total.w,
      points: inside.length,
      cases,
      pValue: binomialUpperTail(cases, inside.length, poolCases / pool.length),
      trajectory,
      chosen,
    });
    const taken = new Set(inside);
    pool = pool.filter((i) => !taken.has(i));
    if (pool.length === 0) break;
  }
  return result;
}
