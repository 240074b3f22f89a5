/**
 * Reports of many runs without holding them (issue 24): `series.csv` streamed run by run gives
 * the runs `parseSeriesCsv` gives, and the statistics gathered from them (`RunStats`) draw the
 * same bands and shares, and so the same charts, as the results held in memory.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { RunStats, compareCharts, metricBand, monthlyBand, pairedDifferenceBand, parseSeriesCsv, runCharts, shareOfAll, streamSeriesCsv, valueOf } from '../src/index.ts';
import { syntheticRuns, tempDir, writeRunFolder } from './fixtures.ts';

const close = (a: readonly number[], b: readonly number[]) => {
  expect(a.length).toBe(b.length);
  a.forEach((x, i) => (Number.isNaN(b[i]) ? expect(x).toBeNaN() : expect(x).toBeCloseTo(b[i], 6)));
};

describe('streamed series', () => {
  it('reads the runs parseSeriesCsv reads, one at a time', async () => {
    const dir = writeRunFolder(tempDir('stream'), syntheticRuns({ months: 24, seeds: [3, 4, 5] }));
    try {
      const path = join(dir, 'series.csv');
      const seen: string[] = [];
      const n = await streamSeriesCsv(path, (r) => seen.push(JSON.stringify({ ...r, data: [...r.data] })));
      expect(n).toBe(3);
      expect(seen).toEqual(parseSeriesCsv(readFileSync(path, 'utf8')).map((r) => JSON.stringify({ ...r, data: [...r.data] })));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('gathers statistics that draw the bands, shares and charts of the results in memory', () => {
    const runs = syntheticRuns({ months: 36, seeds: [1, 2, 3, 4, 5, 6] });
    const stats = new RunStats();
    runs.forEach((r) => stats.add(r));
    for (const [row, metric] of [
      ['PE', 'coca_ha'],
      ['ALL', 'violence_events'],
      ['BO', 'leaf_price_usd_kg'],
    ]) {
      const [s, m] = [metricBand(stats, row, metric), metricBand(runs, row, metric)];
      close(s.mean, m.mean);
      close(s.lo, m.lo);
      close(s.hi, m.hi);
      close(monthlyBand(stats, valueOf(row, metric)).lo, monthlyBand(runs, valueOf(row, metric)).lo);
    }
    close(monthlyBand(stats, shareOfAll('PE', 'coca_ha')).mean, monthlyBand(runs, shareOfAll('PE', 'coca_ha')).mean);
    expect(() => monthlyBand(stats, (r, t) => r.data[t])).toThrow(/metric of a row or its share/);
    const fromStats = runCharts(stats).map((c) => JSON.stringify(c.config, (_k, v: unknown) => (typeof v === 'number' ? Number(v.toPrecision(8)) : v)));
    const fromRuns = runCharts(runs).map((c) => JSON.stringify(c.config, (_k, v: unknown) => (typeof v === 'number' ? Number(v.toPrecision(8)) : v)));
    expect(fromStats).toEqual(fromRuns);
  });

  it('gathers paired statistics of A and B that draw the comparison charts of the results in memory, rolling sums included', () => {
    const seeds = [1, 2, 3, 4, 5];
    const a = syntheticRuns({ months: 36, seeds });
    const b = syntheticRuns({ months: 36, seeds, ad: true });
    const [sa, sb] = [new RunStats(), new RunStats()];
    a.forEach((r, k) => sb.addPair(sa, r, b[k]));
    const s = pairedDifferenceBand(sa, sb, 'PE', 'coca_ha');
    const m = pairedDifferenceBand(a, b, 'PE', 'coca_ha');
    close(s.mean, m.mean);
    close(s.lo, m.lo);
    expect(() => pairedDifferenceBand(sb, sa, 'PE', 'coca_ha')).toThrow(/addPair/);
    const round = (c: { config: unknown }) => JSON.stringify(c.config, (_k, v: unknown) => (typeof v === 'number' ? Number(v.toPrecision(8)) : v));
    expect(compareCharts(sa, sb).map(round)).toEqual(compareCharts(a, b).map(round));
  });
});
