/**
 * Replicates in parallel on worker threads: sim-core's worker pool (`workerPool`, with
 * `streamTasks` handing results on in task order, so the files written do not depend on the number
 * of workers), on Node's worker threads. A command that runs one set of tasks calls
 * {@link runTasks}; one that runs many in turn (`calibrate --abc`, a batch a generation) keeps one
 * pool open ({@link openPool}), so its workers start, and V8 compiles the model in them, once. What
 * is the CLI's own is how a worker starts: run from TypeScript sources, from a bundle of the worker
 * module (see workerStarter).
 */
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { ExperimentError, streamTasks, workerPool, type RunResult, type TaskList } from './core.ts';
import { RunError } from './errors.ts';
import { progress } from './progress.ts';

/** One replicate to run, and tasks by index: sim-core's experiment API (analysis/experiments.ts). */
export type { Task, TaskList } from './core.ts';

/** How a pool runs: options of {@link openPool}. */
export interface PoolSetup {
  /** Worker threads (default: the machine's available parallelism). At most one per task of a run. */
  workers?: number;
  /** Assert balances every month (`--check`). */
  check?: boolean;
}

/** What a run does with its results. */
export interface RunCallbacks {
  /** Called with each result, in task order. */
  onResult(index: number, result: RunResult): void;
  /** Called each time a task finishes (in any order): for progress. */
  onProgress?(done: number): void;
}

/** Options of {@link runTasks}. */
export interface PoolOptions extends PoolSetup, RunCallbacks {}

/** Worker threads kept open across runs of tasks (one run at a time). */
export interface Pool {
  /**
   * Run tasks; resolves when every result has been handed over in order. A failed run rejects
   * with a RunError naming its run and seed, after every thread of the pool has ended (the pool
   * cannot run again).
   */
  run(tasks: TaskList, callbacks: RunCallbacks): Promise<void>;
  /** End the threads; resolves once they have ended. Call it in a `finally`. */
  close(): Promise<void>;
}

/**
 * {@link runTasks} with a progress bar labelled `label` (time left on a terminal, silent in logs),
 * stopped however the run ends.
 */
export async function runWithProgress(label: string, tasks: TaskList, options: Omit<PoolOptions, 'onProgress'>): Promise<void> {
  const bar = progress(label, tasks.length);
  try {
    await runTasks(tasks, { ...options, onProgress: bar.update });
  } finally {
    bar.stop();
  }
}

/** The default number of workers: the cores this process may use. */
export function defaultWorkers(): number {
  return availableParallelism();
}

/** The bit of esbuild's API the pool uses (esbuild comes with tsx, which runs the CLI from source). */
interface Bundler {
  build(options: Record<string, unknown>): Promise<{ outputFiles: { text: string }[] }>;
  stop(): Promise<void>;
}

/** The worker module. */
const WORKER = new URL('./worker.ts', import.meta.url);

/** The worker bundled into one CommonJS script, once a process; null when it cannot be. */
let workerBundle: Promise<string | null> | undefined;

/**
 * `worker.ts` and everything it imports (sim-core) as one JavaScript script, built with the
 * esbuild that tsx brings: a worker started from it runs no TypeScript loader, so it is up in
 * about 0.1 s instead of 0.5–1 s (registering tsx and transpiling sim-core in every worker). The
 * code is the same source, so results are the same; if esbuild cannot be found or fails, the
 * pool falls back to registering tsx in each worker. esbuild's process (about 55 MB) is stopped
 * once the bundle is made: it is made once a process, and a sweep shard's memory is bounded
 * (esbuild's synchronous API would also keep a worker thread of its own for the process's life).
 */
function bundledWorker(): Promise<string | null> {
  workerBundle ??= (async () => {
    try {
      const esbuild = createRequire(import.meta.resolve('tsx/esm/api'))('esbuild') as Bundler;
      try {
        const out = await esbuild.build({
          entryPoints: [fileURLToPath(WORKER)],
          bundle: true,
          write: false,
          format: 'cjs',
          platform: 'node',
          target: `node${process.versions.node.split('.')[0]}`,
          logLevel: 'silent',
        });
        return out.outputFiles[0]?.text ?? null;
      } finally {
        await esbuild.stop();
      }
    } catch {
      return null;
    }
  })();
  return workerBundle;
}

/**
 * A worker's V8 heap: a young generation of 3 MB (1 MB semi-spaces, the size V8 starts them at)
 * instead of V8's default of up to 48 MB (16 MB semi-spaces). A worker's garbage is a run's own
 * objects, which live as long as the run: a larger young generation only delays promoting them,
 * while it is resident memory in every worker (a 625-run sweep shard on one worker: 249 -> 211 MB
 * resident; CPU time the same within noise, at 200 and at 1 household an agent;
 * docs/performance.md). The old generation keeps V8's default limit: no run can fail for it.
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 3 };

/**
 * The compiled worker script when `vraem` runs compiled (bin/vraem.mjs names it before it imports
 * the compiled CLI, which sees its sources' `import.meta.url`, not its own); unset from sources.
 */
const compiledWorker = (globalThis as { vraemCompiledWorker?: URL }).vraemCompiledWorker;

/**
 * How to start a worker running `worker.ts`. The compiled CLI starts the compiled worker, and a
 * compiled `.js` worker starts directly. From TypeScript sources, the worker starts from its
 * bundle ({@link bundledWorker}); failing that, from a tiny bootstrap that registers tsx (Node
 * does not pass tsx's loader hooks to worker threads), then imports the worker module.
 */
async function workerStarter(): Promise<() => Worker> {
  const options = { resourceLimits: WORKER_LIMITS };
  if (compiledWorker) return () => new Worker(compiledWorker, options);
  if (!WORKER.pathname.endsWith('.ts')) return () => new Worker(WORKER, options);
  const bundle = await bundledWorker();
  if (bundle !== null) return () => new Worker(bundle, { ...options, eval: true });
  const api = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(WORKER.href)}); });`;
  return () => new Worker(boot, { ...options, eval: true });
}

/** A failure of sim-core's runner as the CLI reports it: a RunError, with the worker's stack. */
function runError(e: unknown): unknown {
  if (!(e instanceof ExperimentError)) return e;
  const err = new RunError(e.message.replace(/^a worker /, 'a worker thread '));
  if (e.workerStack) err.stack = e.workerStack;
  return err;
}

/**
 * A pool of worker threads (sim-core's `workerPool`), started as its first run needs them and
 * kept until {@link Pool.close}: each run streams its results in task order (`streamTasks`).
 */
export async function openPool(setup: PoolSetup = {}): Promise<Pool> {
  const pool = workerPool(await workerStarter(), setup.workers ?? defaultWorkers());
  return {
    async run(tasks, callbacks) {
      try {
        await streamTasks(tasks, { ...callbacks, check: setup.check, runner: pool.run });
      } catch (e) {
        // A failed run, a dead thread or an error of onResult has ended the pool already
        // (workerPool ends it on any failure); closing waits until its threads are gone.
        await pool.close();
        throw runError(e);
      }
    },
    close: () => pool.close(),
  };
}

/**
 * Run one set of tasks on a pool of worker threads opened for it ({@link openPool}) and closed
 * however the run ends; resolves when every result has been handed over in order. A failed run
 * rejects with a RunError naming its run and seed (its stack the worker's).
 */
export async function runTasks(tasks: TaskList, options: PoolOptions): Promise<void> {
  if (tasks.length === 0) return;
  const pool = await openPool(options);
  try {
    await pool.run(tasks, options);
  } finally {
    await pool.close();
  }
}
