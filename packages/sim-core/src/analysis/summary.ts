/**
 * Summaries over replicates, as written to `summary.json`: for every metric and row, the mean,
 * sd and 95% interval across runs of each run's monthly mean over two windows, the final year
 * of the run and the whole run.
 */
import { type RunResult, valueAt } from '../engine/results.ts';
import { monthLabel } from '../engine/calendar.ts';
import { type Stat, stat } from './statistics.ts';

export type WindowName = 'finalYear' | 'wholeRun';
export const WINDOWS: readonly WindowName[] = ['finalYear', 'wholeRun'];

export interface Window {
  /** First tick in the window (inclusive). */
  from: number;
  /** Last tick in the window (inclusive). */
  to: number;
  fromDate: string;
  toDate: string;
}

export interface Summary {
  scenario: string;
  runs: number;
  seeds: number[];
  windows: Record<WindowName, Window>;
  /** `metrics[metric][row][window]`. */
  metrics: Record<string, Record<string, Record<WindowName, Stat>>>;
}

/** The final-year and whole-run windows of a run of `months` months from `start`. */
export function windowsFor(start: string, months: number): Record<WindowName, Window> {
  const mk = (from: number, to: number): Window => ({ from, to, fromDate: monthLabel(start, from), toDate: monthLabel(start, to) });
  return { finalYear: mk(Math.max(0, months - 12), months - 1), wholeRun: mk(0, months - 1) };
}

/** Each run's mean of one metric and row over a window. */
export function windowMeans(results: readonly RunResult[], row: number, metric: number, w: Window): Float64Array {
  const out = new Float64Array(results.length);
  results.forEach((r, i) => {
    let s = 0;
    for (let t = w.from; t <= w.to; t++) s += valueAt(r, t, row, metric);
    out[i] = s / (w.to - w.from + 1);
  });
  return out;
}

function checkAligned(results: readonly RunResult[]): RunResult {
  if (results.length === 0) throw new Error('no runs to summarise');
  const first = results[0];
  for (const r of results) {
    if (r.months !== first.months || r.rows.join() !== first.rows.join() || r.start !== first.start) {
      throw new Error('runs to summarise must share start, length and rows');
    }
  }
  return first;
}

/**
 * Summarise replicates of one scenario.
 * @example const s = summarize(results); s.metrics.coca_ha.PE.finalYear.ci95
 */
export function summarize(results: readonly RunResult[]): Summary {
  const first = checkAligned(results);
  const windows = windowsFor(first.start, first.months);
  const metrics: Summary['metrics'] = {};
  first.metrics.forEach((name, m) => {
    const byRow: Record<string, Record<WindowName, Stat>> = {};
    first.rows.forEach((row, ri) => {
      byRow[row] = {
        finalYear: stat(windowMeans(results, ri, m, windows.finalYear)),
        wholeRun: stat(windowMeans(results, ri, m, windows.wholeRun)),
      };
    });
    metrics[name] = byRow;
  });
  return { scenario: first.scenario, runs: results.length, seeds: results.map((r) => r.seed), windows, metrics };
}

export { checkAligned };
