/**
 * Empirical games: normal-form games whose payoffs are measured from the simulation (fix each
 * player's strategy, run R replicates, read each player's payoff), and the solvers the lessons use
 * on them: pure Nash equilibria, dominated strategies and their iterated elimination, Pareto
 * comparison, mixed equilibria of two-player games by support enumeration, robustness of an
 * equilibrium to the sampling uncertainty of its payoffs, and the folk-theorem threshold of the
 * n-firma buyers' cartel.
 *
 * Sources: Osborne, *An Introduction to Game Theory* (2004), ch. 2–4 (Nash equilibrium,
 * dominance, mixed strategies) and ch. 14–15 (repeated games, grim trigger); Gibbons, *Game Theory
 * for Applied Economists* (1992), §1.1 (iterated elimination), §1.3 (mixed strategies), §2.3
 * (infinitely repeated games); Nisan et al., *Algorithmic Game Theory* (2007), §3.2 (support
 * enumeration); Wellman, "Methods for empirical game-theoretic analysis" (AAAI 2006).
 *
 * Pure string and number work: no I/O, no clock, no randomness. Solvers read mean payoffs;
 * the robustness checks read the 95% intervals.
 */
import { type Stat, pairedStat, stat } from './statistics.ts';

// ---------------------------------------------------------------------------------------------
// Types and profiles
// ---------------------------------------------------------------------------------------------

/** A player and its named strategies (strategy `i` of the player is `strategies[i]`). */
export interface GamePlayer {
  name: string;
  strategies: readonly string[];
}

/**
 * A normal-form game with n players and measured payoffs.
 *
 * Profiles are indexed row-major with player 0 slowest: profile `[s0, s1, …, s(n−1)]` has index
 * `((s0·m1 + s1)·m2 + s2)…` where `mi` is the number of strategies of player i. For two players
 * this is the usual matrix reading: row = player 0's strategy, column = player 1's.
 */
export interface NormalFormGame {
  players: GamePlayer[];
  /** `payoffs[profileIndex][player]`: the payoff with its uncertainty over replicates. */
  payoffs: Stat[][];
  /**
   * `samples[profileIndex][player][replicate]`, kept by {@link measureGame} so that deviation
   * gains can be paired by replicate; absent for games built from fixed numbers.
   */
  samples?: number[][][];
}

/** Anything with players and their strategy sets (a game, or its shape before payoffs exist). */
export interface GameShape {
  readonly players: readonly GamePlayer[];
}

/** Number of strategy profiles of a game (the product of the strategy-set sizes). */
export function profileCount(game: GameShape): number {
  return game.players.reduce((acc, p) => acc * p.strategies.length, 1);
}

/**
 * Index of a profile in {@link NormalFormGame.payoffs} (row-major, player 0 slowest).
 * @example profileIndex(game2x2, [1, 0]) === 2
 */
export function profileIndex(game: GameShape, profile: readonly number[]): number {
  const { players } = game;
  if (profile.length !== players.length) throw new Error(`a profile needs one strategy per player (${players.length}), got ${profile.length}`);
  let k = 0;
  for (let p = 0; p < players.length; p++) {
    const m = players[p].strategies.length;
    const s = profile[p];
    if (!Number.isInteger(s) || s < 0 || s >= m) throw new Error(`strategy ${s} out of range for player ${players[p].name} (0..${m - 1})`);
    k = k * m + s;
  }
  return k;
}

/**
 * The profile at an index (inverse of {@link profileIndex}).
 * @example profileAt(game2x2, 2) // [1, 0]
 */
export function profileAt(game: GameShape, index: number): number[] {
  const { players } = game;
  const out = new Array<number>(players.length);
  let k = index;
  for (let p = players.length - 1; p >= 0; p--) {
    const m = players[p].strategies.length;
    out[p] = k % m;
    k = Math.floor(k / m);
  }
  return out;
}

/** Strategy names of a profile, one per player. */
export function profileLabels(game: GameShape, profile: readonly number[]): string[] {
  return profile.map((s, p) => game.players[p].strategies[s]);
}

/** Mean payoff of `player` at `profile`. */
export function meanPayoff(game: NormalFormGame, profile: readonly number[], player: number): number {
  return game.payoffs[profileIndex(game, profile)][player].mean;
}

const MAX_PROFILES = 1_000_000;

function checkPlayers(players: readonly GamePlayer[]): void {
  if (players.length === 0) throw new Error('a game needs at least one player');
  let count = 1;
  for (const p of players) {
    if (p.strategies.length === 0) throw new Error(`player ${p.name} has no strategies`);
    if (new Set(p.strategies).size !== p.strategies.length) throw new Error(`player ${p.name} has duplicate strategy names`);
    count *= p.strategies.length;
  }
  if (count > MAX_PROFILES) throw new Error(`too many strategy profiles (${count} > ${MAX_PROFILES})`);
}

function copyPlayers(players: readonly GamePlayer[]): GamePlayer[] {
  return players.map((p) => ({ name: p.name, strategies: [...p.strategies] }));
}

/** A payoff known exactly: n = 1, sd = 0, the interval is the point itself. */
export function exactStat(x: number): Stat {
  return stat([x]);
}

/**
 * Build a game from fixed payoffs (no uncertainty), e.g. a textbook game.
 * `payoffs[profileIndex][player]` in the row-major order of {@link profileIndex}.
 * @example gameFromPayoffs([{ name: 'A', strategies: ['x'] }], [[1]])
 */
export function gameFromPayoffs(players: readonly GamePlayer[], payoffs: readonly (readonly number[])[]): NormalFormGame {
  checkPlayers(players);
  const count = profileCount({ players });
  if (payoffs.length !== count) throw new Error(`expected ${count} payoff vectors, got ${payoffs.length}`);
  return {
    players: copyPlayers(players),
    payoffs: payoffs.map((v, k) => {
      if (v.length !== players.length) throw new Error(`profile ${k}: expected ${players.length} payoffs, got ${v.length}`);
      return v.map((x) => {
        if (!Number.isFinite(x)) throw new Error(`profile ${k}: payoff ${x} is not a finite number`);
        return exactStat(x);
      });
    }),
  };
}

/**
 * A two-player game from its two payoff matrices: `a[i][j]` is the row player's payoff and
 * `b[i][j]` the column player's when row plays i and column plays j.
 * @example
 * const pd = bimatrixGame(['C', 'D'], ['C', 'D'], [[3, 0], [5, 1]], [[3, 5], [0, 1]]);
 */
export function bimatrixGame(
  rowStrategies: readonly string[],
  colStrategies: readonly string[],
  a: readonly (readonly number[])[],
  b: readonly (readonly number[])[],
  names: readonly [string, string] = ['row', 'column'],
): NormalFormGame {
  const m = rowStrategies.length;
  const n = colStrategies.length;
  if (a.length !== m || b.length !== m || a.some((r) => r.length !== n) || b.some((r) => r.length !== n)) {
    throw new Error(`payoff matrices must be ${m}×${n}`);
  }
  const payoffs: number[][] = [];
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) payoffs.push([a[i][j], b[i][j]]);
  return gameFromPayoffs(
    [
      { name: names[0], strategies: rowStrategies },
      { name: names[1], strategies: colStrategies },
    ],
    payoffs,
  );
}

/**
 * Measure a game: evaluate every strategy profile over `replicates` replicates and summarise each
 * player's payoff (mean, sd, 95% interval of the mean).
 *
 * Calls are made in a fixed order: profiles row-major with player 0 slowest (index 0, 1, … of
 * {@link profileIndex}), and for each profile replicates 0 … R−1. The callback receives a fresh
 * copy of the profile. Pass the replicate index on to the seed so that replicate r of every profile
 * shares its random numbers (common random numbers): deviation gains can then be paired.
 *
 * @param payoff returns one finite payoff per player; anything else throws.
 * @example
 * const game = measureGame(
 *   [{ name: 'SL', strategies: ['protect', 'predate'] }, { name: 'firma', strategies: ['pay', 'refuse'] }],
 *   30,
 *   (profile, r) => runWithStrategies(profile, seedFor(r)), // → [slPayoff, firmaPayoff]
 * );
 */
export function measureGame(
  players: readonly GamePlayer[],
  replicates: number,
  payoff: (profile: number[], replicate: number) => readonly number[],
): NormalFormGame {
  checkPlayers(players);
  if (!Number.isInteger(replicates) || replicates < 1) throw new Error(`replicates must be a positive integer, got ${replicates}`);
  const n = players.length;
  const shape = { players };
  const count = profileCount(shape);
  const payoffs: Stat[][] = [];
  const samples: number[][][] = [];
  for (let k = 0; k < count; k++) {
    const profile = profileAt(shape, k);
    const perPlayer: number[][] = Array.from({ length: n }, () => new Array<number>(replicates));
    for (let r = 0; r < replicates; r++) {
      const v = payoff([...profile], r);
      if (!v || v.length !== n) throw new Error(`payoff callback returned ${v?.length} values for profile [${profile}] (expected ${n})`);
      for (let p = 0; p < n; p++) {
        if (!Number.isFinite(v[p])) throw new Error(`payoff callback returned ${v[p]} for player ${players[p].name} at profile [${profile}], replicate ${r}`);
        perPlayer[p][r] = v[p];
      }
    }
    samples.push(perPlayer);
    payoffs.push(perPlayer.map((xs) => stat(xs)));
  }
  return { players: copyPlayers(players), payoffs, samples };
}

/**
 * The sub-game in which each player keeps only the listed strategies (indices into the original
 * sets, in the order given). Payoffs and samples are carried over.
 */
export function restrictGame(game: NormalFormGame, keep: readonly (readonly number[])[]): NormalFormGame {
  if (keep.length !== game.players.length) throw new Error('restrictGame needs one strategy list per player');
  const players = game.players.map((p, i) => {
    if (keep[i].length === 0) throw new Error(`player ${p.name} must keep at least one strategy`);
    return { name: p.name, strategies: keep[i].map((s) => p.strategies[s]) };
  });
  checkPlayers(players);
  const count = profileCount({ players });
  const payoffs: Stat[][] = [];
  const samples: number[][][] | undefined = game.samples ? [] : undefined;
  for (let k = 0; k < count; k++) {
    const sub = profileAt({ players }, k);
    const orig = profileIndex(game, sub.map((s, p) => keep[p][s]));
    payoffs.push(game.payoffs[orig]);
    if (samples && game.samples) samples.push(game.samples[orig]);
  }
  return samples ? { players, payoffs, samples } : { players, payoffs };
}

// ---------------------------------------------------------------------------------------------
// Tolerance and enumeration helpers
// ---------------------------------------------------------------------------------------------

/** Options shared by the solvers. */
export interface SolverOptions {
  /**
   * Absolute tolerance on payoff comparisons: a deviation "gains" only if it gains more than
   * this. Default 1e-9 × max(1, largest |mean payoff|), so that dollar-scale payoffs work.
   */
  tol?: number;
}

/** The default payoff tolerance of a game (see {@link SolverOptions.tol}). */
export function payoffTolerance(game: NormalFormGame): number {
  let big = 1;
  for (const v of game.payoffs) for (const s of v) big = Math.max(big, Math.abs(s.mean));
  return 1e-9 * big;
}

function tolOf(game: NormalFormGame, options?: SolverOptions): number {
  const tol = options?.tol ?? payoffTolerance(game);
  if (!(tol >= 0)) throw new Error(`tolerance must be non-negative, got ${tol}`);
  return tol;
}

/** Calls `f` with every profile of the given strategy sets, row-major, player 0 slowest. */
function forEachProfile(sets: readonly (readonly number[])[], f: (profile: number[]) => void): void {
  const n = sets.length;
  if (sets.some((s) => s.length === 0)) return;
  const pos = new Array<number>(n).fill(0);
  const profile = sets.map((s) => s[0]);
  for (;;) {
    f(profile);
    let p = n - 1;
    while (p >= 0) {
      pos[p]++;
      if (pos[p] < sets[p].length) {
        profile[p] = sets[p][pos[p]];
        break;
      }
      pos[p] = 0;
      profile[p] = sets[p][0];
      p--;
    }
    if (p < 0) return;
  }
}

function allStrategies(game: NormalFormGame): number[][] {
  return game.players.map((p) => p.strategies.map((_, i) => i));
}

function withStrategy(profile: readonly number[], player: number, s: number): number[] {
  const q = [...profile];
  q[player] = s;
  return q;
}

// ---------------------------------------------------------------------------------------------
// Pure equilibria, best responses, dominance, Pareto
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

/** A strategy dominated by another pure strategy of the same player. */
export interface Domination {
  player: number;
  strategy: number;
  /** `strict`: some other strategy does better against every profile of the others; `weak`: never worse, sometimes better (and none strictly). */
  kind: 'strict' | 'weak';
  /** The strategies that dominate it (strictly when kind is strict, weakly otherwise). */
  dominatedBy: number[];
}

function compareAgainstOpponents(
  game: NormalFormGame,
  sets: readonly (readonly number[])[],
  player: number,
  t: number,
  s: number,
  tol: number,
): 'strict' | 'weak' | null {
  // Does t dominate s for `player`, against every profile of the others in `sets`?
  const others = sets.map((set, p) => (p === player ? [s] : set));
  let strictly = true;
  let weakly = true;
  let somewhereBetter = false;
  forEachProfile(others, (profile) => {
    if (!weakly) return;
    const us = meanPayoff(game, profile, player);
    const ut = meanPayoff(game, withStrategy(profile, player, t), player);
    if (ut <= us + tol) strictly = false;
    if (ut < us - tol) weakly = false;
    if (ut > us + tol) somewhereBetter = true;
  });
  if (strictly) return 'strict';
  if (weakly && somewhereBetter) return 'weak';
  return null;
}

function dominatedIn(game: NormalFormGame, sets: readonly (readonly number[])[], tol: number, strictOnly: boolean): Domination[] {
  const out: Domination[] = [];
  for (let p = 0; p < game.players.length; p++) {
    for (const s of sets[p]) {
      const strict: number[] = [];
      const weak: number[] = [];
      for (const t of sets[p]) {
        if (t === s) continue;
        const kind = compareAgainstOpponents(game, sets, p, t, s, tol);
        if (kind === 'strict') strict.push(t);
        else if (kind === 'weak') weak.push(t);
      }
      if (strict.length > 0) out.push({ player: p, strategy: s, kind: 'strict', dominatedBy: strict });
      else if (!strictOnly && weak.length > 0) out.push({ player: p, strategy: s, kind: 'weak', dominatedBy: weak });
    }
  }
  return out;
}

/**
 * Strategies dominated by another pure strategy (strictly or weakly), for every player, on mean
 * payoffs. Domination by mixed strategies is not checked. Ordered by player, then strategy.
 * @example dominatedStrategies(prisonersDilemma) // C strictly dominated by D, for both players
 */
export function dominatedStrategies(game: NormalFormGame, options?: SolverOptions): Domination[] {
  return dominatedIn(game, allStrategies(game), tolOf(game, options), false);
}

/** One step of iterated elimination. */
export interface Elimination extends Domination {
  /** 1 for strategies removed in the first pass, and so on. */
  round: number;
}

/** The outcome of iterated elimination of strictly dominated strategies. */
export interface EliminationResult {
  /** Surviving strategy indices (into the original game) per player. */
  surviving: number[][];
  /** What was removed, round by round. */
  eliminated: Elimination[];
  /** True when every player is left with a single strategy (the game is dominance solvable). */
  solved: boolean;
  /** The reduced game. */
  reduced: NormalFormGame;
}

/**
 * Iterated elimination of strictly dominated strategies (by pure strategies), on mean payoffs.
 * Each round removes every strategy that is strictly dominated in the current reduced game, for
 * all players at once, until none is; with strict dominance the result does not depend on the
 * order (Gibbons 1992, §1.1.B).
 * @example iteratedElimination(game).surviving // [[0], [1]] for Gibbons' 2×3 example
 */
export function iteratedElimination(game: NormalFormGame, options?: SolverOptions): EliminationResult {
  const tol = tolOf(game, options);
  let sets = allStrategies(game);
  const eliminated: Elimination[] = [];
  for (let round = 1; ; round++) {
    const found = dominatedIn(game, sets, tol, true);
    if (found.length === 0) break;
    for (const d of found) eliminated.push({ ...d, round });
    sets = sets.map((set, p) => set.filter((s) => !found.some((d) => d.player === p && d.strategy === s)));
  }
  return { surviving: sets, eliminated, solved: sets.every((s) => s.length === 1), reduced: restrictGame(game, sets) };
}

/** True when profile `a` Pareto-dominates profile `b`: nobody worse off, somebody better off (mean payoffs). */
export function paretoDominates(game: NormalFormGame, a: readonly number[], b: readonly number[], options?: SolverOptions): boolean {
  const tol = tolOf(game, options);
  const ua = game.payoffs[profileIndex(game, a)];
  const ub = game.payoffs[profileIndex(game, b)];
  let better = false;
  for (let p = 0; p < ua.length; p++) {
    if (ua[p].mean < ub[p].mean - tol) return false;
    if (ua[p].mean > ub[p].mean + tol) better = true;
  }
  return better;
}

/** The profiles that Pareto-dominate `profile`, in profile order. */
export function paretoDominators(game: NormalFormGame, profile: readonly number[], options?: SolverOptions): number[][] {
  const out: number[][] = [];
  const count = profileCount(game);
  for (let k = 0; k < count; k++) {
    const q = profileAt(game, k);
    if (paretoDominates(game, q, profile, options)) out.push(q);
  }
  return out;
}

/**
 * The Pareto-optimal profiles (no other profile Pareto-dominates them), in profile order.
 * @example paretoOptimalProfiles(prisonersDilemma) // [[0,0], [0,1], [1,0]]: all but (D, D)
 */
export function paretoOptimalProfiles(game: NormalFormGame, options?: SolverOptions): number[][] {
  const out: number[][] = [];
  const count = profileCount(game);
  for (let k = 0; k < count; k++) {
    const q = profileAt(game, k);
    if (paretoDominators(game, q, options).length === 0) out.push(q);
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

// ---------------------------------------------------------------------------------------------
// Everything at once
// ---------------------------------------------------------------------------------------------

/** A pure equilibrium with its robustness and Pareto standing. */
export interface AnalyzedEquilibrium extends PureEquilibrium {
  robustness: Robustness;
  /** `robust` or `fragile` (see {@link equilibriumRobustness}). */
  verdict: 'robust' | 'fragile';
  /** Profiles that Pareto-dominate it (the prisoner's dilemma's (D, D) is dominated by (C, C)). */
  paretoDominatedBy: number[][];
}

/** The full reading of a game. */
export interface GameAnalysis {
  pure: AnalyzedEquilibrium[];
  /** Mixed equilibria (two-player games only; null otherwise). */
  mixed: MixedEquilibrium[] | null;
  dominated: Domination[];
  elimination: EliminationResult;
  paretoOptimal: number[][];
}

/**
 * Run every solver on a game: pure equilibria with robustness and Pareto standing, mixed
 * equilibria for two players, dominated strategies, iterated elimination and the Pareto set.
 * @example
 * const a = analyzeGame(measureGame(players, 30, runProfile), { method: 'paired' });
 * a.pure.map((e) => `${e.labels.join('/')} ${e.verdict}`);
 */
export function analyzeGame(game: NormalFormGame, options?: MixedOptions & RobustnessOptions): GameAnalysis {
  const pure = pureNashEquilibria(game, options).map((e) => {
    const robustness = equilibriumRobustness(game, e.profile, options);
    return { ...e, robustness, verdict: robustness.robust ? ('robust' as const) : ('fragile' as const), paretoDominatedBy: paretoDominators(game, e.profile, options) };
  });
  return {
    pure,
    mixed: game.players.length === 2 ? mixedNashEquilibria(game, options) : null,
    dominated: dominatedStrategies(game, options),
    elimination: iteratedElimination(game, options),
    paretoOptimal: paretoOptimalProfiles(game, options),
  };
}

// ---------------------------------------------------------------------------------------------
// The n-firma buyers' cartel: folk-theorem threshold
// ---------------------------------------------------------------------------------------------

/**
 * The critical discount factor of grim trigger in a repeated prisoner's dilemma:
 * δ* = (T − R)/(T − P), where R is each player's stage payoff when all cooperate, T the
 * defector's one-shot payoff when the others cooperate and P the payoff when all defect.
 * Cooperation is a subgame-perfect equilibrium iff R/(1−δ) ≥ T + δP/(1−δ), i.e. δ ≥ δ*
 * (Osborne 2004, §14.7; Gibbons 1992, §2.3.B).
 *
 * Edge cases: T ≤ R (no temptation) gives 0; T > R with T ≤ P (punishment no worse than the
 * temptation) gives Infinity (never sustainable); R ≤ P gives δ* ≥ 1 (never sustainable for δ < 1).
 * @example criticalDiscount(3, 5, 1) === 0.5
 */
export function criticalDiscount(R: number, T: number, P: number): number {
  if (![R, T, P].every(Number.isFinite)) throw new Error(`criticalDiscount needs finite payoffs, got R=${R}, T=${T}, P=${P}`);
  if (T <= R) return 0;
  if (T <= P) return Infinity;
  return (T - R) / (T - P);
}

/** Measured stage payoffs of the buyers' game with n firmas. */
export interface CartelPayoffs {
  /** Number of firmas. */
  n: number;
  /** Each firma's monthly payoff when all hold the agreement (a number or a measured Stat). */
  R: number | Stat;
  /** The defector's one-shot payoff when the others hold. */
  T: number | Stat;
  /** Each firma's payoff when all break it. */
  P: number | Stat;
}

/** The folk-theorem reading for one n. */
export interface CartelRow {
  n: number;
  R: number;
  T: number;
  P: number;
  /** δ*(n) on the mean payoffs. */
  deltaStar: number;
  /** Range of δ* over the corners of the payoffs' 95% intervals (a point for exact payoffs). */
  deltaStarRange: [number, number];
  /** δ ≥ δ*(n) on means. */
  sustainable: boolean;
  /** δ ≥ δ* at every corner of the intervals. */
  robustlySustainable: boolean;
}

/** The folk-theorem reading of the buyers' cartel over n. */
export interface CartelSustainability {
  delta: number;
  /** One row per n, ascending. */
  rows: CartelRow[];
  /** The largest n at which cooperation is sustainable (δ ≥ δ*(n)); null if none. */
  maxSustainableN: number | null;
  /** The largest n such that cooperation is sustainable at every measured n up to it; null if not at the smallest. */
  sustainableUpTo: number | null;
}

function asInterval(x: number | Stat): { mean: number; lo: number; hi: number } {
  return typeof x === 'number' ? { mean: x, lo: x, hi: x } : { mean: x.mean, lo: x.ci95[0], hi: x.ci95[1] };
}

/**
 * For the n-player buyers' game (firmas holding or breaking an informal leaf-price agreement),
 * the folk-theorem critical discount δ*(n) = (T(n) − R(n))/(T(n) − P(n)) at each measured n, and
 * the largest n at which grim-trigger cooperation is sustainable at discount factor δ
 * (δ ≥ δ*(n)). With more firmas each one's share of the cartel rent R(n) shrinks while the
 * one-shot gain of outbidding stays large, so δ*(n) rises toward 1: the collective-action
 * failure (Osborne 2004, ch. 14–15; Gibbons 1992, §2.3.B; Stigler 1964).
 *
 * @param delta the firmas' monthly discount factor, in [0, 1).
 * @example
 * cartelSustainability([{ n: 2, R: 6, T: 10, P: 2 }, { n: 6, R: 2, T: 10, P: 0 }], 0.75).maxSustainableN === 2
 */
export function cartelSustainability(points: readonly CartelPayoffs[], delta: number): CartelSustainability {
  if (!(delta >= 0 && delta < 1)) throw new Error(`discount factor must be in [0, 1), got ${delta}`);
  const sorted = [...points].sort((a, b) => a.n - b.n);
  sorted.forEach((p, i) => {
    if (!Number.isFinite(p.n) || p.n < 1) throw new Error(`number of firmas must be ≥ 1, got ${p.n}`);
    if (i > 0 && sorted[i - 1].n === p.n) throw new Error(`n = ${p.n} appears twice`);
  });
  const rows: CartelRow[] = sorted.map((pt) => {
    const R = asInterval(pt.R);
    const T = asInterval(pt.T);
    const P = asInterval(pt.P);
    const deltaStar = criticalDiscount(R.mean, T.mean, P.mean);
    let lo = Infinity;
    let hi = -Infinity;
    for (const r of [R.lo, R.hi]) {
      for (const t of [T.lo, T.hi]) {
        for (const p of [P.lo, P.hi]) {
          const d = criticalDiscount(r, t, p);
          lo = Math.min(lo, d);
          hi = Math.max(hi, d);
        }
      }
    }
    return { n: pt.n, R: R.mean, T: T.mean, P: P.mean, deltaStar, deltaStarRange: [lo, hi], sustainable: delta >= deltaStar, robustlySustainable: delta >= hi };
  });
  let maxSustainableN: number | null = null;
  for (const r of rows) if (r.sustainable) maxSustainableN = r.n;
  let sustainableUpTo: number | null = null;
  for (const r of rows) {
    if (!r.sustainable) break;
    sustainableUpTo = r.n;
  }
  return { delta, rows, maxSustainableN, sustainableUpTo };
}

// ---------------------------------------------------------------------------------------------
// Plain-text payoff matrix
// ---------------------------------------------------------------------------------------------

/** Options of {@link formatPayoffMatrix}. */
export interface PayoffTableOptions extends SolverOptions {
  /** Decimal places. Default 2. */
  digits?: number;
}

function formatNumber(s: Stat, digits: number): string {
  const half = (s.ci95[1] - s.ci95[0]) / 2;
  const m = s.mean.toFixed(digits);
  const mean = /^-0(\.0*)?$/.test(m) ? m.slice(1) : m;
  return half > 0 ? `${mean} ± ${half.toFixed(digits)}` : mean;
}

/**
 * A two-player payoff matrix as a plain-text table: rows are player 0's strategies, columns
 * player 1's, each cell "a ± h, b ± h" (mean payoffs with the half-widths of their 95% intervals;
 * the ± is left out for exact payoffs), pure Nash equilibria (on means) marked with `*`, and a
 * legend line. Ends with a newline.
 * @example
 * formatPayoffMatrix(pd);
 * // row \ column  C        D
 * // C             3, 3     0, 5
 * // D             5, 0     1, 1 *
 * // * pure Nash equilibrium (mean payoffs)
 */
export function formatPayoffMatrix(game: NormalFormGame, options?: PayoffTableOptions): string {
  if (game.players.length !== 2) throw new Error(`formatPayoffMatrix draws two-player games (this one has ${game.players.length})`);
  const digits = options?.digits ?? 2;
  const [p0, p1] = game.players;
  const n = p1.strategies.length;
  const equilibria = new Set(pureNashEquilibria(game, options).map((e) => e.profile[0] * n + e.profile[1]));
  const table: string[][] = [[`${p0.name} \\ ${p1.name}`, ...p1.strategies]];
  p0.strategies.forEach((rowName, i) => {
    const row = [rowName];
    for (let j = 0; j < n; j++) {
      const k = i * n + j;
      const cell = `${formatNumber(game.payoffs[k][0], digits)}, ${formatNumber(game.payoffs[k][1], digits)}`;
      row.push(equilibria.has(k) ? `${cell} *` : cell);
    }
    table.push(row);
  });
  const widths = table[0].map((_, c) => Math.max(...table.map((r) => r[c].length)));
  const lines = table.map((r) => r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]))).join('   ').trimEnd());
  const measured = game.payoffs.some((v) => v.some((x) => x.ci95[1] > x.ci95[0]));
  lines.push(`* pure Nash equilibrium (mean payoffs)${measured ? '; ± half-width of the 95% interval' : ''}`);
  return lines.join('\n') + '\n';
}
