/**
 * Empirical games: normal-form games whose payoffs are measured from the simulation (fix each
 * player's strategy, run R replicates, read each player's payoff), and the solvers the lessons use
 * on them: pure Nash equilibria, dominated strategies and their iterated elimination, Pareto
 * comparison, domination by mixed strategies, mixed equilibria of two-player games by vertex
 * enumeration (Lemke–Howson for large games), robustness of an equilibrium to the sampling
 * uncertainty of its payoffs, and the folk-theorem threshold of the n-firma buyers' cartel. Every
 * solver is invariant to a positive scale and a shift of each player's payoffs.
 *
 * Sources: Osborne, *An Introduction to Game Theory* (2004), ch. 2–4 (Nash equilibrium,
 * dominance, mixed strategies) and ch. 14–15 (repeated games, grim trigger); Gibbons, *Game Theory
 * for Applied Economists* (1992), §1.1 (iterated elimination), §1.3 (mixed strategies), §2.3
 * (infinitely repeated games); Avis, Rosenberg, Savani & von Stengel (2010), Economic Theory 42
 * (vertex enumeration); von Stengel (2002), Handbook of Game Theory 3, ch. 45 (Lemke–Howson);
 * Wellman, "Methods for empirical game-theoretic analysis" (AAAI 2006).
 *
 * Pure string and number work: no I/O, no clock, no randomness. Solvers read mean payoffs;
 * the robustness checks read the 95% intervals.
 *
 * One file a concern: game.ts (games and profiles), solving.ts (tolerance, normalisation,
 * enumeration), linear.ts (elimination, simplex), bimatrix.ts (vertex enumeration, Lemke–Howson),
 * equilibria.ts (pure, mixed, robustness), dominance.ts (dominance, elimination, Pareto),
 * analyze.ts (all at once), repeated.ts (the folk theorem), format.ts (payoff matrices as text).
 */
export * from './game.ts';
export { payoffTolerance, type SolverOptions } from './solving.ts';
export { maximise, type LinearConstraint, type LpResult } from './linear.ts';
export * from './equilibria.ts';
export * from './dominance.ts';
export * from './analyze.ts';
export * from './repeated.ts';
export * from './format.ts';
