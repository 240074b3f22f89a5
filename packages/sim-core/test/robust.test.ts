/**
 * Minimax regret and the split of an effect's variance into parameter uncertainty and chance
 * (analysis/robust.ts), on small cases worked by hand and on synthetic ensembles whose
 * components are known.
 */
import { describe, expect, it } from 'vitest';
import { ensembleStat, regretTable, weightedQuantile } from '../src/index.ts';
import { createStream } from '../src/engine/rng.ts';

describe('minimax regret', () => {
  it('picks the policy whose worst regret is smallest, not the best on average', () => {
    // Coca hectares (less is better) of three policies in four states of the world.
    const r = regretTable(
      ['eradicate', 'develop', 'both'],
      [
        [100, 100, 100, 100],
        [40, 60, 180, 50],
        [70, 75, 110, 80],
      ],
      'min',
    );
    // Best per state: 40, 60, 100, 50 → regrets: eradicate 60,40,0,50; develop 0,0,80,0; both 30,15,10,30.
    expect(r.policies.map((p) => p.maxRegret)).toEqual([60, 80, 30]);
    expect(r.policies[1].meanOutcome).toBeCloseTo(82.5, 12);
    expect(r.minimaxRegret).toBe('both');
    // develop is best on average outcome and in three states of four, yet not the robust choice.
    expect(r.policies[1].bestShare).toBeCloseTo(0.75, 12);
  });

  it('reads "more is better" with goal max and weights members', () => {
    const r = regretTable(['a', 'b'], [[1, 10], [5, 4]], 'max', { weights: [0.9, 0.1], quantile: 0.5 });
    expect(r.policies[0].regret).toEqual([4, 0]);
    expect(r.policies[1].regret).toEqual([0, 6]);
    expect(r.minimaxRegret).toBe('a');
    // With 90% of the weight on member 0, the median regret of b is 0.
    expect(r.quantileChoice).toBe('b');
    expect(weightedQuantile([4, 0], [0.9, 0.1], 0.5)).toBe(4);
  });

  it('refuses one policy or ragged outcomes', () => {
    expect(() => regretTable(['a'], [[1]], 'min')).toThrow(/two policies/);
    expect(() => regretTable(['a', 'b'], [[1, 2], [1]], 'min')).toThrow(/every member/);
  });
});

describe('variance decomposition over an ensemble', () => {
  it('recovers known parameter and chance variances from synthetic members', () => {
    // Member effects μ_m ~ N(−1000, 300²); runs ~ N(μ_m, 200²): parameter 90,000, chance 40,000.
    const rand = createStream(3, 'decomp');
    const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
    const groups = Array.from({ length: 400 }, () => {
      const mu = -1000 + 300 * normal();
      return { weight: 1, values: Array.from({ length: 10 }, () => mu + 200 * normal()) };
    });
    const e = ensembleStat(groups);
    expect(e.mean).toBeGreaterThan(-1060);
    expect(e.mean).toBeLessThan(-940);
    expect(e.parameterVariance / 90_000).toBeGreaterThan(0.8);
    expect(e.parameterVariance / 90_000).toBeLessThan(1.2);
    expect(e.chanceVariance / 40_000).toBeGreaterThan(0.9);
    expect(e.chanceVariance / 40_000).toBeLessThan(1.1);
    expect(e.parameterShare).toBeGreaterThan(0.6);
    expect(e.parameterShare).toBeLessThan(0.78);
    expect(e.ci95[1] - e.ci95[0]).toBeCloseTo(2 * 1.96 * e.sd, 9);
  });

  it('puts members that differ only by chance at (nearly) zero parameter uncertainty', () => {
    const rand = createStream(4, 'decomp');
    const groups = Array.from({ length: 200 }, () => ({ weight: 1, values: Array.from({ length: 8 }, () => rand()) }));
    const e = ensembleStat(groups);
    expect(e.parameterShare).toBeLessThan(0.05);
    expect(e.chanceVariance).toBeCloseTo(1 / 12, 2);
  });

  it('weights members by their posterior weight', () => {
    const e = ensembleStat([
      { weight: 3, values: [10, 10] },
      { weight: 1, values: [20, 20] },
    ]);
    expect(e.mean).toBeCloseTo(12.5, 12);
    expect(e.chanceVariance).toBe(0);
    expect(e.parameterVariance).toBeCloseTo(0.75 * 2.5 ** 2 + 0.25 * 7.5 ** 2, 9);
    expect(e.parameterShare).toBe(1);
  });
});
