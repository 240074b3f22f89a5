/**
 * Sensitivity analysis: which inputs an output hangs on.
 *
 * **Morris elementary effects** (Morris 1991, with the improvements of Campolongo, Cariboni &
 * Saltelli 2007). Each of k factors lives on [0, 1] (mapped to its documented range by the
 * caller) and is sampled on a grid of p levels {0, 1/(p−1), ..., 1}, with the step
 * Δ = p / (2(p − 1)). A trajectory starts at a random grid point and moves one factor at a time,
 * in a random order, by +Δ (or −Δ when +Δ would leave [0, 1]): k + 1 points, k elementary effects
 * EE_i = (y(x + Δe_i) − y(x)) / Δ, in output units per full range of the factor. Over r
 * trajectories: μ (mean EE: the direction), μ* (mean |EE|: the importance, the ranking key) and
 * σ (standard deviation of EE: interaction or non-linearity). The design costs r(k + 1) points.
 *
 * **One at a time** (OAT): every factor at the low and the high end of its range with the others
 * at their base values: 2k + 1 points; the effect is y(hi) − y(lo), the swing is |effect| (the
 * bars of a tornado chart).
 *
 * Both designs are deterministic from a seed (a named stream of the engine's generator), pure,
 * and unaware of the model: the caller maps unit points to lever values and runs them.
 */
import { createStream } from '../engine/rng.ts';
import { stat } from './statistics.ts';

/** A Morris design: points in [0,1]^k, trajectory by trajectory. */
export interface MorrisDesign {
  k: number;
  levels: number;
  delta: number;
  /** r trajectories of k + 1 points each; points[t][j] is the j-th point of trajectory t. */
  trajectories: number[][][];
  /** changed[t][j] = the factor that moved between point j and j + 1 of trajectory t. */
  changed: number[][];
}

/** Options of {@link morrisDesign}. */
export interface MorrisOptions {
  /** Trajectories (default 4). */
  r?: number;
  /** Grid levels p, even (default 4). */
  levels?: number;
  /** Seed of the design's stream (default 1). */
  seed?: number;
}

/**
 * r Morris trajectories over k factors on a p-level grid.
 * @example morrisDesign(3, { r: 10, levels: 4, seed: 7 }).trajectories.length === 10
 */
export function morrisDesign(k: number, options: MorrisOptions = {}): MorrisDesign {
  const r = options.r ?? 4;
  const p = options.levels ?? 4;
  if (!(k >= 1) || !Number.isInteger(k)) throw new Error('Morris needs at least one factor');
  if (!(r >= 1) || !Number.isInteger(r)) throw new Error('Morris needs at least one trajectory');
  if (!(p >= 2) || p % 2 !== 0) throw new Error('Morris levels must be an even number ≥ 2');
  const rand = createStream(options.seed ?? 1, 'morris');
  const delta = p / (2 * (p - 1));
  const trajectories: number[][][] = [];
  const changed: number[][] = [];
  for (let t = 0; t < r; t++) {
    let x = Array.from({ length: k }, () => Math.floor(rand() * p) / (p - 1));
    const order = Array.from({ length: k }, (_, i) => i);
    for (let i = k - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    const pts = [x];
    for (const i of order) {
      const up = rand() < 0.5;
      const next = [...x];
      const plus = x[i] + delta <= 1 + 1e-12;
      const minus = x[i] - delta >= -1e-12;
      next[i] = (up && plus) || !minus ? x[i] + delta : x[i] - delta;
      next[i] = Math.min(1, Math.max(0, Math.round(next[i] * (p - 1)) / (p - 1)));
      pts.push(next);
      x = next;
    }
    trajectories.push(pts);
    changed.push(order);
  }
  return { k, levels: p, delta, trajectories, changed };
}

/** Importance of one factor. */
export interface MorrisEffect {
  factor: number;
  /** Mean elementary effect (signed), output units per full range. */
  mu: number;
  /** Mean absolute elementary effect: the ranking key. */
  muStar: number;
  /** Standard deviation of the elementary effects (0 with one). */
  sigma: number;
  /** Elementary effects measured (a move a rounded factor did not make is skipped). */
  n: number;
}

/**
 * Elementary-effect statistics from the outputs at every design point (`outputs[t][j]` for point
 * j of trajectory t). `applied` (optional) gives the unit value each factor actually took at each
 * point (after rounding an integer lever, say); effects are divided by the change actually made,
 * and a move that changed nothing is skipped.
 */
export function morrisEffects(design: MorrisDesign, outputs: readonly (readonly number[])[], applied?: readonly (readonly (readonly number[])[])[]): MorrisEffect[] {
  const ees: number[][] = Array.from({ length: design.k }, () => []);
  design.trajectories.forEach((pts, t) => {
    for (let j = 0; j < design.k; j++) {
      const i = design.changed[t][j];
      const a = applied ? applied[t][j][i] : pts[j][i];
      const b = applied ? applied[t][j + 1][i] : pts[j + 1][i];
      const dx = b - a;
      if (Math.abs(dx) < 1e-12) continue;
      const dy = outputs[t][j + 1] - outputs[t][j];
      if (!Number.isFinite(dy)) continue;
      ees[i].push(dy / dx);
    }
  });
  return ees.map((e, factor) => {
    const { n, mean: mu, sd: sigma } = stat(e);
    return { factor, mu, muStar: stat(e.map(Math.abs)).mean, sigma, n };
  });
}

/** Factors ordered by importance: μ* descending, then σ descending, then index. */
export function rankMorris(effects: readonly MorrisEffect[]): MorrisEffect[] {
  return [...effects].sort((a, b) => b.muStar - a.muStar || b.sigma - a.sigma || a.factor - b.factor);
}

/** One-at-a-time design: the base point, then each factor at 0 and at 1 of its unit range. */
export interface OatDesign {
  k: number;
  /** points[0] is the base; points[1 + 2i] factor i low, points[2 + 2i] factor i high. */
  points: number[][];
}

/**
 * The base point and, for each factor, the point with that factor at its low and its high end.
 * @example oatDesign([0.5, 0.2]).points.length === 5
 */
export function oatDesign(base: readonly number[]): OatDesign {
  const points = [[...base]];
  base.forEach((_, i) => {
    for (const end of [0, 1]) {
      const p = [...base];
      p[i] = end;
      points.push(p);
    }
  });
  return { k: base.length, points };
}

/** What one factor does when moved across its range alone. */
export interface OatEffect {
  factor: number;
  base: number;
  low: number;
  high: number;
  /** high − low. */
  effect: number;
  /** |high − low|: the ranking key. */
  swing: number;
}

/** OAT effects from the outputs at each point of {@link oatDesign}, ranked by swing (largest first). */
export function oatEffects(design: OatDesign, outputs: readonly number[]): OatEffect[] {
  if (outputs.length !== design.points.length) throw new Error(`expected ${design.points.length} outputs, got ${outputs.length}`);
  const out: OatEffect[] = [];
  for (let i = 0; i < design.k; i++) {
    const [low, high] = [outputs[1 + 2 * i], outputs[2 + 2 * i]];
    out.push({ factor: i, base: outputs[0], low, high, effect: high - low, swing: Math.abs(high - low) });
  }
  return out.sort((a, b) => b.swing - a.swing || a.factor - b.factor);
}

/** Map a unit value to a range (integers rounded). */
export function fromUnit(u: number, range: readonly [number, number], integer = false): number {
  const v = range[0] + u * (range[1] - range[0]);
  return integer ? Math.round(v) : v;
}

/** Map a value to its unit position in a range. */
export function toUnit(v: number, range: readonly [number, number]): number {
  return range[1] === range[0] ? 0 : (v - range[0]) / (range[1] - range[0]);
}
