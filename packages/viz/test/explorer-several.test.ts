/**
 * The several-runs view's arithmetic (explorer/several.ts) in Node: the series (countries and the
 * VRAEM's valleys summed), the paired difference seed by seed (zero for identical sides, its
 * interval leaving zero for a real shift), the readings in words, and the charts (yours solid,
 * the baseline dotted, a zero line on the difference chart).
 */
import { describe, expect, it } from 'vitest';
import { severalCharts, severalReadings, severalSeries } from '../src/explorer/several.ts';
import { syntheticRuns } from './fixtures.ts';

describe('several runs', () => {
  const base = syntheticRuns({ months: 36, seeds: [1, 2, 3, 4, 5, 6, 7, 8] });
  const series = severalSeries(base[0].rows, base[0].rowKinds, { PE: 'Peru', BO: 'Bolivia', CO: 'Colombia' });

  it('draws the countries and the VRAEM valleys, and reads identical sides as no difference', () => {
    expect(series.map((s) => s.id)).toEqual(['PE', 'VRAEM', 'BO', 'CO']);
    const vraemRows = base[0].rows.filter((r) => r.startsWith('vraem-'));
    expect(vraemRows.length).toBeGreaterThan(0);
    const same = severalReadings(base, base, series);
    for (const r of same) {
      expect(r.difference).toEqual({ mean: 0, lo: 0, hi: 0 });
      expect(r.separates).toBe(false);
      expect(r.sentence).toMatch(/within chance/);
    }
  });

  it('finds a shift every seed shares, and says so in words', () => {
    const m = base[0].metrics.indexOf('coca_ha');
    const shifted = base.map((r) => {
      const data = Float64Array.from(r.data);
      const pe = r.rows.indexOf('PE');
      for (let t = 0; t < r.months; t++) data[(t * r.rows.length + pe) * r.metrics.length + m] -= 1000 + 10 * r.seed;
      return { ...r, data };
    });
    const readings = severalReadings(shifted, base, series);
    const pe = readings.find((x) => x.id === 'PE')!;
    expect(pe.separates).toBe(true);
    expect(pe.difference.mean).toBeCloseTo(-1045, 6);
    expect(pe.sentence).toMatch(/^Peru: your setting lowers coca by 1,0[45]0 ha against the baseline.*leaves out zero/);
    expect(readings.find((x) => x.id === 'BO')!.separates).toBe(false);
    const charts = severalCharts(shifted, base, series, 'test');
    expect(charts.map((c) => c.id)).toEqual(['several-coca', 'several-difference']);
    const levels = charts[0].config.data.datasets.filter((d) => !String(d.label).endsWith('(95% band)'));
    expect(levels.filter((d) => String(d.label).endsWith(', baseline')).every((d) => JSON.stringify(d.borderDash) === '[2,3]')).toBe(true);
    expect(levels.filter((d) => String(d.label).endsWith(', yours')).every((d) => d.borderDash === undefined)).toBe(true);
    expect(charts[1].config.data.datasets.at(-1)!.label).toBe('No difference (0)');
  });
});
