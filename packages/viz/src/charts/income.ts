/**
 * Farmer income: what a farming household earns a month, by country, mean over runs with 95%
 * bands. It is the farmers' side of every policy: eradication without AD lowers it, price
 * coercion lowers it, credible AD and associations raise it.
 */
import type { Runs } from '../bands.ts';
import { type ChartContext, type LineChart, contextLine, rowSeries, rowsOfKind, seriesBands, timeChart, valueAxis } from './common.ts';

/** Farmer income (USD per household per month) by country and for the Andean total. */
export function farmerIncomeChart(results: Runs, ctx: ChartContext = {}): LineChart {
  const rows = [...rowsOfKind(results, 'country'), 'ALL'];
  return timeChart(results, {
    title: 'Farmer income (USD per household per month)',
    subtitle: contextLine(results, ctx),
    datasets: seriesBands(results, rowSeries(rows, 'farmer_income_usd_month', ctx)),
    scales: { y: valueAxis('Farmer income (USD/household/month)') },
  });
}
