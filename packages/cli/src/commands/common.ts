/**
 * Options shared by the commands that run replicates (`--seed`, `--runs`, `--set`, `--hold`, `--out`,
 * `--force`, `--workers`, `--check`), their checks (exit 2 with a message when a value is not
 * usable), and the terminal summary tables of `run` and `compare`.
 */
import type { Argv } from 'yargs';
import { InputError } from '../errors.ts';
import { defaultWorkers } from '../pool.ts';
import { excludesZero, replicateSeeds, METRIC_LABELS, type Comparison, type MetricName, type Scenario, type Summary } from '../core.ts';
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
    .option('workers', { type: 'number', default: defaultWorkers(), describe: 'worker threads' })
    .option('check', { type: 'boolean', default: false, describe: 'assert leaf, cocaine and money balances every month (slower)' });
}

/** An integer option within bounds, or an InputError naming the flag. */
export function intOption(name: string, value: number | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || value < min || value > max) throw new InputError(`--${name}: expected a whole number from ${min} to ${max}, got ${Number.isNaN(value) ? 'something else' : value}`);
  return value;
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
    workers: intOption('workers', args.workers, 1, 1024)!,
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
  return `${renderTable(rows)}mean over ${summary.runs} run${summary.runs === 1 ? '' : 's'} [95% interval]\n`;
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
  return `${renderTable(rows, [0, 1])}mean over ${c.seeds.length} paired run${c.seeds.length === 1 ? '' : 's'} [95% interval]; * the interval of B − A excludes zero\n`;
}
