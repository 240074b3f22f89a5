/**
 * Prices along the chain: the farm-gate price of coca leaf by country (left axis, USD per kg of
 * leaf) against the origin export price of cocaine (right axis, USD per kg of HCl). Two axes,
 * because the two prices differ by two orders of magnitude; the gap between them is where price
 * coercion and the firmas' margins live.
 */
import type { Runs } from '../bands.ts';
import { type ChartContext, type LineChart, contextLine, rowSeries, rowsOfKind, seriesBands, timeChart, totalOnRight, valueAxis } from './common.ts';

/**
 * Leaf price by country (left axis) and export price (right axis), means with 95% bands.
 * @example pricesChart(results).options.scales.y1.title.text === 'Export price (USD/kg HCl)'
 */
export function pricesChart(results: Runs, ctx: ChartContext = {}): LineChart {
  const countries = rowsOfKind(results, 'country');
  return timeChart(results, {
    title: 'Farm-gate leaf price (USD/kg leaf) and export price (USD/kg cocaine)',
    subtitle: contextLine(results, ctx),
    datasets: seriesBands(results, [
      ...rowSeries(countries, 'leaf_price_usd_kg', ctx, 'Leaf price, '),
      totalOnRight('Export price (right axis)', 'export_price_usd_kg'),
    ]),
    scales: {
      y: valueAxis('Leaf price (USD/kg leaf)', { min: 0 }),
      y1: valueAxis('Export price (USD/kg HCl)', { position: 'right', min: 0, grid: false }),
    },
  });
}
