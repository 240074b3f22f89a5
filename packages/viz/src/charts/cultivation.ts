/**
 * Where the crops are: coca and licit hectares by region over time, as stacked areas, so the top
 * edge is the Andean total and each band a region's part of it (the shape of the balloon effect
 * inside and across countries, and how far licit crops take over).
 */
import { valueOf, type Runs } from '../bands.ts';
import { type ChartContext, type LineChart, contextLine, rowsOfKind, stackedAreas, timeChart, valueAxis } from './common.ts';

function stackedByRegion(results: Runs, metric: 'coca_ha' | 'licit_ha', what: string, ctx: ChartContext): LineChart {
  const regions = rowsOfKind(results, 'region');
  const datasets = stackedAreas(results, regions, (row) => valueOf(row, metric), ctx);
  return timeChart(results, {
    title: `${what} by region (ha, stacked areas)`,
    subtitle: contextLine(results, ctx, false),
    datasets,
    legendBoxes: true,
    scales: { y: valueAxis(`${what} (ha)`, { stacked: true, min: 0 }) },
  });
}

/**
 * Coca hectares by region over time, stacked (mean over runs); the top edge is the total of all
 * regions, which equals the `ALL` row.
 * @example cocaByRegionChart(results, { regionNames: { 'vraem-ene': 'Ene valley' } })
 */
export function cocaByRegionChart(results: Runs, ctx: ChartContext = {}): LineChart {
  return stackedByRegion(results, 'coca_ha', 'Coca', ctx);
}

/** Licit crop hectares (coffee, cacao) by region over time, stacked (mean over runs). */
export function licitByRegionChart(results: Runs, ctx: ChartContext = {}): LineChart {
  return stackedByRegion(results, 'licit_ha', 'Licit crops', ctx);
}
