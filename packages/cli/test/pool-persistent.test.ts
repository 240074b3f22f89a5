/**
 * The persistent worker pool (issue 17, speed of ABC): runs of tasks one after another on one
 * pool (`openPool`) give the results of fresh one-shot runs (`runTasks`) on the same threads —
 * counted at Node's `Worker` constructor, which this file wraps — and a failed run rejects with
 * the RunError naming its run and seed once every thread of the pool has ended.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Worker as NodeWorker } from 'node:worker_threads';
import { replicateSeeds, replicateTasks, type RunResult, type Scenario, type Task } from '@vraem/sim-core';
import { loadScenario } from '../src/load.ts';
import { RunError } from '../src/errors.ts';
import { openPool, runTasks } from '../src/pool.ts';
import { FIXTURES, ROOT, abcInputs, killMidway, tempDir } from './helpers.ts';

/** Every worker thread this file's pools start, and those not yet ended. */
const threads = vi.hoisted(() => ({ started: 0, live: new Set<unknown>() }));

vi.mock('node:worker_threads', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:worker_threads')>();
  class CountedWorker extends actual.Worker {
    constructor(...args: ConstructorParameters<typeof NodeWorker>) {
      super(...args);
      threads.started++;
      threads.live.add(this);
      this.once('exit', () => threads.live.delete(this));
    }
  }
  return { ...actual, Worker: CountedWorker };
});

const mini = (): Scenario => loadScenario(join(FIXTURES, 'mini.yaml'), { set: ['householdsPerAgent=20'] }).scenario;
const tasksOf = (s: Scenario, base: number, runs: number): Task[] => replicateTasks(s, replicateSeeds(base, runs));

/** The results of a run, in the order they are handed over, with the indices they come with. */
function collector() {
  const indices: number[] = [];
  const results: RunResult[] = [];
  return { indices, results, onResult: (i: number, r: RunResult) => (indices.push(i), results.push(r)) };
}

describe('a worker pool kept across runs', () => {
  afterEach(() => expect(threads.live.size).toBe(0));

  it('runs two sets of tasks on the same two threads, with the results of two fresh runTasks calls', async () => {
    const s = mini();
    const first = tasksOf(s, 3, 5);
    const second = tasksOf(s, 11, 4);
    const before = threads.started;
    const pool = await openPool({ workers: 2 });
    const a = collector();
    const b = collector();
    try {
      await pool.run(first, a);
      await pool.run(second, b);
    } finally {
      await pool.close();
    }
    expect(threads.started - before).toBe(2);
    expect(a.indices).toEqual([0, 1, 2, 3, 4]);
    expect(b.indices).toEqual([0, 1, 2, 3]);

    const freshA = collector();
    const freshB = collector();
    const fresh = threads.started;
    await runTasks(first, { workers: 2, ...freshA });
    await runTasks(second, { workers: 2, ...freshB });
    expect(threads.started - fresh).toBe(4); // a one-shot run starts its own threads
    expect(a.results.map((r) => r.data)).toEqual(freshA.results.map((r) => r.data));
    expect(b.results.map((r) => r.data)).toEqual(freshB.results.map((r) => r.data));
    expect(b.results.map((r) => r.seed)).toEqual(replicateSeeds(11, 4));
  });

  it('a run that fails in the second set rejects naming its run and seed, after every thread has ended', async () => {
    const s = mini();
    const pool = await openPool({ workers: 2 });
    try {
      await pool.run(tasksOf(s, 3, 2), collector());
      const second = tasksOf(s, 5, 3);
      // A scenario the model cannot run (no regions): the worker's run throws.
      second[1] = { ...second[1], scenario: { ...s, regions: undefined } as unknown as Scenario };
      const err = await pool.run(second, collector()).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(RunError);
      expect((err as Error).message).toContain(`run 1 (seed ${second[1].seed}) of "mini" failed:`);
      expect(threads.live.size).toBe(0);
      // The pool has ended: it refuses another run rather than hang.
      await expect(pool.run(tasksOf(s, 3, 1), collector())).rejects.toThrow(/closed|failed/);
    } finally {
      await pool.close();
    }
  });

  it('an error of the caller’s onResult ends the pool and is handed on as it is', async () => {
    const pool = await openPool({ workers: 2 });
    const wrong = new Error('the caller could not use a result');
    try {
      const err = await pool.run(tasksOf(mini(), 3, 4), { onResult: () => { throw wrong; } }).catch((e: unknown) => e);
      expect(err).toBe(wrong);
      expect(threads.live.size).toBe(0);
    } finally {
      await pool.close();
    }
  });

  it('an idle pool does not keep its process alive (a command that forgot close() still ends)', () => {
    // In a process of its own, where this file's wrapped Worker is not: open a pool, run a set of
    // tasks, leave the pool open and fall off the end of the script.
    const script = [
      `import { openPool } from ${JSON.stringify(new URL('../src/pool.ts', import.meta.url).href)};`,
      `import { loadScenario } from ${JSON.stringify(new URL('../src/load.ts', import.meta.url).href)};`,
      `import { replicateTasks } from ${JSON.stringify(new URL('../src/core.ts', import.meta.url).href)};`,
      `const s = loadScenario(${JSON.stringify(join(FIXTURES, 'mini.yaml'))}, { set: ['householdsPerAgent=20'] }).scenario;`,
      `const pool = await openPool({ workers: 2 });`,
      `let n = 0;`,
      `await pool.run(replicateTasks(s, [1, 2, 3]), { onResult: () => n++ });`,
      `console.log('ran', n);`,
    ].join('\n');
    const file = join(tempDir('vraem-pool-'), 'idle-pool.mjs');
    writeFileSync(file, script);
    const r = spawnSync(process.execPath, ['--import', import.meta.resolve('tsx'), file], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
    expect(r.signal).toBeNull(); // not killed at the timeout: it ended by itself
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('ran 3\n');
    expect(r.status).toBe(0);
  });

  it('Ctrl-C during calibrate --abc, whose pool outlives its batches, ends the process and leaves nothing', async () => {
    const parent = tempDir('vraem-pool-sigint-');
    const files = tempDir('vraem-pool-inputs-');
    const { observed, prices, patterns, households } = abcInputs(files);
    const { code, stderr } = await killMidway(
      ['calibrate', join(FIXTURES, 'mini.yaml'), '--abc', '--against', observed, '--prices', prices, '--patterns', patterns, '--households', households,
        '--fit', 'market.demandScale=0.6..1.2', '--until', '2010', '--particles', '10', '--generations', '100', '--budget', '100000', '--batch', '4', '--workers', '2', '--out', join(parent, 'out')],
      parent,
      'SIGINT',
    );
    expect(code).toBe(130);
    expect(stderr).toMatch(/interrupted by SIGINT; no output was left behind/);
    expect(readdirSync(parent)).toEqual([]);
  }, 60_000);
});
