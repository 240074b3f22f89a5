/**
 * Test fixtures: deterministic synthetic runs shaped like the engine's (the baseline's seven
 * regions, then PE, BO, CO and ALL aggregated by the contract's rules), and writers that lay
 * them out as the CLI's run, compare and sweep output folders.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir as cliTempDir } from '../../cli/test/helpers.ts';
import {
  AGGREGATION,
  METRICS,
  type MetricName,
  type RunResult,
  compareRuns,
  monthLabel,
  parseMonth,
  replicateSeed,
  runScenario,
  seriesCsv,
  seriesRows,
  summarize,
} from '@vraem/sim-core';

export const REGIONS = [
  ['vraem-apurimac', 'VRAEM – Apurímac', 'PE'],
  ['vraem-ene', 'VRAEM – Ene', 'PE'],
  ['vraem-mantaro', 'VRAEM – Mantaro', 'PE'],
  ['alto-huallaga', 'Alto Huallaga', 'PE'],
  ['peru-other', 'Rest of Peru', 'PE'],
  ['bolivia', 'Bolivia', 'BO'],
  ['colombia', 'Colombia', 'CO'],
] as const;

/** A small deterministic generator (mulberry32) so fixtures never change. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SyntheticOptions {
  scenario?: string;
  seeds?: number[];
  start?: string;
  months?: number;
  /** A credible AD programme in Peru: less coca and more income there, a little more elsewhere. */
  ad?: boolean;
  /** Multiplies Peru's coca (a sweep lever stand-in). */
  pressure?: number;
}

const BASE_COCA = [12000, 9000, 3000, 15000, 20000, 25000, 80000];
const BASE_HH = [12000, 9000, 6000, 15000, 30000, 40000, 60000];

/**
 * Plausible monthly values of the metrics for one region (a metric added to the model's table
 * and not given a synthetic value here reads 0, so adding a metric stays a change in one place).
 */
function regionValues(r: number, t: number, months: number, o: SyntheticOptions, noise: () => number): Partial<Record<MetricName, number>> {
  const peru = REGIONS[r][2] === 'PE';
  const vraem = r < 3;
  const progress = t / Math.max(1, months - 1);
  const ad = o.ad ? 1 : 0;
  const jitter = () => 1 + 0.06 * (noise() - 0.5);
  const pressure = peru ? (o.pressure ?? 1) : 1;
  const coca = BASE_COCA[r] * (1 + 0.15 * Math.sin(t / 20 + r)) * (peru ? 1 - 0.35 * ad * progress : 1 + 0.05 * ad * progress) * pressure * jitter();
  const promised = peru ? (ad ? 400_000 : 60_000) * (1 + 0.3 * Math.sin(t / 12)) : 0;
  const fighters = vraem ? 120 * (1 - 0.3 * progress) * jitter() : r === 6 ? 3000 * jitter() : 0;
  return {
    households: BASE_HH[r],
    coca_ha: coca,
    licit_ha: BASE_COCA[r] * 0.8 * (1 + (peru ? 0.4 * ad * progress : 0)) * jitter(),
    ad_enrolled_ha: peru ? (ad ? 3000 * progress : 100) * jitter() : 0,
    eradicated_ha: (peru ? 600 : 300) * jitter(),
    leaf_price_usd_kg: (2.6 + 0.4 * Math.sin(t / 15) + (peru ? 0.3 * ad * progress : 0)) * jitter(),
    leaf_output_t: coca * 0.19,
    cocaine_output_t: (coca * 0.19) / 370,
    seized_t: ((coca * 0.19) / 370) * 0.12 * jitter(),
    export_price_usd_kg: 1400 + 120 * Math.sin(t / 24),
    farmer_income_usd_month: (240 + 30 * Math.sin(t / 10 + r) + (peru ? 70 * ad * progress : 0)) * jitter(),
    association_share: 0.2 + 0.3 * progress * (r === 5 ? 2 : 1) * 0.5,
    trust_in_state: peru ? 0.3 + 0.4 * ad * progress : 0.4,
    firmas_active: 2 + (r % 3),
    firma_profit_usd: coca * 25 * jitter(),
    protection_paid_usd: vraem ? 30_000 * jitter() : 0,
    armed_fighters: fighters,
    armed_funds_usd: fighters * 1500,
    armed_control: vraem ? 0.35 : r === 6 ? 0.25 : 0.02,
    violence_events: Math.max(0, (vraem ? 3 : r === 6 ? 6 : 0.5) * (1 + 0.5 * Math.sin(t / 8 + r)) * jitter()),
    corruption_index: 0.3 + 0.1 * Math.sin(t / 30 + r),
    ad_promised_usd: promised,
    ad_delivered_usd: promised * (ad ? 0.85 : 0.3),
    sl_levy_usd: vraem ? 8_000 * jitter() : 0,
    sl_support_share: vraem ? 0.5 - 0.2 * ad * progress : 0,
    federation_share: r === 3 ? 0.3 * progress : 0,
    armed_income_usd: vraem ? 45_000 * jitter() : 0,
    cartel_held: vraem ? 0.3 : 0.6,
    cartel_critical_discount: vraem ? 0.95 : 0.8,
    hitmen: vraem ? 2 : 12,
    firma_violence_events: vraem ? 0.2 : 1,
    bribes_paid_usd: vraem ? 20_000 : 60_000,
    state_budget_usd: BASE_HH[r] * 40,
    state_spending_usd: BASE_HH[r] * 40 * (0.8 + 0.1 * Math.sin(t / 12)),
    state_presence: 0.4 + 0.1 * progress,
    growing_households: BASE_HH[r] * 0.9,
    eradicated_coca_ha: vraem ? 0 : 40,
  };
}

/** Deterministic synthetic runs, one per seed, with correct country and ALL aggregates. */
export function syntheticRuns(o: SyntheticOptions = {}): RunResult[] {
  const seeds = o.seeds ?? [1, 2, 3, 4, 5];
  const months = o.months ?? 48;
  const rows = [...REGIONS.map((r) => r[0]), 'PE', 'BO', 'CO', 'ALL'];
  const nm = METRICS.length;
  return seeds.map((seed, run) => {
    const noise = rng(seed * 7919 + (o.ad ? 1 : 0) + Math.round((o.pressure ?? 1) * 1000));
    const data = new Float64Array(months * rows.length * nm);
    for (let t = 0; t < months; t++) {
      const regionRows = REGIONS.map((_, r) => regionValues(r, t, months, o, noise));
      const groups: [number, number[]][] = [
        [7, [0, 1, 2, 3, 4]],
        [8, [5]],
        [9, [6]],
        [10, [0, 1, 2, 3, 4, 5, 6]],
      ];
      const put = (row: number, m: number, v: number) => (data[(t * rows.length + row) * nm + m] = v);
      regionRows.forEach((vals, r) => METRICS.forEach((m, mi) => put(r, mi, vals[m] ?? 0)));
      for (const [row, members] of groups) {
        METRICS.forEach((m, mi) => {
          const agg = AGGREGATION[m];
          const vals = members.map((r) => regionRows[r][m] ?? 0);
          if (agg === 'sum') put(row, mi, vals.reduce((s, v) => s + v, 0));
          else if (agg === 'distinct') put(row, mi, Math.max(...vals) + members.length - 1);
          else {
            const w = members.map((r) => regionRows[r][agg.weight] ?? 0);
            const sw = w.reduce((s, v) => s + v, 0);
            put(row, mi, sw > 0 ? vals.reduce((s, v, i) => s + v * w[i], 0) / sw : 0);
          }
        });
      }
    }
    return { scenario: o.scenario ?? 'baseline', run, seed, start: o.start ?? '2004-01', months, rows, rowKinds: [...REGIONS.map(() => 'region' as const), 'country', 'country', 'country', 'all'], metrics: METRICS, data };
  });
}

/** A scenario object as the manifest records it (only the parts the report reads, plus a few). */
export function scenarioObject(name: string, description: string, months = 48): Record<string, unknown> {
  return {
    name,
    description,
    start: '2004-01',
    months,
    regions: Object.fromEntries(REGIONS.map(([id, n, country]) => [id, { name: n, country }])),
  };
}

function manifest(command: string, extra: Record<string, unknown>, seeds: number[]): Record<string, unknown> {
  return { command, ...extra, seeds, version: '0.1.0', commandLine: `vraem ${command} (test fixture)`, inputHash: 'sha256:0123456789abcdef', createdBy: 'vraem' };
}

const json = (x: unknown) => JSON.stringify(x, null, 2) + '\n';

/** A fresh temporary folder, removed when the test file ends (the CLI tests' registry, test/setup.ts). */
export function tempDir(prefix: string): string {
  return cliTempDir(`vraem-viz-${prefix}-`);
}

/** Write a run output folder (series.csv, summary.json, manifest.json) for `results`. */
export function writeRunFolder(dir: string, results: RunResult[], scenario = scenarioObject(results[0].scenario, 'A synthetic scenario for tests.', results[0].months)): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'series.csv'), seriesCsv(results));
  writeFileSync(join(dir, 'summary.json'), json(summarize(results)));
  writeFileSync(join(dir, 'manifest.json'), json(manifest('run', { scenario }, results.map((r) => r.seed))));
  return dir;
}

/** Write a compare output folder: `a/`, `b/` and the top summary and manifest. */
export function writeCompareFolder(
  dir: string,
  a: RunResult[],
  b: RunResult[],
  sa = scenarioObject(a[0].scenario, 'Historical policy: eradication and interdiction, AD promised but rarely delivered.', a[0].months),
  sb = scenarioObject(b[0].scenario, 'The same, with a credible alternative development programme in the VRAEM (delivery rate 0.9).', b[0].months),
): string {
  writeRunFolder(join(dir, 'a'), a, sa);
  writeRunFolder(join(dir, 'b'), b, sb);
  writeFileSync(join(dir, 'summary.json'), json(compareRuns(a, b)));
  writeFileSync(join(dir, 'manifest.json'), json(manifest('compare', { scenarios: { a: sa, b: sb } }, a.map((r) => r.seed))));
  return dir;
}

/** Write a sweep output folder over one lever (`lever` takes each of `values`). */
export function writeSweepFolder(dir: string, lever: string, values: number[], runsPerPoint: (value: number) => RunResult[]): string {
  mkdirSync(dir, { recursive: true });
  const points = values.map((value, point) => ({ point, value, results: runsPerPoint(value) }));
  const first = points[0].results;
  const header = 'point,' + seriesCsv([]).trimEnd();
  const body = points.map((p) => p.results.map((r) => seriesRows(r).replace(/^(?=.)/gm, `${p.point},`)).join('')).join('');
  writeFileSync(join(dir, 'series.csv'), header + '\n' + body);
  const design = ['point,' + lever + ',replicate,seed', ...points.flatMap((p) => p.results.map((r, k) => `${p.point},${p.value},${k},${r.seed}`))];
  writeFileSync(join(dir, 'design.csv'), design.join('\n') + '\n');
  writeFileSync(join(dir, 'summary.json'), json({ levers: [lever], points: points.map((p) => ({ point: p.point, values: { [lever]: p.value }, summary: summarize(p.results) })) }));
  const scenario = scenarioObject(first[0].scenario, 'A synthetic sweep for tests.', first[0].months);
  writeFileSync(join(dir, 'manifest.json'), json(manifest('sweep', { scenario }, first.map((r) => r.seed))));
  return dir;
}

const ROOT = join(fileURLToPath(import.meta.url), '..', '..', '..', '..');

/**
 * Real engine runs of a bundled scenario, loaded the way the CLI loads it (its loader resolves
 * `extends` and `--set`), cut to `months` months; alternative-development events dated after
 * the cut are brought forward to `adFrom` so a short run still shows the programme. Seeds follow
 * the CLI's replicate rule, so A and B of a comparison pair by seed.
 */
export async function engineRuns(file: string, o: { months: number; runs: number; adFrom?: string }): Promise<{ scenario: Record<string, unknown>; results: RunResult[] }> {
  const { loadScenario } = await import('../../cli/src/load.ts');
  const full = loadScenario(join(ROOT, file)).scenario;
  const end = parseMonth(monthLabel(full.start, o.months - 1));
  const isAd = (e: (typeof full.events)[number]) => Object.keys(e.set).some((k) => k.includes('alternativeDevelopment'));
  const events = full.events
    .map((e) => (o.adFrom && parseMonth(e.at) > end && isAd(e) ? { ...e, at: o.adFrom } : e))
    .filter((e) => parseMonth(e.at) <= end);
  const scenario = { ...full, months: o.months, events };
  const results = Array.from({ length: o.runs }, (_, k) => runScenario(scenario, { seed: replicateSeed(scenario.seed, k), run: k }));
  return { scenario: scenario as unknown as Record<string, unknown>, results };
}
