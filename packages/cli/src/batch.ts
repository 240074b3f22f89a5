/**
 * Writing a batch of replicates as a run folder (DESIGN §9): `series.csv` streamed to disk run by
 * run in run order, then `summary.json` and `manifest.json`; and the HTML/PNG report over a
 * finished folder. Shared by `run` and both sides of `compare`.
 */
import { SERIES_HEADER, seriesRows, summarize, type RunResult, type Summary } from './core.ts';
import type { FileSink, OutputFolder } from './output.ts';
import { shownPath, type LoadedScenario } from './load.ts';

/** Collects the results of one scenario's replicates into `<sub>/series.csv` as they arrive. */
export class RunSink {
  readonly results: RunResult[] = [];
  private readonly series: FileSink;
  constructor(
    private readonly out: OutputFolder,
    private readonly sub: string,
  ) {
    this.series = out.open(sub ? `${sub}/series.csv` : 'series.csv');
    this.series.write(SERIES_HEADER + '\n');
  }

  /** Append one run (results must arrive in run order). */
  add(result: RunResult): void {
    this.series.write(seriesRows(result));
    this.results.push(result);
  }

  /** Close `series.csv` and write `summary.json` and `manifest.json`; returns the summary. */
  finish(manifestText: string): Summary {
    this.series.close();
    const summary = summarize(this.results);
    const prefix = this.sub ? `${this.sub}/` : '';
    this.out.writeFile(`${prefix}summary.json`, JSON.stringify(summary, null, 2) + '\n');
    this.out.writeFile(`${prefix}manifest.json`, manifestText);
    return summary;
  }
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
