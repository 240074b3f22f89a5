/**
 * Streaming statistics (issue 24): a run folder's summary is computed from the window means the
 * sink spills to disk run by run, a block of cells at a time, and must be exactly — byte for byte
 * as JSON — what sim-core's `summarize` and `compareRuns` give over every result held in memory,
 * whether the columns fit in one block or need many.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { RunSink, compareSinks } from '../src/batch.ts';
import { OutputFolder, planOutput } from '../src/output.ts';
import { loadScenario } from '../src/load.ts';
import { compareRuns, replicateSeed, runScenario, summarize, type RunResult } from '../src/core.ts';
import { FIXTURES, tempDir } from './helpers.ts';

const runsOf = (file: string, n: number): RunResult[] => {
  const s = loadScenario(join(FIXTURES, file), { set: ['months=14'] }).scenario;
  return Array.from({ length: n }, (_, run) => runScenario(s, { seed: replicateSeed(7, run), run }));
};

describe('streamed summaries', () => {
  const a = runsOf('mini.yaml', 5);
  const b = runsOf('child.yaml', 5);

  for (const blockBytes of [undefined, 4000]) {
    it(`equal summarize and compareRuns over the results held in memory (${blockBytes ? 'many blocks' : 'one block'})`, () => {
      const parent = tempDir();
      const out = new OutputFolder(planOutput(join(parent, 'out'), false, 'run', 'x'));
      try {
        const sa = new RunSink(out, 'a', blockBytes);
        const sb = new RunSink(out, 'b', blockBytes);
        a.forEach((r) => sa.add(r));
        b.forEach((r) => sb.add(r));
        expect(JSON.stringify(sa.summary())).toBe(JSON.stringify(summarize(a)));
        expect(JSON.stringify(compareSinks(sa, sb))).toBe(JSON.stringify(compareRuns(a, b)));
        sa.dispose();
        sb.dispose();
        expect(readdirSync(join(out.dir, 'a'))).toEqual(['series.csv']);
      } finally {
        out.discard();
        rmSync(parent, { recursive: true, force: true });
      }
    });
  }
});
