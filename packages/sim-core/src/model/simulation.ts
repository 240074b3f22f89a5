/**
 * The public face of the engine: create a simulation from a resolved scenario and a seed, step
 * it month by month (the explorer) or run it to the end (the CLI, workers), snapshot and
 * restore it exactly (RNG streams included). The loop is Agents.jl-small: apply the month's
 * events, step the phases, record.
 */
import type { Scenario } from '../scenario/schema.ts';
import type { RunResult, RowKind } from '../engine/results.ts';
import type { PathValue } from '../scenario/paths.ts';
import type { ResolvedLever } from '../scenario/levers.ts';
import { METRICS, type MetricName } from './metrics.ts';
import type { StreamState } from '../engine/rng.ts';
import { createStreams, STREAMS, type StreamName } from './streams.ts';
import { createWorld } from './setup.ts';
import type { World } from './world.ts';
import { createOutlook } from './farmers/farmers.ts';
import { stepMonth, type TickScratch } from './schedule.ts';
import { record, rowIds } from './recorder.ts';
import { toPlain, fromPlain } from '../engine/snapshot.ts';
import { scheduleEvents, leverForChange, type ScheduledChange } from '../scenario/events.ts';
import { applyLever } from './levers.ts';
import { checkBalances } from './balances.ts';

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
  /** Change a lever from the next month on, as a scenario event would (a path, or a lever already resolved with `resolveLever`). */
  setLever(lever: string | ResolvedLever, value: PathValue): void;
  /** The months simulated so far as a result table. */
  result(): RunResult<MetricName>;
  /**
   * A copy of the recorded values of months `from` (inclusive) to the current month, in the
   * layout of `RunResult.data` — what a live view needs each update, without copying the run.
   * @example const fresh = sim.monthsFrom(lastShown); // rows × metrics values a month
   */
  monthsFrom(from: number): Float64Array;
  /** The whole model state, RNG streams included, as a JSON-safe object. */
  snapshot(): SimulationSnapshot;
}

/** Format version of snapshots; restore refuses others. */
export const SNAPSHOT_VERSION = 1;

export interface SimulationSnapshot {
  format: 'vraem-snapshot';
  version: number;
  run: number;
  check: boolean;
  world: unknown;
  data: number[];
}

class Engine implements Simulation {
  readonly world: World;
  readonly run: number;
  readonly check: boolean;
  readonly data: Float64Array;
  readonly rows: string[];
  private readonly events: Map<number, ScheduledChange[]>;
  private readonly scratch: TickScratch;

  constructor(world: World, run: number, check: boolean, data?: Float64Array) {
    this.world = world;
    this.run = run;
    this.check = check;
    this.rows = rowIds(world);
    this.data = data ?? new Float64Array(world.scenario.months * this.rows.length * METRICS.length);
    this.events = scheduleEvents(world.scenario);
    const nR = world.regionIds.length;
    this.scratch = { outlook: createOutlook(nR), backing: new Float64Array(nR), assistance: new Float64Array(nR) };
  }

  get scenario(): Scenario {
    return this.world.scenario;
  }
  get seed(): number {
    return this.world.seed;
  }
  get tick(): number {
    return this.world.tick;
  }
  get months(): number {
    return this.world.scenario.months;
  }

  step(): void {
    const w = this.world;
    if (w.tick >= this.months) throw new Error(`the run is over (${this.months} months)`);
    for (const e of this.events.get(w.tick) ?? []) applyLever(w, e.lever, e.value);
    stepMonth(w, this.scratch);
    record(w, this.data, w.tick);
    if (this.check) checkBalances(w, this.data, w.tick);
    w.tick++;
  }

  /** Run the warm-up months (world.tick from −warmupMonths to 0): no events, nothing recorded. */
  warmUp(): void {
    while (this.world.tick < 0) {
      stepMonth(this.world, this.scratch);
      this.world.tick++;
    }
  }

  setLever(lever: string | ResolvedLever, value: PathValue): void {
    applyLever(this.world, typeof lever === 'string' ? leverForChange(this.world.scenario, lever) : lever, value);
  }

  monthsFrom(from: number): Float64Array {
    const n = this.rows.length * METRICS.length;
    const start = Math.min(Math.max(0, from), this.world.tick);
    return this.data.slice(start * n, this.world.tick * n);
  }

  result(): RunResult<MetricName> {
    const w = this.world;
    const nR = w.regionIds.length;
    const rowKinds: RowKind[] = this.rows.map((_, i) => (i < nR ? 'region' : i < this.rows.length - 1 ? 'country' : 'all'));
    return {
      scenario: w.scenario.name,
      run: this.run,
      seed: w.seed,
      start: w.scenario.start,
      months: w.tick,
      rows: this.rows,
      rowKinds,
      metrics: METRICS,
      data: this.data.slice(0, w.tick * this.rows.length * METRICS.length),
    };
  }

  snapshot(): SimulationSnapshot {
    return {
      format: 'vraem-snapshot',
      version: SNAPSHOT_VERSION,
      run: this.run,
      check: this.check,
      world: serialiseWorld(this.world),
      data: Array.from(this.data.subarray(0, this.world.tick * this.rows.length * METRICS.length)),
    };
  }
}

/**
 * Create a simulation ready to step.
 * @example
 * const sim = createSimulation(scenario, { seed: 3 });
 * while (sim.tick < sim.months) sim.step();
 * const result = sim.result();
 */
export function createSimulation(scenario: Scenario, options: SimulationOptions = {}): Simulation {
  const seed = (options.seed ?? scenario.seed) >>> 0;
  const live = structuredClone(scenario);
  const world = createWorld(live, seed, createStreams(seed));
  const engine = new Engine(world, options.run ?? 0, options.check ?? false);
  engine.warmUp();
  return engine;
}

/**
 * Run a scenario to its end.
 * @example const r = runScenario(scenario, { seed: 1 }); seriesOf(r, 'PE', 'coca_ha')
 */
export function runScenario(scenario: Scenario, options: SimulationOptions = {}): RunResult<MetricName> {
  const sim = createSimulation(scenario, options);
  while (sim.tick < sim.months) sim.step();
  return sim.result();
}

// --- snapshots: the world as plain data (engine/snapshot.ts), its streams as their states, Maps rebuilt ---

function serialiseWorld(w: World): unknown {
  const streams: Partial<Record<StreamName, StreamState>> = {};
  for (const name of STREAMS) streams[name] = w.streams[name].state();
  const { streams: _s, regionIndex: _m, ...rest } = w;
  return { ...(toPlain(rest) as object), streams: toPlain(streams) };
}

/** Restore a simulation from a snapshot; stepping it on equals the straight run byte for byte. */
export function restoreSimulation(snapshot: unknown): Simulation {
  const s = snapshot as SimulationSnapshot;
  if (!s || s.format !== 'vraem-snapshot') throw new Error('not a vraem snapshot');
  if (s.version !== SNAPSHOT_VERSION) throw new Error(`snapshot format ${s.version} is not supported (expected ${SNAPSHOT_VERSION})`);
  const raw = fromPlain(s.world) as World & { streams: Record<StreamName, StreamState> };
  const world = raw as unknown as World;
  world.streams = createStreams(raw.seed, raw.streams as unknown as Record<StreamName, StreamState>);
  world.regionIndex = new Map(world.regionIds.map((id, i) => [id, i]));
  const rows = rowIds(world).length;
  const data = new Float64Array(world.scenario.months * rows * METRICS.length);
  data.set(s.data);
  return new Engine(world, s.run, s.check, data);
}
