/**
 * ABC by sequential Monte Carlo with MCMC moves: the replenishment algorithm of Drovandi &
 * Pettitt (2011, Biometrics 67: 225–233), after Del Moral, Doucet & Jasra (2012, Statistics and
 * Computing 22: 1009–1020). It samples the same ABC posterior as `abcSmc` (analysis/abc.ts), π(θ)
 * restricted to distance ≤ ε, by another route:
 * - the population holds N particles of equal weight, each with the distance of its simulation;
 * - each generation sets ε_t to the `quantile` of the population's distances and drops the
 *   particles above it, then refills their places by copies of survivors drawn uniformly;
 * - each copy then takes R_t Metropolis–Hastings steps that leave the ABC posterior at ε_t
 *   invariant (the ABC-MCMC of Marjoram et al. 2003): a Gaussian random walk w' = w + L z in the
 *   logit of each box coordinate (z standard normal, L L' the survivors' covariance there × 2.38²
 *   / d, the random walk's optimal scale of Roberts, Gelman & Gilks 1997), so no step leaves the
 *   box (a walk on the box itself lost three steps in four to its faces with 26 parameters near
 *   them); a step passes the prior's ratio, Π σ(w')(1 − σ(w')) / Π σ(w)(1 − σ(w)) (the flat
 *   prior's Jacobian), before it is simulated, and is accepted when its distance is ≤ ε_t;
 * - R_t = ⌈log c / log(1 − p)⌉, p the share of steps accepted in the previous generation (in the
 *   first, in its first step), so that a copy moves at least once with chance 1 − c (c = 0.01);
 * - it stops when p falls below `minAcceptance` (default 0.02; the walk barely moves: the tolerance is as small
 *   as this budget can sample), at a tolerance ≤ `targetEpsilon`, at `generations`, or when the
 *   budget cannot pay one step of every copy.
 *
 * Why a second sampler: `abcSmc` weights each proposal by 1 / Σ_j w_j K_j(θ), which needs a kernel
 * wide enough to cover the posterior; with 26 parameters and a posterior still nearly as wide as
 * the prior on most of them, its proposals are nearly draws from the prior, and its acceptance
 * halves every generation (1 in 42 at the bundled ensemble's last generation). MCMC moves need no
 * importance weights, so the walk can be local, and the cost of a generation is what its moves
 * cost, not the rejection rate at the new tolerance.
 *
 * Continuing (`start`): the saved population is resampled by its weights to N members (systematic
 * resampling), which are simulated again as generation 0 (so a changed model is re-measured).
 * The MCMC moves target the posterior whatever population they start from; a start near it only
 * saves moves.
 *
 * Determinism: proposals are drawn from the `abc-proposals` stream in slot order, simulations run
 * in batches of a fixed size and are scanned in proposal order, each with its own seed, so the
 * same seed and options give the same population whatever the number of workers.
 */
import { hashSeed, normal, type Stream } from '../engine/rng.ts';
import { exp, log, log1p } from '../engine/math.ts';
import { abcSetup, fromAbcUnit, startPopulation, toAbcUnit, type AbcGeneration, type AbcOptions, type AbcParameter, type AbcParticle, type AbcResult, type AbcSimulator } from './abc.ts';

/**
 * Stop when fewer than this share of a generation's moves are accepted (unless the options say
 * otherwise): the walk then barely moves the members, and a smaller tolerance would only copy
 * survivors.
 */
export const REPLENISH_MIN_ACCEPTANCE = 0.02;

/** Chance that a refilled copy never moves in its R_t steps. */
const STAY = 0.01;
/** Most steps a generation gives each copy (it binds when fewer than 1 step in 11 is accepted). */
const MAX_STEPS = 50;

/** Steps that move a copy at least once with chance 1 − STAY when a step is accepted with chance p. */
function stepsFor(p: number): number {
  return p <= 0 ? MAX_STEPS : p >= 1 ? 1 : Math.min(MAX_STEPS, Math.max(1, Math.ceil(log(STAY) / log(1 - p))));
}

/** Weighted mean and covariance of points (rows), weights summing to anything positive. */
export function weightedCovariance(points: readonly (readonly number[])[], weights?: readonly number[]): { mean: number[]; cov: number[][] } {
  const d = points[0].length;
  const w = weights ?? points.map(() => 1);
  const total = w.reduce((a, x) => a + x, 0);
  const mean = Array.from({ length: d }, (_, k) => points.reduce((a, p, i) => a + w[i] * p[k], 0) / total);
  const cov = Array.from({ length: d }, (_, a) =>
    Array.from({ length: d }, (_, b) => points.reduce((s, p, i) => s + w[i] * (p[a] - mean[a]) * (p[b] - mean[b]), 0) / total),
  );
  return { mean, cov };
}

/**
 * Lower Cholesky factor of a symmetric matrix made positive definite: `floor[k]²` is added to the
 * diagonal (a population collapsed on a coordinate still moves along it).
 */
export function cholesky(m: readonly (readonly number[])[], floor: readonly number[]): number[][] {
  const d = m.length;
  const L = Array.from({ length: d }, () => new Array<number>(d).fill(0));
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let s = m[i][j] + (i === j ? floor[i] * floor[i] : 0);
      for (let k = 0; k < j; k++) s -= L[i][k] * L[j][k];
      if (i === j) L[i][i] = Math.sqrt(Math.max(s, floor[i] * floor[i]));
      else L[i][j] = s / L[j][j];
    }
  }
  return L;
}

/** Systematic resampling: n indices drawn by weight with one uniform (low variance). */
function systematic(rand: Stream, weights: readonly number[], n: number): number[] {
  const total = weights.reduce((a, w) => a + w, 0);
  const u0 = rand() / n;
  const out: number[] = [];
  let c = weights[0] / total;
  let j = 0;
  for (let i = 0; i < n; i++) {
    const u = u0 + i / n;
    while (u > c && j < weights.length - 1) c += weights[++j] / total;
    out.push(j);
  }
  return out;
}

/** The number of distinct parameter sets in a population (copies share theirs until they move). */
function distinct(particles: readonly AbcParticle<unknown>[]): number {
  return new Set(particles.map((p) => p.theta.join(','))).size;
}

/**
 * Run the replenishment ABC-SMC over a box prior; the options and the result are `abcSmc`'s. A
 * generation's `acceptance` is the share of its MCMC steps accepted, `outsidePrior` the steps that
 * the prior's ratio refused (not simulated), `ess` the distinct members (weights are equal).
 * @example
 * const r = await abcReplenish([{ name: 'mu', lo: -5, hi: 5 }], simulateMeans, { particles: 200, generations: 30, budget: 50000, seed: 1 });
 */
export async function abcReplenish<P>(prior: readonly AbcParameter[], simulate: AbcSimulator<P>, options: AbcOptions): Promise<AbcResult<P>> {
  const { d, N, budget, q, batch, target, minAcceptance, rand, lo, hi } = abcSetup(prior, options, REPLENISH_MIN_ACCEPTANCE);
  const keep = Math.max(1, Math.min(N - 1, Math.ceil(q * N)));
  const scale = (2.38 * 2.38) / d;
  // The walk's coordinates: each box coordinate's logit, so a step never leaves the box; the flat
  // prior on the box is, in these coordinates, Π σ(z)(1 − σ(z)) (the Jacobian), whose ratio is
  // the prior's part of the Metropolis–Hastings acceptance.
  const toWalk = (k: number, u: number) => {
    const p = Math.min(1 - 1e-9, Math.max(1e-9, (u - lo[k]) / (hi[k] - lo[k])));
    return log(p / (1 - p));
  };
  const fromWalk = (k: number, z: number) => lo[k] + (hi[k] - lo[k]) / (1 + exp(-z));
  const logPrior = (w: readonly number[]) => w.reduce((a, z) => a - Math.abs(z) - 2 * log1p(exp(-Math.abs(z))), 0);
  // A population collapsed on a coordinate still moves along it.
  const walkFloor = lo.map(() => 0.004);
  let simulations = 0;
  const nextSeed = () => hashSeed(options.seed, 'abc-simulation', simulations++);
  const toTheta = (u: readonly number[]) => u.map((v, k) => fromAbcUnit(prior[k], v));

  /** Simulate unit points in batches of the fixed size, in order. */
  const run = async (units: readonly number[][]) => {
    const out: { theta: number[]; seed: number; distance: number; payload: P }[] = [];
    for (let k0 = 0; k0 < units.length; k0 += batch) {
      const part = units.slice(k0, k0 + batch);
      const thetas = part.map(toTheta);
      const seeds = part.map(() => nextSeed());
      const res = await simulate(thetas, seeds);
      options.onProgress?.(simulations);
      res.forEach((o, i) => out.push({ theta: thetas[i], seed: seeds[i], distance: Number.isFinite(o.distance) ? o.distance : Number.POSITIVE_INFINITY, payload: o.payload }));
    }
    return out;
  };

  // Generation 0: the prior's draw, or the saved population resampled by weight; all kept.
  let units: number[][];
  if (options.start) {
    const s = startPopulation(prior, options.start, rand);
    units = systematic(rand, s.weights, N).map((j) => s.units[j].slice());
  } else units = Array.from({ length: N }, () => lo.map((l, k) => l + (hi[k] - l) * rand()));
  let particles: AbcParticle<P>[] = (await run(units)).map((o) => ({ ...o, weight: 1 / N }));
  const first: AbcGeneration<P> = { index: 0, epsilon: Number.POSITIVE_INFINITY, particles, simulations: N, outsidePrior: 0, acceptance: 1, ess: distinct(particles) };
  const generations: AbcGeneration<P>[] = [first];
  options.onGeneration?.(first as AbcGeneration<unknown>);
  let stopped: AbcResult<P>['stopped'] = 'generations';
  let accepted = Number.NaN; // share of steps accepted in the last generation

  for (let t = 1; t <= options.generations; t++) {
    // Survivors: the `keep` smallest distances (ties broken by position, so the order is fixed).
    const order = particles.map((_, i) => i).sort((a, b) => particles[a].distance - particles[b].distance || a - b);
    const survivors = order.slice(0, keep).map((i) => particles[i]);
    const epsilon = survivors[keep - 1].distance;
    if (!Number.isFinite(epsilon)) {
      stopped = 'acceptance';
      break;
    }
    const survivorWalk = survivors.map((p) => p.theta.map((v, k) => toWalk(k, toAbcUnit(prior[k], v))));
    const { cov } = weightedCovariance(survivorWalk);
    const L = cholesky(
      cov.map((row) => row.map((x) => x * scale)),
      walkFloor,
    );
    const copies = N - keep;
    const affordable = Math.floor((budget - simulations) / copies);
    if (affordable < 1) {
      stopped = 'budget';
      break;
    }
    // Refill: copies of survivors drawn uniformly, then walked.
    const moved: AbcParticle<P>[] = Array.from({ length: copies }, () => survivors[Math.floor(rand() * keep)]);
    const at = moved.map((p) => p.theta.map((v, k) => toWalk(k, toAbcUnit(prior[k], v))));
    let tried = 0;
    let taken = 0;
    let outsidePrior = 0;
    let spent = 0;
    // Steps wanted: from the last generation's acceptance; the first learns it from its first step.
    let wanted = Number.isNaN(accepted) ? 1 : stepsFor(accepted);
    for (let step = 0; step < Math.min(wanted, affordable); step++) {
      const proposals: number[][] = [];
      const slots: number[] = [];
      const walked: number[][] = [];
      for (let i = 0; i < copies; i++) {
        const z = Array.from({ length: d }, () => normal(rand));
        const w = at[i].map((v, a) => {
          let s = v;
          for (let b = 0; b <= a; b++) s += L[a][b] * z[b];
          return s;
        });
        tried++;
        // The prior's part of the Metropolis–Hastings ratio, decided before simulating.
        if (rand() < exp(logPrior(w) - logPrior(at[i]))) {
          proposals.push(w.map((v, k) => fromWalk(k, v)));
          walked.push(w);
          slots.push(i);
        } else outsidePrior++;
      }
      const out = await run(proposals);
      spent += proposals.length;
      out.forEach((o, j) => {
        if (!(o.distance <= epsilon)) return;
        const i = slots[j];
        moved[i] = { ...o, weight: 1 / N };
        at[i] = walked[j];
        taken++;
      });
      if (step === 0 && Number.isNaN(accepted)) wanted = stepsFor(taken / tried);
    }
    accepted = taken / tried;
    particles = [...survivors, ...moved].map((p) => ({ ...p, weight: 1 / N }));
    const gen: AbcGeneration<P> = { index: t, epsilon, particles, simulations: spent, outsidePrior, acceptance: accepted, ess: distinct(particles) };
    generations.push(gen);
    options.onGeneration?.(gen as AbcGeneration<unknown>);
    if (epsilon <= target) {
      stopped = 'target';
      break;
    }
    if (accepted < minAcceptance) {
      stopped = 'acceptance';
      break;
    }
    if (affordable < wanted) {
      stopped = 'budget';
      break;
    }
  }
  return { generations, posterior: generations[generations.length - 1], simulations, stopped };
}
