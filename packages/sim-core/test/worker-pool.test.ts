/**
 * A worker pool kept across runs (`workerPool`, issue 17's speed of ABC), on workers in this
 * thread that pass messages as threads would (later, one at a time, cloned) and can die: the same
 * workers from run to run with the numbers of one thread; a worker that dies between runs, or a
 * close() during a run, ends every worker and rejects rather than hangs.
 */
import { describe, expect, it } from 'vitest';
import { ExperimentError, replicateTasks, runTasks, serveTasks, workerPool, type WorkerLike } from '../src/index.ts';
import { baseline } from './helpers.ts';

const small = () => baseline({}, { householdsPerAgent: 80, months: 12 });

/** Workers in this thread; each can be made to die with an exit code. */
function fakeWorkers() {
  const made: { worker: WorkerLike; die(code: number): void; terminated: boolean }[] = [];
  const create = (): WorkerLike => {
    const toPool: ((v: unknown) => void)[] = [];
    const toWorker: ((v: unknown) => void)[] = [];
    const onExit: ((v: unknown) => void)[] = [];
    let alive = true;
    serveTasks({ postMessage: (m) => void setTimeout(() => alive && toPool.forEach((f) => f(structuredClone(m))), 0), on: (e, f) => void (e === 'message' && toWorker.push(f)) });
    const die = (code: number) => {
      if (!alive) return;
      alive = false;
      setTimeout(() => onExit.forEach((f) => f(code)), 0);
    };
    const entry = {
      worker: {
        postMessage: (m: unknown) => void setTimeout(() => alive && toWorker.forEach((f) => f(structuredClone(m))), 0),
        terminate: () => {
          entry.terminated = true;
          die(1); // as Node's terminate(): the worker exits with code 1
        },
        on: (e: string, f: (v: unknown) => void) => void (e === 'message' ? toPool.push(f) : e === 'exit' && onExit.push(f)),
      } as WorkerLike,
      die,
      terminated: false,
    };
    made.push(entry);
    return entry.worker;
  };
  return { made, create };
}

describe('workerPool', () => {
  it('keeps its workers from run to run, with the numbers of one thread', async () => {
    const s = small();
    const { made, create } = fakeWorkers();
    const pool = workerPool(create, 2);
    const runs = [replicateTasks(s, [1, 2, 3]), replicateTasks(s, [4]), replicateTasks(s, [5, 6, 7, 8])];
    const onPool = [];
    for (const tasks of runs) onPool.push(await runTasks(tasks, pool.run));
    // The one-task run used one of the two workers; no run started another.
    expect(made).toHaveLength(2);
    await pool.close();
    expect(made.every((w) => w.terminated)).toBe(true);
    for (const [k, tasks] of runs.entries()) expect(onPool[k].map((r) => r.data)).toEqual((await runTasks(tasks)).map((r) => r.data));
  });

  it('a worker that dies between runs ends the pool: the next run rejects naming the exit, every worker ended', async () => {
    const s = small();
    const { made, create } = fakeWorkers();
    const pool = workerPool(create, 2);
    await runTasks(replicateTasks(s, [1, 2]), pool.run);
    made[1].die(3);
    await new Promise((r) => setTimeout(r, 10));
    const err = await runTasks(replicateTasks(s, [3, 4]), pool.run).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ExperimentError);
    expect((err as Error).message).toBe('a worker exited with code 3');
    expect(made.every((w) => w.terminated)).toBe(true);
    expect(made).toHaveLength(2);
  });

  it('close() during a run rejects that run once every worker has ended', async () => {
    const s = small();
    const { made, create } = fakeWorkers();
    const pool = workerPool(create, 2);
    const running = runTasks(replicateTasks(s, [1, 2, 3, 4]), pool.run).catch((e: unknown) => e);
    await pool.close();
    const err = await running;
    expect(err).toBeInstanceOf(ExperimentError);
    expect((err as Error).message).toMatch(/closed/);
    expect(made.every((w) => w.terminated)).toBe(true);
  });

  it('refuses a second run while one is under way', async () => {
    const s = small();
    const pool = workerPool(fakeWorkers().create, 2);
    try {
      const first = runTasks(replicateTasks(s, [1, 2]), pool.run);
      await expect(runTasks(replicateTasks(s, [3]), pool.run)).rejects.toThrow(/one set of tasks at a time/);
      await first;
    } finally {
      await pool.close();
    }
  });
});
