/**
 * The full reading of a game at once: every solver's answer, each pure equilibrium with its
 * robustness verdict and Pareto standing.
 */
import { type NormalFormGame } from './game.ts';
import { type PureEquilibrium, pureNashEquilibria, type MixedEquilibrium, type MixedOptions, mixedNashEquilibria, type MixedMethod, mixedMethod, type RobustnessOptions, type Robustness, equilibriumRobustness } from './equilibria.ts';
import { type Domination, dominatedStrategies, type EliminationResult, iteratedElimination, paretoDominators, paretoOptimalProfiles } from './dominance.ts';

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
  /** How they were found: every extreme equilibrium, or some by Lemke–Howson (null for n ≠ 2). */
  mixedMethod: MixedMethod | null;
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
    mixedMethod: game.players.length === 2 ? mixedMethod(game) : null,
    dominated: dominatedStrategies(game, options),
    elimination: iteratedElimination(game, options),
    paretoOptimal: paretoOptimalProfiles(game, options),
  };
}
