/**
 * From an output folder to what people read: the chart list, the key-number tables and the
 * manifest of a run, a comparison or a sweep, and `writeReport`, which writes `report.html`
 * and one PNG per chart into the folder.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Answer, type Figure, type MetricName, type RunResult, type Stat, type Summary, ONE_PAIR_NO_INTERVAL, ROLLING_METRICS, count, datesOf, excludesZero, figureValue, formatFigure, monthLabel, unitsText } from '@vraem/sim-core';
import { ensembleComparisonChart, ensembleDifferenceChart } from './charts/ensemble.ts';
import { allianceMoneyChart } from './charts/alliance.ts';
import { alternativeDevelopmentChart } from './charts/alternativeDevelopment.ts';
import { balloonChart } from './charts/balloon.ts';
import { type ChartContext, describeSeeds, firstOf, rowName } from './charts/common.ts';
import { type CompareContext, comparisonChart, differenceChart, metricLabel } from './charts/comparison.ts';
import { cocaByRegionChart, licitByRegionChart } from './charts/cultivation.ts';
import { farmerIncomeChart } from './charts/income.ts';
import { pricesChart } from './charts/prices.ts';
import { sweepChart } from './charts/sweep.ts';
import { violenceChart } from './charts/violence.ts';
import { ReportInputError } from './errors.ts';
import { formatNumber, formatStat } from './format.ts';
import { type AnswerBlock, type KeyTable, type ReportDocument, type TableCell, renderReportHtml } from './html.ts';
import { type CompareFolder, type EnsembleCompareFolder, type Manifest, type OutputFolder, type RunsFolder, type ScenarioInfo, type SweepFolder, readOutputFolder } from './input.ts';
import { type Runs, runCount, runSeeds } from './bands.ts';
import { type FileWriter, type NamedChart, writePngs } from './png.ts';

/** Metrics in the key-numbers table of a run, in order. */
export const RUN_TABLE_METRICS = [
  'coca_ha',
  'licit_ha',
  'eradicated_ha',
  'ad_enrolled_ha',
  'leaf_price_usd_kg',
  'export_price_usd_kg',
  'cocaine_output_t',
  'seized_t',
  'farmer_income_usd_month',
  'protection_paid_usd',
  'firma_profit_usd',
  'armed_fighters',
  'violence_events',
  'corruption_index',
  'ad_promised_usd',
  'ad_delivered_usd',
  'sl_levy_usd',
  'sl_support_share',
  'federation_share',
] as const;

/** Metric and row pairs a comparison charts (A against B, and B − A). */
export const COMPARE_HEADLINES: readonly (readonly [string, string])[] = [
  ['coca_ha', 'PE'],
  ['coca_ha', 'ALL'],
  ['leaf_price_usd_kg', 'PE'],
  ['farmer_income_usd_month', 'PE'],
  ['violence_events', 'PE'],
  ['ad_delivered_usd', 'PE'],
];

/** Metrics in a comparison's table, each for Peru and the Andean total. */
export const COMPARE_TABLE_METRICS = [
  'coca_ha',
  'licit_ha',
  'leaf_price_usd_kg',
  'farmer_income_usd_month',
  'trust_in_state',
  'protection_paid_usd',
  'sl_levy_usd',
  'sl_support_share',
  'armed_fighters',
  'violence_events',
  'ad_delivered_usd',
] as const;

/** Metric and row pairs a sweep charts against each lever and tabulates per point. */
export const SWEEP_HEADLINES: readonly (readonly [MetricName, string])[] = [
  ['coca_ha', 'ALL'],
  ['coca_ha', 'PE'],
  ['leaf_price_usd_kg', 'PE'],
  ['farmer_income_usd_month', 'PE'],
  ['violence_events', 'PE'],
];

/** Display names of a scenario's regions, by id. */
export function regionNames(scenario: ScenarioInfo | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [id, r] of Object.entries(scenario?.regions ?? {})) if (typeof r?.name === 'string') out[id] = r.name;
  return out;
}

/** The rows a headline refers to, falling back to `ALL` when a scenario has no Peru. */
function presentRow(results: Runs, row: string): string {
  return firstOf(results).rows.includes(row) ? row : 'ALL';
}

function period(results: Runs): string {
  const dates = datesOf(firstOf(results));
  return `${dates[0]} to ${dates[dates.length - 1]} (${dates.length} months)`;
}

function scenarioPeriod(start: string, months: number): string {
  return `${start} to ${monthLabel(start, months - 1)} (${months} months)`;
}

function runsText(results: Runs): string {
  const n = runCount(results);
  return `${count(n, 'run')}, ${describeSeeds(runSeeds(results))}`;
}

function finalYearNote(summary: { windows?: Summary['windows'] }, what: string): string {
  const w = summary.windows?.finalYear;
  const span = w ? ` (${w.fromDate} to ${w.toDate})` : '';
  return `${what}: each run's monthly mean over the final year${span}, then the mean over runs with its 95% confidence interval (Student's t) below it.`;
}

function manifestRows(m: Manifest, seeds: readonly number[]): [string, string][] {
  const scen = m.command === 'compare' ? `A: ${m.scenarios?.a.name}; B: ${m.scenarios?.b.name}` : (m.scenario?.name ?? '');
  return [
    ['Command', m.command],
    ['Scenario', scen],
    ['Seeds', (m.seeds ?? seeds).join(', ')],
    ['Version', m.version ?? 'not recorded'],
    ['Command line', m.commandLine ?? 'not recorded'],
    ['Input hash', m.inputHash ?? 'not recorded'],
    ['Created by', m.createdBy ?? 'not recorded'],
  ];
}

function statCell(s: Stat | undefined, emphasis = false): TableCell {
  return s ? { ...formatStat(s), emphasis } : '–';
}

/** The charts of a single scenario's runs. */
export function runCharts(results: Runs, ctx: ChartContext = {}): NamedChart[] {
  return [
    { name: 'coca-by-region', config: cocaByRegionChart(results, ctx) },
    { name: 'licit-by-region', config: licitByRegionChart(results, ctx) },
    { name: 'prices', config: pricesChart(results, ctx) },
    { name: 'balloon', config: balloonChart(results, ctx) },
    { name: 'alliance-money', config: allianceMoneyChart(results, ctx) },
    { name: 'violence', config: violenceChart(results, ctx) },
    { name: 'alternative-development', config: alternativeDevelopmentChart(results, ctx) },
    { name: 'farmer-income', config: farmerIncomeChart(results, ctx) },
  ];
}

const slug = (s: string): string => s.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '');

/** The charts of a comparison: for each headline, A against B and the difference B − A. */
export function compareCharts(a: Runs, b: Runs, ctx: CompareContext = {}): NamedChart[] {
  return COMPARE_HEADLINES.flatMap(([metric, wanted]) => {
    const row = presentRow(a, wanted);
    return [
      { name: `compare-${slug(metric)}-${row}`, config: comparisonChart(a, b, metric, row, ctx, { rolling12: ROLLING_METRICS.includes(metric as MetricName) }) },
      { name: `difference-${slug(metric)}-${row}`, config: differenceChart(a, b, metric, row, ctx, { rolling12: ROLLING_METRICS.includes(metric as MetricName) }) },
    ];
  });
}

/** The charts of a sweep: each headline metric against each varied lever. */
export function sweepCharts(folder: Pick<SweepFolder, 'levers' | 'points'>, ctx: ChartContext = {}): NamedChart[] {
  const first = folder.points[0]?.results ?? [];
  return folder.levers.flatMap((lever) =>
    SWEEP_HEADLINES.map(([metric, wanted]) => {
      const row = presentRow(first, wanted);
      return { name: `sweep-${slug(metric)}-${row}-vs-${slug(lever)}`, config: sweepChart(folder.points, lever, metric, row, ctx) };
    }),
  );
}

function runDocument(f: RunsFolder): ReportDocument {
  const ctx = { scenario: f.scenario.name, regionNames: regionNames(f.scenario) };
  const rows = ['PE', 'BO', 'CO', 'ALL'].filter((r) => firstOf(f.results).rows.includes(r));
  const table: KeyTable = {
    caption: 'Final-year mean by country, with 95% interval',
    head: ['Metric', ...rows.map((r) => rowName(r))],
    rows: RUN_TABLE_METRICS.map((m) => [metricLabel(m), ...rows.map((r) => statCell(f.summary.metrics[m]?.[r]?.finalYear))]),
    note: finalYearNote(f.summary, 'Each cell'),
  };
  return {
    title: `vraem run: ${f.scenario.name}`,
    subtitle: `${runsText(f.results)} · ${period(f.results)}`,
    descriptions: [{ heading: f.scenario.name, text: f.scenario.description ?? '' }],
    tables: [table],
    charts: runCharts(f.results, ctx),
    manifest: manifestRows(f.manifest, runSeeds(f.results)),
  };
}

/**
 * The answer first: the generated sentences (each number a named figure of `summary.json`) and
 * the relative-change table with the targeted regions as rows.
 */
export function answerBlock(ans: Answer): AnswerBlock {
  const sentences = ans.sentences.map((sentence) =>
    sentence.map((p) => (typeof p === 'string' ? p : { text: formatFigure(figureValue(ans.figures[p.figure], p.key), p.format), figure: p.figure, key: p.key, format: p.format })),
  );
  const w = ans.windows.programme;
  const cell = (name: string | null, units: string | null | undefined): TableCell => {
    const f: Figure | undefined = name ? ans.figures[name] : undefined;
    if (!name || !f || !Number.isFinite(f.mean)) return '–';
    if (f.baseNearZero) {
      const u: Figure | undefined = units ? ans.figures[units] : undefined;
      return u ? { value: 'n/a', ci: `Δ ${unitsText(u)}`, figure: units! } : 'n/a';
    }
    // One run (or pair) has no interval and nothing beyond chance.
    if (f.n < 2) return { value: formatFigure(f.mean, 'percent'), figure: name };
    return { value: formatFigure(f.mean, 'percent'), ci: `${formatFigure(100 * f.ci95[0], 'number')} to ${formatFigure(100 * f.ci95[1], 'number')}`, emphasis: excludesZero(f), figure: name };
  };
  const how =
    ans.uncertainty === 'ensemble'
      ? `over ${ans.members} ensemble members × ${count(ans.runsPerMember, 'paired run')}; the interval is where the change falls in one history (parameter uncertainty and chance)`
      : ans.runsPerMember < 2
        ? ONE_PAIR_NO_INTERVAL
        : `over ${count(ans.runsPerMember, 'paired run')}; the interval is the 95% interval of the mean (Student's t)`;
  return {
    heading: 'The answer',
    sentences,
    table: {
      caption: `Change B − A in % of A, programme period ${w.fromDate} to ${w.toDate} (monthly means), by targeted region and total`,
      head: ['Place', ...ans.table.head],
      rows: ans.table.rows.map((r) => [r.label, ...r.cells.map((name, j) => cell(name, r.units?.[j]))]),
      note: `Each cell: the mean of (B − A) / A over run pairs in %, then its 95% interval, ${how}; bold where the interval excludes zero. Leakage to untargeted regions and countries and the armed groups\u2019 money are in the sentences above.${ans.table.note ? ` ${ans.table.note}.` : ''}`,
    },
  };
}

function compareDocument(f: CompareFolder): ReportDocument {
  const ctx: CompareContext = { aName: f.a.scenario.name, bName: f.b.scenario.name, regionNames: { ...regionNames(f.a.scenario), ...regionNames(f.b.scenario) } };
  const rows: TableCell[][] = [];
  for (const m of COMPARE_TABLE_METRICS) {
    for (const wanted of ['PE', 'ALL']) {
      const row = presentRow(f.a.results, wanted);
      if (wanted !== row) continue;
      const c = f.comparison.metrics[m]?.[row]?.finalYear;
      rows.push([metricLabel(m), rowName(row, ctx), statCell(c?.a), statCell(c?.b), statCell(c?.diff, !!c && excludesZero(c.diff)), c ? (excludesZero(c.diff) ? 'yes' : 'no') : '–']);
    }
  }
  const table: KeyTable = {
    caption: 'Final-year means: A, B and the paired difference B − A, with 95% intervals',
    head: ['Metric', 'Place', `A: ${f.a.scenario.name}`, `B: ${f.b.scenario.name}`, 'B − A', 'Interval excludes 0'],
    rows,
    note: finalYearNote(f.comparison, 'Each cell') + ' B − A is paired by seed (replicate k of A and of B share a seed); bold where its interval excludes zero.',
  };
  return {
    title: `vraem compare: ${f.a.scenario.name} (A) against ${f.b.scenario.name} (B)`,
    subtitle: `${runsText(f.a.results)} per side, paired by seed · ${period(f.a.results)}`,
    descriptions: [
      { heading: `A: ${f.a.scenario.name}`, text: f.a.scenario.description ?? '' },
      { heading: `B: ${f.b.scenario.name}`, text: f.b.scenario.description ?? '' },
    ],
    ...(f.answer ? { answer: answerBlock(f.answer) } : {}),
    tables: [table],
    charts: compareCharts(f.a.results, f.b.results, ctx),
    manifest: manifestRows(f.manifest, runSeeds(f.a.results)),
  };
}

function ensembleCompareDocument(f: EnsembleCompareFolder): ReportDocument {
  const s = f.summary;
  const sides = f.manifest.scenarios!;
  const regions = { ...regionNames(sides.a), ...regionNames(sides.b) };
  const ctx = { aName: s.a.scenario, bName: s.b.scenario, members: s.members, runsPerMember: s.runsPerMember, regionNames: regions };
  const rows: TableCell[][] = [];
  for (const [metric, wanted] of COMPARE_HEADLINES) {
    for (const w of ['programme', 'finalYear'] as const) {
      const d = s.cells[metric]?.[wanted]?.[w]?.diff;
      if (!d) continue;
      rows.push([
        metricLabel(metric),
        rowName(wanted, { regionNames: regions }),
        w === 'programme' ? `programme ${s.windows.programme.fromDate}..` : `final year ${s.windows.finalYear.fromDate}..`,
        { value: formatNumber(d.mean), ci: `${formatNumber(d.ci95[0])} to ${formatNumber(d.ci95[1])}`, emphasis: d.ci95[0] > 0 || d.ci95[1] < 0 },
        formatFigure(d.parameterShare, 'percent'),
        d.parameterCi95 ? `${formatNumber(d.parameterCi95[0])} to ${formatNumber(d.parameterCi95[1])}` : '–',
      ]);
    }
  }
  const table: KeyTable = {
    caption: 'Effects B − A over the ensemble: total uncertainty and its split',
    head: ['Metric', 'Place', 'Window', 'B − A (95% interval, one history)', 'Parameter share of variance', 'Expected effect, parameters only (95%)'],
    rows,
    note: 'Each member of the posterior ensemble runs A and B with the same seeds. Total variance = variance over members of the member means (parameter uncertainty, less the noise of averaging a few runs) + the mean within-member variance (chance); the interval is mean ± 1.96 √total.',
  };
  const charts = f.monthly.series.flatMap((id) => [
    { name: `ensemble-compare-${slug(id)}`, config: ensembleComparisonChart(f.monthly, id, ctx) },
    { name: `ensemble-difference-${slug(id)}`, config: ensembleDifferenceChart(f.monthly, id, ctx) },
  ]);
  return {
    title: `vraem compare: ${s.a.scenario} (A) vs ${s.b.scenario} (B), ensemble`,
    subtitle: `${s.members} ensemble members × ${count(s.runsPerMember, 'paired run')} each, ${describeSeeds(s.seeds)} · ensemble ${s.ensemble.sha256.slice(0, 12)}… · ${f.monthly.dates[0]} to ${f.monthly.dates[f.monthly.dates.length - 1]}`,
    answer: answerBlock(s.answer),
    descriptions: [
      { heading: `A: ${s.a.scenario}`, text: sides.a.description ?? '' },
      { heading: `B: ${s.b.scenario}`, text: sides.b.description ?? '' },
    ],
    tables: [table],
    charts,
    manifest: manifestRows(f.manifest, s.seeds),
  };
}

function leverText(v: unknown): string {
  return typeof v === 'number' ? formatNumber(v) : String(v);
}

function sweepDocument(f: SweepFolder): ReportDocument {
  const ctx = { scenario: f.scenario.name, regionNames: regionNames(f.scenario) };
  const all = f.points.flatMap((p) => p.results);
  if (all.length === 0) throw new ReportInputError(join(f.dir, 'series.csv'), 'holds no runs');
  const headlines = SWEEP_HEADLINES.map(([m, r]) => [m, presentRow(all, r)] as const);
  const firstSummary = f.summaries.values().next().value;
  const table: KeyTable = {
    caption: 'Final-year mean at each design point, with 95% interval',
    head: ['Point', ...f.levers, ...headlines.map(([m, r]) => `${metricLabel(m)}, ${rowName(r, ctx)}`)],
    rows: f.points.map((p) => [
      String(p.point),
      ...f.levers.map((l) => leverText(p.values[l])),
      ...headlines.map(([m, r]) => statCell(f.summaries.get(p.point)?.metrics[m]?.[r]?.finalYear)),
    ]),
    note: finalYearNote(firstSummary ?? {}, 'Each metric cell'),
  };
  const seeds = [...new Set(all.map((r) => r.seed))].sort((x, y) => x - y);
  return {
    title: `vraem sweep: ${f.scenario.name}`,
    // The runs are kept for their final year only (input.ts): the period is the scenario's.
    subtitle: `${f.points.length} design points × ${f.points[0].results.length} runs, ${describeSeeds(seeds)} · varied: ${f.levers.join(', ')} · ${f.scenario.start && f.scenario.months ? scenarioPeriod(f.scenario.start, f.scenario.months) : period(all)}`,
    descriptions: [{ heading: f.scenario.name, text: f.scenario.description ?? '' }],
    tables: [table],
    charts: sweepCharts(f, ctx),
    manifest: manifestRows(f.manifest, seeds),
  };
}

/** The report document (text, tables, charts, manifest) of any output folder already read. */
export function reportDocument(folder: OutputFolder): ReportDocument {
  if (folder.kind === 'run') return runDocument(folder);
  if (folder.kind === 'compare') return compareDocument(folder);
  if (folder.kind === 'ensemble-compare') return ensembleCompareDocument(folder);
  return sweepDocument(folder);
}

/**
 * Read the output folder `outDir` (run, compare or sweep, as its `manifest.json` says), and
 * write `report.html` and one PNG per chart into it.
 * @returns the paths written.
 * @throws ReportInputError when a required file is missing or garbled (the message names it).
 * @example const { html, pngs } = await writeReport('runs/run-baseline-20260101T120000');
 */
export async function writeReport(outDir: string, write: FileWriter = writeFile): Promise<{ html: string; pngs: string[] }> {
  return writeReportFiles(outDir, reportDocument(await readOutputFolder(outDir)), write);
}

/** Write a report document into `outDir`: `report.html` and one PNG per chart; returns the paths. */
export async function writeReportFiles(outDir: string, doc: ReportDocument, write: FileWriter = writeFile): Promise<{ html: string; pngs: string[] }> {
  const html = join(outDir, 'report.html');
  await write(html, renderReportHtml(doc));
  const pngs = await writePngs(doc.charts, outDir, undefined, write);
  return { html, pngs };
}
