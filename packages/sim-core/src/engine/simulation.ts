/**
 * The public face of the engine: create a simulation from a resolved scenario and a seed, step
 * it month by month (the explorer) or run it to the end (the CLI), snapshot and restore it.
 * (Implementation lands with the model; the signatures here are the contract.)
 */
import type { Scenario } from '../scenario/schema.ts';
import type { RunResult } from './results.ts';
import type { PathValue } from '../scenario/paths.ts';

export interface SimulationOptions {
  /** Run seed; defaults to the scenario's `seed`. */
  seed?: number;
  /** Replicate index recorded in the result (default 0). */
  run?: number;
  /** Assert leaf, cocaine and money balances every month (debug mode, `--check`). */
  check?: boolean;
}

export interface Simulation {
  /** The live scenario: events and `setLever` change it from the next month on. */
  readonly scenario: Scenario;
  readonly seed: number;
  /** Months simulated so far. */
  readonly tick: number;
  /** Months in the run. */
  readonly months: number;
  /** Simulate one month. */
  step(): void;
  /** Change a lever from the next month on, as a scenario event would. */
  setLever(path: string, value: PathValue): void;
  /** The months simulated so far as a result table. */
  result(): RunResult;
  /** The whole model state, RNG streams included, as a JSON-safe object. */
  snapshot(): unknown;
}

export declare function createSimulation(scenario: Scenario, options?: SimulationOptions): Simulation;
export declare function restoreSimulation(snapshot: unknown): Simulation;
export declare function runScenario(scenario: Scenario, options?: SimulationOptions): RunResult;
