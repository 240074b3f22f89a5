/**
 * Policy comparison: scenario A against scenario B over paired replicates (replicate k of A and
 * of B share a seed, so the noise common to both cancels in the difference B − A).
 */
import { type RunResult } from '../engine/results.ts';
import { type Stat, pairedStat, stat } from './statistics.ts';
import { type WindowName, type Window, checkAligned, windowMeans, windowsFor } from './summary.ts';

export interface ComparisonCell {
  a: Stat;
  b: Stat;
  /** B − A, paired by seed. */
  diff: Stat;
}

export interface Comparison {
  a: { scenario: string; runs: number };
  b: { scenario: string; runs: number };
  seeds: number[];
  windows: Record<WindowName, Window>;
  /** `metrics[metric][row][window]`. */
  metrics: Record<string, Record<string, Record<WindowName, ComparisonCell>>>;
}

/**
 * Compare paired replicates of two scenarios.
 * @example compareRuns(baselineRuns, adRuns).metrics.coca_ha.PE.finalYear.diff.ci95
 */
export function compareRuns(a: readonly RunResult[], b: readonly RunResult[]): Comparison {
  const fa = checkAligned(a);
  const fb = checkAligned(b);
  if (a.length !== b.length) throw new Error(`paired comparison needs as many runs of A as of B (${a.length} vs ${b.length})`);
  if (fa.months !== fb.months || fa.start !== fb.start) throw new Error('A and B must share start month and length to be compared');
  a.forEach((r, i) => {
    if (r.seed !== b[i].seed) throw new Error(`replicate ${i} of A and B have different seeds (${r.seed} vs ${b[i].seed})`);
  });
  const windows = windowsFor(fa.start, fa.months);
  const rows = fa.rows.filter((row) => fb.rows.includes(row));
  const metrics: Comparison['metrics'] = {};
  fa.metrics.forEach((name, m) => {
    const byRow: Record<string, Record<WindowName, ComparisonCell>> = {};
    for (const row of rows) {
      const ra = fa.rows.indexOf(row);
      const rb = fb.rows.indexOf(row);
      const cell = (w: Window): ComparisonCell => {
        const va = windowMeans(a, ra, m, w);
        const vb = windowMeans(b, rb, m, w);
        return { a: stat(va), b: stat(vb), diff: pairedStat(va, vb) };
      };
      byRow[row] = { finalYear: cell(windows.finalYear), wholeRun: cell(windows.wholeRun) };
    }
    metrics[name] = byRow;
  });
  return {
    a: { scenario: fa.scenario, runs: a.length },
    b: { scenario: fb.scenario, runs: b.length },
    seeds: a.map((r) => r.seed),
    windows,
    metrics,
  };
}
