/**
 * Approximate Bayesian computation by sequential Monte Carlo (ABC-SMC): a posterior sample of
 * parameter sets under which a stochastic model reproduces its targets, without a likelihood.
 *
 * The algorithm is ABC-SMC of Toni et al. (2009, J. R. Soc. Interface 6: 187–202) with the
 * adaptive weights and kernel of Beaumont et al. (2009, Biometrika 96: 983–990) and tolerances
 * chosen as quantiles of the previous population's distances (Del Moral, Doucet & Jasra 2012;
 * Drovandi & Pettitt 2011):
 * - generation 0 draws N particles from the prior and keeps them all (tolerance ∞);
 * - generation t ≥ 1 sets ε_t to the `quantile` (default ½) of the distances of generation t − 1;
 *   it draws a particle θ_j of generation t − 1 by weight, perturbs it with a Gaussian kernel whose
 *   covariance is twice the weighted covariance of generation t − 1 (Beaumont), redraws proposals
 *   outside the prior's box without simulating them, simulates the rest, and accepts θ* when its
 *   distance is ≤ ε_t, until N are accepted;
 * - an accepted particle's weight is π(θ*) / Σ_j w_j K(θ* | θ_j), normalised to sum 1.
 *
 * The prior is uniform on a box, each parameter on a linear or a log scale (uniform in log x):
 * the algorithm works in the transformed coordinates, where the prior density is a constant
 * inside the box, so weights are 1 / Σ_j w_j K(θ* | θ_j). Every simulation has its own seed
 * (replicate noise is part of the likelihood; common random numbers would bias the posterior).
 *
 * Proposals are simulated in batches of a fixed size (so a caller may run a batch in parallel)
 * and scanned in proposal order: the same seed, options and simulator give the same populations
 * whatever the number of workers. It stops at `generations`, at a tolerance ≤ `targetEpsilon`,
 * or when the budget of simulations cannot complete another generation; the posterior is the
 * last complete population.
 */
import { createStream, hashSeed, normal, type Stream } from '../engine/rng.ts';

/** One parameter of the prior box. */
export interface AbcParameter {
  /** Name (a lever path for a model). */
  name: string;
  lo: number;
  hi: number;
  /** `log`: uniform in log x (positive scale parameters spanning several times). */
  scale?: 'linear' | 'log';
}

/** What a simulation returns for one proposal: its distance and anything the caller keeps. */
export interface AbcOutcome<P> {
  distance: number;
  payload: P;
}

/** Simulate a batch of parameter sets, each with its own seed, in the same order. */
export type AbcSimulator<P> = (thetas: number[][], seeds: number[]) => Promise<AbcOutcome<P>[]> | AbcOutcome<P>[];

/** Options of {@link abcSmc}. */
export interface AbcOptions {
  /** Particles accepted per generation (N). */
  particles: number;
  /** Most generations after the prior's (T). */
  generations: number;
  /** Most simulations in all (the prior's N included). */
  budget: number;
  /** Seed of the proposal stream and of the simulations' seeds. */
  seed: number;
  /** Quantile of the previous distances that sets the next tolerance (default 0.5). */
  quantile?: number;
  /** Proposals simulated per batch (default: N). Fixed, so results do not depend on workers. */
  batch?: number;
  /** Stop once a generation's tolerance is at or below this (default 0). */
  targetEpsilon?: number;
  /** Stop when a generation accepts fewer than this share of its simulations (default 0). */
  minAcceptance?: number;
  /** Called after each complete generation. */
  onGeneration?(g: AbcGeneration<unknown>): void;
  /** Called after each simulated batch: simulations so far. */
  onProgress?(simulations: number): void;
}

/** An accepted particle. */
export interface AbcParticle<P> {
  /** Parameter values in the box's own units. */
  theta: number[];
  /** Normalised weight (the population's weights sum to 1). */
  weight: number;
  distance: number;
  /** The seed its simulation ran with. */
  seed: number;
  payload: P;
}

/** One complete generation. */
export interface AbcGeneration<P> {
  index: number;
  /** Tolerance (∞ for the prior's generation). */
  epsilon: number;
  particles: AbcParticle<P>[];
  /** Simulations run for this generation (accepted or not). */
  simulations: number;
  /** Proposals redrawn because the kernel left the prior's box (not simulated). */
  outsidePrior: number;
  acceptance: number;
  /** Effective sample size 1 / Σ w². */
  ess: number;
}

/** What {@link abcSmc} returns. */
export interface AbcResult<P> {
  generations: AbcGeneration<P>[];
  /** The last complete generation: the posterior sample. */
  posterior: AbcGeneration<P>;
  simulations: number;
  /** Why it stopped. */
  stopped: 'generations' | 'target' | 'budget' | 'acceptance';
}

const toUnit = (p: AbcParameter, x: number) => (p.scale === 'log' ? Math.log(x) : x);
const fromUnit = (p: AbcParameter, u: number) => (p.scale === 'log' ? Math.exp(u) : u);

/** The quantile q of values (linear interpolation between order statistics). */
export function quantileOf(values: readonly number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  const pos = (s.length - 1) * Math.min(1, Math.max(0, q));
  const lo = Math.floor(pos);
  const hi = Math.min(s.length - 1, lo + 1);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}

/** Weighted mean and covariance of points (weights summing to 1). */
export function weightedCovariance(points: readonly number[][], weights: readonly number[]): { mean: number[]; cov: number[][] } {
  const d = points[0]?.length ?? 0;
  const mean = new Array<number>(d).fill(0);
  points.forEach((p, i) => p.forEach((v, k) => (mean[k] += weights[i] * v)));
  const cov = Array.from({ length: d }, () => new Array<number>(d).fill(0));
  // The unbiased weighted estimator: divide by 1 − Σ w² (a population of equal weights gives the usual n − 1).
  const w2 = weights.reduce((a, w) => a + w * w, 0);
  const norm = w2 < 1 ? 1 / (1 - w2) : 1;
  points.forEach((p, i) => {
    for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) cov[a][b] += weights[i] * (p[a] - mean[a]) * (p[b] - mean[b]) * norm;
  });
  return { mean, cov };
}

/**
 * Lower-triangular Cholesky factor of a symmetric matrix; a matrix that is not positive definite
 * (particles collapsed on a parameter) gets a small ridge on its diagonal first.
 */
export function cholesky(m: readonly number[][]): number[][] {
  const d = m.length;
  for (let ridge = 0; ; ridge = ridge === 0 ? 1e-12 : ridge * 10) {
    const scale = Math.max(1e-300, ...m.map((row, i) => Math.abs(row[i])));
    const L = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    let ok = true;
    for (let i = 0; i < d && ok; i++) {
      for (let j = 0; j <= i; j++) {
        let s = m[i][j] + (i === j ? ridge * scale : 0);
        for (let k = 0; k < j; k++) s -= L[i][k] * L[j][k];
        if (i === j) {
          if (!(s > 0)) ok = false;
          else L[i][i] = Math.sqrt(s);
        } else L[i][j] = s / L[j][j];
      }
    }
    if (ok) return L;
    if (ridge > 1) throw new Error('the kernel covariance is not positive definite');
  }
}

/** Solve L y = x for lower-triangular L (forward substitution). */
function forward(L: number[][], x: readonly number[]): number[] {
  const y = new Array<number>(x.length);
  for (let i = 0; i < x.length; i++) {
    let s = x[i];
    for (let k = 0; k < i; k++) s -= L[i][k] * y[k];
    y[i] = s / L[i][i];
  }
  return y;
}

/** Effective sample size of normalised weights. */
export function effectiveSampleSize(weights: readonly number[]): number {
  const s = weights.reduce((a, w) => a + w * w, 0);
  return s > 0 ? 1 / s : 0;
}

/** Draw an index by weight (weights summing to 1). */
function drawIndex(rand: Stream, cumulative: readonly number[]): number {
  const u = rand() * cumulative[cumulative.length - 1];
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid] > u) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Run ABC-SMC over a box prior. The simulator gets parameter sets in box units.
 * @example
 * // the mean of a normal with known sd 1, observed sample mean 0.4 of 20 draws:
 * const r = await abcSmc([{ name: 'mu', lo: -5, hi: 5 }], simulateMeans, { particles: 200, generations: 6, budget: 20000, seed: 1 });
 */
export async function abcSmc<P>(prior: readonly AbcParameter[], simulate: AbcSimulator<P>, options: AbcOptions): Promise<AbcResult<P>> {
  const d = prior.length;
  if (d === 0) throw new Error('no parameters');
  for (const p of prior) {
    if (!(p.hi > p.lo)) throw new Error(`${p.name}: bad prior box [${p.lo}, ${p.hi}]`);
    if (p.scale === 'log' && !(p.lo > 0)) throw new Error(`${p.name}: a log-scale prior needs lo > 0`);
  }
  const N = Math.floor(options.particles);
  if (!(N >= 2)) throw new Error('at least two particles');
  const budget = Math.floor(options.budget);
  if (!(budget >= N)) throw new Error(`the budget (${budget}) is less than one population (${N})`);
  const q = options.quantile ?? 0.5;
  if (!(q > 0 && q < 1)) throw new Error('the tolerance quantile must be in (0, 1)');
  const batch = Math.max(1, Math.floor(options.batch ?? N));
  const target = options.targetEpsilon ?? 0;
  const minAcceptance = options.minAcceptance ?? 0;
  const rand = createStream(options.seed, 'abc-proposals');
  const lo = prior.map((p) => toUnit(p, p.lo));
  const hi = prior.map((p) => toUnit(p, p.hi));
  const inside = (u: number[]) => u.every((v, k) => v >= lo[k] && v <= hi[k]);
  let simulations = 0;
  const nextSeed = () => hashSeed(options.seed, 'abc-simulation', simulations++);

  // Generation 0: the prior, all kept.
  const gen0: AbcParticle<P>[] = [];
  const gen0Units: number[][] = [];
  while (gen0.length < N) {
    const units = Array.from({ length: Math.min(batch, N - gen0.length) }, () => lo.map((l, k) => l + (hi[k] - l) * rand()));
    const thetas = units.map((u) => u.map((v, k) => fromUnit(prior[k], v)));
    const seeds = units.map(() => nextSeed());
    const out = await simulate(thetas, seeds);
    options.onProgress?.(simulations);
    out.forEach((o, i) => {
      gen0.push({ theta: thetas[i], weight: 1 / N, distance: Number.isFinite(o.distance) ? o.distance : Number.POSITIVE_INFINITY, seed: seeds[i], payload: o.payload });
      gen0Units.push(units[i]);
    });
  }
  const first: AbcGeneration<P> = { index: 0, epsilon: Number.POSITIVE_INFINITY, particles: gen0, simulations: N, outsidePrior: 0, acceptance: 1, ess: N };
  const generations: AbcGeneration<P>[] = [first];
  options.onGeneration?.(first as AbcGeneration<unknown>);
  let prev = first;
  let prevUnits = gen0Units;
  let stopped: AbcResult<P>['stopped'] = 'generations';

  for (let t = 1; t <= options.generations; t++) {
    const finite = prev.particles.map((p) => p.distance).filter(Number.isFinite);
    if (finite.length === 0) {
      stopped = 'acceptance';
      break;
    }
    const epsilon = quantileOf(finite, q);
    const weights = prev.particles.map((p) => p.weight);
    const { cov } = weightedCovariance(prevUnits, weights);
    const kernelCov = cov.map((row) => row.map((v) => 2 * v));
    const L = cholesky(kernelCov);
    const cumulative: number[] = [];
    weights.reduce((a, w, i) => (cumulative[i] = a + w), 0);
    // Σ_j w_j K(u | u_j), up to the kernel's constant (the same for every j and every u).
    const mixture = (u: number[]) => {
      let s = 0;
      for (let j = 0; j < prevUnits.length; j++) {
        if (weights[j] === 0) continue;
        const z = forward(L, u.map((v, k) => v - prevUnits[j][k]));
        s += weights[j] * Math.exp(-0.5 * z.reduce((a, x) => a + x * x, 0));
      }
      return s;
    };
    const accepted: AbcParticle<P>[] = [];
    const acceptedUnits: number[][] = [];
    let spent = 0;
    let outsidePrior = 0;
    let exhausted = false;
    while (accepted.length < N) {
      const room = budget - simulations;
      if (room <= 0) {
        exhausted = true;
        break;
      }
      const units: number[][] = [];
      while (units.length < Math.min(batch, room)) {
        const j = drawIndex(rand, cumulative);
        const z = Array.from({ length: d }, () => normal(rand));
        const u = prevUnits[j].map((v, k) => v + L[k].reduce((a, lk, m) => a + lk * z[m], 0));
        if (inside(u)) units.push(u);
        else outsidePrior++;
      }
      const thetas = units.map((u) => u.map((v, k) => fromUnit(prior[k], v)));
      const seeds = units.map(() => nextSeed());
      const out = await simulate(thetas, seeds);
      spent += units.length;
      options.onProgress?.(simulations);
      for (let i = 0; i < out.length && accepted.length < N; i++) {
        const dist = out[i].distance;
        if (!(dist <= epsilon)) continue;
        accepted.push({ theta: thetas[i], weight: 1 / mixture(units[i]), distance: dist, seed: seeds[i], payload: out[i].payload });
        acceptedUnits.push(units[i]);
      }
    }
    if (exhausted) {
      stopped = 'budget';
      break;
    }
    const total = accepted.reduce((a, p) => a + p.weight, 0);
    for (const p of accepted) p.weight /= total;
    const gen: AbcGeneration<P> = {
      index: t,
      epsilon,
      particles: accepted,
      simulations: spent,
      outsidePrior,
      acceptance: N / spent,
      ess: effectiveSampleSize(accepted.map((p) => p.weight)),
    };
    generations.push(gen);
    options.onGeneration?.(gen as AbcGeneration<unknown>);
    prev = gen;
    prevUnits = acceptedUnits;
    if (epsilon <= target) {
      stopped = 'target';
      break;
    }
    if (gen.acceptance < minAcceptance) {
      stopped = 'acceptance';
      break;
    }
  }
  return { generations, posterior: prev, simulations, stopped };
}

/**
 * The q-quantile of a weighted sample (weights ≥ 0, not all 0): the smallest value whose
 * cumulative weight reaches q of the total.
 * @example weightedQuantile([1, 2, 3], [1, 1, 2], 0.5) === 2
 */
export function weightedQuantile(values: readonly number[], weights: readonly number[], q: number): number {
  const order = values.map((_, i) => i).filter((i) => Number.isFinite(values[i])).sort((a, b) => values[a] - values[b]);
  const total = order.reduce((a, i) => a + weights[i], 0);
  if (order.length === 0 || !(total > 0)) return Number.NaN;
  let c = 0;
  for (const i of order) {
    c += weights[i];
    if (c >= q * total - 1e-12 * total) return values[i];
  }
  return values[order[order.length - 1]];
}
