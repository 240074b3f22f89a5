/**
 * Writing a batch of replicates as a run folder (DESIGN §9): `series.csv` streamed to disk run by
 * run in run order, then `summary.json` and `manifest.json`; and the HTML/PNG report over a
 * finished folder. Shared by `run` and both sides of `compare`.
 *
 * Memory does not grow with the number of runs: a run's series goes to disk as it arrives, and so
 * do its window means (a scratch file of 8-byte numbers, 4 KB a run). The summary is computed at
 * the end from that file a block of cells at a time, with sim-core's own `stat` over each cell's
 * column of runs — the same numbers, in the same order, as `summarize` over every result.
 */
import { closeSync, openSync, readSync, unlinkSync, writeSync } from 'node:fs';
import { SERIES_HEADER, WINDOWS, pairedStat, stat, writeSeriesRows, windowMeans, windowsFor, type Comparison, type RunResult, type Summary } from './core.ts';
import type { FileSink, OutputFolder } from './output.ts';
import { shownPath, type LoadedScenario } from './load.ts';
import { RunError } from './errors.ts';

/** Most bytes of window means gathered in memory at once when summarising. */
const COLUMN_BLOCK_BYTES = 64 * 1024 * 1024;

/**
 * Each run's window means (window × row × metric, in that order) appended to a hidden scratch
 * file in the output folder, and read back by cell as columns over runs.
 */
class WindowMeans {
  private readonly fd: number;
  private shape?: Pick<RunResult, 'scenario' | 'start' | 'months' | 'rows' | 'metrics'>;
  readonly seeds: number[] = [];
  private cells = 0;
  constructor(
    private readonly file: string,
    private readonly blockBytes = COLUMN_BLOCK_BYTES,
  ) {
    this.fd = openSync(file, 'w+');
  }

  add(r: RunResult): void {
    if (!this.shape) {
      this.shape = r;
      this.cells = WINDOWS.length * r.rows.length * r.metrics.length;
    } else if (r.months !== this.shape.months || r.start !== this.shape.start || r.rows.join() !== this.shape.rows.join() || r.metrics.join() !== this.shape.metrics.join())
      throw new RunError(`run ${r.run} does not have the months, rows and metrics of the runs before it`);
    const windows = windowsFor(r.start, r.months);
    const means = new Float64Array(this.cells);
    let k = 0;
    for (const w of WINDOWS) for (let row = 0; row < r.rows.length; row++) for (let m = 0; m < r.metrics.length; m++) means[k++] = windowMeans([r], row, m, windows[w])[0];
    const bytes = new Uint8Array(means.buffer);
    for (let at = 0; at < bytes.length; ) at += writeSync(this.fd, bytes, at, bytes.length - at);
    this.seeds.push(r.seed);
  }

  get first() {
    if (!this.shape) throw new RunError('no runs to summarise');
    return this.shape;
  }

  /** The cell of window `w`, row `row`, metric `m`. */
  cell(w: number, row: number, m: number): number {
    return (w * this.first.rows.length + row) * this.first.metrics.length + m;
  }

  /** Cells per block such that their columns fit in the block's bytes ({@link COLUMN_BLOCK_BYTES}). */
  get block(): number {
    return Math.max(1, Math.floor(this.blockBytes / (8 * Math.max(1, this.seeds.length))));
  }

  /** The columns (one value a run, in run order) of the given cells: one pass over the file. */
  columns(cells: readonly number[]): Float64Array[] {
    const n = this.seeds.length;
    const out = cells.map(() => new Float64Array(n));
    const runBytes = this.cells * 8;
    const perRead = Math.max(1, Math.floor((4 << 20) / runBytes));
    const buf = Buffer.alloc(perRead * runBytes);
    for (let run = 0; run < n; run += perRead) {
      const count = Math.min(perRead, n - run);
      let got = 0;
      while (got < count * runBytes) {
        const k = readSync(this.fd, buf, got, count * runBytes - got, run * runBytes + got);
        if (k === 0) throw new RunError('the scratch file of window means is shorter than the runs written');
        got += k;
      }
      const values = new Float64Array(buf.buffer, buf.byteOffset, count * this.cells);
      for (let i = 0; i < count; i++) for (let c = 0; c < cells.length; c++) out[c][run + i] = values[i * this.cells + cells[c]];
    }
    return out;
  }

  dispose(): void {
    closeSync(this.fd);
    unlinkSync(this.file);
  }
}

/** Collects the results of one scenario's replicates into `<sub>/series.csv` as they arrive. */
export class RunSink {
  private readonly series: FileSink;
  readonly means: WindowMeans;
  /** `columnBlockBytes`: memory for the columns of the summary (tests make it small to use many blocks). */
  constructor(
    private readonly out: OutputFolder,
    private readonly sub: string,
    columnBlockBytes?: number,
  ) {
    this.series = out.open(sub ? `${sub}/series.csv` : 'series.csv');
    this.series.write(SERIES_HEADER + '\n');
    this.means = new WindowMeans(out.path(sub ? `${sub}/.window-means.f64` : '.window-means.f64'), columnBlockBytes);
  }

  /** Append one run (results must arrive in run order). */
  add(result: RunResult): void {
    // A month at a time: a run's whole text (660 kB at 240 months) would be old-generation garbage.
    writeSeriesRows(result, (text) => this.series.write(text));
    this.means.add(result);
  }

  /** The summary over the runs added so far (the numbers `summarize` gives over all of them). */
  summary(): Summary {
    const w = this.means;
    const first = w.first;
    const metrics: Summary['metrics'] = {};
    const cells: [number, number, number][] = [];
    first.metrics.forEach((_, m) => first.rows.forEach((_, row) => WINDOWS.forEach((_, k) => cells.push([k, row, m]))));
    const stats = new Map<number, ReturnType<typeof stat>>();
    for (let i = 0; i < cells.length; i += w.block) {
      const block = cells.slice(i, i + w.block).map(([k, row, m]) => w.cell(k, row, m));
      w.columns(block).forEach((col, j) => stats.set(block[j], stat(col)));
    }
    first.metrics.forEach((name, m) => {
      metrics[name] = {};
      first.rows.forEach((row, r) => (metrics[name][row] = { finalYear: stats.get(w.cell(0, r, m))!, wholeRun: stats.get(w.cell(1, r, m))! }));
    });
    return { scenario: first.scenario, runs: w.seeds.length, seeds: [...w.seeds], windows: windowsFor(first.start, first.months), metrics };
  }

  /** Close `series.csv` and write `summary.json` and `manifest.json`; returns the summary. */
  finish(manifestText: string): Summary {
    this.series.close();
    const summary = this.summary();
    const prefix = this.sub ? `${this.sub}/` : '';
    this.out.writeFile(`${prefix}summary.json`, JSON.stringify(summary, null, 2) + '\n');
    this.out.writeFile(`${prefix}manifest.json`, manifestText);
    return summary;
  }

  /** Remove the scratch file (after {@link finish} and any {@link compareSinks}). */
  dispose(): void {
    this.means.dispose();
  }
}

/**
 * The paired comparison of two sinks' runs (replicate k of each shares a seed): the numbers
 * sim-core's `compareRuns` gives over all the results, from the window means on disk.
 */
export function compareSinks(a: RunSink, b: RunSink): Comparison {
  const [wa, wb] = [a.means, b.means];
  const [fa, fb] = [wa.first, wb.first];
  if (wa.seeds.length !== wb.seeds.length) throw new RunError(`paired comparison needs as many runs of A as of B (${wa.seeds.length} vs ${wb.seeds.length})`);
  if (fa.months !== fb.months || fa.start !== fb.start) throw new RunError('A and B must share start month and length to be compared');
  wa.seeds.forEach((seed, i) => {
    if (seed !== wb.seeds[i]) throw new RunError(`replicate ${i} of A and B have different seeds (${seed} vs ${wb.seeds[i]})`);
  });
  const rows = fa.rows.filter((row) => fb.rows.includes(row));
  const pairs: { name: string; row: string; k: number; ca: number; cb: number }[] = [];
  fa.metrics.forEach((name, m) => {
    const mb = fb.metrics.indexOf(name);
    for (const row of rows) WINDOWS.forEach((_, k) => pairs.push({ name, row, k, ca: wa.cell(k, fa.rows.indexOf(row), m), cb: wb.cell(k, fb.rows.indexOf(row), mb) }));
  });
  const metrics: Comparison['metrics'] = {};
  const block = Math.max(1, Math.floor(Math.min(wa.block, wb.block) / 2));
  for (let i = 0; i < pairs.length; i += block) {
    const part = pairs.slice(i, i + block);
    const ca = wa.columns(part.map((p) => p.ca));
    const cb = wb.columns(part.map((p) => p.cb));
    part.forEach((p, j) => {
      const byRow = (metrics[p.name] ??= {});
      const cell = (byRow[p.row] ??= {} as (typeof byRow)[string]);
      cell[WINDOWS[p.k]] = { a: stat(ca[j]), b: stat(cb[j]), diff: pairedStat(ca[j], cb[j]) };
    });
  }
  return { a: { scenario: fa.scenario, runs: wa.seeds.length }, b: { scenario: fb.scenario, runs: wb.seeds.length }, seeds: [...wa.seeds], windows: windowsFor(fa.start, fa.months), metrics };
}

/**
 * Write `report.html` and the PNG charts into a folder. A report that cannot be drawn does not
 * lose the data: the problem comes back as a message for the caller to print.
 */
export async function tryReport(dir: string): Promise<string | undefined> {
  // Loaded on demand: chart rendering is heavy and most commands (validate, params) never draw.
  const { writeReport, ReportInputError } = await import('@vraem/viz');
  try {
    await writeReport(dir);
    return undefined;
  } catch (e) {
    const why = e instanceof ReportInputError ? e.message : e instanceof Error ? e.message : String(e);
    return `the report could not be drawn (${why}); the data files are complete — retry with: pnpm vraem report <folder>`;
  }
}

/** Print where the results went, and a report warning if there was one (the exit code is then 1). */
export function finished(path: string, warning: string | undefined): void {
  process.stdout.write(`results: ${shownPath(path)}\n`);
  if (warning) {
    process.stderr.write(`vraem: ${warning.replace('<folder>', shownPath(path))}\n`);
    process.exitCode = 1;
  }
}

/** Where a loaded scenario came from, as manifests record it: its files, its `--set` overrides and its `--hold` holds. */
export function provenance(loaded: LoadedScenario): { files: string[]; overrides: string[]; holds: string[] } {
  return { files: loaded.files, overrides: loaded.overrides.map((o) => o.text), holds: loaded.holds };
}

/** Print a loaded scenario's notes (things worth saying that are not errors) on stderr. */
export function sayNotes(loaded: LoadedScenario): void {
  for (const n of loaded.notes) process.stderr.write(`note: ${n}\n`);
}
