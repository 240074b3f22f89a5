/**
 * Replicates in parallel on worker threads. Jobs go to idle workers as they free up; results are
 * handed to the caller strictly in job order whatever order the workers finish in, so the files
 * written do not depend on the number of workers. Run from TypeScript sources, workers start from
 * a bundle of the worker module (see startWorker).
 */
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { RunResult, Task } from './core.ts';
import type { Answer, Job } from './worker.ts';
import { RunError } from './errors.ts';

/** One replicate to run: a task of sim-core's experiment API (analysis/experiments.ts). */
export type { Task } from './core.ts';

/**
 * Tasks by index: an array, or a list that makes each task when it is sent (a sweep's millions
 * of tasks are never held at once).
 */
export interface TaskList {
  readonly length: number;
  at(index: number): Task | undefined;
}

/** Options of {@link runTasks}. */
export interface PoolOptions {
  /** Worker threads (default: the machine's available parallelism). At most one per task. */
  workers?: number;
  /** Assert balances every month (`--check`). */
  check?: boolean;
  /** Called with each result, in task order. */
  onResult(index: number, result: RunResult): void;
  /** Called each time a task finishes (in any order): for progress. */
  onProgress?(done: number): void;
}

/** The default number of workers: the cores this process may use. */
export function defaultWorkers(): number {
  return availableParallelism();
}

/** The bit of esbuild's API the pool uses (esbuild comes with tsx, which runs the CLI from source). */
interface Bundler {
  buildSync(options: Record<string, unknown>): { outputFiles: { text: string }[] };
}

/** The worker bundled into one CommonJS script, once a process; null when it cannot be. */
let workerBundle: string | null | undefined;

/**
 * `worker.ts` and everything it imports (sim-core) as one JavaScript script, built with the
 * esbuild that tsx brings: a worker started from it runs no TypeScript loader, so it is up in
 * about 0.1 s instead of 0.5–1 s (registering tsx and transpiling sim-core in every worker). The
 * code is the same source, so results are the same; if esbuild cannot be found or fails, the
 * pool falls back to registering tsx in each worker.
 */
function bundledWorker(entry: URL): string | null {
  if (workerBundle !== undefined) return workerBundle;
  try {
    const esbuild = createRequire(import.meta.resolve('tsx/esm/api'))('esbuild') as Bundler;
    const out = esbuild.buildSync({
      entryPoints: [fileURLToPath(entry)],
      bundle: true,
      write: false,
      format: 'cjs',
      platform: 'node',
      target: `node${process.versions.node.split('.')[0]}`,
      logLevel: 'silent',
    });
    workerBundle = out.outputFiles[0]?.text ?? null;
  } catch {
    workerBundle = null;
  }
  return workerBundle;
}

/**
 * Start a worker running `worker.ts`. A compiled `.js` worker starts directly. From TypeScript
 * sources, the worker starts from its bundle ({@link bundledWorker}); failing that, from a tiny
 * bootstrap that registers tsx (Node does not pass tsx's loader hooks to worker threads), then
 * imports the worker module.
 */
function startWorker(): Worker {
  const url = new URL('./worker.ts', import.meta.url);
  if (!url.pathname.endsWith('.ts')) return new Worker(url);
  const bundle = bundledWorker(url);
  if (bundle !== null) return new Worker(bundle, { eval: true });
  const api = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}); });`;
  return new Worker(boot, { eval: true });
}

/**
 * Run tasks on a pool of worker threads; resolves when every result has been handed over in order.
 * A failed run rejects with a RunError naming its run and seed; the pool is torn down either way.
 */
export function runTasks(tasks: TaskList, options: PoolOptions): Promise<void> {
  const count = Math.max(1, Math.min(options.workers ?? defaultWorkers(), tasks.length));
  if (tasks.length === 0) return Promise.resolve();
  return new Promise<void>((resolvePool, rejectPool) => {
    const workers: Worker[] = [];
    const buffered = new Map<number, RunResult>();
    let nextToSend = 0;
    let nextToDeliver = 0;
    let done = 0;
    let settled = false;
    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      for (const w of workers) void w.terminate();
      if (error) rejectPool(error);
      else resolvePool();
    };
    const send = (w: Worker) => {
      if (nextToSend >= tasks.length) return;
      const id = nextToSend++;
      const t = tasks.at(id)!;
      w.postMessage({ id, scenario: t.scenario, seed: t.seed, run: t.run, check: options.check ?? false } satisfies Job);
    };
    for (let i = 0; i < count; i++) {
      const w = startWorker();
      workers.push(w);
      w.on('message', (answer: Answer) => {
        if (settled) return;
        if ('error' in answer) {
          const t = tasks.at(answer.id)!;
          const err = new RunError(`run ${t.run} (seed ${t.seed}) of "${t.scenario.name}" failed: ${answer.error}`);
          if (answer.stack) err.stack = answer.stack;
          finish(err);
          return;
        }
        buffered.set(answer.id, answer.result);
        done++;
        options.onProgress?.(done);
        try {
          while (buffered.has(nextToDeliver)) {
            const r = buffered.get(nextToDeliver)!;
            buffered.delete(nextToDeliver);
            options.onResult(nextToDeliver, r);
            nextToDeliver++;
          }
        } catch (e) {
          finish(e instanceof Error ? e : new Error(String(e)));
          return;
        }
        if (nextToDeliver === tasks.length) finish();
        else send(w);
      });
      w.on('error', (e) => finish(new RunError(`a worker thread failed: ${e.message}`)));
      w.on('exit', (code) => {
        if (!settled && code !== 0) finish(new RunError(`a worker thread exited with code ${code}`));
      });
      send(w);
    }
  });
}
