/**
 * Sweep designs and shards (analysis/design.ts, which `vraem sweep` uses): factorial order, Latin
 * hypercube strata, seeds that depend on the run and not on enumeration order, and shard ranges
 * that cover every task exactly once.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canonicalKey, designRows, factorialDesign, lhsDesign, parseFactor, parseShard, resolveLever, shardRange, sweepSeed, sweepTasks } from '../src/index.ts';

const scenario = { regions: { 'vraem-ene': { name: 'Ene', country: 'PE' } }, states: { PE: {} } };
const spec = (path: string) => {
  const r = resolveLever(scenario, path);
  if (!r.ok) throw new Error(r.message);
  return r.spec;
};

describe('factorialDesign', () => {
  it('enumerates every combination, first factor slowest', () => {
    const rows = designRows(
      factorialDesign([
        { path: 'firmas.count', values: [1, 4] },
        { path: 'states.PE.interdiction', values: [0.1, 0.5, 0.9] },
      ]),
    );
    expect(rows.map((r) => [r.values['firmas.count'], r.values['states.PE.interdiction']])).toEqual([
      [1, 0.1], [1, 0.5], [1, 0.9], [4, 0.1], [4, 0.5], [4, 0.9],
    ]);
    expect(rows.map((r) => r.point)).toEqual([0, 1, 2, 3, 4, 5]);
  });
});

describe('seeds', () => {
  it('depend on the row’s values and the replicate, not on the order of the factors or rows', () => {
    const a = designRows(factorialDesign([{ path: 'firmas.count', values: [1, 4] }, { path: 'market.demandIndex', values: [1, 2] }]));
    const b = designRows(factorialDesign([{ path: 'market.demandIndex', values: [2, 1] }, { path: 'firmas.count', values: [4, 1] }]));
    const seedOf = (rows: typeof a, fc_: number, d: number, k: number) => {
      const row = rows.find((r) => r.values['firmas.count'] === fc_ && r.values['market.demandIndex'] === d)!;
      return sweepTasks(rows, 3, 42).find((t) => t.point === row.point && t.replicate === k)!.seed;
    };
    for (const [f, d, k] of [[1, 1, 0], [4, 2, 2], [1, 2, 1]]) expect(seedOf(a, f, d, k)).toBe(seedOf(b, f, d, k));
    expect(canonicalKey({ b: 1, a: 2 })).toBe(canonicalKey({ a: 2, b: 1 }));
    expect(sweepSeed(42, 'x', 0)).not.toBe(sweepSeed(42, 'x', 1));
    expect(sweepSeed(42, 'x', 0)).not.toBe(sweepSeed(43, 'x', 0));
  });
});

describe('lhsDesign', () => {
  it('uses every stratum of every range exactly once and stays in range', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 0, max: 2 ** 32 - 1 }), (n, seed) => {
        const rows = lhsDesign([{ path: 'states.PE.interdiction', range: [0.2, 0.8], integer: false }, { path: 'firmas.count', range: [1, 30], integer: true }], n, seed);
        expect(rows).toHaveLength(n);
        const strata = rows.map((r) => Math.min(n - 1, Math.floor((((r.values['states.PE.interdiction'] as number) - 0.2) / 0.6) * n)));
        expect(new Set(strata).size).toBe(n);
        for (const r of rows) {
          const c = r.values['firmas.count'] as number;
          expect(Number.isInteger(c) && c >= 1 && c <= 30).toBe(true);
        }
      }),
      { seed: 20261127, numRuns: 50 },
    );
  });

  it('is the same for the same seed and differs for another', () => {
    const f = [{ path: 'market.demandIndex', range: [0.5, 2] as [number, number], integer: false }];
    expect(lhsDesign(f, 8, 1)).toEqual(lhsDesign(f, 8, 1));
    expect(lhsDesign(f, 8, 1)).not.toEqual(lhsDesign(f, 8, 2));
  });
});

describe('shards', () => {
  it('cover every task exactly once, in order, with sizes differing by at most one', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 500 }), fc.integer({ min: 1, max: 40 }), (total, count) => {
        const ranges = Array.from({ length: count }, (_, index) => shardRange(total, { index, count }));
        expect(ranges[0][0]).toBe(0);
        expect(ranges[count - 1][1]).toBe(total);
        for (let i = 1; i < count; i++) expect(ranges[i][0]).toBe(ranges[i - 1][1]);
        const sizes = ranges.map(([a, b]) => b - a);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      }),
      { seed: 7, numRuns: 200 },
    );
  });

  it('parses i/n and refuses nonsense', () => {
    expect(parseShard('2/3')).toEqual({ index: 2, count: 3 });
    expect(parseShard('3/3')).toMatch(/below n/);
    expect(parseShard('1-3')).toMatch(/expected i\/n/);
    expect(parseShard('0/0')).toMatch(/at least 1/);
  });
});

describe('parseFactor', () => {
  it('reads value lists and ranges by the lever type and checks bounds', () => {
    expect(parseFactor('firmas.count', '1,4,12', spec('firmas.count'))).toEqual({ path: 'firmas.count', values: [1, 4, 12] });
    expect(parseFactor('market.demandIndex', '0.5..2', spec('market.demandIndex'))).toEqual({ path: 'market.demandIndex', range: [0.5, 2], integer: false });
    expect(parseFactor('states.PE.interdiction', '0.5,1.5', spec('states.PE.interdiction'))).toMatch(/at most 1/);
    expect(parseFactor('firmas.count', '4,4', spec('firmas.count'))).toMatch(/twice/);
    expect(parseFactor('firmas.count', '9..2', spec('firmas.count'))).toMatch(/backwards/);
    expect(parseFactor('firmas.strategy', 'tit-for-tat,always-defect', spec('firmas.strategy'))).toEqual({ path: 'firmas.strategy', values: ['tit-for-tat', 'always-defect'] });
  });
});
