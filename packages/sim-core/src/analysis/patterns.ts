/**
 * Patterns a calibrated model must reproduce at once (pattern-oriented modelling, Grimm et al.
 * 2005): hectares by country and valley, Peru's farm-gate leaf price and the VRAEM's discount
 * under it, the origin price of cocaine HCl, Shining Path's fee, revenue and fighters, Peru's
 * eradication realised, and a farm structure no region may exceed (mean coca per household).
 *
 * The observed side lives in the project's data folder: each target's window, observed range,
 * unit, reliability and source in `data/patterns.csv` ({@link parsePatternsCsv}); year-by-year
 * figures in `data/observed-coca.csv` and `data/observed-prices.csv` (tidy
 * `year,series,value,quality,source`). This module says how the model measures each pattern
 * ({@link measurePattern}) from one run, and how far it is from its range
 * ({@link scaledError}): 0 at the centre of a two-sided range and 1 at its edges; for a one-sided
 * target (an error or a ceiling, `low` 0) the value over the ceiling. A value is within range
 * when its scaled error is ≤ 1. The distance ABC uses ({@link patternDistance}) is the root mean
 * square of the scaled errors: every pattern counts, and one the model cannot reach raises the
 * floor without hiding the others.
 */
import type { RunResult } from '../engine/results.ts';
import { valueAt } from '../engine/results.ts';
import { parseMonth } from '../engine/calendar.ts';
import type { MetricName } from '../model/metrics.ts';
import { SERIES_ROWS, fitReport, mape, type ObservedRow } from './calibration.ts';

/** One target: a pattern, its window and its observed range. */
export interface PatternTarget {
  id: string;
  from: number;
  to: number;
  low: number;
  high: number;
  unit: string;
  /** S, M or W. */
  quality: string;
  /** Source keys (docs/sources.md), `;`-separated. */
  source: string;
  what: string;
}

/** Observed year-by-year figures the patterns compare with. */
export interface PatternData {
  /** Hectares and eradication (`data/observed-coca.csv`). */
  coca: readonly ObservedRow[];
  /** Prices (`data/observed-prices.csv`). */
  prices: readonly ObservedRow[];
}

/** The patterns this module knows how to measure, in table order. */
export const PATTERN_IDS = [
  'peru_ha',
  'bolivia_ha',
  'colombia_ha',
  'vraem_ha',
  'alto_huallaga_ha',
  'peru_leaf_price',
  'vraem_discount_2004',
  'vraem_discount_2011',
  'hcl_price_origin',
  'sl_fee',
  'sl_revenue',
  'sl_fighters_2012',
  'sl_fighters_2015',
  'peru_eradication',
  'coca_per_household',
] as const;

/**
 * Read `data/patterns.csv` (`id,from,to,low,high,unit,quality,source,what`). Throws an Error
 * naming the line and the value of the first problem.
 */
export function parsePatternsCsv(text: string): PatternTarget[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = lines[0].split(',').map((h) => h.trim());
  const cols = ['id', 'from', 'to', 'low', 'high', 'unit', 'quality', 'source', 'what'];
  if (header.join(',') !== cols.join(',')) throw new Error(`line 1: expected the header ${cols.join(',')}`);
  const out: PatternTarget[] = [];
  for (let i = 1; i < lines.length; i++) {
    if (lines[i].trim() === '') continue;
    const c = lines[i].split(',').map((x) => x.trim());
    if (c.length !== cols.length) throw new Error(`line ${i + 1}: ${c.length} cells for ${cols.length} columns (no commas inside a cell)`);
    const [id, from, to, low, high] = [c[0], Number(c[1]), Number(c[2]), Number(c[3]), Number(c[4])];
    if (!(PATTERN_IDS as readonly string[]).includes(id)) throw new Error(`line ${i + 1}: id: unknown pattern "${id}" (known: ${PATTERN_IDS.join(', ')})`);
    if (out.some((t) => t.id === id)) throw new Error(`line ${i + 1}: id: "${id}" appears twice`);
    if (!Number.isInteger(from) || !Number.isInteger(to) || to < from) throw new Error(`line ${i + 1}: from/to: "${c[1]}".."${c[2]}" is not a window of whole years`);
    if (!Number.isFinite(low) || !Number.isFinite(high) || low < 0 || !(high > low)) throw new Error(`line ${i + 1}: low/high: "${c[3]}".."${c[4]}" is not a range 0 ≤ low < high`);
    out.push({ id, from, to, low, high, unit: c[5], quality: c[6], source: c[7], what: c[8] });
  }
  return out;
}

/** Ticks of a run's months in years from..to (those the run reaches). */
function ticksOf(r: RunResult, from: number, to: number): number[] {
  const start = parseMonth(r.start);
  const out: number[] = [];
  for (let m = from * 12; m < (to + 1) * 12; m++) {
    const t = m - start;
    if (t >= 0 && t < r.months) out.push(t);
  }
  return out;
}

function rowIndex(r: RunResult, id: string): number {
  const i = r.rows.indexOf(id);
  if (i < 0) throw new Error(`the run has no row "${id}"`);
  return i;
}

function metricIndex(r: RunResult, m: MetricName): number {
  const i = r.metrics.indexOf(m);
  if (i < 0) throw new Error(`the run has no metric "${m}"`);
  return i;
}

/** Σ over rows and ticks of a metric. */
function total(r: RunResult, rows: readonly string[], metric: MetricName, ticks: readonly number[]): number {
  const m = metricIndex(r, metric);
  const ri = rows.map((id) => rowIndex(r, id));
  let s = 0;
  for (const t of ticks) for (const i of ri) s += valueAt(r, t, i, m);
  return s;
}

/** Leaf price over rows and ticks, weighted by leaf output (what buyers paid on average). */
export function leafPriceOver(r: RunResult, rows: readonly string[], ticks: readonly number[]): number {
  const p = metricIndex(r, 'leaf_price_usd_kg');
  const q = metricIndex(r, 'leaf_output_t');
  const ri = rows.map((id) => rowIndex(r, id));
  let s = 0;
  let w = 0;
  for (const t of ticks)
    for (const i of ri) {
      s += valueAt(r, t, i, p) * valueAt(r, t, i, q);
      w += valueAt(r, t, i, q);
    }
  return w > 0 ? s / w : Number.NaN;
}

/** The largest mean coca per household of any region in any month of from..to (ha). */
export function maxCocaPerHousehold(r: RunResult, from: number, to: number): number {
  const c = metricIndex(r, 'coca_ha');
  const h = metricIndex(r, 'households');
  let most = 0;
  for (const t of ticksOf(r, from, to))
    r.rowKinds.forEach((kind, i) => {
      if (kind !== 'region') return;
      const hh = valueAt(r, t, i, h);
      if (hh > 0) most = Math.max(most, valueAt(r, t, i, c) / hh);
    });
  return most;
}

const VRAEM = SERIES_ROWS.vraem_ha;

/** Model against observation, year by year, as a MAPE (years the run or the record lacks are left out). */
function yearlyMape(observed: readonly ObservedRow[], series: string, from: number, to: number, model: (year: number) => number): number {
  const rows = observed.filter((o) => o.series === series && o.year >= from && o.year <= to);
  if (rows.length === 0) throw new Error(`no observations of ${series} in ${from}..${to}`);
  return mape(rows.map((o) => model(o.year)), rows.map((o) => o.value));
}

/**
 * The model's value of a pattern in one run: a MAPE for year-by-year series, a ratio, a price,
 * a rate or a count for the others (see `data/patterns.csv` for each unit).
 */
export function measurePattern(target: PatternTarget, r: RunResult, data: PatternData): number {
  const { id, from, to } = target;
  const months = ticksOf(r, from, to);
  if (months.length === 0) return Number.NaN;
  const year = (y: number) => ticksOf(r, y, y);
  switch (id) {
    case 'peru_ha':
    case 'bolivia_ha':
    case 'colombia_ha':
    case 'vraem_ha':
    case 'alto_huallaga_ha':
      return fitReport([r], data.coca, { from, to, series: [id] })[0].mape;
    case 'peru_leaf_price':
      return yearlyMape(data.prices, 'peru_leaf_usd_kg', from, to, (y) => leafPriceOver(r, ['PE'], year(y)));
    case 'vraem_discount_2004':
    case 'vraem_discount_2011':
      return leafPriceOver(r, VRAEM, months) / leafPriceOver(r, ['PE'], months);
    case 'hcl_price_origin':
      return total(r, ['PE'], 'export_price_usd_kg', months) / months.length;
    case 'sl_fee': {
      // A rate per kilo taxed, as those who paid it reported it (not spread over the kilos SL never touched).
      const kg = total(r, VRAEM, 'protected_cocaine_t', months) * 1000;
      return kg > 0 ? total(r, VRAEM, 'protection_paid_usd', months) / kg : Number.NaN;
    }
    case 'sl_revenue':
      return total(r, VRAEM, 'protection_paid_usd', months) / months.length;
    case 'sl_fighters_2012':
    case 'sl_fighters_2015':
      return total(r, ['PE'], 'armed_fighters', months) / months.length;
    case 'peru_eradication':
      return yearlyMape(data.coca, 'peru_eradicated_ha', from, to, (y) => total(r, ['PE'], 'eradicated_ha', year(y)));
    case 'coca_per_household':
      return maxCocaPerHousehold(r, from, to);
    default:
      throw new Error(`unknown pattern "${id}"`);
  }
}

/**
 * How far a value is from its target's range: for a two-sided range |value − centre| / half
 * width; for a one-sided target (`low` 0: an error or a ceiling) value / high. ≤ 1 is within
 * range; a value that cannot be measured is infinitely far.
 */
export function scaledError(target: PatternTarget, value: number): number {
  if (!Number.isFinite(value)) return Number.POSITIVE_INFINITY;
  if (target.low === 0) return Math.max(0, value) / target.high;
  const centre = (target.low + target.high) / 2;
  return Math.abs(value - centre) / ((target.high - target.low) / 2);
}

/** One pattern measured in one run. */
export interface PatternScore {
  id: string;
  value: number;
  scaled: number;
  within: boolean;
}

/** Every target measured in one run. */
export function scorePatterns(targets: readonly PatternTarget[], r: RunResult, data: PatternData): PatternScore[] {
  return targets.map((t) => {
    const value = measurePattern(t, r, data);
    const scaled = scaledError(t, value);
    return { id: t.id, value, scaled, within: scaled <= 1 };
  });
}

/** The distance ABC minimises: the root mean square of the scaled errors. */
export function patternDistance(scores: readonly { scaled: number }[]): number {
  if (scores.length === 0) throw new Error('no patterns');
  return Math.sqrt(scores.reduce((a, s) => a + s.scaled * s.scaled, 0) / scores.length);
}
