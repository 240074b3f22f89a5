import { describe, it, expect } from 'vitest';
import {
  calibrationObjective,
  fitReport,
  fromUnbounded,
  lsSlope,
  mape,
  minimizeBox,
  modelYearly,
  nelderMead,
  parseObservedCsv,
  seriesFit,
  toUnbounded,
  type ObservedRow,
} from '../src/analysis/calibration.ts';
import type { RunResult } from '../src/engine/results.ts';
import { METRICS } from '../src/model/metrics.ts';

/** A synthetic result: coca_ha of every row at tick t is `value(row, t)`, other metrics 0. */
function fakeRun(start: string, months: number, rows: string[], value: (row: string, t: number) => number, seed = 1): RunResult {
  const data = new Float64Array(months * rows.length * METRICS.length);
  const m = METRICS.indexOf('coca_ha');
  for (let t = 0; t < months; t++) rows.forEach((row, ri) => (data[(t * rows.length + ri) * METRICS.length + m] = value(row, t)));
  const kinds = rows.map((r) => (r === 'ALL' ? 'all' : ['PE', 'BO', 'CO'].includes(r) ? 'country' : 'region')) as RunResult['rowKinds'];
  return { scenario: 'fake', run: 0, seed, start, months, rows, rowKinds: kinds, metrics: METRICS, data };
}

const ROWS = ['vraem-apurimac', 'vraem-ene', 'vraem-mantaro', 'alto-huallaga', 'PE', 'BO', 'CO', 'ALL'];

describe('observed rows', () => {
  it('reads year,series,value,quality and skips blank lines', () => {
    const rows = parseObservedCsv('year,series,value,quality\n2004,peru_ha,50300,S\n\n2005,vraem_ha,15500,S\n');
    expect(rows).toEqual([
      { year: 2004, series: 'peru_ha', value: 50300, quality: 'S' },
      { year: 2005, series: 'vraem_ha', value: 15500, quality: 'S' },
    ]);
  });
  it('names the line of a bad value', () => {
    expect(() => parseObservedCsv('year,series,value\n2004,peru_ha,lots\n')).toThrow(/line 2/);
    expect(() => parseObservedCsv('a,b\n')).toThrow(/header/);
  });
});

describe('error maths', () => {
  it('MAPE is the mean absolute relative error over observed > 0', () => {
    expect(mape([110, 90, 100], [100, 100, 100])).toBeCloseTo(20 / 300, 12);
    expect(mape([1, 2], [0, 4])).toBeCloseTo(0.5, 12); // the zero observation is left out
    expect(Number.isNaN(mape([], []))).toBe(true);
  });
  it('least-squares slope of a line is its slope', () => {
    expect(lsSlope([2004, 2005, 2006, 2007], [10, 13, 16, 19])).toBeCloseTo(3, 12);
    expect(lsSlope([1, 2, 3], [1, 3, 2])).toBeCloseTo(0.5, 12);
    expect(Number.isNaN(lsSlope([1], [1]))).toBe(true);
  });
  it('trend error: slope difference, ratio and drift as a share of the level', () => {
    const years = [2004, 2005, 2006, 2007, 2008];
    const obs = [100, 110, 120, 130, 140]; // +10 a year, mean 120
    const model = [100, 105, 110, 115, 120]; // +5 a year
    const f = seriesFit('peru_ha', years, obs, model);
    expect(f.slopeObserved).toBeCloseTo(10, 12);
    expect(f.slopeModel).toBeCloseTo(5, 12);
    expect(f.slopeDiff).toBeCloseTo(-5, 12);
    expect(f.slopeRatio).toBeCloseTo(0.5, 12);
    expect(f.trendError).toBeCloseTo((5 * 4) / 120, 12);
    expect(f.mape).toBeCloseTo((0 + 5 / 110 + 10 / 120 + 15 / 130 + 20 / 140) / 5, 12);
  });
  it('leaves out years where either value is missing', () => {
    const f = seriesFit('x', [1, 2, 3], [10, Number.NaN, 30], [11, 20, Number.NaN]);
    expect(f.n).toBe(1);
    expect(f.mape).toBeCloseTo(0.1, 12);
  });
});

describe('model against observation', () => {
  // coca at tick t = 1000 × (t + 1) in each VRAEM valley, 10 × that for the countries.
  const run = (seed: number, scale = 1) => fakeRun('2004-01', 36, ROWS, (row, t) => scale * (row.startsWith('vraem') ? 1000 : 10_000) * (t + 1), seed);
  it('takes December of each year, sums the VRAEM valleys and averages replicates', () => {
    const rs = [run(1, 1), run(2, 3)]; // mean scale 2
    expect(modelYearly(rs, 'vraem_ha', [2004, 2005, 2006])).toEqual([2 * 3 * 12_000, 2 * 3 * 24_000, 2 * 3 * 36_000]);
    expect(modelYearly(rs, 'peru_ha', [2005])).toEqual([2 * 240_000]);
    expect(Number.isNaN(modelYearly(rs, 'peru_ha', [2007])[0])).toBe(true);
    expect(() => modelYearly(rs, 'peru_eradicated_ha', [2004])).toThrow(/unknown target/);
  });
  it('reports per series over a window and the objective combines MAPE and trend', () => {
    const observed: ObservedRow[] = [
      { year: 2004, series: 'peru_ha', value: 120_000 },
      { year: 2005, series: 'peru_ha', value: 240_000 },
      { year: 2006, series: 'peru_ha', value: 360_000 },
      { year: 2004, series: 'bolivia_ha', value: 60_000 },
      { year: 2005, series: 'bolivia_ha', value: 120_000 },
      { year: 2006, series: 'peru_eradicated_ha', value: 1 },
    ];
    const fits = fitReport([run(1)], observed, { from: 2004, to: 2005 });
    expect(fits.map((f) => f.series)).toEqual(['peru_ha', 'bolivia_ha']);
    expect(fits[0].mape).toBe(0);
    expect(fits[0].n).toBe(2);
    expect(fits[1].mape).toBeCloseTo(1, 12); // model is twice the observation
    // bolivia: slope 120k vs 60k a year over 1 year, mean 90k: trend error 60k/90k
    expect(fits[1].trendError).toBeCloseTo(60_000 / 90_000, 12);
    expect(calibrationObjective(fits, 0)).toBeCloseTo(0.5, 12);
    expect(calibrationObjective(fits, 0.25)).toBeCloseTo(0.5 + 0.25 * (60_000 / 90_000 / 2), 12);
    expect(calibrationObjective([])).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('Nelder–Mead', () => {
  const rosenbrock = ([x, y]: number[]) => (1 - x) ** 2 + 100 * (y - x * x) ** 2;
  it('finds the minimum of the Rosenbrock function within budget', async () => {
    const r = await nelderMead((ps) => ps.map(rosenbrock), [-1.2, 1], { budget: 600, seed: 3 });
    expect(r.evaluations).toBeLessThanOrEqual(600);
    expect(r.f).toBeLessThan(1e-6);
    expect(r.x[0]).toBeCloseTo(1, 2);
    expect(r.x[1]).toBeCloseTo(1, 2);
  });
  it('finds the minimum of an 8-dimensional ill-scaled quadratic', async () => {
    const target = [1, -2, 3, 0.5, -1, 2, 0, 4];
    const f = (x: number[]) => x.reduce((s, xi, i) => s + (i + 1) * (xi - target[i]) ** 2, 0);
    const r = await nelderMead((ps) => ps.map(f), new Array(8).fill(0), { budget: 3000, seed: 1 });
    expect(r.f).toBeLessThan(1e-6);
    r.x.forEach((xi, i) => expect(xi).toBeCloseTo(target[i], 2));
  });
  it('never exceeds the budget, is deterministic, and passes batches', async () => {
    const batches: number[] = [];
    const f = (ps: number[][]) => {
      batches.push(ps.length);
      return ps.map(rosenbrock);
    };
    const a = await nelderMead(f, [0, 0], { budget: 37, seed: 9 });
    const b = await nelderMead((ps) => ps.map(rosenbrock), [0, 0], { budget: 37, seed: 9 });
    expect(a.evaluations).toBe(37);
    expect(a.history).toEqual(b.history);
    expect(batches[0]).toBe(3); // the initial simplex in one batch
    expect(a.f).toBe(Math.min(...a.history.map((h) => h.f)));
  });
  it('restarts when the simplex collapses and keeps using the budget', async () => {
    const r = await nelderMead((ps) => ps.map(([x]) => Math.abs(x - 2)), [0], { budget: 200, seed: 2 });
    expect(r.restarts).toBeGreaterThan(0);
    expect(r.evaluations).toBe(200);
    expect(r.x[0]).toBeCloseTo(2, 4);
  });
  it('accepts an asynchronous objective', async () => {
    const r = await nelderMead(async (ps) => ps.map(([x, y]) => (x - 3) ** 2 + (y - 1) ** 2), [0, 0], { budget: 300 });
    expect(r.x[0]).toBeCloseTo(3, 3);
  });
});

describe('box transforms', () => {
  it('round-trip inside the box, linear and log', () => {
    for (const p of [{ lo: 0, hi: 2 }, { lo: 1000, hi: 50_000, scale: 'log' as const }]) {
      for (const x of [p.lo + (p.hi - p.lo) * 0.01, (p.lo + p.hi) / 2, p.hi * 0.98]) expect(fromUnbounded(p, toUnbounded(p, x))).toBeCloseTo(x, 6);
      expect(fromUnbounded(p, 50)).toBeLessThanOrEqual(p.hi);
      expect(fromUnbounded(p, -50)).toBeGreaterThanOrEqual(p.lo);
    }
  });
  it('minimizeBox finds an interior minimum and stops at the edge for one outside', async () => {
    const f = (ps: number[][]) => ps.map(([h, s]) => (Math.log(h) - Math.log(7000)) ** 2 + (s - 0.3) ** 2);
    const r = await minimizeBox(f, [{ lo: 1000, hi: 60_000, scale: 'log' }, { lo: 0, hi: 2 }], [25_000, 1], { budget: 250, seed: 1 });
    expect(r.x[0]).toBeGreaterThan(6900);
    expect(r.x[0]).toBeLessThan(7100);
    expect(r.x[1]).toBeCloseTo(0.3, 2);
    r.history.forEach((h) => {
      expect(h.x[0]).toBeGreaterThanOrEqual(1000);
      expect(h.x[0]).toBeLessThanOrEqual(60_000);
    });
    const edge = await minimizeBox((ps) => ps.map(([x]) => (x - 5) ** 2), [{ lo: 0, hi: 1 }], [0.5], { budget: 100 });
    expect(edge.x[0]).toBeGreaterThan(0.99);
    await expect(minimizeBox(() => [0], [{ lo: 1, hi: 1 }], [1], { budget: 5 })).rejects.toThrow(/bad box/);
  });
});
