/**
 * A sweep's report in bounded memory (issue 18 item 4): `series.csv` is streamed a run at a time
 * and each run kept for its final year only, and `summary.json` (hundreds of megabytes for
 * thousands of points) is not read; the final-year numbers are those of the whole runs.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { summarize } from '@vraem/sim-core';
import { describe, expect, it } from 'vitest';
import { parseSweepSeriesCsv, readOutputFolder, sweepSeriesRuns, writeReport } from '../src/index.ts';
import { syntheticRuns, tempDir, writeSweepFolder } from './fixtures.ts';

describe('a sweep folder for its report', () => {
  const runsAt = (v: number) => syntheticRuns({ months: 30, seeds: [3, 4, 5], pressure: v });

  it('keeps each run’s final year, with the final-year statistics of the whole runs, without reading summary.json', async () => {
    const dir = writeSweepFolder(tempDir('sweep-stream'), 'market.demandIndex', [0.8, 1.2], runsAt);
    writeFileSync(join(dir, 'summary.json'), 'not read: a sweep of 2,000 points writes 400 MB here');
    const f = await readOutputFolder(dir);
    if (f.kind !== 'sweep') throw new Error('not a sweep');
    expect(f.points.map((p) => p.values)).toEqual([{ 'market.demandIndex': 0.8 }, { 'market.demandIndex': 1.2 }]);
    // The whole runs as series.csv holds them (10 significant digits).
    const wholeRuns = parseSweepSeriesCsv(readFileSync(join(dir, 'series.csv'), 'utf8'));
    f.points.forEach((p, i) => {
      const whole = wholeRuns[i].results;
      expect(p.results.map((r) => [r.run, r.seed, r.months, r.start])).toEqual(whole.map((r) => [r.run, r.seed, 12, '2005-07']));
      const full = summarize(whole).metrics;
      const kept = f.summaries.get(p.point)!.metrics;
      for (const m of ['coca_ha', 'leaf_price_usd_kg'] as const) for (const row of ['PE', 'ALL']) expect(kept[m][row].finalYear).toEqual(full[m][row].finalYear);
    });
    await writeReport(dir);
  });

  it('streams the runs of a sweep’s series.csv with their points, and refuses a run whose lines are split', async () => {
    const dir = writeSweepFolder(tempDir('sweep-stream'), 'market.demandIndex', [1, 2], runsAt);
    const seen: [number, number][] = [];
    for await (const { point, result } of sweepSeriesRuns(join(dir, 'series.csv'))) seen.push([point, result.run]);
    expect(seen).toEqual([0, 1].flatMap((p) => [0, 1, 2].map((r) => [p, r] as [number, number])));
    const text = readFileSync(join(dir, 'series.csv'), 'utf8').split('\n');
    // The first data line (point 0, run 0) again at the end: run 0 of point 0 comes back after others.
    writeFileSync(join(dir, 'series.csv'), [...text.filter((l) => l), text[1]].join('\n') + '\n');
    const all = async () => {
      for await (const _ of sweepSeriesRuns(join(dir, 'series.csv'))) void _;
    };
    const err = await all().catch((e: Error) => e);
    expect(String(err), String(err)).toMatch(/run 0 of point 0 appears again after other runs/);
  });
});
