/**
 * Nash equilibria of a measured game: pure equilibria by best responses, mixed equilibria of
 * two-player games by support enumeration, and the robustness of an equilibrium to the sampling
 * uncertainty of its payoffs (does any unilateral deviation gain with a 95% interval above zero?).
 *
 * Sources: Osborne (2004) ch. 2–4; Gibbons (1992) §1.3 (mixed strategies); Nisan et al.,
 * *Algorithmic Game Theory* (2007), §3.2 (support enumeration); Wellman (AAAI 2006).
 */
import { pairedStat } from '../statistics.ts';
import { type NormalFormGame, profileCount, profileIndex, profileAt, profileLabels, meanPayoff } from './game.ts';
import { type SolverOptions, tolOf, withStrategy } from './solving.ts';

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
        if (there > here + tol) {
          equilibrium = false;
          break;
        }
        if (there >= here - tol) strict = false;
      }
    }
    if (equilibrium) {
      out.push({ profile, labels: profileLabels(game, profile), payoffs: game.payoffs[k].map((s) => s.mean), strict });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Mixed equilibria (two players, support enumeration)
// ---------------------------------------------------------------------------------------------

/**
 * Solve the square system `m·x = b` by Gaussian elimination with partial pivoting. Returns null
 * when the matrix is singular (a pivot smaller than 1e-12 × the largest entry). Inputs are not
 * modified.
 * @example gaussianSolve([[0, 1], [1, 0]], [2, 3]) // [3, 2]
 */
export function gaussianSolve(m: readonly (readonly number[])[], b: readonly number[]): number[] | null {
  const n = b.length;
  if (m.length !== n || m.some((r) => r.length !== n)) throw new Error(`gaussianSolve needs an ${n}×${n} matrix`);
  const a = m.map((r, i) => [...r, b[i]]);
  let scale = 0;
  for (const r of m) for (const x of r) scale = Math.max(scale, Math.abs(x));
  const eps = 1e-12 * (scale || 1);
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r][c]) > Math.abs(a[piv][c])) piv = r;
    if (!(Math.abs(a[piv][c]) > eps)) return null;
    if (piv !== c) [a[piv], a[c]] = [a[c], a[piv]];
    for (let r = c + 1; r < n; r++) {
      const f = a[r][c] / a[c][c];
      if (f === 0) continue;
      for (let k = c; k <= n; k++) a[r][k] -= f * a[c][k];
    }
  }
  const x = new Array<number>(n);
  for (let r = n - 1; r >= 0; r--) {
    let s = a[r][n];
    for (let k = r + 1; k < n; k++) s -= a[r][k] * x[k];
    x[r] = s / a[r][r];
  }
  return x.every(Number.isFinite) ? x : null;
}

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

function subsets(n: number, k: number): number[][] {
  const out: number[][] = [];
  const cur: number[] = [];
  const rec = (start: number): void => {
    if (cur.length === k) {
      out.push([...cur]);
      return;
    }
    for (let i = start; i <= n - (k - cur.length); i++) {
      cur.push(i);
      rec(i + 1);
      cur.pop();
    }
  };
  rec(0);
  return out;
}

function binomial(n: number, k: number): number {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return r;
}

/**
 * Mix of the *other* player that makes `own` indifferent across `ownSupport`: solves
 * Σ_j u[i][j]·y_j − v = 0 for i in ownSupport, Σ_j y_j = 1 (j in otherSupport).
 */
function indifferenceMix(u: (i: number, j: number) => number, ownSupport: readonly number[], otherSupport: readonly number[]): number[] | null {
  const k = ownSupport.length;
  const m: number[][] = [];
  const b: number[] = [];
  for (const i of ownSupport) {
    m.push([...otherSupport.map((j) => u(i, j)), -1]);
    b.push(0);
  }
  m.push([...otherSupport.map(() => 1), 0]);
  b.push(1);
  const sol = gaussianSolve(m, b);
  return sol ? sol.slice(0, k) : null;
}

/** Options of {@link mixedNashEquilibria}. */
export interface MixedOptions extends SolverOptions {
  /** Tolerance on probabilities (negative ones within it are clamped to 0; dedupe distance). Default 1e-9. */
  probTol?: number;
}

const MAX_SUPPORT_PAIRS = 2_000_000;

/**
 * All Nash equilibria of a two-player game found by support enumeration over supports of equal
 * size (Nisan et al. 2007, §3.2), on mean payoffs. For each pair of supports of size k, solve the
 * two indifference systems (each player's mix makes the other indifferent across its support)
 * with Gaussian elimination; keep solutions whose probabilities are non-negative (within
 * `probTol`) and where no strategy outside a support pays more than the support (within `tol`).
 * Pure equilibria come out as the size-1 supports. Results are de-duplicated and ordered by
 * support size, then by supports in lexicographic order.
 *
 * Degenerate games (ties, so that a player has more best responses than the other has support)
 * can have continua of equilibria: supports whose indifference system is singular are skipped,
 * so only the isolated solutions the equal-size systems produce are returned (always including
 * every pure equilibrium). Everything returned is verified to be an equilibrium.
 *
 * @throws when the game does not have exactly two players, or has too many support pairs.
 * @example
 * const pennies = bimatrixGame(['H', 'T'], ['H', 'T'], [[1, -1], [-1, 1]], [[-1, 1], [1, -1]]);
 * mixedNashEquilibria(pennies)[0].probabilities // [[0.5, 0.5], [0.5, 0.5]]
 */
export function mixedNashEquilibria(game: NormalFormGame, options?: MixedOptions): MixedEquilibrium[] {
  if (game.players.length !== 2) throw new Error(`mixed equilibria are computed for two-player games only (this one has ${game.players.length})`);
  const tol = tolOf(game, options);
  const probTol = options?.probTol ?? 1e-9;
  const m = game.players[0].strategies.length;
  const n = game.players[1].strategies.length;
  const A = (i: number, j: number): number => game.payoffs[i * n + j][0].mean;
  const B = (i: number, j: number): number => game.payoffs[i * n + j][1].mean;
  let pairs = 0;
  for (let k = 1; k <= Math.min(m, n); k++) pairs += binomial(m, k) * binomial(n, k);
  if (pairs > MAX_SUPPORT_PAIRS) throw new Error(`support enumeration over ${pairs} support pairs is too large`);

  const out: MixedEquilibrium[] = [];
  const normalise = (v: number[] | null, support: readonly number[], size: number): number[] | null => {
    if (!v || v.some((p) => p < -probTol)) return null;
    const full = new Array<number>(size).fill(0);
    support.forEach((s, i) => (full[s] = Math.max(0, v[i])));
    const sum = full.reduce((a, b) => a + b, 0);
    if (!(sum > 0)) return null;
    return full.map((p) => p / sum);
  };
  for (let k = 1; k <= Math.min(m, n); k++) {
    const rows = subsets(m, k);
    const cols = subsets(n, k);
    for (const I of rows) {
      for (const J of cols) {
        // y (column's mix over J) makes the row player indifferent over I, and vice versa.
        const y = normalise(indifferenceMix(A, I, J), J, n);
        if (!y) continue;
        const x = normalise(indifferenceMix((j, i) => B(i, j), J, I), I, m);
        if (!x) continue;
        const rowPay = Array.from({ length: m }, (_, i) => y.reduce((s, yj, j) => s + A(i, j) * yj, 0));
        const colPay = Array.from({ length: n }, (_, j) => x.reduce((s, xi, i) => s + B(i, j) * xi, 0));
        const v0 = x.reduce((s, xi, i) => s + xi * rowPay[i], 0);
        const v1 = y.reduce((s, yj, j) => s + yj * colPay[j], 0);
        if (rowPay.some((u) => u > v0 + tol) || colPay.some((u) => u > v1 + tol)) continue;
        const dup = out.some(
          (e) => e.probabilities[0].every((p, i) => Math.abs(p - x[i]) <= 1e-7 + probTol) && e.probabilities[1].every((p, j) => Math.abs(p - y[j]) <= 1e-7 + probTol),
        );
        if (dup) continue;
        const support: [number[], number[]] = [x.flatMap((p, i) => (p > probTol ? [i] : [])), y.flatMap((p, j) => (p > probTol ? [j] : []))];
        out.push({ probabilities: [x, y], support, payoffs: [v0, v1], pure: support[0].length === 1 && support[1].length === 1 });
      }
    }
  }
  return out;
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
