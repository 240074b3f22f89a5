/**
 * Alternative development, promised against delivered: the money the state commits to farmers a
 * month and what reaches them. The gap is the commitment problem of the "broken promise" lesson:
 * farmers who see it stop believing, and stop switching.
 */
import { metricBand, type Runs } from '../bands.ts';
import { seriesColour } from '../palette.ts';
import { type ChartContext, type LineChart, bandDatasets, contextLine, timeChart, valueAxis } from './common.ts';

/** AD promised and AD delivered (USD/month, Andean totals), with 95% bands. */
export function alternativeDevelopmentChart(results: Runs, ctx: ChartContext = {}): LineChart {
  return timeChart(results, {
    title: 'Alternative development: promised against delivered (USD/month)',
    subtitle: contextLine(results, ctx) + ' · Andean totals',
    datasets: [
      ...bandDatasets('AD promised', metricBand(results, 'ALL', 'ad_promised_usd'), seriesColour(1), { dash: [8, 4] }),
      ...bandDatasets('AD delivered', metricBand(results, 'ALL', 'ad_delivered_usd'), seriesColour(2)),
    ],
    scales: { y: valueAxis('Alternative development (USD/month)', { min: 0 }) },
  });
}
