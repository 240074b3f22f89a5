/**
 * The shared grammar of every chart: a title that says what is drawn and in which units, a
 * subtitle naming the scenario and seeds, a category axis of YYYY-MM dates, value axes with unit
 * titles, a legend, and mean lines with shaded 95% bands. Specs are plain JSON-safe data (no
 * functions), so the same configuration renders to PNG in Node and is embedded in the report.
 */
import type { ChartConfiguration, ChartDataset, ScaleOptions } from 'chart.js';
import { type RowKind, type RunResult, datesOf } from '@vraem/sim-core';
import { type Band, type MonthValue, type Runs, RunStats, metricBand, monthlyBand, runCount, runSeeds } from '../bands.ts';
import { rowColour, withAlpha } from '../palette.ts';

/** A line chart configuration (every chart of the package is a chart.js line chart). */
export type LineChart = ChartConfiguration<'line'>;
/** One dataset of a line chart. */
export type LineDataset = ChartDataset<'line'>;
/** Options of one axis. */
export type Scale = ScaleOptions<'linear' | 'category'>;

/** What a chart needs to know beyond the numbers: names for the title and legend. */
export interface ChartContext {
  /** Scenario name for the subtitle (default: the results' `scenario`). */
  scenario?: string;
  /** Display names of regions by id (from the manifest's scenario). */
  regionNames?: Record<string, string>;
}

/**
 * Suffix of the label of a band's edge datasets. Renderers hide datasets whose label ends with
 * it from the legend (the band is explained in the subtitle), which keeps specs free of functions.
 */
export const BAND_SUFFIX = ' (95% band)';

const COUNTRY_NAMES: Record<string, string> = { PE: 'Peru', BO: 'Bolivia', CO: 'Colombia', ALL: 'Andean total' };

/** Display name of a row id. */
export function rowName(row: string, ctx: ChartContext = {}): string {
  return ctx.regionNames?.[row] ?? COUNTRY_NAMES[row] ?? row;
}

/** The row ids of one kind, in result order. */
export function rowsOfKind(results: Runs, kind: RowKind): string[] {
  const r = firstOf(results);
  return r.rows.filter((_, i) => r.rowKinds[i] === kind);
}

/** The first run (from {@link RunStats}: its shape without data), or a clear error when there are none. */
export function firstOf(results: Runs): RunResult {
  const first = results instanceof RunStats ? results.first : results[0];
  if (!first) throw new Error('a chart needs at least one run');
  return first;
}

/**
 * The seeds in words: `seed 7`, `seeds 1–10`, `seeds 3, 8, 21` or `seeds 3, 8, 21, … (12 runs)` (the
 * manifest at the bottom of a report lists them all).
 */
export function describeSeeds(seeds: readonly number[]): string {
  if (seeds.length === 1) return `seed ${seeds[0]}`;
  const contiguous = seeds.every((s, i) => i === 0 || s === seeds[i - 1] + 1);
  if (contiguous && seeds.length > 2) return `seeds ${seeds[0]}–${seeds[seeds.length - 1]}`;
  if (seeds.length <= 3) return `seeds ${seeds.join(', ')}`;
  return `seeds ${seeds.slice(0, 3).join(', ')}, … (${seeds.length} runs)`;
}

/** `baseline · seeds 1–10 · mean of 10 runs, shaded: 95% interval` (or `one run`). */
export function contextLine(results: Runs, ctx: ChartContext = {}, band = true): string {
  const name = ctx.scenario ?? firstOf(results).scenario;
  const n = runCount(results);
  const runs = n === 1 ? 'one run' : `mean of ${n} runs${band ? ', shaded: 95% interval of the mean' : ''}`;
  return `${name} · ${describeSeeds(runSeeds(results))} · ${runs}`;
}

/** The time axis: a category axis of YYYY-MM labels. */
export function timeAxis(): Scale {
  return {
    type: 'category',
    title: { display: true, text: 'Month (YYYY-MM)', font: { size: 13 } },
    ticks: { autoSkip: true, autoSkipPadding: 16, maxRotation: 0, font: { size: 12 } },
    grid: { display: false },
  };
}

/** A value axis with a unit title; it includes zero unless `beginAtZero` is false. */
export function valueAxis(
  title: string,
  opts: { position?: 'left' | 'right'; stacked?: boolean; min?: number; max?: number; colour?: string; grid?: boolean; beginAtZero?: boolean } = {},
): Scale {
  return {
    type: 'linear',
    position: opts.position ?? 'left',
    stacked: opts.stacked ?? false,
    beginAtZero: opts.beginAtZero ?? true,
    ...(opts.min !== undefined ? { min: opts.min } : {}),
    ...(opts.max !== undefined ? { max: opts.max } : {}),
    title: { display: true, text: title, font: { size: 13, weight: 'bold' }, ...(opts.colour ? { color: opts.colour } : {}) },
    ticks: { font: { size: 12 }, ...(opts.colour ? { color: opts.colour } : {}) },
    grid: { display: opts.grid ?? true },
  };
}

/** A plain line (no band). */
export function line(label: string, data: (number | null)[], colour: string, opts: { yAxisID?: string; dash?: number[]; width?: number } = {}): LineDataset {
  return {
    label,
    data,
    borderColor: colour,
    backgroundColor: colour,
    borderWidth: opts.width ?? 2,
    pointRadius: 0,
    fill: false,
    ...(opts.dash ? { borderDash: opts.dash } : {}),
    ...(opts.yAxisID ? { yAxisID: opts.yAxisID } : {}),
  };
}

/**
 * A mean line with its 95% band: the upper and lower edges (hidden from the legend, the lower
 * filled up to the upper) and the mean on top. With one run, only the line.
 */
export function bandDatasets(label: string, band: Band, colour: string, opts: { yAxisID?: string; dash?: number[] } = {}): LineDataset[] {
  const mean = line(label, band.mean, colour, opts);
  if (band.n < 2) return [mean];
  const edge = (data: number[], fill: false | string): LineDataset => ({
    label: label + BAND_SUFFIX,
    data,
    borderColor: 'rgba(0, 0, 0, 0)',
    backgroundColor: withAlpha(colour, 0.18),
    borderWidth: 0,
    pointRadius: 0,
    fill,
    ...(opts.yAxisID ? { yAxisID: opts.yAxisID } : {}),
  });
  return [edge(band.hi, false), edge(band.lo, '-1'), mean];
}

/** Assemble a line chart with the package's layout, fonts and interaction defaults. */
export function lineChart(spec: {
  title: string;
  subtitle: string;
  labels?: (string | number)[];
  datasets: LineDataset[];
  scales: Record<string, Scale>;
  /** Legend keys drawn as lines (default) or as filled boxes (stacked areas). */
  legendBoxes?: boolean;
}): LineChart {
  return {
    type: 'line',
    data: { ...(spec.labels ? { labels: spec.labels } : {}), datasets: spec.datasets },
    options: {
      responsive: false,
      animation: false,
      layout: { padding: 12 },
      interaction: { mode: 'index', intersect: false },
      plugins: {
        title: { display: true, text: spec.title, font: { size: 18, weight: 'bold' }, padding: { top: 4, bottom: 2 } },
        subtitle: { display: true, text: spec.subtitle, font: { size: 13 }, padding: { bottom: 8 } },
        legend: { display: true, position: 'top', labels: { boxWidth: 28, font: { size: 13 }, ...(spec.legendBoxes ? {} : { usePointStyle: true, pointStyle: 'line' }) } },
      },
      scales: spec.scales,
    },
  } as LineChart;
}

/** A time-series chart: labels are the runs' months. */
export function timeChart(
  results: Runs,
  spec: { title: string; subtitle: string; datasets: LineDataset[]; scales: Record<string, Scale>; legendBoxes?: boolean },
): LineChart {
  return lineChart({ ...spec, labels: datesOf(firstOf(results)), scales: { x: timeAxis(), ...spec.scales } });
}

/**
 * One line of a chart: a metric of a row, with its label, colour, axis and dash. The report's
 * charts draw it as a mean with its 95% band over runs (`seriesBands`); the explorer's as a live
 * line of one run with a baseline twin.
 */
export interface SeriesSpec {
  label: string;
  row: string;
  metric: string;
  colour: string;
  /** Default `y`. */
  yAxisID?: string;
  dash?: number[];
}

/** The same metric for several rows (leaf price by country, coca by region), each in its row's colour. */
export function rowSeries(rows: readonly string[], metric: string, ctx: ChartContext, prefix = ''): SeriesSpec[] {
  return rows.map((row, i) => ({ label: prefix + rowName(row, ctx), row, metric, colour: rowColour(row, i) }));
}

/** An Andean total against the rows, on the right axis, dashed black (export price, armed fighters). */
export function totalOnRight(label: string, metric: string): SeriesSpec {
  return { label, row: 'ALL', metric, colour: '#000000', yAxisID: 'y1', dash: [8, 4] };
}

/** Each series as a mean line with its 95% band over runs. */
export function seriesBands(results: Runs, series: readonly SeriesSpec[]): LineDataset[] {
  return series.flatMap((s) => bandDatasets(s.label, metricBand(results, s.row, s.metric), s.colour, { yAxisID: s.yAxisID ?? 'y', dash: s.dash }));
}

/**
 * Stacked areas, one per row, each the mean over runs of `valueFor(row)` per month (a month
 * where the value is undefined, NaN, is left as a gap). Colours are the rows' own.
 */
export function stackedAreas(results: Runs, rows: readonly string[], valueFor: (row: string) => MonthValue, ctx: ChartContext): LineDataset[] {
  return rows.map((row, i) => {
    const colour = rowColour(row, i);
    return {
      label: rowName(row, ctx),
      data: monthlyBand(results, valueFor(row)).mean.map((v) => (Number.isFinite(v) ? v : null)),
      borderColor: colour,
      backgroundColor: withAlpha(colour, 0.75),
      borderWidth: 1,
      pointRadius: 0,
      fill: i === 0 ? 'origin' : '-1',
    };
  });
}
