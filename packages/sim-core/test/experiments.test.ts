/**
 * The experiment API (issue 23): replicates with the CLI's seeds, paired comparisons, sweeps over
 * a design; a runner that finishes tasks in another order gives the same numbers.
 */
import { describe, expect, it } from 'vitest';
import { compareScenarios, factorial, replicates, replicateSeed, runScenario, sweep, type Runner } from '../src/index.ts';
import { baseline } from './helpers.ts';

const small = () => baseline({}, { householdsPerAgent: 80, months: 12 });

/** A runner that runs the tasks last first, as a pool whose last worker is fastest might. */
const backwards: Runner = (tasks, onResult) => {
  for (let i = tasks.length - 1; i >= 0; i--) onResult(i, runScenario(tasks[i].scenario, { seed: tasks[i].seed, run: tasks[i].run }));
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

  it('a sweep runs every point of a factorial design with the same seeds, and refuses a value out of bounds', async () => {
    const design = factorial({ 'firmas.count': [2, 6], 'states.PE.interdiction': [0.2] });
    expect(design).toEqual([
      { 'firmas.count': 2, 'states.PE.interdiction': 0.2 },
      { 'firmas.count': 6, 'states.PE.interdiction': 0.2 },
    ]);
    const points = await sweep(small(), design, { runs: 2, seed: 3 });
    expect(points.map((p) => p.scenario.firmas.count)).toEqual([2, 6]);
    expect(points[0].summary.seeds).toEqual(points[1].summary.seeds);
    await expect(sweep(small(), [{ 'states.PE.interdiction': 3 }], { runs: 1 })).rejects.toThrow(/design point 0: states\.PE\.interdiction: must be at most 1, got 3/);
  });
});
