/**
 * `vraem run`, `compare` and `sweep` are a layer over sim-core's experiment API (issue 23): the
 * numbers a library user gets from `replicates`, `compareScenarios` and `sweep` on the same
 * scenario file, seed and design are the ones the commands write (the commands stream them to
 * disk; the library holds them), and the sweep's seeds and held values are the same.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES, tempDir, vraemAsync } from './helpers.ts';
import { compareScenarios, factorial, replicates, sweep } from '../src/core.ts';
import { loadScenario } from '../src/load.ts';

const MINI = join(FIXTURES, 'mini.yaml');
const json = (dir: string, f: string) => JSON.parse(readFileSync(join(dir, f), 'utf8'));
/** As written to summary.json (NaN becomes null, -0 becomes 0). */
const asWritten = (x: unknown) => JSON.parse(JSON.stringify(x));

describe('the commands and the library agree', () => {
  const dir = tempDir();

  it('run, compare and sweep write the numbers of replicates, compareScenarios and sweep', async () => {
    const vary = ['--vary', 'firmas.count=1,4', '--vary', 'states.PE.interdiction=0.1,0.6'];
    const set = ['--set', 'months=12'];
    const done = await Promise.all([
      vraemAsync(['run', MINI, '--runs', '2', '--seed', '5', ...set, '--workers', '2', '--out', join(dir, 'run')]),
      vraemAsync(['compare', MINI, MINI, '--runs', '2', '--seed', '5', '--set', 'months=12', '--set', 'firmas.count=4', '--workers', '1', '--out', join(dir, 'cmp')]),
      vraemAsync(['sweep', MINI, ...vary, '--runs', '2', '--seed', '5', ...set, '--workers', '2', '--out', join(dir, 'sweep')]),
    ]);
    for (const r of done) expect(r.code, r.stderr).toBe(0);

    const base = loadScenario(MINI, { set: ['months=12'] });
    const run = await replicates(base.scenario, { runs: 2, seed: 5 });
    expect(json(join(dir, 'run'), 'summary.json')).toEqual(asWritten(run.summary));

    // compare loads both sides with the same --set, so here A and B are the same file and both get firmas.count=4
    const side = loadScenario(MINI, { set: ['months=12', 'firmas.count=4'] }).scenario;
    const { comparison } = await compareScenarios(side, side, { runs: 2, seed: 5 });
    const { answer, ...written } = json(join(dir, 'cmp'), 'summary.json');
    expect(answer).toBeDefined();
    expect(written).toEqual(asWritten(comparison));

    const points = await sweep(base, factorial({ 'firmas.count': [1, 4], 'states.PE.interdiction': [0.1, 0.6] }), { runs: 2, seed: 5 });
    const summary = json(join(dir, 'sweep'), 'summary.json');
    expect(summary.points.map((p: { values: unknown }) => p.values)).toEqual(points.map((p) => p.values));
    summary.points.forEach((p: { summary: unknown }, i: number) => expect(p.summary).toEqual(asWritten(points[i].summary)));
    const design = readFileSync(join(dir, 'sweep', 'design.csv'), 'utf8').trim().split('\n').slice(1);
    expect(design.map((l) => Number(l.split(',').at(-1)))).toEqual(points.flatMap((p) => p.summary.seeds));
  });
});
