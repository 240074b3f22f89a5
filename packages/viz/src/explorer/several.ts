/**
 * Spread, not anecdotes: the explorer's several-runs view. One run's gap to its baseline is mostly
 * noise (a Peru AD change moved Colombia's line 35,000 ha in one run and nothing in eight), so the
 * page can run the same setup over several seeds, each paired with the baseline of the same seed
 * (the entry without your lever settings), and draw what the reports draw: the mean of the runs
 * with the 95% interval of that mean (mean ± t·sd/√n, the rule of `summary.json`), yours solid and
 * the baseline dotted, and the paired difference (yours − baseline, seed by seed) with its
 * interval and a zero line — where the interval leaves zero, the change did something.
 * Pure functions of RunResults, so the charts and the readings are tested in Node.
 */
import { type RunResult, bandOf } from '@vraem/sim-core';
import { type Band, type MonthValue, monthlyBand, valueOf } from '../bands.ts';
import { type LineChart, type LineDataset, bandDatasets, line, timeChart, valueAxis } from '../charts/common.ts';
import { formatNumber } from '../format.ts';
import { rowColour, withAlpha } from '../palette.ts';

/** A quantity the several-runs view draws: a country's or a group of regions' coca. */
export interface SeveralSeries {
  id: string;
  label: string;
  colour: string;
  value: MonthValue;
}

/** Sum of one metric over rows (the VRAEM's valleys). */
export function sumOf(rows: readonly string[], metric: string): MonthValue {
  const parts = rows.map((r) => valueOf(r, metric));
  return (r: RunResult, t: number) => parts.reduce((s, v) => s + v(r, t), 0);
}

/** The series drawn: coca by country and, when the scenario has them, in the VRAEM's valleys. */
export function severalSeries(rows: readonly string[], kinds: readonly string[], names: Record<string, string> = {}): SeveralSeries[] {
  const countries = rows.filter((_, i) => kinds[i] === 'country');
  const vraem = rows.filter((r, i) => kinds[i] === 'region' && r.startsWith('vraem-'));
  const out: SeveralSeries[] = countries.map((c, i) => ({ id: c, label: names[c] ?? c, colour: rowColour(c, i), value: valueOf(c, 'coca_ha') }));
  if (vraem.length) out.splice(1, 0, { id: 'VRAEM', label: 'VRAEM valleys', colour: '#E69F00', value: sumOf(vraem, 'coca_ha') });
  return out;
}

/** Band of `value` paired by seed: run k of yours minus run k of the baseline (the same seed). */
export function pairedBand(yours: readonly RunResult[], baseline: readonly RunResult[], value: MonthValue): Band {
  const months = Math.min(...yours.map((r) => r.months), ...baseline.map((r) => r.months));
  return bandOf(yours.map((r, k) => Float64Array.from({ length: months }, (_, t) => value(r, t) - value(baseline[k], t))));
}

/** What a paired difference at the end says, in words a class can read. */
export interface SeveralReading {
  id: string;
  label: string;
  /** Last month's mean and 95% interval, yours and the baseline's, and the paired difference. */
  yours: { mean: number; lo: number; hi: number };
  baseline: { mean: number; lo: number; hi: number };
  difference: { mean: number; lo: number; hi: number };
  /** True when the interval of the paired difference leaves out zero. */
  separates: boolean;
  sentence: string;
}

const at = (b: Band, t: number) => ({ mean: b.mean[t], lo: b.lo[t], hi: b.hi[t] });

/** Readings of every series at the last month both sides reached. */
export function severalReadings(yours: readonly RunResult[], baseline: readonly RunResult[], series: readonly SeveralSeries[]): SeveralReading[] {
  const t = Math.min(...yours.map((r) => r.months), ...baseline.map((r) => r.months)) - 1;
  return series.map((s) => {
    const y = at(monthlyBand(yours, s.value), t);
    const b = at(monthlyBand(baseline, s.value), t);
    const d = at(pairedBand(yours, baseline, s.value), t);
    const separates = d.lo > 0 || d.hi < 0;
    const size = `${d.mean > 0 ? '+' : ''}${formatNumber(d.mean)} ha (95% interval ${formatNumber(d.lo)} to ${formatNumber(d.hi)})`;
    const sentence = separates
      ? `${s.label}: your setting ${d.mean < 0 ? 'lowers' : 'raises'} coca by ${formatNumber(Math.abs(d.mean))} ha against the baseline, ${size}; the interval leaves out zero, so it is the change, not chance.`
      : `${s.label}: ${size}; the interval includes zero, so over ${yours.length} runs this is within chance — no effect shown.`;
    return { id: s.id, label: s.label, yours: y, baseline: b, difference: d, separates, sentence };
  });
}

/**
 * The several-runs charts: coca (yours and the baseline, mean and 95% band of each) and the paired
 * difference of each series with its band and a zero line.
 * @param subtitle what ran: the scenario, the seeds, the scale
 */
export function severalCharts(yours: readonly RunResult[], baseline: readonly RunResult[], series: readonly SeveralSeries[], subtitle: string): { id: string; config: LineChart }[] {
  const n = yours.length;
  const levels: LineDataset[] = [];
  for (const s of series) {
    levels.push(...bandDatasets(`${s.label}, yours`, monthlyBand(yours, s.value), s.colour));
    // The baseline: a dotted line (dots mean "baseline" on every chart of the page) and a lighter band.
    levels.push(...bandDatasets(`${s.label}, baseline`, monthlyBand(baseline, s.value), withAlpha(s.colour, 0.6), { dash: [2, 3] }));
  }
  const diffs: LineDataset[] = [];
  for (const s of series) diffs.push(...bandDatasets(s.label, pairedBand(yours, baseline, s.value), s.colour));
  const months = Math.min(...yours.map((r) => r.months), ...baseline.map((r) => r.months));
  diffs.push(line('No difference (0)', Array.from({ length: months }, () => 0), '#555555', { width: 1 }));
  const sub = `${subtitle} · mean of ${n} runs, shaded: its 95% interval`;
  return [
    {
      id: 'several-coca',
      config: timeChart(yours as RunResult[], {
        title: `Coca over ${n} runs: yours (solid) and the baseline (dotted), ha`,
        subtitle: sub,
        datasets: levels,
        scales: { y: valueAxis('Coca (ha)') },
      }),
    },
    {
      id: 'several-difference',
      config: timeChart(yours as RunResult[], {
        title: `Your change: yours − baseline, paired by seed (coca, ha)`,
        subtitle: `${subtitle} · ${n} pairs of runs; shaded: 95% interval — where it leaves the zero line, the change did something`,
        datasets: diffs,
        scales: { y: valueAxis('Yours − baseline (ha)', { beginAtZero: false }) },
      }),
    },
  ];
}
