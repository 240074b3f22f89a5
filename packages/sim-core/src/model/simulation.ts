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
import { METRICS, M, type MetricName } from './metrics.ts';
import { createViews, type Views } from './views.ts';
import { monthLabel, tickOf } from '../engine/calendar.ts';
import type { StreamState } from '../engine/rng.ts';
import { createStreams, STREAMS, type StreamName } from './streams.ts';
import { createWorld } from './setup.ts';
import type { World } from './world.ts';
import { createOutlook } from './farmers/farmers.ts';
import { stepMonth, type TickScratch } from './schedule.ts';
import { record, rowIds } from './recorder.ts';
import { decodeSnapshot, encodeSnapshot, SnapshotError } from '../engine/snapshot.ts';
import { scheduleEvents, leverForChange, type ScheduledChange } from '../scenario/events.ts';
import { applyLever } from './levers.ts';
import { checkBalances } from './balances.ts';
import { leverChangeProblems } from '../scenario/validate.ts';

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
  /** Simulate one month, then call the `onStep` listeners. */
  step(): void;
  /**
   * Step until `month` months have been simulated (a tick count) or up to the given month
   * (`'2010-01'`: stops before simulating it), or the end of the run if sooner.
   * @example sim.runUntil('2008-01'); sim.setLever('states.PE.interdiction', 0.6); sim.runUntil(sim.months);
   */
  runUntil(month: number | string): void;
  /**
   * Call `listener` after every month simulated from now on (the month's values are recorded and
   * `tick` counts it). Returns a function that removes the listener.
   * @example const off = sim.onStep((s) => console.log(s.tick, s.value('PE', 'coca_ha'))); ... off();
   */
  onStep(listener: (sim: Simulation) => void): () => void;
  /** Read-only views of the agents: households of a region as columns, firmas, armed groups, states. */
  readonly view: Views;
  /**
   * A recorded metric of a row (region id, `PE`, `BO`, `CO` or `ALL`) for month `tick` (default:
   * the last month simulated), read in place.
   */
  value(row: string, metric: MetricName, tick?: number): number;
  /**
   * Change a lever from the next month on, as a scenario event would (a path, or a lever already
   * resolved with `resolveLever`). Checked first, with the
   * messages `--set` gives: an unknown path (with a "did you mean"), a lever fixed at the start,
   * a value of the wrong type, out of bounds or naming an unknown region throws a {@link LeverError}
   * and changes nothing.
   */
  setLever(lever: string | ResolvedLever, value: PathValue): void;
  /** The months simulated so far as a result table. */
  result(): RunResult<MetricName>;
  /**
   * A copy of the recorded values of months `from` (inclusive) to the current month, in the
   * layout of `RunResult.data` — what a live view needs each update, without copying the run.
   * @example const fresh = sim.monthsFrom(lastShown); // rows × metrics values a month
   */
  monthsFrom(from: number): Float64Array;
  /**
   * The whole model state, RNG streams and the months recorded included, as compact versioned
   * bytes with a checksum (engine/snapshot.ts); `meta` (any JSON-safe value, e.g. where the run
   * came from) travels with it under the same checksum. {@link restoreSimulation} continues it.
   * @example const bytes = sim.snapshot(); const again = restoreSimulation(bytes);
   */
  snapshot(meta?: unknown): Uint8Array;
}

/** A refused lever change (`Simulation.setLever`): the messages say what is wrong, as `--set` would. */
export class LeverError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(problems.join('\n'));
    this.name = 'LeverError';
    this.problems = problems;
  }
}

/** What a simulation snapshot holds besides the model state. */
interface SimulationState {
  kind: 'vraem-simulation';
  run: number;
  check: boolean;
  world: unknown;
  data: Float64Array;
}

class Engine implements Simulation {
  readonly world: World;
  readonly run: number;
  readonly check: boolean;
  readonly data: Float64Array;
  readonly rows: string[];
  readonly view: Views;
  private readonly events: Map<number, ScheduledChange[]>;
  private readonly scratch: TickScratch;
  private readonly listeners: ((sim: Simulation) => void)[] = [];

  constructor(world: World, run: number, check: boolean, data?: Float64Array) {
    this.world = world;
    this.run = run;
    this.check = check;
    this.rows = rowIds(world);
    this.data = data ?? new Float64Array(world.scenario.months * this.rows.length * METRICS.length);
    this.events = scheduleEvents(world.scenario);
    const nR = world.regionIds.length;
    this.scratch = { outlook: createOutlook(nR), assistance: new Float64Array(nR), present: [] };
    this.view = createViews(() => this.world);
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
    // A copy, so a listener may remove itself (or another) while being called.
    if (this.listeners.length) for (const l of [...this.listeners]) l(this);
  }

  runUntil(month: number | string): void {
    const target = typeof month === 'number' ? month : tickOf(this.scenario.start, month);
    if (!Number.isInteger(target)) throw new RangeError(`runUntil: expected a whole number of months or a YYYY-MM month, got ${String(month)}`);
    const end = Math.min(target, this.months);
    while (this.world.tick < end) this.step();
  }

  onStep(listener: (sim: Simulation) => void): () => void {
    this.listeners.push(listener);
    return () => {
      const i = this.listeners.indexOf(listener);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  value(row: string, metric: MetricName, tick = this.world.tick - 1): number {
    const r = this.rows.indexOf(row);
    if (r < 0) throw new RangeError(`unknown row "${row}" (rows: ${this.rows.join(', ')})`);
    const m = M[metric];
    if (m === undefined) throw new RangeError(`unknown metric "${String(metric)}"`);
    if (!Number.isInteger(tick) || tick < 0 || tick >= this.world.tick) throw new RangeError(`month ${tick} has not been simulated (months simulated: ${this.world.tick})`);
    return this.data[(tick * this.rows.length + r) * METRICS.length + m];
  }

  /** Run the warm-up months (world.tick from −warmupMonths to 0): no events, nothing recorded. */
  warmUp(): void {
    while (this.world.tick < 0) {
      stepMonth(this.world, this.scratch);
      this.world.tick++;
    }
  }

  setLever(lever: string | ResolvedLever, value: PathValue): void {
    const path = typeof lever === 'string' ? lever : lever.parsed.text;
    const problems = leverChangeProblems(this.world.scenario, path, value);
    if (problems.length) throw new LeverError(problems.map((p) => (p.about === 'value' ? `${path}: ${p.message}` : p.message)));
    applyLever(this.world, typeof lever === 'string' ? leverForChange(this.world.scenario, lever) : lever, Array.isArray(value) ? [...value] : value);
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

  snapshot(meta: unknown = null): Uint8Array {
    const state: SimulationState = {
      kind: 'vraem-simulation',
      run: this.run,
      check: this.check,
      world: worldState(this.world),
      data: this.data.subarray(0, this.world.tick * this.rows.length * METRICS.length),
    };
    return encodeSnapshot(state, meta, referenceState(this.world.scenario, this.world.seed));
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

/** A user-defined measure: any number computed from the simulation after a month (views, values). */
export type Measure = (sim: Simulation) => number;

/** Measures recorded month by month (Mesa's DataCollector, Agents.jl's `mdata`). */
export interface Collector<K extends string> {
  readonly names: readonly K[];
  /** Months recorded so far. */
  readonly length: number;
  /** The month (tick) of each record. */
  ticks(): Int32Array;
  /** The values of one measure, one a month recorded (a view of the collector's store, not a copy). */
  series(name: K): Float64Array;
  /** The records as rows: `{ tick, date, <measure>: value }`. */
  rows(): ({ tick: number; date: string } & Record<K, number>)[];
  /** Stop recording (the records stay). */
  stop(): void;
}

/**
 * Record `measures` after every month the simulation steps from now on, into preallocated
 * columns (one a measure, as long as the run): nothing of the run is copied.
 * @example
 * const c = collect(sim, { cash: (s) => s.view.firmas().reduce((t, f) => t + f.cash, 0) });
 * sim.runUntil(sim.months);
 * c.series('cash') // Float64Array, one value a month
 */
export function collect<K extends string>(sim: Simulation, measures: Record<K, Measure>): Collector<K> {
  const names = Object.keys(measures) as K[];
  const room = Math.max(0, sim.months - sim.tick);
  const columns = names.map(() => new Float64Array(room));
  const ticks = new Int32Array(room);
  let length = 0;
  const stop = sim.onStep((s) => {
    ticks[length] = s.tick - 1;
    for (let k = 0; k < names.length; k++) columns[k][length] = measures[names[k]](s);
    length++;
  });
  const column = (name: K) => {
    const k = names.indexOf(name);
    if (k < 0) throw new RangeError(`no measure "${name}" (measures: ${names.join(', ')})`);
    return columns[k];
  };
  return {
    names,
    get length() {
      return length;
    },
    ticks: () => ticks.subarray(0, length),
    series: (name) => column(name).subarray(0, length),
    rows: () =>
      Array.from({ length }, (_, i) => {
        const row: Record<string, number | string> = { tick: ticks[i], date: monthLabel(sim.scenario.start, ticks[i]) };
        names.forEach((n, k) => (row[n] = columns[k][i]));
        return row as { tick: number; date: string } & Record<K, number>;
      }),
    stop,
  };
}

// --- snapshots: the world with its streams as their states; Maps are rebuilt on restore ---

function worldState(w: World): unknown {
  const streams: Partial<Record<StreamName, StreamState>> = {};
  for (const name of STREAMS) streams[name] = w.streams[name].state();
  const { streams: _s, regionIndex: _m, ...rest } = w;
  return { ...rest, streams };
}

/**
 * The state a snapshot's columns are stored against: the world a run of this (live) scenario and
 * seed starts from, which writer and reader rebuild alike (setup is deterministic). Columns that
 * have not moved since setup then cost nearly nothing; any that differ are still exact.
 */
function referenceState(scenario: Scenario, seed: number): unknown {
  return { world: worldState(createWorld(structuredClone(scenario), seed, createStreams(seed))) };
}

/**
 * Restore a simulation from {@link Simulation.snapshot}'s bytes; stepping it on equals the
 * straight run byte for byte. A truncated, damaged or foreign snapshot, or one of another format
 * version, throws a {@link SnapshotError} saying which.
 * @example const again = restoreSimulation(sim.snapshot()); again.runUntil(again.months);
 */
export function restoreSimulation(bytes: Uint8Array, options: { check?: boolean } = {}): Simulation {
  const s = decodeSnapshot(bytes, (outline) => {
    const o = outline as { world?: { scenario?: Scenario; seed?: number } };
    if (!o?.world?.scenario || typeof o.world.seed !== 'number') throw new SnapshotError('not a snapshot of a simulation');
    return referenceState(o.world.scenario, o.world.seed);
  }).state as SimulationState;
  if (!s || s.kind !== 'vraem-simulation' || !(s.data instanceof Float64Array)) throw new SnapshotError('not a snapshot of a simulation');
  const raw = s.world as World & { streams: Record<StreamName, StreamState> };
  const world = raw as unknown as World;
  world.streams = createStreams(raw.seed, raw.streams as unknown as Record<StreamName, StreamState>);
  world.regionIndex = new Map(world.regionIds.map((id, i) => [id, i]));
  const rows = rowIds(world).length;
  const data = new Float64Array(world.scenario.months * rows * METRICS.length);
  if (s.data.length !== world.tick * rows * METRICS.length) throw new SnapshotError('snapshot is damaged: its recorded months do not match its month');
  data.set(s.data);
  return new Engine(world, s.run, options.check ?? s.check, data);
}

/** A snapshot's `meta` (see {@link Simulation.snapshot}), checked but without restoring the model. */
export { snapshotMeta, SnapshotError, SNAPSHOT_FORMAT_VERSION } from '../engine/snapshot.ts';
