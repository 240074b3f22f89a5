/**
 * The tidy `series.csv` format (DESIGN §9): header `run,seed,tick,date,region,` then every
 * metric; a row per run, month and row id. Pure string building, so the explorer can export the
 * same file in a browser that `vraem run` writes.
 */
import { type RunResult, valueAt } from '../engine/results.ts';
import { monthLabel } from '../engine/calendar.ts';
import { METRICS } from '../model/metrics.ts';

/** The CSV header line (no newline). */
export const SERIES_HEADER = ['run', 'seed', 'tick', 'date', 'region', ...METRICS].join(',');

/**
 * Format a number for CSV: shortest round-trip form, at most 10 significant digits (enough for
 * hectares and dollars, and stable across platforms), no exponent noise for integers.
 */
export function formatValue(x: number): string {
  if (!Number.isFinite(x)) throw new Error(`non-finite value ${x} reached the output`);
  if (Number.isInteger(x)) return String(x);
  const s = Number(x.toPrecision(10));
  return Object.is(s, -0) ? '0' : String(s);
}

/** Which months of a run {@link seriesRows} writes, and what goes before each line. */
export interface SeriesSlice {
  /** First month (tick), default 0. */
  from?: number;
  /** Month after the last, default the run's length. */
  to?: number;
  /** Text before each line (a sweep's `point,`), default none. */
  prefix?: string;
}

/**
 * CSV lines (each ending in a newline) for one run, without the header; with a slice, of those
 * months only (a writer that streams a month at a time holds a few kilobytes, not a run's text).
 */
export function seriesRows(r: RunResult, slice: SeriesSlice = {}): string {
  const parts: string[] = [];
  const nm = r.metrics.length;
  const prefix = slice.prefix ?? '';
  for (let t = slice.from ?? 0; t < (slice.to ?? r.months); t++) {
    const date = monthLabel(r.start, t);
    for (let row = 0; row < r.rows.length; row++) {
      let line = `${prefix}${r.run},${r.seed},${t},${date},${r.rows[row]}`;
      for (let m = 0; m < nm; m++) line += ',' + formatValue(valueAt(r, t, row, m));
      parts.push(line);
    }
  }
  return parts.length ? parts.join('\n') + '\n' : '';
}

/** Hand a run's CSV lines to `write` a month at a time ({@link seriesRows} of each month). */
export function writeSeriesRows(r: RunResult, write: (text: string) => void, prefix = ''): void {
  for (let t = 0; t < r.months; t++) write(seriesRows(r, { from: t, to: t + 1, prefix }));
}

/** The whole `series.csv` for a batch of runs, in run order. */
export function seriesCsv(results: readonly RunResult[]): string {
  return SERIES_HEADER + '\n' + results.map((r) => seriesRows(r)).join('');
}
