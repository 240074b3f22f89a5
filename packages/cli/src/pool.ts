/**
 * Replicates in parallel on worker threads. Jobs go to idle workers as they free up; results are
 * handed to the caller strictly in job order whatever order the workers finish in, so the files
 * written do not depend on the number of workers. Workers load TypeScript by registering tsx.
 */
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import type { RunResult, Scenario } from './core.ts';
import type { Answer, Job } from './worker.ts';
import { RunError } from './errors.ts';

/** One replicate to run. */
export interface Task {
  scenario: Scenario;
  seed: number;
  run: number;
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

/**
 * Start a worker running `worker.ts`. Node does not pass tsx's loader hooks to worker threads, so
 * a TypeScript worker starts from a tiny bootstrap that registers tsx, then imports the worker
 * module; a compiled `.js` worker would start directly.
 */
function startWorker(): Worker {
  const url = new URL('./worker.ts', import.meta.url);
  if (!url.pathname.endsWith('.ts')) return new Worker(url);
  const api = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}); });`;
  return new Worker(boot, { eval: true });
}

/**
 * Run tasks on a pool of worker threads; resolves when every result has been handed over in order.
 * A failed run rejects with a RunError naming its run and seed; the pool is torn down either way.
 */
export function runTasks(tasks: readonly Task[], options: PoolOptions): Promise<void> {
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
      const t = tasks[id];
      w.postMessage({ id, scenario: t.scenario, seed: t.seed, run: t.run, check: options.check ?? false } satisfies Job);
    };
    for (let i = 0; i < count; i++) {
      const w = startWorker();
      workers.push(w);
      w.on('message', (answer: Answer) => {
        if (settled) return;
        if ('error' in answer) {
          const t = tasks[answer.id];
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
