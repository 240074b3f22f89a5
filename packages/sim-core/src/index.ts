/**
 * @vraem/sim-core — the vraem engine and model. Pure TypeScript: no file system, clock, console
 * or Math.random, so it runs unchanged in Node, in a worker thread and in a browser.
 *
 * @example
 * import { validateScenario, runScenario, summarize } from '@vraem/sim-core';
 * const v = validateScenario(parsedYaml);
 * if (v.ok) {
 *   const result = runScenario(v.scenario, { seed: 7 });
 *   const summary = summarize([result]);
 * }
 */
export * from './scenario/schema.ts';
export * from './scenario/validate.ts';
export * from './scenario/paths.ts';
export * from './scenario/levers.ts';
export * from './scenario/overrides.ts';
export * from './scenario/loader.ts';
export * from './scenario/holds.ts';
export { scheduleEvents, type ScheduledChange } from './scenario/events.ts';
export * from './model/metrics.ts';
export * from './engine/results.ts';
export * from './engine/calendar.ts';
export { hashSeed, replicateSeed, type StreamState } from './engine/rng.ts';
export * from './model/simulation.ts';
export * from './model/views.ts';
export { agentCount } from './model/setup.ts';
export { BalanceError } from './model/balances.ts';
export * from './analysis/statistics.ts';
export * from './analysis/numbers.ts';
export * from './analysis/summary.ts';
export * from './analysis/compare.ts';
export * from './analysis/series.ts';
export * from './analysis/design.ts';
export * from './analysis/experiments.ts';
export * from './analysis/games/index.ts';
export * from './analysis/calibration.ts';
export * from './analysis/sensitivity.ts';
export * from './analysis/abc.ts';
export * from './analysis/abcReplenish.ts';
export * from './analysis/ensemble.ts';
export * from './analysis/patterns.ts';
export * from './lessons/index.ts';
export * from './analysis/prim.ts';
export * from './analysis/robust.ts';
export * from './analysis/effects.ts';
export * from './analysis/answer.ts';
