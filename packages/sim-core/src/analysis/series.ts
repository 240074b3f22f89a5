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

/** CSV lines (each ending in a newline) for one run, without the header. */
export function seriesRows(r: RunResult): string {
  const parts: string[] = [];
  const nm = r.metrics.length;
  for (let t = 0; t < r.months; t++) {
    const date = monthLabel(r.start, t);
    for (let row = 0; row < r.rows.length; row++) {
      let line = `${r.run},${r.seed},${t},${date},${r.rows[row]}`;
      for (let m = 0; m < nm; m++) line += ',' + formatValue(valueAt(r, t, row, m));
      parts.push(line);
    }
  }
  return parts.length ? parts.join('\n') + '\n' : '';
}

/** The whole `series.csv` for a batch of runs, in run order. */
export function seriesCsv(results: readonly RunResult[]): string {
  return SERIES_HEADER + '\n' + results.map(seriesRows).join('');
}
