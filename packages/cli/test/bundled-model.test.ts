/**
 * The bundled scenarios against what the spine promises: the AD comparison lowers Peru's coca
 * in the final year beyond the noise (paired seeds), and the baseline's hectares by country for
 * 2004–2015 stay near the observed series (data/observed-coca.csv, a copy of shared/reference/observed-coca.csv). Runs use four
 * households per agent to keep the suite quick; the note on issue 2 gives full-scale figures.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runScenario, compareRuns, seriesOf, replicateSeed, type RunResult } from '@vraem/sim-core';
import { loadScenario } from '../src/load.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const SCALE = ['householdsPerAgent=4'];

describe('bundled scenarios', () => {
  // Sixteen pairs: a run in which Colombia's market loses buyers and Peru's coca balloons is rare
  // but large, and the final year is a single year.
  it('alternative development lowers Peru’s coca in the final year, and the interval excludes zero', () => {
    const a = loadScenario(`${root}scenarios/baseline.yaml`, { set: SCALE }).scenario;
    const b = loadScenario(`${root}scenarios/alternative-development.yaml`, { set: SCALE }).scenario;
    const seeds = Array.from({ length: 16 }, (_, k) => replicateSeed(a.seed, k));
    const ra = seeds.map((seed, run) => runScenario(a, { seed, run }));
    const rb = seeds.map((seed, run) => runScenario(b, { seed, run }));
    const diff = compareRuns(ra, rb).metrics.coca_ha.PE.finalYear.diff;
    expect(diff.mean).toBeLessThan(0);
    expect(diff.ci95[1]).toBeLessThan(0);
  });

  // Net area at 31 December, as UNODC reports it: the model's December, averaged over three runs.
  const fit = (() => {
    let cached: { observed: Map<string, number>; runs: RunResult[] } | undefined;
    return () => {
      if (cached) return cached;
      const observed = new Map<string, number>();
      for (const line of readFileSync(`${root}data/observed-coca.csv`, 'utf8').trim().split('\n').slice(1)) {
        const [year, series, value] = line.split(',');
        observed.set(`${series}:${year}`, Number(value));
      }
      const s = loadScenario(`${root}scenarios/baseline.yaml`, { set: SCALE }).scenario;
      cached = { observed, runs: [1, 2, 3].map((seed, run) => runScenario(s, { seed, run })) };
      return cached;
    };
  })();
  const withinFactor = (row: string, series: string, factor: number) => {
    const { observed, runs } = fit();
    for (let year = 2004; year <= 2015; year++) {
      const obs = observed.get(`${series}:${year}`)!;
      const t = (year - 2004) * 12 + 11;
      const model = runs.reduce((a, r) => a + seriesOf(r, row, 'coca_ha')[t], 0) / runs.length;
      expect(Math.max(model / obs, obs / model), `${row} ${year}: model ${Math.round(model)} ha, observed ${obs} ha`).toBeLessThanOrEqual(factor);
    }
  };

  it('the baseline’s hectares in Peru and Bolivia, 2004–2015, are within a factor of 1.5 of the observed', () => {
    withinFactor('PE', 'peru_ha', 1.5);
    withinFactor('BO', 'bolivia_ha', 1.5);
  });

  // Known gap, kept as an expected failure so it turns red when the model holds it: Colombia's
  // record (mostly [W]) falls from 99k ha in 2007 to 48k in 2012–13 while its eradication eases;
  // the model's Colombia stays near 70–77k and misses those years by about 1.55×.
  it.fails('the baseline’s hectares in Colombia, 2004–2015, are within a factor of 1.5 of the observed', () => {
    withinFactor('CO', 'colombia_ha', 1.5);
  });
});
