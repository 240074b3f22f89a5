/**
 * The balloon effect: each country's share of Andean coca over time, stacked to 1. Squeezing
 * coca in one country shows up here as another country's band widening (the Andean market,
 * not a rule, moves the hectares).
 */
import { shareOfAll, type Runs } from '../bands.ts';
import { type ChartContext, type LineChart, contextLine, rowsOfKind, stackedAreas, timeChart, valueAxis } from './common.ts';

/**
 * Each country's share (0–1) of the Andean coca area (the `ALL` row) per month, stacked; the
 * shares of one month sum to 1 (a month with no coca anywhere is left as a gap).
 */
export function balloonChart(results: Runs, ctx: ChartContext = {}): LineChart {
  const countries = rowsOfKind(results, 'country');
  const datasets = stackedAreas(results, countries, (row) => shareOfAll(row, 'coca_ha'), ctx);
  return timeChart(results, {
    title: 'Balloon effect: share of Andean coca by country (share of hectares, 0–1)',
    subtitle: contextLine(results, ctx, false),
    datasets,
    legendBoxes: true,
    scales: { y: valueAxis('Share of Andean coca area (0–1)', { stacked: true, min: 0, max: 1 }) },
  });
}
