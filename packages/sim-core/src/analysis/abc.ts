/**
 * Approximate Bayesian computation by sequential Monte Carlo (ABC-SMC): a posterior sample of
 * parameter sets under which a stochastic model reproduces its targets, without a likelihood.
 *
 * The algorithm is ABC-SMC of Toni et al. (2009, J. R. Soc. Interface 6: 187–202) with the
 * importance weights of Beaumont et al. (2009, Biometrika 96: 983–990) and tolerances chosen as
 * quantiles of the previous population's distances (Del Moral, Doucet & Jasra 2012; Drovandi &
 * Pettitt 2011):
 * - generation 0 draws N particles from the prior and keeps them all (tolerance ∞);
 * - generation t ≥ 1 sets ε_t to the `quantile` (default ½) of the distances of generation t − 1;
 *   it draws a particle θ_j of generation t − 1 by weight, perturbs it with the kernel K_j, simulates,
 *   and accepts θ* when its distance is ≤ ε_t, until N are accepted;
 * - an accepted particle's weight is π(θ*) / Σ_j w_j K_j(θ*), normalised to sum 1.
 *
 * **The kernel** is componentwise uniform (Toni et al. 2009): each coordinate moves uniformly
 * within ± σ_k, σ_k half the spread (max − min) of the previous population along it. A proposal
 * outside the prior's box is drawn again, parent and move together, so proposals follow the
 * mixture Σ_j w_j K_j restricted to the box and the weights are exact (renormalising each
 * parent's kernel to the box instead makes weights depend on how close a parent sits to the
 * box's faces, a product over coordinates that degenerates in many dimensions). A Gaussian kernel with twice the weighted covariance (Beaumont et
 * al.'s choice) was tried first: with 25 parameters its density varies over orders of magnitude
 * between proposals (the squared displacement is χ² with 25 degrees of freedom), the weights
 * degenerated to an effective sample size of 2–3 out of 100. A uniform kernel's density is flat
 * where it is positive, so weights vary only with how many parents cover a proposal.
 *
 * The prior is uniform on a box, each parameter on a linear or a log scale (uniform in log x):
 * the algorithm works in the transformed coordinates, where the prior density is a constant
 * inside the box, so weights are 1 / Σ_j w_j K_j(θ*). Every simulation has its own seed
 * (replicate noise is part of the likelihood; common random numbers would bias the posterior).
 *
 * **Continuing** (`start`): a population saved by an earlier run (a posterior ensemble) may take
 * the prior's place as generation 0. Its members are simulated again with the present simulator
 * and all kept with their saved weights, so a changed model or changed targets re-measure them;
 * generation 1's tolerance is the quantile of those new distances, and its proposals are drawn
 * from the saved population's mixture Σ_j w_j K_j like any generation's. The weights π(θ*) /
 * Σ_j w_j K_j(θ*) hold whatever produced the parents (any proposal density covering the
 * posterior is valid in importance sampling), so a continued run is ABC-SMC with a different
 * first proposal, not an approximation of it: what it saves is the generations that narrowed
 * the prior.
 *
 * Proposals are simulated in batches of a fixed size (so a caller may run a batch in parallel)
 * and scanned in proposal order: the same seed, options and simulator give the same populations
 * whatever the number of workers. It stops at `generations`, at a tolerance ≤ `targetEpsilon`,
 * when a generation accepts less than `minAcceptance`, or when the budget of simulations cannot
 * complete another generation; the posterior is the last complete population.
 */
import { createStream, hashSeed, type Stream } from '../engine/rng.ts';
import { exp, log } from '../engine/math.ts';

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
  /**
   * A population to continue from instead of the prior's draw (box units, weights ≥ 0, not all
   * 0): simulated again as generation 0, every member kept with its weight normalised. A value
   * NaN is a parameter the saved population did not have (a prior that adds one): each member's
   * is drawn from the prior, so the continued run explores it from the first proposals on.
   */
  start?: { thetas: readonly (readonly number[])[]; weights: readonly number[] };
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
  /** Proposals drawn again because the kernel left the prior's box (not simulated). */
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

/** A parameter's value in the algorithm's coordinates (log x on a log scale), and back. */
export const toAbcUnit = (p: AbcParameter, x: number) => (p.scale === 'log' ? log(x) : x);
export const fromAbcUnit = (p: AbcParameter, u: number) => (p.scale === 'log' ? exp(u) : u);

/** The quantile q of values (linear interpolation between order statistics). */
export function quantileOf(values: readonly number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  const pos = (s.length - 1) * Math.min(1, Math.max(0, q));
  const lo = Math.floor(pos);
  const hi = Math.min(s.length - 1, lo + 1);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}

/**
 * The componentwise uniform kernel of a population (transformed coordinates): half-widths σ_k =
 * (max − min) / 2 of each coordinate, at least `floor` (a population collapsed on a coordinate
 * still moves).
 */
export function kernelHalfWidths(points: readonly number[][], floor: readonly number[]): number[] {
  const d = floor.length;
  return Array.from({ length: d }, (_, k) => {
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (const p of points) {
      lo = Math.min(lo, p[k]);
      hi = Math.max(hi, p[k]);
    }
    return Math.max((hi - lo) / 2, floor[k]);
  });
}

/** Effective sample size of normalised weights. */
export function effectiveSampleSize(weights: readonly number[]): number {
  const s = weights.reduce((a, w) => a + w * w, 0);
  return s > 0 ? 1 / s : 0;
}

/** Draw an index by weight (weights summing to 1). */
export function drawIndex(rand: Stream, cumulative: readonly number[]): number {
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
 * A saved population in the algorithm's coordinates, checked against the prior: every member
 * inside the box (a member outside it has prior density 0 and could never have been accepted)
 * and weights normalised; a NaN value (a parameter the population lacks) drawn from the prior
 * with `rand`.
 */
export function startPopulation(prior: readonly AbcParameter[], start: NonNullable<AbcOptions['start']>, rand: Stream): { units: number[][]; weights: number[] } {
  const { thetas, weights } = start;
  if (thetas.length < 2) throw new Error('a population to continue from needs at least two members');
  if (weights.length !== thetas.length) throw new Error(`the population to continue from has ${thetas.length} members and ${weights.length} weights`);
  const units = thetas.map((theta, i) => {
    if (theta.length !== prior.length) throw new Error(`member ${i} of the population to continue from has ${theta.length} values for ${prior.length} parameters`);
    return theta.map((x, k) => {
      const p = prior[k];
      if (Number.isNaN(x)) {
        const lo = toAbcUnit(p, p.lo);
        return lo + (toAbcUnit(p, p.hi) - lo) * rand();
      }
      if (!(x >= p.lo && x <= p.hi)) throw new Error(`member ${i} of the population to continue from: ${p.name}=${x} lies outside the prior's box [${p.lo}, ${p.hi}]`);
      return toAbcUnit(p, x);
    });
  });
  if (weights.some((w) => !(w >= 0 && Number.isFinite(w)))) throw new Error('the weights of the population to continue from must be finite and ≥ 0');
  const total = weights.reduce((a, w) => a + w, 0);
  if (!(total > 0)) throw new Error('the weights of the population to continue from are all 0');
  return { units, weights: weights.map((w) => w / total) };
}

/**
 * What both samplers check and derive from the prior and the options: the prior's boxes in the
 * algorithm's coordinates, the population size, budget, tolerance quantile, batch, stopping
 * rules (`minAcceptance` defaulting to the sampler's own), and the proposal stream.
 */
export function abcSetup(prior: readonly AbcParameter[], options: AbcOptions, defaultMinAcceptance = 0) {
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
  const minAcceptance = options.minAcceptance ?? defaultMinAcceptance;
  const rand = createStream(options.seed, 'abc-proposals');
  const lo = prior.map((p) => toAbcUnit(p, p.lo));
  const hi = prior.map((p) => toAbcUnit(p, p.hi));
  return { d, N, budget, q, batch, target, minAcceptance, rand, lo, hi };
}

/**
 * Run ABC-SMC over a box prior. The simulator gets parameter sets in box units.
 * @example
 * // the mean of a normal with known sd 1, observed sample mean 0.4 of 20 draws:
 * const r = await abcSmc([{ name: 'mu', lo: -5, hi: 5 }], simulateMeans, { particles: 200, generations: 6, budget: 20000, seed: 1 });
 */
export async function abcSmc<P>(prior: readonly AbcParameter[], simulate: AbcSimulator<P>, options: AbcOptions): Promise<AbcResult<P>> {
  const { d, N, budget, q, batch, target, minAcceptance, rand, lo, hi } = abcSetup(prior, options);
  // A kernel never narrower than a thousandth of the box, so a collapsed coordinate still moves.
  const floor = lo.map((l, k) => (hi[k] - l) / 1000);
  let simulations = 0;
  const nextSeed = () => hashSeed(options.seed, 'abc-simulation', simulations++);

  // Generation 0: the prior's draw, or the population continued from; all kept.
  const start = options.start ? startPopulation(prior, options.start, rand) : null;
  const size = start ? start.units.length : N;
  if (size > budget) throw new Error(`the budget (${budget}) is less than the ${size} members of the population to continue from`);
  const gen0: AbcParticle<P>[] = [];
  const gen0Units: number[][] = [];
  while (gen0.length < size) {
    const k0 = gen0.length;
    const units = start ? start.units.slice(k0, k0 + batch) : Array.from({ length: Math.min(batch, size - k0) }, () => lo.map((l, k) => l + (hi[k] - l) * rand()));
    const thetas = units.map((u) => u.map((v, k) => fromAbcUnit(prior[k], v)));
    const seeds = units.map(() => nextSeed());
    const out = await simulate(thetas, seeds);
    options.onProgress?.(simulations);
    out.forEach((o, i) => {
      const weight = start ? start.weights[k0 + i] : 1 / N;
      gen0.push({ theta: thetas[i], weight, distance: Number.isFinite(o.distance) ? o.distance : Number.POSITIVE_INFINITY, seed: seeds[i], payload: o.payload });
      gen0Units.push(units[i]);
    });
  }
  const first: AbcGeneration<P> = {
    index: 0,
    epsilon: Number.POSITIVE_INFINITY,
    particles: gen0,
    simulations: size,
    outsidePrior: 0,
    acceptance: 1,
    ess: effectiveSampleSize(gen0.map((p) => p.weight)),
  };
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
    const sigma = kernelHalfWidths(prevUnits, floor);
    const cumulative: number[] = [];
    weights.reduce((a, w, i) => (cumulative[i] = a + w), 0);
    // The proposal density Σ_j w_j K_j(u), up to K's constant 1 / Π 2σ_k (the same for every
    // parent): the weight of the parents whose kernel covers u.
    const mixture = (u: number[]) => {
      let s = 0;
      for (let j = 0; j < prevUnits.length; j++) {
        if (weights[j] === 0) continue;
        if (u.every((v, k) => Math.abs(v - prevUnits[j][k]) <= sigma[k])) s += weights[j];
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
        // Parent and move are drawn again together when the move leaves the prior, so proposals
        // follow Σ_j w_j K_j restricted to the box and the weights above stay exact.
        const parent = prevUnits[drawIndex(rand, cumulative)];
        const u = parent.map((v, k) => v + sigma[k] * (2 * rand() - 1));
        if (u.every((v, k) => v >= lo[k] && v <= hi[k])) units.push(u);
        else outsidePrior++;
      }
      const thetas = units.map((u) => u.map((v, k) => fromAbcUnit(prior[k], v)));
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
export function weightedQuantile(values: ArrayLike<number>, weights: ArrayLike<number>, q: number): number {
  const order = Array.from({ length: values.length }, (_, i) => i).filter((i) => Number.isFinite(values[i])).sort((a, b) => values[a] - values[b]);
  const total = order.reduce((a, i) => a + weights[i], 0);
  if (order.length === 0 || !(total > 0)) return Number.NaN;
  let c = 0;
  for (const i of order) {
    c += weights[i];
    if (c >= q * total - 1e-12 * total) return values[i];
  }
  return values[order[order.length - 1]];
}
