/**
 * Experiments as a library (Mesa's `batch_run`, Agents.jl's `paramscan`): replicates with
 * reproducible seeds, paired comparisons of two scenarios, sweeps over a design of lever values.
 * Each experiment is a list of tasks (scenario, seed, replicate index) and a *runner* that
 * executes them and hands each result back with its task's index: in this thread by default;
 * `vraem` passes its worker-thread pool, a page can pass a Web Worker pool. {@link streamTasks}
 * hands the results on in task order, one at a time, whatever order they finish in: the numbers
 * never depend on the runner or the number of workers, and a caller that writes each result out
 * as it comes (as `vraem run`, `compare` and `sweep` do) holds none of them.
 *
 * Seeds: replicate k of an experiment with base seed s runs with `replicateSeed(s, k)` — the
 * seeds `vraem run --seed s` uses — and both scenarios of a comparison run with the same seeds
 * (common random numbers), so their difference is paired and the noise they share cancels
 * (compare.ts). A sweep's run is seeded by what it is: `sweepSeed(s, the point's lever values, k)`
 * (design.ts), the seeds of `vraem sweep`, so a point's runs are the same in any design, order or
 * shard it is run in.
 */
import type { Scenario } from '../scenario/schema.ts';
import type { PathValue } from '../scenario/paths.ts';
import type { Override } from '../scenario/overrides.ts';
import { ScenarioError, validateVariant, type LoadedScenario } from '../scenario/loader.ts';
import { replicateSeed } from '../engine/rng.ts';
import type { RunResult } from '../engine/results.ts';
import type { MetricName } from '../model/metrics.ts';
import { runScenario } from '../model/simulation.ts';
import { summarize, type Summary } from './summary.ts';
import { compareRuns, type Comparison } from './compare.ts';
import { designOf, shardRange, sweepTask, type Design, type Shard, type SweepTask } from './design.ts';

/** One run of an experiment. */
export interface Task {
  scenario: Scenario;
  seed: number;
  /** Replicate index (recorded in the result). */
  run: number;
}

/**
 * Tasks by index: an array, or a list that makes each task when it is asked for (a sweep's
 * million tasks are never held at once).
 */
export interface TaskList {
  readonly length: number;
  at(index: number): Task | undefined;
}

/** How a runner runs each task. */
export interface RunOptions {
  /** Assert the model's balances every month (slower; `vraem --check`). */
  check?: boolean;
}

/** Executes tasks, calling `onResult(index, result)` once for each (in any order). */
export type Runner = (tasks: TaskList, onResult: (index: number, result: RunResult<MetricName>) => void, options?: RunOptions) => void | Promise<void>;

/** A task or a worker that failed: the run (when known) and the stack where it failed. */
export class ExperimentError extends Error {
  constructor(
    message: string,
    /** The failed task's index, if a run failed (not a worker). */
    readonly task?: number,
    /** The stack trace inside the worker, if the failure came from one. */
    readonly workerStack?: string,
  ) {
    super(message);
    this.name = 'ExperimentError';
  }
}

/** The message of a failed run, naming its replicate, seed and scenario. */
const failedRun = (t: Task, why: string) => `run ${t.run} (seed ${t.seed}) of "${t.scenario.name}" failed: ${why}`;

/** The default runner: one task after another in this thread. */
export const runInThread: Runner = (tasks, onResult, options = {}) => {
  for (let i = 0; i < tasks.length; i++) {
    const t = tasks.at(i)!;
    onResult(i, runScenario(t.scenario, { seed: t.seed, run: t.run, check: options.check }));
  }
};

/** Options of {@link streamTasks}. */
export interface StreamOptions extends RunOptions {
  /** How to run the tasks (default {@link runInThread}). */
  runner?: Runner;
  /** Each result, in task order (a result that finishes early waits for those before it). */
  onResult(index: number, result: RunResult<MetricName>): void;
  /** Called each time a task finishes (in any order), with how many have: for progress. */
  onProgress?(done: number): void;
}

/**
 * Run tasks and hand each result on in task order as soon as those before it are in: results
 * that finish early wait in a buffer (a few, as runs take about as long as each other), and
 * nothing else is kept. An error thrown by `onResult` stops the runner and is rethrown as is.
 */
export async function streamTasks(tasks: TaskList, options: StreamOptions): Promise<void> {
  const buffered = new Map<number, RunResult<MetricName>>();
  let next = 0;
  let done = 0;
  await (options.runner ?? runInThread)(
    tasks,
    (i, r) => {
      if (!Number.isInteger(i) || i < 0 || i >= tasks.length || i < next || buffered.has(i)) throw new RangeError(`the runner returned a result for task ${i} of ${tasks.length} twice or out of range`);
      buffered.set(i, r);
      options.onProgress?.(++done);
      for (let b; (b = buffered.get(next)) !== undefined; next++) {
        buffered.delete(next);
        options.onResult(next, b);
      }
    },
    { check: options.check },
  );
  if (next < tasks.length) {
    const t = tasks.at(next)!;
    throw new ExperimentError(`the runner finished without a result for task ${next} (run ${t.run}, seed ${t.seed})`, next);
  }
}

/** Options shared by the experiments. */
export interface ExperimentOptions extends RunOptions {
  /** Replicates (default 10). */
  runs?: number;
  /** Base seed (default: the (first) scenario's `seed`). */
  seed?: number;
  /** How to run the tasks (default {@link runInThread}). */
  runner?: Runner;
}

/** The seeds of `runs` replicates from base seed `base` (those `vraem run --seed base --runs N` uses). */
export function replicateSeeds(base: number, runs: number): number[] {
  if (!Number.isInteger(runs) || runs < 1) throw new RangeError(`runs must be a whole number of at least 1, got ${runs}`);
  return Array.from({ length: runs }, (_, k) => replicateSeed(base, k));
}

/** The tasks of `seeds.length` replicates of a scenario. */
export function replicateTasks(scenario: Scenario, seeds: readonly number[]): Task[] {
  return seeds.map((seed, run) => ({ scenario, seed, run }));
}

/** The tasks of a paired comparison: A's replicates, then B's with the same seeds. */
export function comparisonTasks(a: Scenario, b: Scenario, seeds: readonly number[]): Task[] {
  return [...replicateTasks(a, seeds), ...replicateTasks(b, seeds)];
}

/** Run tasks with a runner and gather the results in task order. */
export async function runTasks(tasks: TaskList, runner: Runner = runInThread, options: RunOptions = {}): Promise<RunResult<MetricName>[]> {
  const results: RunResult<MetricName>[] = [];
  await streamTasks(tasks, { ...options, runner, onResult: (i, r) => (results[i] = r) });
  return results;
}

/** Replicates of one scenario and their summary. */
export interface Replicates {
  seeds: number[];
  results: RunResult<MetricName>[];
  summary: Summary<MetricName>;
}

/**
 * Run replicates of a scenario.
 * @example const { summary } = await replicates(scenario, { runs: 8 }); summary.metrics.coca_ha.PE.finalYear.ci95
 */
export async function replicates(scenario: Scenario, options: ExperimentOptions = {}): Promise<Replicates> {
  const seeds = replicateSeeds(options.seed ?? scenario.seed, options.runs ?? 10);
  const results = await runTasks(replicateTasks(scenario, seeds), options.runner, options);
  return { seeds, results, summary: summarize(results) };
}

/** A paired comparison of two scenarios: both sides' runs and B − A by metric, row and window. */
export interface PairedComparison {
  seeds: number[];
  a: RunResult<MetricName>[];
  b: RunResult<MetricName>[];
  comparison: Comparison<MetricName>;
}

/**
 * Compare scenario B with scenario A over paired replicates (replicate k of both uses the same
 * seed), as `vraem compare` does.
 * @example const { comparison } = await compareScenarios(a, b, { runs: 8 }); comparison.metrics.coca_ha.PE.finalYear.diff.ci95
 */
export async function compareScenarios(a: Scenario, b: Scenario, options: ExperimentOptions = {}): Promise<PairedComparison> {
  const seeds = replicateSeeds(options.seed ?? a.seed, options.runs ?? 10);
  const all = await runTasks(comparisonTasks(a, b, seeds), options.runner, options);
  const ra = all.slice(0, seeds.length);
  const rb = all.slice(seeds.length);
  return { seeds, a: ra, b: rb, comparison: compareRuns(ra, rb) };
}

/** Every combination of the values given for each lever (a full factorial design), first lever slowest. */
export function factorial(levels: Record<string, readonly PathValue[]>): Record<string, PathValue>[] {
  let rows: Record<string, PathValue>[] = [{}];
  for (const [path, values] of Object.entries(levels)) rows = rows.flatMap((row) => values.map((v) => ({ ...row, [path]: v })));
  return rows;
}

/** Options of a sweep. */
export interface SweepOptions extends ExperimentOptions {
  /**
   * Hold each point's lever values for the whole run against the scenario's events, as
   * `vraem sweep` does (default true); false lets a later event change a varied lever.
   */
  hold?: boolean;
  /** Run only this slice of the tasks (shard `index` of `count`, numbered from 0). */
  shard?: Shard;
  /** How a point's values are named in problems (`vraem sweep`: `--vary`). */
  flag?: string;
}

/**
 * A sweep laid out: its tasks (design point × replicate, point-major) made on demand, the slice
 * of them a shard runs, and each point's scenario. Nothing is run.
 */
export interface SweepPlan {
  design: Design;
  runs: number;
  baseSeed: number;
  /** All tasks of the sweep (design size × runs). */
  total: number;
  /** The tasks [from, to) this plan runs: all of them, or its shard's. */
  from: number;
  to: number;
  /** Task `index` of the whole sweep: its point, replicate and seed. */
  task(index: number): SweepTask;
  /**
   * The scenario of a design point: the base with the point's lever values (held, unless
   * `hold: false`), validated; a bad combination throws a ScenarioError naming the values.
   */
  scenario(point: number): Scenario;
  /** The tasks from `start` (default `from`) to `to`, made as they are asked for (one scenario is cached: tasks are point-major). */
  tasks(start?: number): TaskList;
}

/**
 * Lay out a sweep of `base` over a design. `base` is a scenario, or a loaded scenario file (its
 * input as written is what a point's values override, as `vraem sweep` does).
 */
export function planSweep(base: Scenario | LoadedScenario, design: Design | readonly Record<string, PathValue>[], options: Omit<SweepOptions, 'runner' | 'check'> = {}): SweepPlan {
  const loaded: Pick<LoadedScenario, 'input'> = 'input' in base && 'scenario' in base ? base : { input: base as unknown as Record<string, unknown> };
  const scenarioSeed = 'input' in base && 'scenario' in base ? base.scenario.seed : base.seed;
  const d: Design = 'size' in design && 'row' in design ? design : designOf(design as readonly Record<string, PathValue>[]);
  const runs = options.runs ?? 10;
  if (!Number.isInteger(runs) || runs < 1) throw new RangeError(`runs must be a whole number of at least 1, got ${runs}`);
  const baseSeed = options.seed ?? scenarioSeed;
  const total = d.size * runs;
  const [from, to] = shardRange(total, options.shard ?? { index: 0, count: 1 });
  const hold = options.hold !== false;
  const flag = options.flag ?? 'design point';
  const scenario = (point: number) =>
    validateVariant(
      loaded as LoadedScenario,
      Object.entries(d.row(point).values).map(([path, value]) => ({ path, value, text: `${path}=${Array.isArray(value) ? value.join(';') : String(value)}` }) satisfies Override),
      flag,
      { hold },
    );
  const task = (index: number) => sweepTask(d.row(Math.floor(index / runs)), index, runs, baseSeed);
  return {
    design: d,
    runs,
    baseSeed,
    total,
    from,
    to,
    task,
    scenario,
    tasks(start = from) {
      let cached: { point: number; scenario: Scenario } | undefined;
      return {
        length: to - start,
        at(i) {
          if (i < 0 || start + i >= to) return undefined;
          const t = task(start + i);
          if (cached?.point !== t.point) cached = { point: t.point, scenario: scenario(t.point) };
          return { scenario: cached.scenario, seed: t.seed, run: t.replicate };
        },
      };
    },
  };
}

/** One point of a sweep: its lever values, its scenario and its replicates' summary. */
export interface SweepPoint {
  point: number;
  values: Record<string, PathValue>;
  scenario: Scenario;
  summary: Summary<MetricName>;
  results: RunResult<MetricName>[];
}

/**
 * Run replicates of `base` at each point of a design (lever values set at the start and held, as
 * `vraem sweep --vary` does), with `vraem sweep`'s seeds. A value a lever does not allow is
 * refused before anything runs, naming the point and the lever.
 * @example const points = await sweep(scenario, factorial({ 'states.PE.interdiction': [0.2, 0.4, 0.6] }), { runs: 5 });
 */
export async function sweep(base: Scenario | LoadedScenario, design: Design | readonly Record<string, PathValue>[], options: Omit<SweepOptions, 'shard'> = {}): Promise<SweepPoint[]> {
  const plan = planSweep(base, design, options);
  const scenarios = Array.from({ length: plan.design.size }, (_, point) => {
    try {
      return plan.scenario(point);
    } catch (e) {
      if (e instanceof ScenarioError) throw new RangeError(`design point ${point}: ${e.problems.join('; ')}`);
      throw e;
    }
  });
  const points: SweepPoint[] = scenarios.map((scenario, point) => ({ point, values: plan.design.row(point).values, scenario, summary: undefined as unknown as Summary<MetricName>, results: [] }));
  await streamTasks(
    { length: plan.total, at: (i) => (i < plan.total ? { scenario: scenarios[Math.floor(i / plan.runs)], seed: plan.task(i).seed, run: plan.task(i).replicate } : undefined) },
    { runner: options.runner, check: options.check, onResult: (i, r) => points[Math.floor(i / plan.runs)].results.push(r) },
  );
  for (const p of points) p.summary = summarize(p.results);
  return points;
}

// --- worker pools: Node's worker_threads and browsers' Web Workers alike ---

/** What a pool needs of a worker: Node's `Worker` (`on`) and a browser's `Worker` (`addEventListener`) both fit. */
export interface WorkerLike {
  postMessage(message: unknown, transfer?: readonly ArrayBuffer[]): void;
  terminate(): unknown;
  /** Let the process end while this worker is idle (Node's `unref`) / keep it alive again (`ref`). */
  unref?(): unknown;
  ref?(): unknown;
  on?(event: 'message' | 'error' | 'exit', listener: (value: unknown) => void): unknown;
  /** (Events carry a `type`, which lets Node's MessagePort, typed with DOM events, fit too.) */
  addEventListener?(event: 'message' | 'error', listener: (event: { type?: string; data?: unknown; message?: string }) => void): unknown;
}

/** The inside of a worker: Node's `parentPort` or a browser worker's `self`. */
export type WorkerPort = Omit<WorkerLike, 'terminate' | 'ref' | 'unref'>;

/** A task sent to a worker. */
export interface WorkerJob {
  id: number;
  /** The scenario, or none when it is the one of the worker's previous task (a sweep point's replicates, a run's). */
  scenario?: Scenario;
  seed: number;
  run: number;
  check?: boolean;
}

/** A worker's answer: the result (its table transferred), or why the run failed. */
export type WorkerAnswer = { id: number; result: RunResult<MetricName> } | { id: number; error: string; stack?: string };

function listen(target: WorkerPort, onMessage: (data: unknown) => void, onError?: (message: string) => void, onExit?: (code: number) => void): void {
  if (typeof target.on === 'function') {
    target.on('message', onMessage);
    if (onError) target.on('error', (e) => onError(e instanceof Error ? e.message : String(e)));
    if (onExit) target.on('exit', (code) => onExit(Number(code)));
  } else if (typeof target.addEventListener === 'function') {
    target.addEventListener('message', (e) => onMessage(e.data));
    if (onError) target.addEventListener('error', (e) => onError(e.message ?? 'a worker failed'));
  } else throw new TypeError('a worker needs on() (Node) or addEventListener() (browsers)');
}

/**
 * Answer tasks inside a worker: run each scenario sent and send its result back (its table
 * transferred, not copied). Put in the worker's module: `serveTasks(parentPort)` in Node,
 * `serveTasks(self)` in a browser.
 */
export function serveTasks(port: WorkerPort): void {
  let current: Scenario | undefined;
  listen(port, (data) => {
    const job = data as WorkerJob;
    try {
      current = job.scenario ?? current;
      if (!current) throw new Error(`task ${job.id} came without a scenario`);
      const result = runScenario(current, { seed: job.seed, run: job.run, check: job.check ?? false });
      port.postMessage({ id: job.id, result } satisfies WorkerAnswer, [result.data.buffer as ArrayBuffer]);
    } catch (e) {
      const err = e instanceof Error ? e : new Error(String(e));
      port.postMessage({ id: job.id, error: err.message, stack: err.stack } satisfies WorkerAnswer);
    }
  });
}

/**
 * Workers kept across runs: {@link WorkerPool.run} is a {@link Runner} that can be called again
 * and again (one call at a time) on the same workers, so a command that runs many batches (an ABC
 * run's hundreds of generations) starts its workers, and V8 compiles the model in them, once
 * rather than once a batch — about a fifth of an ABC run's CPU at 40 households an agent
 * (docs/performance.md).
 */
export interface WorkerPool {
  /**
   * Run tasks on the pool's workers (a {@link Runner}); rejects if a pool run is already under
   * way, or if the pool is closed or has failed (with the error that ended it).
   */
  readonly run: Runner;
  /**
   * End the workers (a run under way rejects); resolves once they have ended. Safe to call
   * twice, and after a failure.
   */
  close(): Promise<void>;
}

/**
 * A pool of up to `size` workers made by `create` (each running {@link serveTasks}), made as the
 * first run that needs them asks for them (never more than a run's tasks) and kept for the next.
 * In a run, tasks go to idle workers as they free up, each task made from the list when it is
 * sent. A failed run (an {@link ExperimentError} naming the run and seed), a worker that dies, or
 * an error thrown by `onResult` ends every worker before the run rejects: the answers of tasks
 * still in flight can then never be taken for a later run's, and no thread outlives the
 * failure. Workers that can be unreferenced (Node's) are while no run is under way, so an idle
 * pool does not keep a process alive; close it all the same.
 */
export function workerPool(create: () => WorkerLike, size = 2): WorkerPool {
  const workers: WorkerLike[] = [];
  /** The run under way. */
  let batch: Batch | undefined;
  /** Why the pool was ended (a failure, or close()); a run asked for after it rejects with it. */
  let ended: Error | undefined;
  let ending: Promise<void> | undefined;

  interface Batch {
    tasks: TaskList;
    onResult: (index: number, result: RunResult<MetricName>) => void;
    check: boolean;
    next: number;
    done: number;
    /**
     * The scenario each worker has in this run: a task of the same scenario is sent without it (a
     * scenario is copied into a worker once a run, not once a task). Not kept from run to run, as
     * a caller may change a scenario object between runs.
     */
    has: Map<WorkerLike, Scenario>;
    resolve(): void;
    reject(error: Error): void;
  }

  /** End every worker, then reject the run under way (if any) with `why`; the first call decides. */
  const end = (why: Error): Promise<void> => {
    if (!ending) {
      ended = why;
      const b = batch;
      batch = undefined;
      ending = Promise.allSettled(workers.map((w) => w.terminate())).then(() => b?.reject(why));
    }
    return ending;
  };
  const fail = (error: Error) => void end(error);
  const send = (b: Batch, w: WorkerLike) => {
    if (b.next >= b.tasks.length) return;
    const id = b.next++;
    const t = b.tasks.at(id)!;
    const scenario = b.has.get(w) === t.scenario ? undefined : t.scenario;
    b.has.set(w, t.scenario);
    w.postMessage({ id, scenario, seed: t.seed, run: t.run, check: b.check } satisfies WorkerJob);
  };
  const add = () => {
    const w = create();
    workers.push(w);
    listen(
      w,
      (data) => {
        const b = batch;
        if (!b) return; // nothing is in flight between runs, and a failed pool's answers are dropped
        const a = data as WorkerAnswer;
        if ('error' in a) return fail(new ExperimentError(failedRun(b.tasks.at(a.id)!, a.error), a.id, a.stack));
        try {
          b.onResult(a.id, a.result);
        } catch (e) {
          return fail(e instanceof Error ? e : new Error(String(e)));
        }
        if (++b.done < b.tasks.length) return send(b, w);
        batch = undefined;
        for (const x of workers) x.unref?.();
        b.resolve();
      },
      (message) => fail(new ExperimentError(`a worker failed: ${message}`)),
      // A worker serving tasks never ends by itself: one that does, whatever its code, has died.
      (code) => fail(new ExperimentError(`a worker exited with code ${code}`)),
    );
  };

  const run: Runner = (tasks, onResult, options = {}) =>
    new Promise<void>((resolve, reject) => {
      if (ended) return reject(ended);
      if (batch) return reject(new Error('a worker pool runs one set of tasks at a time'));
      if (tasks.length === 0) return resolve();
      while (workers.length < Math.max(1, Math.min(size, tasks.length))) add();
      const b: Batch = { tasks, onResult, check: options.check ?? false, next: 0, done: 0, has: new Map(), resolve, reject };
      batch = b;
      for (const w of workers) {
        w.ref?.();
        send(b, w);
      }
    });
  return { run, close: () => end(new ExperimentError('the worker pool is closed')) };
}

/**
 * A runner on `size` workers made by `create` (each running {@link serveTasks}): a
 * {@link workerPool} for one call, its workers ended when the last result is in or a run fails
 * (an {@link ExperimentError} naming the run). To run many sets of tasks on the same workers,
 * keep a {@link workerPool} open instead.
 * @example
 * // Node: worker.mjs is `import { parentPort } from 'node:worker_threads'; import { serveTasks } from '@vraem/sim-core'; serveTasks(parentPort);`
 * const runner = workerRunner(() => new Worker(new URL('./worker.mjs', import.meta.url)), 4);
 * const { summary } = await replicates(scenario, { runs: 16, runner });
 */
export function workerRunner(create: () => WorkerLike, size = 2): Runner {
  return async (tasks, onResult, options) => {
    const pool = workerPool(create, size);
    try {
      await pool.run(tasks, onResult, options);
    } finally {
      await pool.close();
    }
  };
}
