/**
 * The alliance's money: what the firmas pay the armed groups for protection (and in bribes, when
 * the results carry a bribe metric), against the firmas' own profits. Without a bribe metric the
 * corruption index stands in for bribery, on its own 0–1 axis. Fees are a sliver of profits: the
 * chart shows how cheap the racket is for the firmas and how much it is worth to the armed group.
 */
import { metricBand, type Runs } from '../bands.ts';
import { seriesColour } from '../palette.ts';
import { metricLabel } from './comparison.ts';
import { type ChartContext, type LineChart, bandDatasets, contextLine, firstOf, timeChart, valueAxis } from './common.ts';

/** The metric columns that hold bribes paid, if a results table has any (e.g. `bribes_usd`). */
export function bribeMetrics(results: Runs): string[] {
  return firstOf(results).metrics.filter((m) => /^bribe/.test(m));
}

/** A bribe column's name for the legend: the metric table's label (its unit is the axis's), else the column. */
function bribeLabel(m: string): string {
  const label = metricLabel(m);
  return label !== m ? label.replace(/ \(USD\/month\)$/, '') : `Bribes (${m})`;
}

/**
 * Protection fees (and bribes) paid (left axis, USD/month), firma profit (right axis,
 * USD/month) and, when there is no bribe metric, the corruption index (0–1), Andean totals.
 */
export function allianceMoneyChart(results: Runs, ctx: ChartContext = {}): LineChart {
  const bribes = bribeMetrics(results);
  const datasets = [
    ...bandDatasets('Protection fees paid to armed groups', metricBand(results, 'ALL', 'protection_paid_usd'), seriesColour(4)),
    ...bribes.flatMap((m, i) => bandDatasets(bribeLabel(m), metricBand(results, 'ALL', m), seriesColour(5 + i))),
    ...bandDatasets('Firma profit (right axis)', metricBand(results, 'ALL', 'firma_profit_usd'), seriesColour(3), { yAxisID: 'y1', dash: [8, 4] }),
  ];
  const scales = {
    y: valueAxis(bribes.length ? 'Protection fees and bribes (USD/month)' : 'Protection fees (USD/month)', { colour: seriesColour(4) }),
    y1: valueAxis('Firma profit (USD/month)', { position: 'right', grid: false, colour: seriesColour(3) }),
  };
  if (!bribes.length) {
    datasets.push(...bandDatasets('Corruption index (0–1, far right)', metricBand(results, 'ALL', 'corruption_index'), seriesColour(6), { yAxisID: 'y2', dash: [2, 3] }));
    Object.assign(scales, { y2: valueAxis('Corruption index (0–1)', { position: 'right', min: 0, max: 1, grid: false }) });
  }
  return timeChart(results, {
    title: `The alliance's money: protection fees, ${bribes.length ? 'bribes' : 'corruption'} and firma profits (USD/month)`,
    subtitle: contextLine(results, ctx) + ' · Andean totals',
    datasets,
    scales,
  });
}
