/**
 * Test helpers: the bundled baseline (a plain YAML file, no `extends`) scaled down for speed,
 * variants by lever path, and paired comparisons over seeds that state an effect only when it
 * is larger than the noise (the 95% interval of the paired difference excludes zero).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import { expect } from 'vitest';
import {
  validateScenario,
  setPath,
  tickOf,
  runScenario,
  seriesOf,
  stat,
  type Scenario,
  type MetricName,
  type PathValue,
  type RunResult,
} from '../src/index.ts';

const BASELINE = fileURLToPath(new URL('../../../scenarios/baseline.yaml', import.meta.url));

/**
 * The baseline with lever overrides, fewer agents (each standing for more households) and fewer
 * months. Without `history`, the historical policy events are dropped, so a lever keeps the value
 * a test gives it for the whole run.
 */
export function baseline(
  set: Record<string, PathValue> = {},
  opts: { householdsPerAgent?: number; months?: number; history?: boolean } = {},
): Scenario {
  const raw = YAML.parse(readFileSync(BASELINE, 'utf8')) as Record<string, unknown> & { events: { at: string }[]; start: string };
  raw.householdsPerAgent = opts.householdsPerAgent ?? 20;
  raw.months = opts.months ?? 96;
  raw.events = opts.history ? raw.events.filter((e) => tickOf(raw.start, e.at) < (raw.months as number)) : [];
  for (const [path, value] of Object.entries(set)) setPath(raw, path, value);
  const v = validateScenario(raw);
  if (!v.ok) throw new Error(JSON.stringify(v.issues));
  return v.scenario;
}

export const SEEDS = [11, 22, 33, 44, 55, 66, 77, 88];

/** Run a scenario once per seed. */
export function runs(s: Scenario, seeds = SEEDS): RunResult[] {
  return seeds.map((seed, run) => runScenario(s, { seed, run }));
}

/** Mean of a metric for a row over the last `months` months of a run. */
export function tail(r: RunResult, row: string, metric: MetricName, months = 24): number {
  const s = seriesOf(r, row, metric);
  let sum = 0;
  for (let t = s.length - months; t < s.length; t++) sum += s[t];
  return sum / months;
}

/** A metric summed over several rows, over the last months. */
export function tailSum(r: RunResult, rows: string[], metric: MetricName, months = 24): number {
  return rows.reduce((a, row) => a + tail(r, row, metric, months), 0);
}

/**
 * Assert that `b` exceeds `a` (paired by seed) by more than the noise: the 95% interval of the
 * paired difference lies above zero. Returns the mean difference.
 */
export function expectIncrease(a: number[], b: number[], what: string): number {
  const d = stat(b.map((x, i) => x - a[i]));
  const reading = `${what}: B − A = ${d.mean.toPrecision(4)} [${d.ci95[0].toPrecision(4)}, ${d.ci95[1].toPrecision(4)}]`;
  // VRAEM_FACTS_REPORT=1 prints every paired difference a test reads (as the stylized facts do).
  if (process.env.VRAEM_FACTS_REPORT) console.log(`${reading} (${a.length} pairs)`);
  expect(d.ci95[0], `${reading} should be > 0`).toBeGreaterThan(0);
  return d.mean;
}

export const VRAEM = ['vraem-apurimac', 'vraem-ene', 'vraem-mantaro'];
