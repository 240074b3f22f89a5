/**
 * A comparison over a posterior ensemble, month by month, from the bands `compare --ensemble`
 * writes (`monthly.csv`): A against B, and the difference B − A, each a mean over members and
 * seeds with the 95% band where one history drawn from the posterior falls (parameter
 * uncertainty and chance together). Noisy monthly counts come as 12-month rolling sums.
 */
import { count } from '@vraem/sim-core';
import { COMPARE_COLOURS } from '../palette.ts';
import type { Band } from '../bands.ts';
import type { MonthlyBandsFile } from '../input.ts';
import { type ChartContext, type LineChart, bandDatasets, line, lineChart, rowName, timeAxis, valueAxis } from './common.ts';
import { metricLabel, rolledLabel } from './comparison.ts';

/** What an ensemble chart says about its runs. */
export interface EnsembleChartContext extends ChartContext {
  aName: string;
  bName: string;
  members: number;
  runsPerMember: number;
}

/** A series id of `monthly.csv` read back: `metric@row`, `+12m` for rolling sums. */
export function parseSeriesId(id: string): { metric: string; row: string; rolling12: boolean } {
  const m = /^([a-z_]+)@(.+?)(\+12m)?$/.exec(id);
  if (!m) throw new Error(`"${id}" is not a chart series id (metric@row)`);
  return { metric: m[1], row: m[2], rolling12: !!m[3] };
}

const GROUP_NAMES: Record<string, string> = { VRAEM: 'the VRAEM', TARGETED: 'targeted regions', ELSEWHERE: 'untargeted regions', ABROAD: 'other countries' };

function titleOf(id: string, ctx: ChartContext): { label: string; place: string } {
  const s = parseSeriesId(id);
  const base = metricLabel(s.metric);
  const label = s.rolling12 ? rolledLabel(base) : base;
  return { label, place: GROUP_NAMES[s.row] ?? rowName(s.row, ctx) };
}

function bandOf(f: MonthlyBandsFile, id: string, side: string, n: number): Band {
  const b = f.bands[id]?.[side];
  if (!b) throw new Error(`monthly.csv has no ${side} band of ${id}`);
  return { mean: b.mean as number[], lo: b.lo as number[], hi: b.hi as number[], n };
}

const subtitle = (ctx: EnsembleChartContext) =>
  `A: ${ctx.aName} · B: ${ctx.bName} · ${ctx.members} ensemble members × ${count(ctx.runsPerMember, 'paired run')} · shaded: 95% of histories (parameters and chance)`;

/** One series, A against B. */
export function ensembleComparisonChart(f: MonthlyBandsFile, id: string, ctx: EnsembleChartContext): LineChart {
  const { label, place } = titleOf(id, ctx);
  const n = ctx.members * ctx.runsPerMember;
  return lineChart({
    title: `${label}, ${place}: A against B`,
    subtitle: subtitle(ctx),
    labels: f.dates,
    datasets: [...bandDatasets(`A: ${ctx.aName}`, bandOf(f, id, 'a', n), COMPARE_COLOURS.a), ...bandDatasets(`B: ${ctx.bName}`, bandOf(f, id, 'b', n), COMPARE_COLOURS.b, { dash: [8, 4] })],
    scales: { x: timeAxis(), y: valueAxis(label) },
  });
}

/** One series, the paired difference B − A with a zero line. */
export function ensembleDifferenceChart(f: MonthlyBandsFile, id: string, ctx: EnsembleChartContext): LineChart {
  const { label, place } = titleOf(id, ctx);
  const band = bandOf(f, id, 'diff', ctx.members * ctx.runsPerMember);
  return lineChart({
    title: `Difference B − A in ${label}, ${place} (paired by seed, per member)`,
    subtitle: subtitle(ctx),
    labels: f.dates,
    datasets: [...bandDatasets('B − A', band, COMPARE_COLOURS.diff), line('No difference (0)', band.mean.map(() => 0), '#777777', { dash: [3, 3], width: 1 })],
    scales: { x: timeAxis(), y: valueAxis(`B − A, ${label}`, { beginAtZero: false }) },
  });
}
