/**
 * Violence and armed strength: violent events a month by country (left axis) against the armed
 * groups' fighters (right axis). A broken protection racket shows as a burst of violence; state
 * pressure as falling fighters.
 */
import type { Runs } from '../bands.ts';
import { type ChartContext, type LineChart, contextLine, rowSeries, rowsOfKind, seriesBands, timeChart, totalOnRight, valueAxis } from './common.ts';

/** Violence events per month by country (left) and armed fighters, Andean total (right), with 95% bands. */
export function violenceChart(results: Runs, ctx: ChartContext = {}): LineChart {
  return timeChart(results, {
    title: 'Violence (events/month) and armed strength (fighters)',
    subtitle: contextLine(results, ctx),
    datasets: seriesBands(results, [
      ...rowSeries(rowsOfKind(results, 'country'), 'violence_events', ctx, 'Violence, '),
      totalOnRight('Armed fighters, all groups (right axis)', 'armed_fighters'),
    ]),
    scales: {
      y: valueAxis('Violence events (per month)', { min: 0 }),
      y1: valueAxis('Armed fighters', { position: 'right', min: 0, grid: false }),
    },
  });
}
