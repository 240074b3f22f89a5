/**
 * The experiment API (issue 23): replicates with the CLI's seeds, paired comparisons, sweeps over
 * a design with `vraem sweep`'s seeds and shards; a runner that finishes tasks in another order
 * gives the same numbers, handed on in task order.
 */
import { describe, expect, it } from 'vitest';
import {
  ExperimentError,
  canonicalKey,
  compareScenarios,
  factorial,
  planSweep,
  replicates,
  replicateSeed,
  replicateTasks,
  runScenario,
  streamTasks,
  sweep,
  sweepSeed,
  serveTasks,
  workerRunner,
  type Runner,
  type WorkerJob,
  type WorkerLike,
} from '../src/index.ts';
import { baseline } from './helpers.ts';

const small = () => baseline({}, { householdsPerAgent: 80, months: 12 });

/** A runner that runs the tasks last first, as a pool whose last worker is fastest might. */
const backwards: Runner = (tasks, onResult) => {
  for (let i = tasks.length - 1; i >= 0; i--) {
    const t = tasks.at(i)!;
    onResult(i, runScenario(t.scenario, { seed: t.seed, run: t.run }));
  }
};

describe('experiments', () => {
  it('replicates use replicateSeed(base, k) and do not depend on the runner', async () => {
    const s = small();
    const inThread = await replicates(s, { runs: 3, seed: 5 });
    expect(inThread.seeds).toEqual([0, 1, 2].map((k) => replicateSeed(5, k)));
    expect(inThread.results.map((r) => r.run)).toEqual([0, 1, 2]);
    const other = await replicates(s, { runs: 3, seed: 5, runner: backwards });
    expect(other.summary).toEqual(inThread.summary);
  });

  it('a paired comparison of a scenario with itself differs by exactly zero', async () => {
    const s = small();
    const { comparison, seeds } = await compareScenarios(s, s, { runs: 2, seed: 9 });
    expect(comparison.seeds).toEqual(seeds);
    const cell = comparison.metrics.coca_ha.PE.finalYear;
    expect(cell.diff.mean).toBe(0);
    expect(cell.a.mean).toBeGreaterThan(0);
  });

  it('a sweep runs every point of a factorial design with vraem sweep’s seeds, and refuses a value out of bounds', async () => {
    const design = factorial({ 'firmas.count': [2, 6], 'states.PE.interdiction': [0.2] });
    expect(design).toEqual([
      { 'firmas.count': 2, 'states.PE.interdiction': 0.2 },
      { 'firmas.count': 6, 'states.PE.interdiction': 0.2 },
    ]);
    const points = await sweep(small(), design, { runs: 2, seed: 3 });
    expect(points.map((p) => p.scenario.firmas.count)).toEqual([2, 6]);
    for (const p of points) expect(p.summary.seeds).toEqual([0, 1].map((k) => sweepSeed(3, canonicalKey(p.values), k)));
    // A point's runs are what its values are, not where it stands in the design.
    const reversed = await sweep(small(), [...design].reverse(), { runs: 2, seed: 3, runner: backwards });
    expect(reversed[1].summary).toEqual(points[0].summary);
    await expect(sweep(small(), [{ 'states.PE.interdiction': 3 }], { runs: 1 })).rejects.toThrow(/design point 0: .*states\.PE\.interdiction: must be at most 1, got 3/);
  });

  it('shards of a sweep plan cover its tasks once, in order, with the seeds of the whole', () => {
    const design = factorial({ 'firmas.count': [2, 4, 6], 'states.PE.interdiction': [0.2, 0.5] });
    const whole = planSweep(small(), design, { runs: 3, seed: 11 });
    const seeds: number[] = [];
    for (let index = 0; index < 4; index++) {
      const shard = planSweep(small(), design, { runs: 3, seed: 11, shard: { index, count: 4 } });
      const tasks = shard.tasks();
      for (let i = 0; i < tasks.length; i++) seeds.push(tasks.at(i)!.seed);
      expect(tasks.at(tasks.length)).toBeUndefined();
    }
    const all = whole.tasks();
    expect(seeds).toEqual(Array.from({ length: all.length }, (_, i) => all.at(i)!.seed));
    expect(all.length).toBe(18);
    expect(all.at(4)!.scenario.firmas.count).toBe(2);
    expect(all.at(4)!.scenario.states.PE!.interdiction).toBe(0.5);
  });

  it('streamTasks hands results on in task order whatever order they finish in, and says which task a runner left out', async () => {
    const s = small();
    const tasks = replicateTasks(s, [1, 2, 3]);
    const order: number[] = [];
    const progress: number[] = [];
    await streamTasks(tasks, { runner: backwards, onResult: (i, r) => order.push(i, r.run), onProgress: (n) => progress.push(n) });
    expect(order).toEqual([0, 0, 1, 1, 2, 2]);
    expect(progress).toEqual([1, 2, 3]);
    const skipsOne: Runner = (list, onResult) => {
      for (let i = 0; i < list.length; i += 2) onResult(i, runScenario(list.at(i)!.scenario, { seed: list.at(i)!.seed, run: i }));
    };
    const err = await streamTasks(tasks, { runner: skipsOne, onResult: () => {} }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ExperimentError);
    expect((err as ExperimentError).task).toBe(1);
  });

  it('workerRunner sends a scenario to a worker once, not once a run, and gives the numbers of one thread', async () => {
    const s = small();
    const sent: WorkerJob[] = [];
    // A worker in this thread: messages cross as they would between threads (later, one at a time).
    const fakeWorker = (): WorkerLike => {
      const toPool: ((v: unknown) => void)[] = [];
      const toWorker: ((v: unknown) => void)[] = [];
      serveTasks({ postMessage: (m) => void setTimeout(() => toPool.forEach((f) => f(structuredClone(m))), 0), on: (e, f) => void (e === 'message' && toWorker.push(f)) });
      return {
        postMessage: (m) => {
          sent.push(m as WorkerJob);
          setTimeout(() => toWorker.forEach((f) => f(structuredClone(m))), 0);
        },
        terminate: () => undefined,
        on: (e, f) => void (e === 'message' && toPool.push(f)),
      };
    };
    const onWorkers = await replicates(s, { runs: 4, seed: 2, runner: workerRunner(fakeWorker, 2) });
    const inThread = await replicates(s, { runs: 4, seed: 2 });
    expect(onWorkers.summary).toEqual(inThread.summary);
    expect(sent).toHaveLength(4);
    expect(sent.filter((j) => j.scenario !== undefined)).toHaveLength(2);
  });
});
