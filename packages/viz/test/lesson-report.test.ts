/**
 * Lesson reports as a class reads them: a strategy is a category, so every by-strategy chart draws
 * each profile's mean as a point with its 95% interval as an error bar (no line or band joining
 * strategies), its axis holding the intervals; and a lesson whose reading uses δ, R, T and P
 * explains the letters in words. Built by the real command (`vraem lesson <id> --runs 2`).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { vraemAsync } from '../../cli/test/helpers.ts';
import { BAND_SUFFIX } from '../src/charts/common.ts';
import { tempDir } from './fixtures.ts';

interface Spec {
  name: string;
  config: { data: { labels: string[]; datasets: { label: string; data: number[]; showLine?: boolean; errorBars?: { lo: number[]; hi: number[] } }[] }; options: { scales: { y: { suggestedMin?: number; suggestedMax?: number } } } };
}

const chartsOf = (html: string): Spec[] => JSON.parse(/<script type="application\/json" id="vraem-charts">([\s\S]*?)<\/script>/.exec(html)![1]) as Spec[];

describe('lesson reports', () => {
  it('draw categorical outcomes as points with error bars and explain δ, R, T and P in words', async () => {
    const dir = tempDir('lesson-report');
    const r = await vraemAsync(['lesson', 'protection-racket', '--runs', '2', '--out', join(dir, 'out')]);
    expect(r.code, r.stderr).toBe(0);
    const html = readFileSync(join(dir, 'out', 'report.html'), 'utf8');
    const charts = chartsOf(html).filter((c) => c.name.endsWith('-by-profile') || /-by-profile-\d+$/.test(c.name));
    expect(charts.length).toBeGreaterThan(0);
    for (const c of charts) {
      const ds = c.config.data.datasets;
      expect(ds.some((d) => d.label.endsWith(BAND_SUFFIX)), `${c.name}: no band between strategies`).toBe(false);
      for (const d of ds) {
        expect(d.showLine, `${c.name}: ${d.label}`).toBe(false);
        expect(d.errorBars!.lo).toHaveLength(d.data.length);
        d.data.forEach((m, k) => {
          expect(d.errorBars!.lo[k]).toBeLessThanOrEqual(m + 1e-9);
          expect(d.errorBars!.hi[k]).toBeGreaterThanOrEqual(m - 1e-9);
          expect(c.config.options.scales.y.suggestedMin).toBeLessThanOrEqual(d.errorBars!.lo[k]);
          expect(c.config.options.scales.y.suggestedMax).toBeGreaterThanOrEqual(d.errorBars!.hi[k]);
        });
      }
    }
    expect(html).toContain('Reading δ, R, T and P');
    expect(html).toMatch(/T \(temptation\): what it gets in the month it breaks the deal/);
  });
});
