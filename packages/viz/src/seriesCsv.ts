/**
 * Reads `series.csv` (DESIGN §9) back into typed `RunResult`s, so chart specs work on the same
 * shape the engine returns whether the numbers come from a live run or from an output folder.
 * A sweep's `series.csv` has an extra leading `point` column and yields runs per design point.
 */
import { type MetricName, type RowKind, type RunResult, METRICS, monthLabel, parseMonth } from '@vraem/sim-core';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { ReportInputError } from './errors.ts';

const KEYS = ['run', 'seed', 'tick', 'date', 'region'] as const;

/** Where the text came from and whose runs they are (names the file in errors, the scenario in results). */
export interface ParseSeriesOptions {
  /** Scenario name recorded in each result (the CSV does not carry it). Default `"scenario"`. */
  scenario?: string;
  /** File name used in error messages. Default `"series.csv"`. */
  source?: string;
}

/** The runs of one design point of a sweep. */
export interface SweepSeries {
  point: number;
  results: RunResult[];
}

interface Group {
  point: number;
  run: number;
  seed: number;
  lines: { lineNo: number; cells: string[] }[];
}

/** The kind of a row id: `ALL`, a two-letter country code, or a region id. */
export function rowKindOf(row: string): RowKind {
  if (row === 'ALL') return 'all';
  return /^[A-Z]{2}$/.test(row) ? 'country' : 'region';
}

/** The columns a header line names: where the keys start (after `point` in a sweep) and the metrics. */
function readHeader(line: string, sweep: boolean, fail: (problem: string) => never): { header: string[]; hasPoint: boolean; base: number; metrics: string[] } {
  const header = line.split(',');
  const hasPoint = header[0] === 'point';
  if (hasPoint && !sweep) fail('has a leading "point" column: it is a sweep\'s series (read it with parseSweepSeriesCsv)');
  if (!hasPoint && sweep) fail('a sweep\'s series.csv must start with a "point" column');
  const base = hasPoint ? 1 : 0;
  KEYS.forEach((key, i) => {
    if (header[base + i] !== key) fail(`header column ${base + i + 1} should be "${key}", found "${header[base + i] ?? ''}"`);
  });
  const metrics = header.slice(base + KEYS.length);
  const missing = METRICS.filter((m) => !metrics.includes(m));
  if (missing.length) fail(`header lacks the metric column(s) ${missing.join(', ')}`);
  const dup = metrics.find((m, i) => metrics.indexOf(m) !== i);
  if (dup) fail(`header names the column "${dup}" twice`);
  return { header, hasPoint, base, metrics };
}

/** An integer cell, or a failure naming the line. */
const intCell = (fail: (problem: string) => never) => (cell: string, what: string, lineNo: number): number => {
  const v = Number(cell);
  if (cell === '' || !Number.isInteger(v)) fail(`line ${lineNo}: ${what} "${cell}" is not an integer`);
  return v;
};

function parseTable(text: string, opts: ParseSeriesOptions, sweep: boolean): Map<number, RunResult[]> {
  const source = opts.source ?? 'series.csv';
  const fail = (problem: string): never => {
    throw new ReportInputError(source, problem);
  };
  const lines = text.split(/\r?\n/);
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  if (lines.length === 0) fail('the file is empty (expected a header line)');
  const { header, hasPoint, base, metrics } = readHeader(lines[0], sweep, fail);
  const int = intCell(fail);

  // Group lines by (point, run), keeping first-seen order.
  const groups = new Map<string, Group>();
  for (let i = 1; i < lines.length; i++) {
    const lineNo = i + 1;
    const cells = lines[i].split(',');
    if (cells.length !== header.length) fail(`line ${lineNo} has ${cells.length} fields, the header ${header.length}`);
    const point = hasPoint ? int(cells[0], 'point', lineNo) : 0;
    const run = int(cells[base], 'run', lineNo);
    const key = `${point}:${run}`;
    let g = groups.get(key);
    if (!g) {
      g = { point, run, seed: int(cells[base + 1], 'seed', lineNo), lines: [] };
      groups.set(key, g);
    }
    g.lines.push({ lineNo, cells });
  }
  if (groups.size === 0) fail('has a header but no data lines');

  const out = new Map<number, RunResult[]>();
  for (const g of groups.values()) {
    const result = buildResult(g, base, metrics, opts.scenario ?? 'scenario', fail, int);
    const list = out.get(g.point) ?? [];
    list.push(result);
    out.set(g.point, list);
  }
  for (const list of out.values()) list.sort((x, y) => x.run - y.run);
  return new Map([...out.entries()].sort((x, y) => x[0] - y[0]));
}

function buildResult(
  g: Group,
  base: number,
  metrics: string[],
  scenario: string,
  fail: (problem: string) => never,
  int: (cell: string, what: string, lineNo: number) => number,
): RunResult {
  const where = `run ${g.run}${base ? ` of point ${g.point}` : ''}`;
  const rows: string[] = [];
  let start = '';
  let months = 0;
  for (const { lineNo, cells } of g.lines) {
    const tick = int(cells[base + 2], 'tick', lineNo);
    if (tick < 0) fail(`line ${lineNo}: negative tick ${tick}`);
    months = Math.max(months, tick + 1);
    if (tick === 0) {
      if (!start) {
        try {
          parseMonth(cells[base + 3]);
        } catch {
          fail(`line ${lineNo}: date "${cells[base + 3]}" is not YYYY-MM`);
        }
        start = cells[base + 3];
      }
      rows.push(cells[base + 4]);
    }
  }
  if (!start) fail(`${where} has no month 0`);
  const nm = metrics.length;
  const nr = rows.length;
  const rowIndex = new Map(rows.map((r, i) => [r, i]));
  const data = new Float64Array(months * nr * nm).fill(Number.NaN);
  const seen = new Uint8Array(months * nr);
  const labels: string[] = [];
  for (let t = 0; t < months; t++) labels.push(monthLabel(start, t));
  for (const { lineNo, cells } of g.lines) {
    const tick = Number(cells[base + 2]);
    if (Number(cells[base + 1]) !== g.seed) fail(`line ${lineNo}: ${where} changes seed from ${g.seed} to ${cells[base + 1]}`);
    if (cells[base + 3] !== labels[tick]) fail(`line ${lineNo}: tick ${tick} should be dated ${labels[tick]}, found "${cells[base + 3]}"`);
    const row = rowIndex.get(cells[base + 4]);
    if (row === undefined) fail(`line ${lineNo}: row "${cells[base + 4]}" does not appear in month 0 of ${where}`);
    const slot = tick * nr + row!;
    if (seen[slot]) fail(`line ${lineNo}: ${where} has row "${cells[base + 4]}" twice in month ${labels[tick]}`);
    seen[slot] = 1;
    for (let m = 0; m < nm; m++) {
      const cell = cells[base + KEYS.length + m];
      const v = Number(cell);
      if (cell === '' || !Number.isFinite(v)) fail(`line ${lineNo}: ${metrics[m]} "${cell}" is not a number`);
      data[slot * nm + m] = v;
    }
  }
  const gap = seen.indexOf(0);
  if (gap >= 0) fail(`${where} lacks row "${rows[gap % nr]}" in month ${labels[Math.floor(gap / nr)]}`);
  return {
    scenario,
    run: g.run,
    seed: g.seed,
    start,
    months,
    rows,
    rowKinds: rows.map(rowKindOf),
    metrics: metrics as MetricName[],
    data,
  };
}

/**
 * Parse a run's `series.csv` into one `RunResult` per run, in run order. Columns after `region`
 * become the result's metrics in file order (every contract metric must be there; extra columns
 * are kept). Throws `ReportInputError` naming the file and line for anything garbled.
 * @example const results = parseSeriesCsv(readFileSync('out/series.csv', 'utf8'), { scenario: 'baseline' });
 */
export function parseSeriesCsv(text: string, opts: ParseSeriesOptions = {}): RunResult[] {
  return parseTable(text, opts, false).get(0) ?? [];
}

/**
 * Parse a sweep's `series.csv` (leading `point` column) into the runs of each design point, in
 * point order.
 */
export function parseSweepSeriesCsv(text: string, opts: ParseSeriesOptions = {}): SweepSeries[] {
  return [...parseTable(text, opts, true)].map(([point, results]) => ({ point, results }));
}

/**
 * The runs of a run's `series.csv` read from disk one at a time, in file order, none kept: a file
 * of any size (2,000 runs are over a gigabyte) is read in the memory of one run. A run's lines
 * must be together, as vraem writes them.
 */
export async function* seriesRuns(path: string, opts: ParseSeriesOptions = {}): AsyncGenerator<RunResult> {
  for await (const { result } of readRuns(path, opts, false)) yield result;
}

/**
 * The runs of a sweep's `series.csv` (leading `point` column) one at a time with their design
 * point, in file order, none kept (a sweep of thousands of runs is gigabytes).
 */
export async function* sweepSeriesRuns(path: string, opts: ParseSeriesOptions = {}): AsyncGenerator<{ point: number; result: RunResult }> {
  yield* readRuns(path, opts, true);
}

async function* readRuns(path: string, opts: ParseSeriesOptions, sweep: boolean): AsyncGenerator<{ point: number; result: RunResult }> {
  const source = opts.source ?? path;
  const fail = (problem: string): never => {
    throw new ReportInputError(source, problem);
  };
  const int = intCell(fail);
  let head: ReturnType<typeof readHeader> | undefined;
  let group: Group | undefined;
  const done = new Set<string>();
  const build = (g: Group) => {
    done.add(`${g.point}:${g.run}`);
    return { point: g.point, result: buildResult(g, head!.base, head!.metrics, opts.scenario ?? 'scenario', fail, int) };
  };
  let lineNo = 0;
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  try {
    for await (const line of lines) {
      lineNo++;
      if (lineNo === 1) {
        head = readHeader(line, sweep, fail);
        continue;
      }
      if (line === '') continue;
      const cells = line.split(',');
      if (cells.length !== head!.header.length) fail(`line ${lineNo} has ${cells.length} fields, the header ${head!.header.length}`);
      const point = sweep ? int(cells[0], 'point', lineNo) : 0;
      const run = int(cells[head!.base], 'run', lineNo);
      if (group?.run !== run || group.point !== point) {
        if (done.has(`${point}:${run}`)) fail(`line ${lineNo}: run ${run}${sweep ? ` of point ${point}` : ''} appears again after other runs (its lines must be together)`);
        if (group) yield build(group);
        group = { point, run, seed: int(cells[head!.base + 1], 'seed', lineNo), lines: [] };
      }
      group.lines.push({ lineNo, cells });
    }
  } catch (e) {
    if (e instanceof ReportInputError) throw e;
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ENOENT') fail('missing (every output folder of vraem run, compare and sweep has it)');
    fail(`cannot be read (${err.message})`);
  } finally {
    lines.close();
  }
  if (!head) fail('the file is empty (expected a header line)');
  if (!group) fail('has a header but no data lines');
  yield build(group!);
}

/** Hand each run of a run's `series.csv` to `onRun` ({@link seriesRuns}); returns the number of runs. */
export async function streamSeriesCsv(path: string, onRun: (result: RunResult) => void, opts: ParseSeriesOptions = {}): Promise<number> {
  let n = 0;
  for await (const r of seriesRuns(path, opts)) {
    onRun(r);
    n++;
  }
  return n;
}
