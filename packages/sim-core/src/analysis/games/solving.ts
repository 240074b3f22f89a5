/**
 * What every solver shares: the payoff tolerance of comparisons, each player's payoffs normalised
 * to its own range (so that no answer depends on the units, or on a shift, of a player's payoffs:
 * a game measured in dollars per month has the equilibria of the same game in millions), and the
 * enumeration of strategy profiles.
 */
import { type NormalFormGame } from './game.ts';

/** Options shared by the solvers. */
export interface SolverOptions {
  /**
   * Absolute tolerance on payoff comparisons, in the payoffs' units, for every player: a deviation
   * "gains" only if it gains more than this. Default: 1e-9 × each player's own payoff range, so
   * that scaling or shifting a player's payoffs changes nothing.
   */
  tol?: number;
}

/** Each player's lowest mean payoff and the range of its mean payoffs (0 when all are equal). */
export function payoffRanges(game: NormalFormGame): { min: number; range: number }[] {
  return game.players.map((_, p) => {
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of game.payoffs) {
      lo = Math.min(lo, v[p].mean);
      hi = Math.max(hi, v[p].mean);
    }
    return { min: lo, range: hi - lo };
  });
}

/**
 * The default payoff tolerance of each player (see {@link SolverOptions.tol}): 1e-9 of its range,
 * and a floor relative to its largest |payoff| so that rounding in a shifted game is not a gain.
 */
export function payoffTolerance(game: NormalFormGame): number[] {
  return payoffRanges(game).map(({ min, range }) => 1e-9 * range + 4 * Number.EPSILON * Math.max(Math.abs(min), Math.abs(min + range)));
}

/** Per-player tolerances: the option for everyone, or each player's default. */
export function tolOf(game: NormalFormGame, options?: SolverOptions): number[] {
  if (options?.tol === undefined) return payoffTolerance(game);
  const tol = options.tol;
  if (!(tol >= 0)) throw new Error(`tolerance must be non-negative, got ${tol}`);
  return game.players.map(() => tol);
}

/**
 * The two players' mean payoff matrices normalised to [1, 2] (each by its own range; a player
 * indifferent everywhere gets 1 everywhere): positive, as the best-response polytopes need, and
 * of one scale whatever the units.
 */
export function normalisedBimatrix(game: NormalFormGame): [number[][], number[][]] {
  const m = game.players[0].strategies.length;
  const n = game.players[1].strategies.length;
  const [r0, r1] = payoffRanges(game);
  const norm = (v: number, r: { min: number; range: number }) => (r.range > 0 ? (v - r.min) / r.range : 0) + 1;
  const A = Array.from({ length: m }, (_, i) => Array.from({ length: n }, (_, j) => norm(game.payoffs[i * n + j][0].mean, r0)));
  const B = Array.from({ length: m }, (_, i) => Array.from({ length: n }, (_, j) => norm(game.payoffs[i * n + j][1].mean, r1)));
  return [A, B];
}

/** Calls `f` with every profile of the given strategy sets, row-major, player 0 slowest. */
export function forEachProfile(sets: readonly (readonly number[])[], f: (profile: number[]) => void): void {
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

export function allStrategies(game: NormalFormGame): number[][] {
  return game.players.map((p) => p.strategies.map((_, i) => i));
}

export function withStrategy(profile: readonly number[], player: number, s: number): number[] {
  const q = [...profile];
  q[player] = s;
  return q;
}
