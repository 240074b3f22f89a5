/**
 * Chart specs: every chart says what it draws and in which units, names the scenario and seeds,
 * labels its axes, has a legend and dated time axis, and its numbers are right (bands are the
 * t-interval of the mean, stacked regions add up to the total, balloon shares to 1, the
 * comparison's difference to B − A, a sweep's points to the final-year summaries).
 */
import { describe, expect, it } from 'vitest';
import { METRICS, type RunResult, datesOf, seriesOf, summarize, tQuantile975 } from '@vraem/sim-core';
import type { ChartConfiguration, ChartDataset } from 'chart.js';
import {
  BAND_SUFFIX,
  allianceMoneyChart,
  balloonChart,
  comparisonChart,
  compareCharts,
  describeSeeds,
  differenceChart,
  metricBand,
  monthlyBand,
  pairedDifferenceBand,
  runCharts,
  sweepChart,
  sweepCharts,
  sweepStats,
  valueOf,
} from '../src/index.ts';
import { syntheticRuns } from './fixtures.ts';

const runs = syntheticRuns({ months: 36 });
const adRuns = syntheticRuns({ months: 36, scenario: 'alternative-development', ad: true });
const points = [0, 0.5, 0.9].map((v, point) => ({
  point,
  values: { 'states.PE.alternativeDevelopment.deliveryRate': v },
  results: syntheticRuns({ months: 24, seeds: [1, 2, 3], pressure: 1.2 - v / 2 }),
}));
const UNIT = /\((?:[^)]*(?:ha|USD|kg|0–1|\/month|fighters|events|share)[^)]*)\)/;

type AnyScale = { type?: string; title?: { display?: boolean; text?: string } };
const scales = (c: ChartConfiguration) => Object.entries((c.options?.scales ?? {}) as Record<string, AnyScale>);
const datasets = (c: ChartConfiguration) => c.data.datasets;
const shown = (c: ChartConfiguration) => datasets(c).filter((d) => !String(d.label).endsWith(BAND_SUFFIX));
const title = (c: ChartConfiguration) => String(c.options?.plugins?.title?.text);
const subtitle = (c: ChartConfiguration) => String(c.options?.plugins?.subtitle?.text);
const series = (c: ChartConfiguration, label: string) => {
  const d = datasets(c).find((x) => x.label === label);
  if (!d) throw new Error(`no dataset "${label}" in ${datasets(c).map((x) => x.label).join(' | ')}`);
  return d.data as number[];
};

const all = [
  ...runCharts(runs, { scenario: 'baseline' }),
  ...compareCharts(runs, adRuns),
  ...sweepCharts({ levers: ['states.PE.alternativeDevelopment.deliveryRate'], points }),
];

describe('every chart', () => {
  it.each(all.map((c) => [c.name, c.config] as const))('%s: title with units, scenario and seeds, labelled axes, legend', (_name, c) => {
    expect(title(c)).toMatch(UNIT);
    expect(subtitle(c)).toMatch(/baseline/);
    expect(subtitle(c)).toMatch(/seeds? \d/);
    expect(c.options?.plugins?.legend?.display).toBe(true);
    expect(shown(c).length).toBeGreaterThan(0);
    for (const d of shown(c)) expect(d.label).toMatch(/\S/);
    for (const [id, s] of scales(c)) {
      expect(s.title?.display, `axis ${id}`).toBe(true);
      expect(s.title?.text, `axis ${id}`).toMatch(/\S/);
    }
    expect(c.options?.responsive).toBe(false);
    expect(c.options?.animation).toBe(false);
    expect(JSON.parse(JSON.stringify(c))).toEqual(c); // pure data: embeddable as JSON
  });

  it('time charts have a category axis of YYYY-MM dates matching the runs', () => {
    for (const { name, config } of [...runCharts(runs), ...compareCharts(runs, adRuns)]) {
      const x = (config.options?.scales as Record<string, AnyScale>).x;
      expect(x.type, name).toBe('category');
      expect(x.title?.text, name).toBe('Month (YYYY-MM)');
      expect(config.data.labels).toEqual(datesOf(runs[0]));
      expect(config.data.labels?.[0]).toBe('2004-01');
    }
  });

  it('non-stacked value axes in the same units as their titles', () => {
    const prices = runCharts(runs).find((c) => c.name === 'prices')!.config;
    const s = Object.fromEntries(scales(prices));
    expect(s.y.title?.text).toBe('Leaf price (USD/kg leaf)');
    expect(s.y1.title?.text).toBe('Export price (USD/kg HCl)');
  });
});

describe('bands over replicates', () => {
  const prices = runCharts(runs).find((c) => c.name === 'prices')!.config;

  it('each mean line has an upper and a lower edge, the lower filled to the upper', () => {
    const ds = datasets(prices) as ChartDataset<'line'>[];
    const i = ds.findIndex((d) => d.label === 'Leaf price, Peru');
    expect(ds[i - 2].label).toBe('Leaf price, Peru' + BAND_SUFFIX);
    expect(ds[i - 1].label).toBe('Leaf price, Peru' + BAND_SUFFIX);
    expect(ds[i - 2].fill).toBe(false);
    expect(ds[i - 1].fill).toBe('-1');
    const [hi, lo, mean] = [ds[i - 2].data, ds[i - 1].data, ds[i].data] as number[][];
    mean.forEach((m, t) => {
      expect(hi[t]).toBeGreaterThanOrEqual(m);
      expect(lo[t]).toBeLessThanOrEqual(m);
    });
  });

  it('is mean ± t(0.975, n−1)·sd/√n of the runs, month by month', () => {
    const t = 17;
    const xs = runs.map((r) => seriesOf(r, 'PE', 'leaf_price_usd_kg')[t]);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (xs.length - 1));
    const half = (tQuantile975(xs.length - 1) * sd) / Math.sqrt(xs.length);
    const b = metricBand(runs, 'PE', 'leaf_price_usd_kg');
    expect(b.mean[t]).toBeCloseTo(mean, 12);
    expect(b.hi[t]).toBeCloseTo(mean + half, 12);
    expect(b.lo[t]).toBeCloseTo(mean - half, 12);
    expect(series(prices, 'Leaf price, Peru')[t]).toBeCloseTo(mean, 12);
  });

  it('is clipped at zero where no run is negative, and only there', () => {
    const noisy = syntheticRuns({ months: 36, seeds: [1, 2] });
    // Run 1 sees no violence in Bolivia, run 2 one event a month: the 95% interval spans zero.
    const row = noisy[0].rows.indexOf('bolivia');
    const m = METRICS.indexOf('violence_events');
    noisy.forEach((r, k) => {
      for (let t = 0; t < r.months; t++) r.data[(t * r.rows.length + row) * METRICS.length + m] = k;
    });
    const raw = monthlyBand(noisy, valueOf('bolivia', 'violence_events'));
    expect(Math.min(...raw.lo)).toBeLessThan(0); // two runs: t = 12.7, the interval is wide
    const b = metricBand(noisy, 'bolivia', 'violence_events');
    expect(Math.min(...b.lo)).toBe(0);
    expect(b.hi).toEqual(raw.hi);
    // A loss in one run keeps the full band.
    noisy[0].data[row * METRICS.length + m] = -5;
    expect(metricBand(noisy, 'bolivia', 'violence_events').lo[0]).toBeLessThan(-5);
    expect(Math.min(...pairedDifferenceBand(noisy, syntheticRuns({ months: 36, seeds: [1, 2], ad: true }), 'PE', 'coca_ha').mean)).toBeLessThan(0);
  });

  it('is left out with a single run, and the subtitle says so', () => {
    const one = runCharts(syntheticRuns({ months: 12, seeds: [9] })).find((c) => c.name === 'prices')!.config;
    expect(datasets(one).some((d) => String(d.label).endsWith(BAND_SUFFIX))).toBe(false);
    expect(subtitle(one)).toMatch(/seed 9 · one run/);
  });
});

describe('what the numbers add up to', () => {
  it('stacked coca by region sums to the ALL row', () => {
    const coca = runCharts(runs).find((c) => c.name === 'coca-by-region')!.config;
    expect((coca.options?.scales as Record<string, { stacked?: boolean }>).y.stacked).toBe(true);
    expect(shown(coca)).toHaveLength(7);
    const total = metricBand(runs, 'ALL', 'coca_ha').mean;
    total.forEach((v, t) => {
      const sum = datasets(coca).reduce((s, d) => s + (d.data[t] as number), 0);
      expect(sum).toBeCloseTo(v, 6);
    });
  });

  it('balloon shares of the countries sum to 1 every month', () => {
    const b = balloonChart(runs);
    expect(datasets(b).map((d) => d.label)).toEqual(['Peru', 'Bolivia', 'Colombia']);
    for (let t = 0; t < runs[0].months; t++) {
      expect(datasets(b).reduce((s, d) => s + (d.data[t] as number), 0)).toBeCloseTo(1, 12);
    }
  });

  it('the comparison difference equals B − A, and the A and B lines are each side\'s mean', () => {
    const cmp = comparisonChart(runs, adRuns, 'coca_ha', 'PE');
    const diff = differenceChart(runs, adRuns, 'coca_ha', 'PE');
    const a = series(cmp, 'A: baseline');
    const b = series(cmp, 'B: alternative-development');
    expect(a).toEqual(metricBand(runs, 'PE', 'coca_ha').mean);
    const d = series(diff, 'B − A');
    d.forEach((v, t) => expect(v).toBeCloseTo(b[t] - a[t], 6));
    expect(series(diff, 'No difference (0)').every((v) => v === 0)).toBe(true);
    expect(title(diff)).toBe('Difference B − A in Coca (ha), Peru (paired by seed)');
    // A difference of zero throughout must sit mid-chart, not hide on the x axis.
    expect((differenceChart(runs, runs, 'coca_ha', 'PE').options?.scales?.y as { beginAtZero?: boolean }).beginAtZero).toBe(false);
    expect(subtitle(diff)).toMatch(/^A: baseline · B: alternative-development · seeds 1–5/);
  });

  it('a sweep point is the final-year mean and interval of its runs', () => {
    const lever = 'states.PE.alternativeDevelopment.deliveryRate';
    const stats = sweepStats(points, lever, 'coca_ha', 'PE');
    expect(stats.map((s) => s.value)).toEqual([0, 0.5, 0.9]);
    stats.forEach((s, i) => {
      const fy = summarize(points[i].results).metrics.coca_ha.PE.finalYear;
      expect(s.mean).toBeCloseTo(fy.mean, 9);
      expect(s.lo).toBeCloseTo(fy.ci95[0], 9);
      expect(s.hi).toBeCloseTo(fy.ci95[1], 9);
    });
    const c = sweepChart(points, lever, 'coca_ha', 'PE');
    expect((c.options?.scales as Record<string, AnyScale>).x.type).toBe('linear');
    expect(series(c, 'Coca (ha), Peru')).toEqual(stats.map((s) => ({ x: s.value, y: s.mean })));
  });

  it('a sweep over a non-numeric lever uses a category axis in order of appearance', () => {
    const strategies = ['tit-for-tat', 'always-defect'].map((v, point) => ({ point, values: { 'firmas.strategy': v }, results: syntheticRuns({ months: 12, seeds: [1, 2] }) }));
    const c = sweepChart(strategies, 'firmas.strategy', 'coca_ha', 'ALL');
    expect((c.options?.scales as Record<string, AnyScale>).x.type).toBe('category');
    expect(c.data.labels).toEqual(['tit-for-tat', 'always-defect']);
  });
});

describe('the alliance chart', () => {
  it('draws the model’s bribes paid to officials, by the metric table’s label', () => {
    const c = allianceMoneyChart(runs);
    expect(shown(c).map((d) => d.label)).toEqual(['Protection fees paid to armed groups', 'Bribes paid to officials', 'Firma profit (right axis)']);
    expect(Object.keys(c.options?.scales ?? {})).toEqual(['x', 'y', 'y1']);
  });

  it('uses the corruption index on its own 0–1 axis when there is no bribe metric', () => {
    // Results of a model without bribes: the bribe column dropped.
    const noBribes: RunResult[] = runs.map((r) => {
      const nm = r.metrics.length;
      const k = r.metrics.indexOf('bribes_paid_usd');
      const rows = r.data.length / nm;
      const data = new Float64Array(rows * (nm - 1));
      for (let i = 0; i < rows; i++) for (let j = 0, o = 0; j < nm; j++) if (j !== k) data[i * (nm - 1) + o++] = r.data[i * nm + j];
      return { ...r, metrics: r.metrics.filter((m) => m !== 'bribes_paid_usd'), data };
    });
    const c = allianceMoneyChart(noBribes);
    expect(shown(c).map((d) => d.label)).toEqual(['Protection fees paid to armed groups', 'Firma profit (right axis)', 'Corruption index (0–1, far right)']);
    expect(Object.keys(c.options?.scales ?? {})).toEqual(['x', 'y', 'y1', 'y2']);
  });

  it('draws bribes when the results carry a bribe metric', () => {
    const withBribes: RunResult[] = runs.map((r) => {
      const nm = r.metrics.length;
      const data = new Float64Array((r.data.length / nm) * (nm + 1));
      for (let i = 0; i < r.data.length / nm; i++) {
        data.set(r.data.subarray(i * nm, (i + 1) * nm), i * (nm + 1));
        data[i * (nm + 1) + nm] = 1000 + i;
      }
      return { ...r, metrics: [...METRICS, 'bribes_usd'] as unknown as typeof METRICS, data };
    });
    const c = allianceMoneyChart(withBribes);
    expect(shown(c).map((d) => d.label)).toContain('Bribes (bribes_usd)');
    expect(Object.keys(c.options?.scales ?? {})).toEqual(['x', 'y', 'y1']);
    expect(title(c)).toMatch(/bribes/);
  });
});

describe('describeSeeds', () => {
  it('says the seeds briefly', () => {
    expect(describeSeeds([7])).toBe('seed 7');
    expect(describeSeeds([1, 2, 3, 4])).toBe('seeds 1–4');
    expect(describeSeeds([3, 8])).toBe('seeds 3, 8');
    expect(describeSeeds([3, 8, 21, 40, 41, 50])).toBe('seeds 3, 8, 21, … (6 runs)');
  });
});
