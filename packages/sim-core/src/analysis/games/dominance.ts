/**
 * Dominance and Pareto comparison: strategies dominated by another pure strategy or strictly by a
 * mixture of the player's other strategies, iterated elimination of strictly dominated
 * strategies, and the Pareto order of profiles (mean payoffs).
 *
 * Domination by a mixture is a small linear programme (Fudenberg & Tirole 1991, §2.1; Myerson
 * 1991, §3.8): maximise ε such that Σ_t σ_t·u(t, o) ≥ u(s, o) + ε against every profile o of the
 * others, σ a probability vector over the player's other strategies; s is strictly dominated when
 * the optimum ε > 0. A strategy that no pure strategy dominates can be (the middle of three where
 * either extreme loses somewhere but their average never does).
 *
 * Sources: Osborne (2004) ch. 2, 4; Gibbons (1992) §1.1 (iterated elimination).
 */
import { type NormalFormGame, profileCount, profileIndex, profileAt, meanPayoff, restrictGame } from './game.ts';
import { type SolverOptions, tolOf, forEachProfile, allStrategies, withStrategy, payoffRanges } from './solving.ts';
import { type LinearConstraint, maximise } from './linear.ts';

/** A strategy dominated by another strategy (pure or mixed) of the same player. */
export interface Domination {
  player: number;
  strategy: number;
  /** `strict`: some other strategy (or mixture) does better against every profile of the others; `weak`: never worse, sometimes better (and none strictly). */
  kind: 'strict' | 'weak';
  /** The strategies that dominate it (strictly when kind is strict, weakly otherwise); for a mixture, its support. */
  dominatedBy: number[];
  /** Present when only a mixture dominates it: the probabilities of `dominatedBy`'s strategies. */
  mixture?: number[];
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

/**
 * A mixture of `player`'s other strategies in `sets` that strictly dominates `s`, or null. Solved
 * on the player's payoffs normalised to its range (so the margin is unit-free).
 */
function dominatingMixture(game: NormalFormGame, sets: readonly (readonly number[])[], player: number, s: number): { support: number[]; mixture: number[] } | null {
  const others = sets[player].filter((t) => t !== s);
  if (others.length < 2) return null; // one alternative: pure domination already covers it
  const { min, range } = payoffRanges(game)[player];
  if (!(range > 0)) return null;
  const u = (profile: readonly number[]) => (meanPayoff(game, profile, player) - min) / range;
  // Variables: σ_t for t in `others`, then e = ε + 1 ≥ 0 (ε ≥ −1 always, payoffs being in [0, 1]).
  const k = others.length;
  const constraints: LinearConstraint[] = [{ coef: [...others.map(() => 1), 0], kind: '=', rhs: 1 }];
  forEachProfile(sets.map((set, p) => (p === player ? [s] : set)), (profile) => {
    // Σ σ_t u(t, o) − e ≥ u(s, o) − 1
    constraints.push({ coef: [...others.map((t) => u(withStrategy(profile, player, t))), -1], kind: '>=', rhs: u(profile) - 1 });
  });
  const c = new Array<number>(k + 1).fill(0);
  c[k] = 1;
  const lp = maximise(c, constraints);
  if (lp.status !== 'optimal' || !(lp.value - 1 > 1e-9)) return null;
  const support = others.filter((_, i) => lp.x[i] > 1e-9);
  return { support, mixture: support.map((t) => lp.x[others.indexOf(t)]) };
}

function dominatedIn(game: NormalFormGame, sets: readonly (readonly number[])[], tol: number[], strictOnly: boolean): Domination[] {
  const out: Domination[] = [];
  for (let p = 0; p < game.players.length; p++) {
    for (const s of sets[p]) {
      const strict: number[] = [];
      const weak: number[] = [];
      for (const t of sets[p]) {
        if (t === s) continue;
        const kind = compareAgainstOpponents(game, sets, p, t, s, tol[p]);
        if (kind === 'strict') strict.push(t);
        else if (kind === 'weak') weak.push(t);
      }
      if (strict.length > 0) {
        out.push({ player: p, strategy: s, kind: 'strict', dominatedBy: strict });
        continue;
      }
      const mixed = dominatingMixture(game, sets, p, s);
      if (mixed) out.push({ player: p, strategy: s, kind: 'strict', dominatedBy: mixed.support, mixture: mixed.mixture });
      else if (!strictOnly && weak.length > 0) out.push({ player: p, strategy: s, kind: 'weak', dominatedBy: weak });
    }
  }
  return out;
}

/**
 * Strategies dominated by another pure strategy (strictly or weakly) or strictly by a mixture of
 * the player's other strategies, for every player, on mean payoffs. Ordered by player, then
 * strategy.
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
 * Iterated elimination of strictly dominated strategies (by pure or mixed strategies), on mean
 * payoffs.
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
    if (ua[p].mean < ub[p].mean - tol[p]) return false;
    if (ua[p].mean > ub[p].mean + tol[p]) better = true;
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
