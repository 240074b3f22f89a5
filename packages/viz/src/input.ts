/**
 * Reads an output folder written by `vraem run`, `compare` or `sweep` (DESIGN §9) into typed
 * results: the manifest, the runs parsed from `series.csv`, and the summaries. Required files
 * that are missing or garbled raise `ReportInputError` naming the file; a missing `summary.json`
 * is recomputed from `series.csv` (it is a pure function of it).
 */
import { access, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { type Answer, type Comparison, type EffectCells, type RunResult, type Summary, compareRuns, summarize, windowsFor } from '@vraem/sim-core';
import { ReportInputError } from './errors.ts';
import { parseSeriesCsv, seriesRuns, streamSeriesCsv, sweepSeriesRuns } from './seriesCsv.ts';
import { RunStats, type Runs } from './bands.ts';
import type { LeverValue, SweepPointRuns } from './charts/sweep.ts';

/** The parts of a resolved scenario a report uses (the manifest holds the whole object). */
export interface ScenarioInfo {
  name: string;
  description?: string;
  start?: string;
  months?: number;
  regions?: Record<string, { name?: string; country?: string }>;
  [key: string]: unknown;
}

/** `manifest.json` of an output folder. */
export interface Manifest {
  command: 'run' | 'compare' | 'sweep';
  scenario?: ScenarioInfo;
  scenarios?: { a: ScenarioInfo; b: ScenarioInfo };
  seeds?: number[];
  version?: string;
  commandLine?: string;
  inputHash?: string;
  createdBy?: string;
  [key: string]: unknown;
}

/** One scenario's runs: a `run` folder, or the `a/` or `b/` side of a comparison. */
export interface RunFolder {
  dir: string;
  manifest: Manifest;
  scenario: ScenarioInfo;
  results: RunResult[];
  summary: Summary;
}

/**
 * A `run` folder read for its report: the runs as {@link RunStats} gathered while `series.csv`
 * streams past (no run is kept), or the results themselves when `summary.json` is missing and
 * must be recomputed from them.
 */
export interface RunsFolder {
  dir: string;
  manifest: Manifest;
  scenario: ScenarioInfo;
  results: Runs;
  summary: Summary;
}

/** A `sweep` folder: the levers varied and the final year of every run of every design point. */
export interface SweepFolder {
  dir: string;
  manifest: Manifest;
  scenario: ScenarioInfo;
  levers: string[];
  /** Each point's runs, each cut to its final year ({@link finalYearOf}): a sweep's whole series can be gigabytes. */
  points: SweepPointRuns[];
  /** Per point, the statistics of its runs' final year (`finalYear` cells as in `summary.json`). */
  summaries: Map<number, Summary>;
}

/** A `compare` folder: both sides and the paired comparison. */
export interface CompareFolder {
  dir: string;
  manifest: Manifest;
  /** Each side's runs: statistics gathered in step from both `series.csv` (B also holds B − A), or the results. */
  a: RunsFolder;
  b: RunsFolder;
  comparison: Comparison;
  /** The answer-first block of `summary.json` (folders written before it existed have none). */
  answer?: Answer;
}

/** `summary.json` of a comparison over an ensemble (`compare --ensemble`). */
export interface EnsembleCompareSummary extends EffectCells {
  kind: 'ensemble-compare';
  a: { scenario: string };
  b: { scenario: string };
  ensemble: { members: number; levers: string[]; method?: unknown; sha256: string };
  seeds: number[];
  answer: Answer;
}

/** Monthly bands of the charted series (`monthly.csv`): `bands[series][side]`. */
export interface MonthlyBandsFile {
  dates: string[];
  series: string[];
  bands: Record<string, Record<string, { mean: (number | null)[]; lo: (number | null)[]; hi: (number | null)[] }>>;
}

/** A `compare --ensemble` folder: the summary with its answer and the monthly bands. */
export interface EnsembleCompareFolder {
  dir: string;
  manifest: Manifest;
  summary: EnsembleCompareSummary;
  monthly: MonthlyBandsFile;
}

/** Any output folder, told apart by the manifest's `command` (and, for a comparison, its `ensemble`). */
export type OutputFolder =
  | ({ kind: 'run' } & RunsFolder)
  | ({ kind: 'compare' } & CompareFolder)
  | ({ kind: 'ensemble-compare' } & EnsembleCompareFolder)
  | ({ kind: 'sweep' } & SweepFolder);

/** The answer block of a comparison's summary, when it has a well-formed one. */
export function answerOf(x: unknown): Answer | undefined {
  if (!isObject(x) || !isObject(x.answer)) return undefined;
  const a = x.answer;
  return Array.isArray(a.sentences) && isObject(a.figures) && isObject(a.table) && Array.isArray((a.table as Record<string, unknown>).rows) ? (a as unknown as Answer) : undefined;
}

/** Parse `monthly.csv` (`series,side,tick,date,mean,lo,hi`; empty cells are months without a value). */
export function parseMonthlyCsv(text: string, file: string): MonthlyBandsFile {
  const lines = text.split(/\r?\n/).filter((l) => l !== '');
  if (lines[0] !== 'series,side,tick,date,mean,lo,hi') throw new ReportInputError(file, 'header should be "series,side,tick,date,mean,lo,hi"');
  const out: MonthlyBandsFile = { dates: [], series: [], bands: {} };
  const num = (c: string) => (c === '' ? null : Number(c));
  lines.slice(1).forEach((line, i) => {
    const [series, side, tickText, date, ...vals] = line.split(',');
    const tick = Number(tickText);
    if (vals.length !== 3 || !Number.isInteger(tick) || tick < 0 || vals.some((v) => v !== '' && !Number.isFinite(Number(v)))) throw new ReportInputError(file, `line ${i + 2} is not a band row`);
    if (!out.bands[series]) {
      out.bands[series] = {};
      out.series.push(series);
    }
    const band = (out.bands[series][side] ??= { mean: [], lo: [], hi: [] });
    band.mean[tick] = num(vals[0]);
    band.lo[tick] = num(vals[1]);
    band.hi[tick] = num(vals[2]);
    out.dates[tick] = date;
  });
  if (out.series.length === 0) throw new ReportInputError(file, 'holds no band');
  return out;
}

async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ENOENT') throw new ReportInputError(path, 'missing (every output folder of vraem run, compare and sweep has it)');
    throw new ReportInputError(path, `cannot be read (${err.message})`);
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

async function readJson(path: string): Promise<unknown> {
  const text = await readText(path);
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new ReportInputError(path, `is not valid JSON (${(e as Error).message})`);
  }
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

function checkScenario(x: unknown, file: string, where: string): ScenarioInfo {
  if (!isObject(x) || typeof x.name !== 'string') throw new ReportInputError(file, `${where} should be a scenario object with a "name"`);
  return x as ScenarioInfo;
}

/** Validate a parsed `manifest.json`. */
export function checkManifest(x: unknown, file: string): Manifest {
  if (!isObject(x)) throw new ReportInputError(file, 'should hold a JSON object');
  if (x.command !== 'run' && x.command !== 'compare' && x.command !== 'sweep') {
    throw new ReportInputError(file, `"command" should be "run", "compare" or "sweep", found ${JSON.stringify(x.command)}`);
  }
  if (x.command === 'compare') {
    if (!isObject(x.scenarios)) throw new ReportInputError(file, 'a compare manifest needs "scenarios": { a, b }');
    checkScenario(x.scenarios.a, file, '"scenarios.a"');
    checkScenario(x.scenarios.b, file, '"scenarios.b"');
  } else checkScenario(x.scenario, file, '"scenario"');
  if (x.seeds !== undefined && !(Array.isArray(x.seeds) && x.seeds.every((s) => typeof s === 'number'))) {
    throw new ReportInputError(file, '"seeds" should be a list of numbers');
  }
  return x as Manifest;
}

function checkStat(x: unknown): boolean {
  return isObject(x) && typeof x.mean === 'number' && Array.isArray(x.ci95) && x.ci95.length === 2 && x.ci95.every((v) => typeof v === 'number');
}

/** Check every cell of a `metrics[metric][row][window]` tree with `cell`; throw naming the file. */
function checkMetricTree(metrics: unknown, file: string, cell: (x: unknown) => boolean): void {
  if (!isObject(metrics)) throw new ReportInputError(file, 'lacks a "metrics" object');
  for (const [metric, rows] of Object.entries(metrics)) {
    if (!isObject(rows)) throw new ReportInputError(file, `metrics.${metric} should map rows to windows`);
    for (const [row, windows] of Object.entries(rows)) {
      if (!isObject(windows) || !cell(windows.finalYear) || !cell(windows.wholeRun)) {
        throw new ReportInputError(file, `metrics.${metric}.${row} should hold finalYear and wholeRun statistics (mean, ci95)`);
      }
    }
  }
}

/** Validate a parsed `summary.json` of one scenario. */
export function checkSummary(x: unknown, file: string): Summary {
  if (!isObject(x)) throw new ReportInputError(file, 'should hold a JSON object');
  checkMetricTree(x.metrics, file, checkStat);
  return x as unknown as Summary;
}

/** Validate a parsed top-level `summary.json` of a comparison. */
export function checkComparison(x: unknown, file: string): Comparison {
  if (!isObject(x)) throw new ReportInputError(file, 'should hold a JSON object');
  checkMetricTree(x.metrics, file, (c) => isObject(c) && checkStat(c.a) && checkStat(c.b) && checkStat(c.diff));
  return x as unknown as Comparison;
}

async function readRunFolder(dir: string, fallback?: { manifest: Manifest; scenario: ScenarioInfo }): Promise<RunFolder> {
  const manifestPath = join(dir, 'manifest.json');
  let manifest: Manifest;
  let scenario: ScenarioInfo;
  if (fallback && !(await exists(manifestPath))) ({ manifest, scenario } = fallback);
  else {
    manifest = checkManifest(await readJson(manifestPath), manifestPath);
    scenario = manifest.scenario ?? fallback?.scenario ?? { name: 'scenario' };
  }
  const seriesPath = join(dir, 'series.csv');
  const results = parseSeriesCsv(await readText(seriesPath), { scenario: scenario.name, source: seriesPath });
  if (results.length === 0) throw new ReportInputError(seriesPath, 'holds no runs');
  const summaryPath = join(dir, 'summary.json');
  const summary = (await exists(summaryPath)) ? checkSummary(await readJson(summaryPath), summaryPath) : summarize(results);
  return { dir, manifest, scenario, results, summary };
}

/** A run folder with its `series.csv` streamed into statistics (see {@link RunsFolder}). */
async function readRunsFolder(dir: string, manifest: Manifest): Promise<RunsFolder> {
  const summaryPath = join(dir, 'summary.json');
  if (!(await exists(summaryPath))) return readRunFolder(dir);
  const summary = checkSummary(await readJson(summaryPath), summaryPath);
  const scenario = manifest.scenario ?? { name: 'scenario' };
  const seriesPath = join(dir, 'series.csv');
  if (!(await exists(seriesPath))) throw new ReportInputError(seriesPath, 'missing (every output folder of vraem run, compare and sweep has it)');
  const stats = new RunStats();
  await streamSeriesCsv(seriesPath, (r) => stats.add(r), { scenario: scenario.name, source: seriesPath });
  return { dir, manifest, scenario, results: stats, summary };
}

/** Parse one cell of `design.csv` back into a lever value. */
export function parseLeverValue(cell: string): LeverValue {
  if (cell === 'true' || cell === 'false') return cell === 'true';
  const n = Number(cell);
  return cell.trim() !== '' && Number.isFinite(n) ? n : cell;
}

/** Lever values by point from `design.csv` (`point,<lever>...,replicate,seed`). */
export function parseDesignCsv(text: string, file = 'design.csv'): { levers: string[]; values: Map<number, Record<string, LeverValue>> } {
  const lines = text.split(/\r?\n/).filter((l) => l !== '');
  const header = lines[0]?.split(',') ?? [];
  if (header[0] !== 'point' || header[header.length - 2] !== 'replicate' || header[header.length - 1] !== 'seed') {
    throw new ReportInputError(file, 'header should be "point,<lever paths>...,replicate,seed"');
  }
  const levers = header.slice(1, -2);
  const values = new Map<number, Record<string, LeverValue>>();
  lines.slice(1).forEach((line, i) => {
    const cells = line.split(',');
    const point = Number(cells[0]);
    if (cells.length !== header.length || !Number.isInteger(point)) throw new ReportInputError(file, `line ${i + 2} is not a design row`);
    if (!values.has(point)) values.set(point, Object.fromEntries(levers.map((l, j) => [l, parseLeverValue(cells[j + 1])])));
  });
  return { levers, values };
}

/** The last 12 months of a run (all of it when shorter): what a sweep's report shows of each run. */
export function finalYearOf(r: RunResult): RunResult {
  const w = windowsFor(r.start, r.months).finalYear;
  const width = r.rows.length * r.metrics.length;
  return { ...r, start: w.fromDate, months: w.to - w.from + 1, data: r.data.slice(w.from * width, (w.to + 1) * width) };
}

/** The varied levers and each point's values, as the manifest records them (vraem writes them there), else from `design.csv` or `summary.json`. */
async function sweepDesign(dir: string, manifest: Manifest): Promise<{ levers: string[]; values: Map<number, Record<string, LeverValue>>; from: string }> {
  const m = manifest as Manifest & { levers?: unknown; design?: { rows?: unknown } };
  const manifestPath = join(dir, 'manifest.json');
  if (Array.isArray(m.levers) && Array.isArray(m.design?.rows)) {
    const values = new Map<number, Record<string, LeverValue>>();
    for (const r of m.design.rows) {
      if (!isObject(r) || typeof r.point !== 'number' || !isObject(r.values)) throw new ReportInputError(manifestPath, 'every row of "design.rows" needs "point" and "values"');
      values.set(r.point, r.values as Record<string, LeverValue>);
    }
    return { levers: m.levers.map(String), values, from: manifestPath };
  }
  const designPath = join(dir, 'design.csv');
  if (await exists(designPath)) return { ...parseDesignCsv(await readText(designPath), designPath), from: designPath };
  const summaryPath = join(dir, 'summary.json');
  if (!(await exists(summaryPath))) throw new ReportInputError(designPath, 'missing, and so is summary.json: a sweep folder needs one of them to know the lever values');
  const json = await readJson(summaryPath);
  if (!isObject(json) || !Array.isArray(json.levers) || !Array.isArray(json.points)) {
    throw new ReportInputError(summaryPath, 'a sweep summary should be { levers: [...], points: [{ point, values, summary }] }');
  }
  const values = new Map<number, Record<string, LeverValue>>();
  for (const p of json.points) {
    if (!isObject(p) || typeof p.point !== 'number' || !isObject(p.values)) throw new ReportInputError(summaryPath, 'every entry of "points" needs "point" and "values"');
    values.set(p.point, p.values as Record<string, LeverValue>);
  }
  return { levers: json.levers.map(String), values, from: summaryPath };
}

/**
 * A sweep folder for its report, in bounded memory: `series.csv` is streamed a run at a time and
 * each run kept for its final year only (what the report's table and charts show); `summary.json`
 * (hundreds of megabytes for thousands of points) is not read. Each point's `summaries` entry is
 * therefore the statistics of its runs' final year: its `finalYear` cells are `summary.json`'s
 * (from the series' 10 significant digits), its `wholeRun` cells cover the final year only.
 */
async function readSweepFolder(dir: string, manifest: Manifest): Promise<SweepFolder> {
  const scenario = manifest.scenario!;
  const seriesPath = join(dir, 'series.csv');
  const { levers, values, from } = await sweepDesign(dir, manifest);
  if (levers.length === 0) throw new ReportInputError(from, 'names no varied lever');
  const byPoint = new Map<number, RunResult[]>();
  for await (const { point, result } of sweepSeriesRuns(seriesPath, { scenario: scenario.name, source: seriesPath })) {
    if (!values.has(point)) throw new ReportInputError(seriesPath, `has point ${point}, which the sweep's design does not list`);
    const list = byPoint.get(point) ?? [];
    list.push(finalYearOf(result));
    byPoint.set(point, list);
  }
  const summaries = new Map<number, Summary>();
  const points = [...byPoint.entries()]
    .sort((x, y) => x[0] - y[0])
    .map(([point, results]) => {
      results.sort((x, y) => x.run - y.run);
      summaries.set(point, summarize(results));
      return { point, values: values.get(point)!, results };
    });
  return { dir, manifest, scenario, levers, points, summaries };
}

/**
 * Read an output folder of any kind.
 * @throws ReportInputError when a required file (manifest.json, series.csv, a/ and b/ of a
 * comparison, the design of a sweep) is missing or garbled.
 */
export async function readOutputFolder(dir: string): Promise<OutputFolder> {
  const manifestPath = join(dir, 'manifest.json');
  const manifest = checkManifest(await readJson(manifestPath), manifestPath);
  if (manifest.command === 'run') return { kind: 'run', ...(await readRunsFolder(dir, manifest)) };
  if (manifest.command === 'sweep') return { kind: 'sweep', ...(await readSweepFolder(dir, manifest)) };
  if (isObject(manifest.ensemble)) {
    const summaryPath = join(dir, 'summary.json');
    const summary = await readJson(summaryPath);
    if (!isObject(summary) || summary.kind !== 'ensemble-compare' || !answerOf(summary) || !isObject(summary.cells)) {
      throw new ReportInputError(summaryPath, 'an ensemble comparison summary needs kind "ensemble-compare", "cells" and "answer"');
    }
    const monthlyPath = join(dir, 'monthly.csv');
    return { kind: 'ensemble-compare', dir, manifest, summary: summary as unknown as EnsembleCompareSummary, monthly: parseMonthlyCsv(await readText(monthlyPath), monthlyPath) };
  }
  return (await streamCompareFolder(dir, manifest)) ?? readCompareFolder(dir, manifest);
}

/**
 * A comparison whose summaries are all there, read by streaming both sides' `series.csv` in step
 * (replicate k of A with replicate k of B) into statistics, B − A included; undefined when the
 * folder needs the results in memory (a summary to recompute, or sides of different rows).
 */
async function streamCompareFolder(dir: string, manifest: Manifest): Promise<OutputFolder | undefined> {
  const sides = manifest.scenarios!;
  const summaryPath = join(dir, 'summary.json');
  const paths = (side: string) => ({ manifest: join(dir, side, 'manifest.json'), summary: join(dir, side, 'summary.json'), series: join(dir, side, 'series.csv') });
  const [pa, pb] = [paths('a'), paths('b')];
  for (const p of [summaryPath, pa.summary, pb.summary]) if (!(await exists(p))) return undefined;
  for (const p of [pa.series, pb.series]) if (!(await exists(p))) throw new ReportInputError(p, 'missing (every output folder of vraem run, compare and sweep has it)');
  const side = async (p: ReturnType<typeof paths>, scenario: ScenarioInfo, stats: RunStats): Promise<RunsFolder> => {
    const m = (await exists(p.manifest)) ? checkManifest(await readJson(p.manifest), p.manifest) : manifest;
    return { dir: dirname(p.series), manifest: m, scenario: m.scenario ?? scenario, results: stats, summary: checkSummary(await readJson(p.summary), p.summary) };
  };
  const [sa, sb] = [new RunStats(), new RunStats()];
  const a = await side(pa, sides.a, sa);
  const b = await side(pb, sides.b, sb);
  const comparison = checkComparison(await readJson(summaryPath), summaryPath);
  const ia = seriesRuns(pa.series, { scenario: a.scenario.name, source: pa.series });
  const ib = seriesRuns(pb.series, { scenario: b.scenario.name, source: pb.series });
  try {
    for (let k = 0; ; k++) {
      const [x, y] = await Promise.all([ia.next(), ib.next()]);
      if (x.done && y.done) break;
      if (x.done || y.done) throw new ReportInputError(pb.series, `has ${y.done ? k : 'more'} runs and a/series.csv ${x.done ? k : 'more'}: a comparison pairs them`);
      if (k === 0 && (x.value.rows.join() !== y.value.rows.join() || x.value.metrics.join() !== y.value.metrics.join())) return undefined;
      try {
        sb.addPair(sa, x.value, y.value);
      } catch (e) {
        throw new ReportInputError(pb.series, `cannot be paired with a/series.csv (${(e as Error).message})`);
      }
    }
  } finally {
    await Promise.all([ia.return(undefined), ib.return(undefined)]);
  }
  return { kind: 'compare', dir, manifest, a, b, comparison, answer: answerOf(comparison) };
}

/** A comparison read whole into memory (summaries recomputed where missing). */
async function readCompareFolder(dir: string, manifest: Manifest): Promise<OutputFolder> {
  const sides = manifest.scenarios!;
  const a = await readRunFolder(join(dir, 'a'), { manifest, scenario: sides.a });
  const b = await readRunFolder(join(dir, 'b'), { manifest, scenario: sides.b });
  const summaryPath = join(dir, 'summary.json');
  let comparison: Comparison;
  if (await exists(summaryPath)) comparison = checkComparison(await readJson(summaryPath), summaryPath);
  else {
    try {
      comparison = compareRuns(a.results, b.results);
    } catch (e) {
      throw new ReportInputError(join(dir, 'b', 'series.csv'), `cannot be paired with a/series.csv (${(e as Error).message})`);
    }
  }
  if (a.results.length !== b.results.length) {
    throw new ReportInputError(join(dir, 'b', 'series.csv'), `has ${b.results.length} runs and a/series.csv ${a.results.length}: a comparison pairs them`);
  }
  return { kind: 'compare', dir, manifest, a, b, comparison, answer: answerOf(comparison) };
}
