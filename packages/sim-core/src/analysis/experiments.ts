/**
 * Experiments as a library (Mesa's `batch_run`, Agents.jl's `paramscan`): replicates with
 * reproducible seeds, paired comparisons of two scenarios, sweeps over a design of lever values.
 * Each experiment is a list of tasks (scenario, seed, replicate index) and a *runner* that
 * executes them and hands each result back with its task's index: in this thread by default; the
 * CLI passes its worker-thread pool, a page can pass a Web Worker pool. Results are gathered by
 * index, so the numbers never depend on the runner or on the order runs finish in.
 *
 * Seeds: replicate k of an experiment with base seed s runs with `replicateSeed(s, k)` — the
 * seeds `vraem run --seed s` uses — and every scenario of a comparison or a sweep runs with the
 * same seeds (common random numbers), so a difference between two of them is paired and the
 * noise they share cancels (compare.ts).
 */
import type { Scenario } from '../scenario/schema.ts';
import type { PathValue } from '../scenario/paths.ts';
import { applyOverrides, type Override } from '../scenario/overrides.ts';
import { validateScenario } from '../scenario/validate.ts';
import { replicateSeed } from '../engine/rng.ts';
import type { RunResult } from '../engine/results.ts';
import type { MetricName } from '../model/metrics.ts';
import { runScenario } from '../model/simulation.ts';
import { summarize, type Summary } from './summary.ts';
import { compareRuns, type Comparison } from './compare.ts';

/** One run of an experiment. */
export interface Task {
  scenario: Scenario;
  seed: number;
  /** Replicate index (recorded in the result). */
  run: number;
}

/** Executes tasks, calling `onResult(index, result)` once for each (in any order). */
export type Runner = (tasks: readonly Task[], onResult: (index: number, result: RunResult<MetricName>) => void) => void | Promise<void>;

/** The default runner: one task after another in this thread. */
export const runInThread: Runner = (tasks, onResult) => {
  tasks.forEach((t, i) => onResult(i, runScenario(t.scenario, { seed: t.seed, run: t.run })));
};

/** Options shared by the experiments. */
export interface ExperimentOptions {
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

/** Run tasks with a runner and gather the results in task order. */
export async function runTasks(tasks: readonly Task[], runner: Runner = runInThread): Promise<RunResult<MetricName>[]> {
  const results: (RunResult<MetricName> | undefined)[] = new Array(tasks.length);
  await runner(tasks, (i, r) => {
    if (!Number.isInteger(i) || i < 0 || i >= tasks.length) throw new RangeError(`the runner returned a result for task ${i} of ${tasks.length}`);
    results[i] = r;
  });
  const missing = results.findIndex((r) => r === undefined);
  if (missing >= 0) throw new Error(`the runner finished without a result for task ${missing} (run ${tasks[missing].run}, seed ${tasks[missing].seed})`);
  return results as RunResult<MetricName>[];
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
  const results = await runTasks(replicateTasks(scenario, seeds), options.runner);
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
  const all = await runTasks([...replicateTasks(a, seeds), ...replicateTasks(b, seeds)], options.runner);
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

/** One point of a sweep: its lever values, its scenario and its replicates' summary. */
export interface SweepPoint {
  point: number;
  values: Record<string, PathValue>;
  scenario: Scenario;
  summary: Summary<MetricName>;
  results: RunResult<MetricName>[];
}

/**
 * Run replicates of `base` at each point of a design (lever values set at the start, as `--set`
 * does); every point uses the same seeds, so two points compare paired (`compareRuns`). A value
 * a lever does not allow is refused before anything runs, naming the point and the lever.
 * @example const points = await sweep(scenario, factorial({ 'states.PE.interdiction': [0.2, 0.4, 0.6] }), { runs: 5 });
 */
export async function sweep(base: Scenario, design: readonly Record<string, PathValue>[], options: ExperimentOptions = {}): Promise<SweepPoint[]> {
  const seeds = replicateSeeds(options.seed ?? base.seed, options.runs ?? 10);
  const scenarios = design.map((values, point) => {
    const overrides: Override[] = Object.entries(values).map(([path, value]) => ({ path, value, text: `${path}=${String(value)}` }));
    const v = validateScenario(applyOverrides(base, overrides));
    if (!v.ok) throw new RangeError(`design point ${point}: ${v.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    return v.scenario;
  });
  const tasks = scenarios.flatMap((s) => replicateTasks(s, seeds));
  const all = await runTasks(tasks, options.runner);
  return design.map((values, point) => {
    const results = all.slice(point * seeds.length, (point + 1) * seeds.length);
    return { point, values, scenario: scenarios[point], summary: summarize(results), results };
  });
}

// --- worker pools: Node's worker_threads and browsers' Web Workers alike ---

/** What a pool needs of a worker: Node's `Worker` (`on`) and a browser's `Worker` (`addEventListener`) both fit. */
export interface WorkerLike {
  postMessage(message: unknown, transfer?: readonly ArrayBuffer[]): void;
  terminate(): unknown;
  on?(event: 'message' | 'error', listener: (value: unknown) => void): unknown;
  addEventListener?(event: 'message' | 'error', listener: (event: { data?: unknown; message?: string }) => void): unknown;
}

/** The inside of a worker: Node's `parentPort` or a browser worker's `self`. */
export type WorkerPort = Omit<WorkerLike, 'terminate'>;

type Job = { id: number; scenario: Scenario; seed: number; run: number };
type Answer = { id: number; result: RunResult<MetricName> } | { id: number; error: string };

function listen(target: WorkerPort, onMessage: (data: unknown) => void, onError?: (message: string) => void): void {
  if (typeof target.on === 'function') {
    target.on('message', onMessage);
    if (onError) target.on('error', (e) => onError(e instanceof Error ? e.message : String(e)));
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
  listen(port, (data) => {
    const job = data as Job;
    try {
      const result = runScenario(job.scenario, { seed: job.seed, run: job.run });
      port.postMessage({ id: job.id, result } satisfies Answer, [result.data.buffer as ArrayBuffer]);
    } catch (e) {
      port.postMessage({ id: job.id, error: e instanceof Error ? e.message : String(e) } satisfies Answer);
    }
  });
}

/**
 * A runner on `size` workers made by `create` (each running {@link serveTasks}): tasks go to idle
 * workers as they free up; the workers are ended when the last result is in or a run fails.
 * @example
 * // Node: worker.mjs is `import { parentPort } from 'node:worker_threads'; import { serveTasks } from '@vraem/sim-core'; serveTasks(parentPort);`
 * const runner = workerRunner(() => new Worker(new URL('./worker.mjs', import.meta.url)), 4);
 * const { summary } = await replicates(scenario, { runs: 16, runner });
 */
export function workerRunner(create: () => WorkerLike, size = 2): Runner {
  return (tasks, onResult) =>
    new Promise<void>((resolve, reject) => {
      if (tasks.length === 0) return resolve();
      const workers: WorkerLike[] = [];
      let next = 0;
      let done = 0;
      let settled = false;
      const finish = (error?: Error) => {
        if (settled) return;
        settled = true;
        for (const w of workers) w.terminate();
        if (error) reject(error);
        else resolve();
      };
      const send = (w: WorkerLike) => {
        if (next >= tasks.length) return;
        const id = next++;
        const t = tasks[id];
        w.postMessage({ id, scenario: t.scenario, seed: t.seed, run: t.run } satisfies Job);
      };
      for (let i = 0; i < Math.max(1, Math.min(size, tasks.length)); i++) {
        const w = create();
        workers.push(w);
        listen(
          w,
          (data) => {
            if (settled) return;
            const a = data as Answer;
            if ('error' in a) return finish(new Error(`run ${tasks[a.id].run} (seed ${tasks[a.id].seed}) of "${tasks[a.id].scenario.name}" failed: ${a.error}`));
            try {
              onResult(a.id, a.result);
            } catch (e) {
              return finish(e instanceof Error ? e : new Error(String(e)));
            }
            if (++done === tasks.length) finish();
            else send(w);
          },
          (message) => finish(new Error(`a worker failed: ${message}`)),
        );
        send(w);
      }
    });
}
