/**
 * Nash equilibria of a measured game: pure equilibria by best responses, mixed equilibria of
 * two-player games by vertex enumeration (bimatrix.ts), and the robustness of an equilibrium to the sampling
 * uncertainty of its payoffs (does any unilateral deviation gain with a 95% interval above zero?).
 *
 * Sources: Osborne (2004) ch. 2–4; Gibbons (1992) §1.3 (mixed strategies); Nisan et al.,
 * *Algorithmic Game Theory* (2007), ch. 3; Avis et al. (2010); Wellman (AAAI 2006).
 */
import { pairedStat } from '../statistics.ts';
import { type NormalFormGame, profileCount, profileIndex, profileAt, profileLabels, meanPayoff } from './game.ts';
import { type SolverOptions, tolOf, withStrategy, normalisedBimatrix } from './solving.ts';
import { enumerationSize, vertexEnumeration, lemkeHowson } from './bimatrix.ts';

// ---------------------------------------------------------------------------------------------
// Pure equilibria (best responses)
// ---------------------------------------------------------------------------------------------

/** A pure-strategy Nash equilibrium. */
export interface PureEquilibrium {
  /** Strategy index per player. */
  profile: number[];
  /** Strategy name per player. */
  labels: string[];
  /** Mean payoff per player. */
  payoffs: number[];
  /** True when every unilateral deviation loses more than the tolerance (no ties). */
  strict: boolean;
}

/**
 * All pure Nash equilibria on mean payoffs (n players): profiles where no player gains more than
 * the tolerance by deviating alone. Returned in profile order (row-major, player 0 slowest). A
 * game may have none (matching pennies); a game of ties has every tied profile as a (non-strict)
 * equilibrium.
 * @example pureNashEquilibria(prisonersDilemma).map((e) => e.labels) // [['D', 'D']]
 */
export function pureNashEquilibria(game: NormalFormGame, options?: SolverOptions): PureEquilibrium[] {
  const tol = tolOf(game, options);
  const out: PureEquilibrium[] = [];
  const count = profileCount(game);
  for (let k = 0; k < count; k++) {
    const profile = profileAt(game, k);
    let equilibrium = true;
    let strict = true;
    for (let p = 0; p < game.players.length && equilibrium; p++) {
      const here = game.payoffs[k][p].mean;
      for (let s = 0; s < game.players[p].strategies.length; s++) {
        if (s === profile[p]) continue;
        const there = meanPayoff(game, withStrategy(profile, p, s), p);
        if (there > here + tol[p]) {
          equilibrium = false;
          break;
        }
        if (there >= here - tol[p]) strict = false;
      }
    }
    if (equilibrium) {
      out.push({ profile, labels: profileLabels(game, profile), payoffs: game.payoffs[k].map((s) => s.mean), strict });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Mixed equilibria (two players: vertex enumeration, Lemke–Howson for large games)
// ---------------------------------------------------------------------------------------------

export { gaussianSolve } from './linear.ts';

/** A Nash equilibrium in mixed strategies of a two-player game. */
export interface MixedEquilibrium {
  /** Probability of each strategy, per player. */
  probabilities: [number[], number[]];
  /** Strategies played with positive probability, per player. */
  support: [number[], number[]];
  /** Expected (mean) payoff per player. */
  payoffs: [number, number];
  /** True when both players play a single strategy. */
  pure: boolean;
}

/** Options of {@link mixedNashEquilibria}. */
export interface MixedOptions extends SolverOptions {
  /** Tolerance on probabilities (smaller ones count as 0; dedupe distance). Default 1e-9. */
  probTol?: number;
}

/** Above this many linear systems, vertex enumeration gives way to Lemke–Howson. */
export const MAX_ENUMERATION = 200_000;

/** How {@link mixedNashEquilibria} solves a game: all extreme equilibria, or some by Lemke–Howson. */
export type MixedMethod = 'vertex-enumeration' | 'lemke-howson';

/** The method {@link mixedNashEquilibria} uses for this game (its size decides). */
export function mixedMethod(game: NormalFormGame): MixedMethod {
  if (game.players.length !== 2) throw new Error(`mixed equilibria are computed for two-player games only (this one has ${game.players.length})`);
  return enumerationSize(game.players[0].strategies.length, game.players[1].strategies.length) <= MAX_ENUMERATION ? 'vertex-enumeration' : 'lemke-howson';
}

/**
 * Nash equilibria of a two-player game on mean payoffs, pure ones included. Up to
 * {@link MAX_ENUMERATION} systems, every extreme equilibrium by vertex enumeration of the
 * best-response polytopes (Avis et al. 2010; in a degenerate game, the extreme points of each
 * component of equilibria — e.g. both ends of an interval of mixes against which the other is
 * indifferent); beyond, the equilibria Lemke–Howson reaches from every dropped label, which are
 * some but not necessarily all ({@link mixedMethod} says which applies). Payoffs are normalised
 * per player first, so neither units nor shifts change the answer. Every result is verified to be
 * an equilibrium; ordered by total support size, then supports in lexicographic order.
 *
 * @throws when the game does not have exactly two players.
 * @example
 * const pennies = bimatrixGame(['H', 'T'], ['H', 'T'], [[1, -1], [-1, 1]], [[-1, 1], [1, -1]]);
 * mixedNashEquilibria(pennies)[0].probabilities // [[0.5, 0.5], [0.5, 0.5]]
 */
export function mixedNashEquilibria(game: NormalFormGame, options?: MixedOptions): MixedEquilibrium[] {
  const method = mixedMethod(game);
  const probTol = options?.probTol ?? 1e-9;
  const m = game.players[0].strategies.length;
  const n = game.players[1].strategies.length;
  const [A, B] = normalisedBimatrix(game);
  const found = method === 'vertex-enumeration' ? vertexEnumeration(A, B) : lemkeHowson(A, B);
  const mean = (i: number, j: number, p: number) => game.payoffs[i * n + j][p].mean;
  const out: MixedEquilibrium[] = [];
  for (const [x0, y0] of found) {
    const clean = (v: number[]) => {
      const w = v.map((p) => (p > probTol ? p : 0));
      const s = w.reduce((a, b) => a + b, 0);
      return w.map((p) => p / s);
    };
    const x = clean(x0);
    const y = clean(y0);
    // Verified on the normalised payoffs (one scale for every game).
    const rowPay = A.map((row) => row.reduce((s, a, j) => s + a * y[j], 0));
    const colPay = Array.from({ length: n }, (_, j) => x.reduce((s, xi, i) => s + B[i][j] * xi, 0));
    const v0 = x.reduce((s, xi, i) => s + xi * rowPay[i], 0);
    const v1 = y.reduce((s, yj, j) => s + yj * colPay[j], 0);
    if (rowPay.some((u) => u > v0 + 1e-7) || colPay.some((u) => u > v1 + 1e-7)) continue;
    if (out.some((e) => e.probabilities[0].every((p, i) => Math.abs(p - x[i]) <= 1e-7 + probTol) && e.probabilities[1].every((p, j) => Math.abs(p - y[j]) <= 1e-7 + probTol))) continue;
    let p0 = 0;
    let p1 = 0;
    for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) {
      p0 += x[i] * y[j] * mean(i, j, 0);
      p1 += x[i] * y[j] * mean(i, j, 1);
    }
    const support: [number[], number[]] = [x.flatMap((p, i) => (p > 0 ? [i] : [])), y.flatMap((p, j) => (p > 0 ? [j] : []))];
    out.push({ probabilities: [x, y], support, payoffs: [p0, p1], pure: support[0].length === 1 && support[1].length === 1 });
  }
  const lex = (a: readonly number[], b: readonly number[]) => {
    for (let k = 0; k < Math.min(a.length, b.length); k++) if (a[k] !== b[k]) return a[k] - b[k];
    return a.length - b.length;
  };
  return out.sort((a, b) => a.support[0].length + a.support[1].length - (b.support[0].length + b.support[1].length) || lex(a.support[0], b.support[0]) || lex(a.support[1], b.support[1]));
}

// ---------------------------------------------------------------------------------------------
// Robustness of an equilibrium to the uncertainty of its payoffs
// ---------------------------------------------------------------------------------------------

/** The gain of one unilateral deviation from a profile, with its 95% interval. */
export interface DeviationGain {
  player: number;
  /** The strategy the player plays in the profile. */
  from: number;
  /** The strategy it deviates to. */
  to: number;
  /** Mean gain: mean payoff after deviating − mean payoff before. */
  mean: number;
  /** 95% interval of the gain (see {@link RobustnessOptions.method}). */
  ci95: [number, number];
}

/** Options of {@link equilibriumRobustness}. */
export interface RobustnessOptions {
  /**
   * `interval` (default): the worst direction, each payoff anywhere in its own 95% interval:
   * gain ∈ [lo(deviation) − hi(equilibrium), hi(deviation) − lo(equilibrium)].
   * `paired`: the 95% interval of the per-replicate differences, when the game was measured with
   * samples (common random numbers make it much tighter); falls back to `interval` when samples
   * are missing or their counts differ, and says so in the result.
   */
  method?: 'interval' | 'paired';
}

/** The robustness verdict for one profile. */
export interface Robustness {
  profile: number[];
  /** True when every deviation gain's 95% interval lies entirely below zero. */
  robust: boolean;
  /** The method actually used. */
  method: 'interval' | 'paired';
  /** Every unilateral deviation, by player then strategy. */
  deviations: DeviationGain[];
  /** The deviation whose gain interval reaches highest (null when no player can deviate). */
  worst: DeviationGain | null;
}

/**
 * The gains of every unilateral deviation from `profile`, with their 95% intervals.
 * @example deviationGains(game, [1, 1]).every((d) => d.ci95[1] < 0) // (D, D) holds whatever the noise
 */
export function deviationGains(game: NormalFormGame, profile: readonly number[], options?: RobustnessOptions): { method: 'interval' | 'paired'; gains: DeviationGain[] } {
  const k = profileIndex(game, profile);
  const samples = game.samples;
  let method: 'interval' | 'paired' = options?.method ?? 'interval';
  if (method === 'paired') {
    const n0 = samples?.[0]?.[0]?.length ?? 0;
    if (!samples || n0 < 2 || samples.some((v) => v.some((xs) => xs.length !== n0))) method = 'interval';
  }
  const gains: DeviationGain[] = [];
  for (let p = 0; p < game.players.length; p++) {
    for (let s = 0; s < game.players[p].strategies.length; s++) {
      if (s === profile[p]) continue;
      const d = profileIndex(game, withStrategy(profile, p, s));
      const eq = game.payoffs[k][p];
      const dev = game.payoffs[d][p];
      const ci95: [number, number] = method === 'paired' && samples ? pairedStat(samples[k][p], samples[d][p]).ci95 : [dev.ci95[0] - eq.ci95[1], dev.ci95[1] - eq.ci95[0]];
      gains.push({ player: p, from: profile[p], to: s, mean: dev.mean - eq.mean, ci95 });
    }
  }
  return { method, gains };
}

/**
 * Whether an equilibrium survives the uncertainty of its payoffs: "robust" when every unilateral
 * deviation's gain has a 95% interval entirely below zero (it stays an equilibrium for every
 * payoff within the intervals, in the worst direction), "fragile" otherwise. An exact tie is
 * fragile; a strict equilibrium of exact payoffs is robust. Any profile may be checked; a profile
 * that is not an equilibrium on means is never robust.
 * @example equilibriumRobustness(game, [1, 1]).robust
 */
export function equilibriumRobustness(game: NormalFormGame, profile: readonly number[], options?: RobustnessOptions): Robustness {
  const { method, gains } = deviationGains(game, profile, options);
  let worst: DeviationGain | null = null;
  for (const g of gains) if (!worst || g.ci95[1] > worst.ci95[1]) worst = g;
  return { profile: [...profile], robust: gains.every((g) => g.ci95[1] < 0), method, deviations: gains, worst };
}
