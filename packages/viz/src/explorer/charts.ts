/**
 * The explorer's live charts: chart.js line charts of the headline metrics (coca by country and
 * by region, leaf and export prices, the alliance's money, violence and fighters, AD promised against
 * delivered by country with trust, eradication and seizures by country), built with the report's grammar (titles with units, Okabe–Ito colours
 * fixed per country, unit-titled axes). Each dataset names the row and metric it draws, so the
 * page appends a month to every chart by pushing one point per dataset (`appendMonth`) instead of
 * rebuilding; each has a baseline twin (dotted, thinner) for the "compare with baseline" overlay.
 * `explorerCharts(result)` is a pure function of a RunResult: appending months one by one gives
 * the same data as building from the whole result.
 */
import type { ChartData } from 'chart.js';
import { type RunResult, datesOf, valueAt } from '@vraem/sim-core';
import { rowColour, seriesColour, withAlpha } from '../palette.ts';
import {
  type ChartContext,
  type LineChart,
  type LineDataset,
  type Scale,
  type SeriesSpec,
  line,
  lineChart,
  rowSeries,
  rowsOfKind,
  timeAxis,
  totalOnRight,
  valueAxis,
} from '../charts/common.ts';

/** Where a dataset's points come from: a row and metric of the user's run or of the baseline. */
export interface SeriesSource {
  row: string;
  metric: string;
  baseline: boolean;
}

/** One live chart: its configuration and, dataset by dataset, the source of its points. */
export interface ExplorerChart {
  id: string;
  config: LineChart;
  sources: SeriesSource[];
}

/**
 * One meaning per dash pattern on every chart of the page: dashed is a series read on the right
 * axis, dotted is the baseline (the run without your changes); solid is your run on the left axis.
 */
export const RIGHT_AXIS_DASH = [8, 4];
export const BASELINE_DASH = [2, 3];

/** Suffix of a baseline twin's label (the page hides twins from the legend). */
export const BASELINE_SUFFIX = ' · baseline';

interface Spec {
  id: string;
  title: string;
  series: (SeriesSpec & { width?: number })[];
  scales: Record<string, Scale>;
}

/** What the explorer's charts need beyond a result. */
export interface ExplorerChartContext extends ChartContext {
  /** The run without the user's changes, for the overlay. */
  baseline?: RunResult;
  /** Whether the overlay starts visible. */
  compare?: boolean;
  subtitle?: string;
  /** Country of each region (the regional chart shows Peru's regions when known, else all). */
  regionCountries?: Record<string, string>;
}

function specs(ctx: ExplorerChartContext, result: RunResult): Spec[] {
  const countries = rowsOfKind([result], 'country');
  const regions = rowsOfKind([result], 'region');
  const peru = regions.filter((r) => ctx.regionCountries?.[r] === 'PE');
  const shown = peru.length ? peru : regions;
  const byCountry = (metric: string, prefix = ''): SeriesSpec[] => rowSeries(countries, metric, ctx, prefix);
  return [
    {
      id: 'coca',
      title: 'Coca by country (ha)',
      series: byCountry('coca_ha'),
      scales: { y: valueAxis('Coca (ha)') },
    },
    {
      id: 'regions',
      title: peru.length ? 'Coca in Peru by region (ha)' : 'Coca by region (ha)',
      series: rowSeries(shown, 'coca_ha', ctx),
      scales: { y: valueAxis('Coca (ha)') },
    },
    {
      id: 'prices',
      title: 'Leaf price (USD/kg leaf) and export price (USD/kg HCl)',
      series: [
        ...byCountry('leaf_price_usd_kg', 'Leaf, '),
        totalOnRight('Export price (right axis)', 'export_price_usd_kg'),
      ],
      scales: { y: valueAxis('Leaf price (USD/kg leaf)'), y1: valueAxis('Export price (USD/kg HCl)', { position: 'right', grid: false }) },
    },
    {
      id: 'alliance',
      title: "The alliance's money (USD/month)",
      series: [
        { label: 'Protection fees paid to armed groups', row: 'ALL', metric: 'protection_paid_usd', colour: seriesColour(4) },
        { label: 'Levies growers pay armed groups', row: 'ALL', metric: 'sl_levy_usd', colour: seriesColour(5) },
        { label: 'Firma profit (right axis)', row: 'ALL', metric: 'firma_profit_usd', colour: seriesColour(3), yAxisID: 'y1', dash: RIGHT_AXIS_DASH },
      ],
      scales: {
        y: valueAxis('Protection fees (USD/month)', { colour: seriesColour(4) }),
        y1: valueAxis('Firma profit (USD/month)', { position: 'right', grid: false, colour: seriesColour(3), beginAtZero: false }),
      },
    },
    {
      id: 'violence',
      title: 'Violence (events/month) and armed fighters',
      series: [
        ...byCountry('violence_events', 'Violence, '),
        totalOnRight('Armed fighters (right axis)', 'armed_fighters'),
      ],
      scales: { y: valueAxis('Violent events a month'), y1: valueAxis('Armed fighters', { position: 'right', grid: false }) },
    },
    {
      // By country: the AD levers are national (Colombia's programme dwarfs Peru's in an Andean
      // total, so Peru's delivery rate would barely move it). Promised thin, delivered thick.
      id: 'ad',
      title: 'Alternative development by country: promised and delivered (USD/month), trust in Peru',
      series: [
        ...countries.flatMap((c, i) => {
          const [promised, delivered] = rowSeries([c], 'ad_promised_usd', ctx).concat(rowSeries([c], 'ad_delivered_usd', ctx));
          const colour = rowColour(c, i);
          return [
            { ...delivered, label: `${delivered.label}, delivered`, colour },
            { ...promised, label: `${promised.label}, promised`, colour, width: 1 },
          ];
        }),
        ...(countries.includes('PE')
          ? [{ label: 'Trust in AD delivery, Peru (right axis)', row: 'PE', metric: 'trust_in_state', colour: '#000000', yAxisID: 'y1', dash: RIGHT_AXIS_DASH }]
          : []),
      ],
      scales: { y: valueAxis('AD money (USD/month)'), y1: valueAxis('Trust (0–1)', { position: 'right', min: 0, max: 1, grid: false }) },
    },
    {
      // Eradication and interdiction are national levers too: their results by country.
      id: 'state',
      title: 'Eradication (ha/month) and seizures (t/month) by country',
      series: [
        ...byCountry('eradicated_ha', 'Eradicated, '),
        ...rowSeries(countries, 'seized_t', ctx, 'Seized, ').map((x) => ({ ...x, label: `${x.label} (right axis)`, yAxisID: 'y1', dash: RIGHT_AXIS_DASH })),
      ],
      scales: { y: valueAxis('Eradicated (ha/month)'), y1: valueAxis('Seized (t/month)', { position: 'right', grid: false }) },
    },
  ];
}

function points(r: RunResult | undefined, row: string, metric: string): (number | null)[] {
  if (!r) return [];
  const ri = r.rows.indexOf(row);
  const mi = r.metrics.indexOf(metric as RunResult['metrics'][number]);
  if (ri < 0 || mi < 0) return Array.from({ length: r.months }, () => null);
  return Array.from({ length: r.months }, (_, t) => valueAt(r, t, ri, mi));
}

/**
 * The live charts for a run (any number of months, zero included) and, optionally, its baseline.
 * @param compare whether the baseline twins start visible
 * @example const charts = explorerCharts(sim.result(), { scenario: 'baseline' }); // 6 charts
 */
export function explorerCharts(result: RunResult, ctx: ExplorerChartContext = {}): ExplorerChart[] {
  return specs(ctx, result).map((spec) => {
    const datasets: LineDataset[] = [];
    const sources: SeriesSource[] = [];
    for (const s of spec.series) {
      datasets.push(line(s.label, points(result, s.row, s.metric), s.colour, { yAxisID: s.yAxisID ?? 'y', dash: s.dash, width: (s as { width?: number }).width ?? 2.5 }));
      sources.push({ row: s.row, metric: s.metric, baseline: false });
    }
    for (const s of spec.series) {
      const twin = line(s.label + BASELINE_SUFFIX, points(ctx.baseline, s.row, s.metric), withAlpha(s.colour, 0.55), { yAxisID: s.yAxisID ?? 'y', dash: BASELINE_DASH, width: 1.5 });
      datasets.push({ ...twin, hidden: !ctx.compare });
      sources.push({ row: s.row, metric: s.metric, baseline: true });
    }
    const config = lineChart({
      title: spec.title,
      subtitle: ctx.subtitle ?? `${ctx.scenario ?? result.scenario} · seed ${result.seed}`,
      labels: datesOf(result),
      datasets,
      // Tick labels are measured on a sample: the axis grows every month.
      scales: { x: { ...timeAxis(), ticks: { ...timeAxis().ticks, sampleSize: 12 } }, ...spec.scales },
    });
    return { id: spec.id, config, sources };
  });
}

/** Reads one value of a month: the user's run or the baseline, a row and a metric; undefined when not recorded. */
export type MonthReader = (source: SeriesSource) => number | undefined;

/**
 * Append month `label` to a chart's data: one point per dataset, `null` where the source has no
 * value yet. Without `withBaseline` the baseline twins get nothing: while the overlay is off they
 * stay empty, so drawing costs nothing for them.
 */
export function appendMonth(data: ChartData<'line'>, sources: readonly SeriesSource[], label: string, read: MonthReader, withBaseline = true): void {
  (data.labels ??= []).push(label);
  sources.forEach((s, i) => {
    if (s.baseline && !withBaseline) return;
    const v = read(s);
    (data.datasets[i].data as (number | null)[]).push(v === undefined ? null : v);
  });
}

/**
 * Rewrite the baseline twins' points for months `0 … months − 1` (when the overlay is turned on,
 * or when the baseline catches up with months the chart already has); `read(t)` reads month t.
 * With `months` 0 the twins are emptied.
 */
export function fillBaseline(data: ChartData<'line'>, sources: readonly SeriesSource[], months: number, read: (t: number) => MonthReader): void {
  sources.forEach((s, i) => {
    if (!s.baseline) return;
    const arr: (number | null)[] = [];
    for (let t = 0; t < months; t++) {
      const v = read(t)(s);
      arr.push(v === undefined ? null : v);
    }
    data.datasets[i].data = arr;
  });
}
