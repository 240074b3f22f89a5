/**
 * What every solver shares: the payoff tolerance of comparisons (dollar-scale payoffs need a
 * relative one) and the enumeration of strategy profiles.
 */
import { type NormalFormGame } from './game.ts';

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

export function tolOf(game: NormalFormGame, options?: SolverOptions): number {
  const tol = options?.tol ?? payoffTolerance(game);
  if (!(tol >= 0)) throw new Error(`tolerance must be non-negative, got ${tol}`);
  return tol;
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
