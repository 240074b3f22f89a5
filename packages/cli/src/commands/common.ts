/**
 * Options shared by the commands that run replicates (`--seed`, `--runs`, `--set`, `--hold`, `--out`,
 * `--force`, `--workers`, `--check`), their checks (exit 2 with a message when a value is not
 * usable), and the terminal summary tables of `run` and `compare`.
 */
import type { Argv } from 'yargs';
import { existsSync, statfsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { InputError } from '../errors.ts';
import { defaultWorkers } from '../pool.ts';
import { agentCount, count, excludesZero, replicateSeeds, METRICS, METRIC_LABELS, type Comparison, type MetricName, type Scenario, type Summary } from '../core.ts';
import { formatInterval, renderTable } from '../table.ts';

/** The parsed common options. */
export interface CommonArgs {
  seed?: number;
  runs: number;
  set: string[];
  hold: string[];
  out?: string;
  force: boolean;
  workers: number;
  oversubscribe?: boolean;
  /** Start a very large job without the refusal that asks for it (see {@link confirmJob}). */
  yes?: boolean;
  check: boolean;
}

/**
 * `--out` and `--force` of a command that writes an output folder; `defaultFolder` is shown in
 * the help (without one, `--out` is required).
 */
export function outputOptions<T>(y: Argv<T>, defaultFolder?: string) {
  return y
    .option('out', defaultFolder ? { type: 'string', describe: `output folder (default: ${defaultFolder})` } : { type: 'string', demandOption: true, describe: 'output folder' })
    .option('force', { type: 'boolean', default: false, describe: 'replace an existing output folder written by vraem' });
}

/** Add the common options to a command. */
export function commonOptions<T>(y: Argv<T>, defaultRuns: number) {
  return outputOptions(
    y
      .option('seed', { type: 'number', describe: 'base random seed (default: the scenario\u2019s seed)' })
      .option('runs', { type: 'number', default: defaultRuns, describe: 'Monte Carlo replicates' })
      .option('set', { type: 'string', array: true, default: [] as string[], describe: 'override a lever: path=value (repeatable); the scenario\u2019s events may change it later' })
      .option('hold', { type: 'string', array: true, default: [] as string[], describe: 'hold a lever: path=value[@YYYY-MM], from the start or that month on, against the scenario\u2019s events (repeatable)' }),
    'runs/<command>-<scenario>-<timestamp>/',
  )
    .option('workers', { type: 'number', default: defaultWorkers(), describe: 'worker threads (at most the machine\u2019s cores unless --oversubscribe)' })
    .option('oversubscribe', { type: 'boolean', default: false, describe: 'allow more --workers than cores' })
    .option('yes', { type: 'boolean', default: false, describe: 'start a very large job (estimated over 12 hours, 20 GB or the free disk space): without it such a job is refused' })
    .option('check', { type: 'boolean', default: false, describe: 'assert leaf, cocaine and money balances every month (slower)' });
}

/** An integer option within bounds, or an InputError naming the flag. */
export function intOption(name: string, value: number | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || value < min || value > max) throw new InputError(`--${name}: expected a whole number from ${min} to ${max}, got ${Number.isNaN(value) ? 'something else' : value}`);
  return value;
}

/**
 * `--workers` checked and capped at the cores this process may use: every thread holds a whole
 * model, so threads beyond the cores only add memory (400 threads on 2 cores took 9.5 GB) and
 * finish no sooner. `--oversubscribe` lifts the cap; a capped value is said in a note.
 */
export function workersOption(value: number | undefined, oversubscribe: boolean): number | undefined {
  const n = intOption('workers', value, 1, 1024);
  const cores = defaultWorkers();
  if (n === undefined || n <= cores || oversubscribe) return n;
  process.stderr.write(`note: --workers ${n} is more than the ${cores} cores here; using ${cores} (add --oversubscribe to use ${n})\n`);
  return cores;
}

/**
 * The cost of a run, for estimates only, from CPU time measured on the baseline: 2,000 runs of
 * 240 months at householdsPerAgent 200 (1,085 agents) took 191 s of CPU, and a run at 20 costs
 * about 0.2 s more than one at 200 — so about 0.3 ms a month whatever the agents (markets,
 * firmas, the state, recording, writing) and 11 M agent-months a second.
 */
const SECONDS_PER_MONTH = 3e-4;
const AGENT_MONTHS_PER_SECOND = 11e6;
/** Bytes of `series.csv` per row and month: the keys and each metric in shortest round-trip decimals (measured: 230 on the baseline). */
const SERIES_LINE_BYTES = (metrics: number) => 30 + 9 * metrics;

/** What a job will take, roughly: seconds on its workers and bytes of `series.csv`. */
export interface JobEstimate {
  runs: number;
  workers: number;
  seconds: number;
  bytes: number;
}

/** Estimate `runs` runs of each scenario (both sides of a comparison) on `workers` threads. */
export function estimateJob(scenarios: readonly Scenario[], runs: number, workers: number): JobEstimate {
  let seconds = 0;
  let bytes = 0;
  for (const s of scenarios) {
    seconds += runs * s.months * (SECONDS_PER_MONTH + agentCount(s) / AGENT_MONTHS_PER_SECOND);
    const rows = Object.keys(s.regions).length + countriesOf(s).length + 1;
    bytes += runs * s.months * rows * SERIES_LINE_BYTES(METRICS.length);
  }
  const threads = Math.max(1, Math.min(workers, runs * scenarios.length));
  return { runs: runs * scenarios.length, workers: threads, seconds: seconds / threads, bytes };
}

const human = {
  time: (s: number) => (s < 90 ? `${Math.ceil(s)} s` : s < 5400 ? `${Math.round(s / 60)} min` : `${(s / 3600).toFixed(1)} h`),
  bytes: (b: number) => (b < 1e9 ? `${Math.ceil(b / 1e6)} MB` : `${(b / 1e9).toFixed(1)} GB`),
};

/** Jobs larger than this need `--yes`. */
export const CONFIRM_OVER = { seconds: 12 * 3600, bytes: 20e9 };

/**
 * Say what a long job will take before it starts (stderr, when over a minute or 100 MB), and
 * refuse a very large one (over {@link CONFIRM_OVER}, or more than the free space where it
 * writes) unless `--yes`.
 */
export function confirmJob(e: JobEstimate, opts: { yes?: boolean; out?: string }): void {
  let free = Infinity;
  try {
    let dir = resolve(opts.out ?? 'runs');
    while (!existsSync(dir)) dir = dirname(dir);
    const st = statfsSync(dir);
    free = st.bavail * st.bsize;
  } catch {
    // a folder not made yet, or no statfs here: no disk check
  }
  const text = `about ${human.time(e.seconds)} of idle cores for ${count(e.runs, 'run')} on ${count(e.workers, 'worker')}, series.csv about ${human.bytes(e.bytes)}`;
  // A file system that reports no room at all (a full disk, or /proc and its kin, where the folder
  // cannot be made anyway) is left to the write itself, which names the folder it cannot create.
  const short = free > 0 && e.bytes > free;
  const huge = e.seconds > CONFIRM_OVER.seconds || e.bytes > CONFIRM_OVER.bytes || short;
  if (huge && !opts.yes)
    throw new InputError(`this job would take ${text}${short ? ` (${human.bytes(free)} free)` : ''}; add --yes to start it anyway, or fewer --runs`);
  if (huge || e.seconds > 60 || e.bytes > 100e6) process.stderr.write(`estimate: ${text}\n`);
}

/** A `--seed` checked (a 32-bit unsigned integer), or undefined when not given. */
export const seedOption = (value: number | undefined) => intOption('seed', value, 0, 2 ** 32 - 1);

/** Seeds of `runs` replicates from a base seed (replicate k of every scenario gets the same seed): sim-core's experiment API decides them. */
export function seedsFor(base: number, runs: number): number[] {
  return replicateSeeds(base, runs);
}

/** The countries of a scenario's regions (the columns of {@link runTable}). */
export const countriesOf = (s: Scenario) => [...new Set(Object.values(s.regions).map((r) => r.country))];

/** Check the common options; returns them normalised. */
export function checkCommon(args: CommonArgs): CommonArgs {
  return {
    ...args,
    seed: seedOption(args.seed),
    runs: intOption('runs', args.runs, 1, 100_000)!,
    workers: workersOption(args.workers, args.oversubscribe ?? false)!,
    set: (args.set ?? []).map(String),
    hold: (args.hold ?? []).map(String),
  };
}

/** Headline metrics of the terminal tables, with the rows they are read for. */
export const HEADLINE: readonly { metric: MetricName; rows: readonly string[] }[] = [
  { metric: 'coca_ha', rows: ['PE', 'BO', 'CO', 'ALL'] },
  { metric: 'leaf_price_usd_kg', rows: ['PE'] },
  { metric: 'farmer_income_usd_month', rows: ['PE'] },
  { metric: 'seized_t', rows: ['ALL'] },
  { metric: 'protection_paid_usd', rows: ['ALL'] },
  { metric: 'violence_events', rows: ['ALL'] },
  { metric: 'ad_delivered_usd', rows: ['PE'] },
];

/** `run`'s table: headline metrics by country and ALL, final-year mean [95% interval]. */
export function runTable(summary: Summary, countries: readonly string[]): string {
  const cols = [...['PE', 'BO', 'CO'].filter((c) => countries.includes(c)), 'ALL'];
  const rows: string[][] = [['final year ' + `${summary.windows.finalYear.fromDate}..${summary.windows.finalYear.toDate}`, ...cols]];
  for (const { metric } of HEADLINE) {
    const byRow = summary.metrics[metric];
    rows.push([METRIC_LABELS[metric], ...cols.map((c) => (byRow?.[c] ? formatInterval(byRow[c].finalYear.mean, byRow[c].finalYear.ci95) : '-'))]);
  }
  return `${renderTable(rows)}mean over ${count(summary.runs, 'run')} [95% interval]\n`;
}

/** `compare`'s table: each headline metric for A, B and B − A; `*` marks a difference whose 95% interval excludes zero. */
export function compareTable(c: Comparison): string {
  const w = c.windows.finalYear;
  const rows: string[][] = [[`final year ${w.fromDate}..${w.toDate}`, 'row', `A: ${c.a.scenario}`, `B: ${c.b.scenario}`, 'B − A', '']];
  for (const { metric, rows: ids } of HEADLINE) {
    for (const id of ids) {
      const cell = c.metrics[metric]?.[id]?.finalYear;
      if (!cell) continue;
      rows.push([
        METRIC_LABELS[metric],
        id,
        formatInterval(cell.a.mean, cell.a.ci95),
        formatInterval(cell.b.mean, cell.b.ci95),
        formatInterval(cell.diff.mean, cell.diff.ci95),
        excludesZero(cell.diff) ? '*' : '',
      ]);
    }
  }
  return `${renderTable(rows, [0, 1])}mean over ${count(c.seeds.length, 'paired run')} [95% interval]; * the interval of B − A excludes zero\n`;
}
