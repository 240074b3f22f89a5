/**
 * ABC-SMC (analysis/abc.ts) on toy models whose posterior is known in closed form: the mean of a
 * normal sample with known variance under a flat prior (posterior N(ȳ, σ²/n)), and a scale
 * parameter on a log-scale prior. Also the pieces: quantiles, weighted covariance, Cholesky,
 * determinism, and the prior's box.
 */
import { describe, it, expect } from 'vitest';
import { abcSmc, effectiveSampleSize, kernelHalfWidths, quantileOf, weightedQuantile, type AbcSimulator } from '../src/analysis/abc.ts';
import { createStream, normal } from '../src/engine/rng.ts';
import { expectNormalMeanPosterior, normalMean, observedMean, weightedMoments } from './abc-toys.ts';


describe('abcSmc on a normal mean (posterior N(0.4, 1/20) under a flat prior)', () => {
  it('recovers the posterior mean and spread', async () => {
    const r = await abcSmc([{ name: 'mu', lo: -5, hi: 5 }], normalMean, { particles: 400, generations: 8, budget: 40_000, seed: 11 });
    const post = r.posterior;
    expect(post.index).toBeGreaterThanOrEqual(5);
    expectNormalMeanPosterior(post);
    // Tolerances fall generation by generation, and every particle meets its generation's.
    for (let t = 2; t < r.generations.length; t++) expect(r.generations[t].epsilon).toBeLessThan(r.generations[t - 1].epsilon);
    for (const g of r.generations) for (const p of g.particles) expect(p.distance).toBeLessThanOrEqual(g.epsilon);
    const total = post.particles.reduce((a, p) => a + p.weight, 0);
    expect(total).toBeCloseTo(1, 12);
    expect(post.ess).toBeGreaterThan(100);
  });

  it('is deterministic for a seed, and differs for another seed', async () => {
    const opts = { particles: 50, generations: 3, budget: 5000, seed: 3, batch: 16 };
    const a = await abcSmc([{ name: 'mu', lo: -5, hi: 5 }], normalMean, opts);
    const b = await abcSmc([{ name: 'mu', lo: -5, hi: 5 }], normalMean, opts);
    const c = await abcSmc([{ name: 'mu', lo: -5, hi: 5 }], normalMean, { ...opts, seed: 4 });
    expect(b.posterior.particles).toEqual(a.posterior.particles);
    expect(c.posterior.particles.map((p) => p.theta[0])).not.toEqual(a.posterior.particles.map((p) => p.theta[0]));
  });

  it('gives each simulation its own seed (no common random numbers)', async () => {
    const seen: number[] = [];
    await abcSmc([{ name: 'mu', lo: -5, hi: 5 }], (th, seeds) => (seen.push(...seeds), normalMean(th, seeds)), { particles: 30, generations: 2, budget: 2000, seed: 5 });
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('stops on the budget and returns the last complete generation', async () => {
    const r = await abcSmc([{ name: 'mu', lo: -5, hi: 5 }], normalMean, { particles: 100, generations: 50, budget: 700, seed: 2 });
    expect(r.stopped).toBe('budget');
    expect(r.simulations).toBeLessThanOrEqual(700);
    expect(r.posterior).toBe(r.generations[r.generations.length - 1]);
    expect(r.posterior.particles).toHaveLength(100);
  });
});

describe('abcSmc continued from a saved population', () => {
  const box = [{ name: 'mu', lo: -5, hi: 5 }];

  it('goes on narrowing from where an earlier run stopped, to the same posterior', async () => {
    const first = await abcSmc(box, normalMean, { particles: 400, generations: 3, budget: 40_000, seed: 11 });
    const saved = first.posterior;
    const r = await abcSmc(box, normalMean, {
      particles: 400,
      generations: 5,
      budget: 40_000,
      seed: 12,
      start: { thetas: saved.particles.map((p) => p.theta), weights: saved.particles.map((p) => p.weight * 7) },
    });
    // Generation 0 is the saved population simulated again, with its weights normalised.
    const g0 = r.generations[0];
    expect(g0.particles.map((p) => p.theta)).toEqual(saved.particles.map((p) => p.theta));
    g0.particles.forEach((p, i) => expect(p.weight).toBeCloseTo(saved.particles[i].weight, 12));
    expect(g0.simulations).toBe(saved.particles.length);
    // It starts near the saved tolerance, not the prior's, and ends below it.
    expect(r.generations[1].epsilon).toBeLessThan(saved.epsilon * 1.5);
    expect(r.posterior.epsilon).toBeLessThan(saved.epsilon / 2);
    // The weights stay exact importance weights: the closed-form posterior, as from the prior.
    expectNormalMeanPosterior(r.posterior);
  });

  it('refuses a population outside the prior, of the wrong shape or weightless, or larger than the budget', async () => {
    const opts = { particles: 10, generations: 1, budget: 100, seed: 1 };
    const run = (start: { thetas: number[][]; weights: number[] }, budget = 100) => abcSmc(box, normalMean, { ...opts, budget, start });
    await expect(run({ thetas: [[0], [6]], weights: [1, 1] })).rejects.toThrow(/member 1 .*mu=6 lies outside/);
    await expect(run({ thetas: [[0], [1, 2]], weights: [1, 1] })).rejects.toThrow(/2 values for 1 parameters/);
    await expect(run({ thetas: [[0], [1]], weights: [0, 0] })).rejects.toThrow(/all 0/);
    await expect(run({ thetas: [[0], [1]], weights: [1] })).rejects.toThrow(/1 weights/);
    await expect(run({ thetas: [[0], [1], [2]], weights: [1, 1, 1] }, 2)).rejects.toThrow(/budget/);
  });
});

describe('abcSmc with a log-scale prior', () => {
  it('recovers a standard deviation from a sample (posterior near the observed sd) and stays in the box', async () => {
    // 50 draws of N(0, s²); the observed sample sd is 2. Prior: s log-uniform on [0.1, 100].
    const sim: AbcSimulator<null> = (thetas, seeds) =>
      thetas.map(([s], i) => {
        const rand = createStream(seeds[i], 'toy');
        let ss = 0;
        for (let k = 0; k < 50; k++) ss += (s * normal(rand)) ** 2;
        return { distance: Math.abs(Math.log(Math.sqrt(ss / 50)) - Math.log(2)), payload: null };
      });
    const r = await abcSmc([{ name: 's', lo: 0.1, hi: 100, scale: 'log' }], sim, { particles: 300, generations: 6, budget: 20_000, seed: 9 });
    const xs = r.posterior.particles.map((p) => Math.log(p.theta[0]));
    const { mean, sd } = weightedMoments(xs, r.posterior.particles.map((p) => p.weight));
    // The log of a sample sd of 50 normal draws has sd ≈ 1/√(2·50) = 0.1.
    expect(Math.abs(mean - Math.log(2))).toBeLessThan(0.05);
    expect(sd).toBeGreaterThan(0.07);
    expect(sd).toBeLessThan(0.14);
    for (const g of r.generations) for (const p of g.particles) expect(p.theta[0] >= 0.1 && p.theta[0] <= 100).toBe(true);
  });
});

describe('pieces', () => {
  it('quantiles, kernel half-widths, ESS', () => {
    expect(quantileOf([3, 1, 2, 4], 0.5)).toBe(2.5);
    expect(quantileOf([5], 0.3)).toBe(5);
    expect(weightedQuantile([1, 2, 3], [1, 1, 2], 0.5)).toBe(2);
    expect(weightedQuantile([1, 2, 3], [1, 1, 2], 0.51)).toBe(3);
    expect(weightedQuantile([3, Number.NaN, 1], [1, 5, 1], 0.5)).toBe(1);
    expect(kernelHalfWidths([[0, 5], [4, 5], [2, 5]], [0.1, 0.1])).toEqual([2, 0.1]);
    expect(effectiveSampleSize([0.25, 0.25, 0.25, 0.25])).toBeCloseTo(4, 12);
    expect(effectiveSampleSize([1, 0, 0])).toBeCloseTo(1, 12);
  });

  it('keeps the weights from degenerating with many parameters (25, only one informative)', async () => {
    // Parameter 0 is the normal mean of the first test; the other 24 do nothing: their posterior is the prior.
    const prior = Array.from({ length: 25 }, (_, k) => ({ name: `p${k}`, lo: k === 0 ? -5 : 0, hi: k === 0 ? 5 : 1 }));
    const r = await abcSmc(prior, (th, seeds) => normalMean(th.map((t) => [t[0]]), seeds), { particles: 200, generations: 5, budget: 20_000, seed: 21 });
    expect(r.posterior.ess).toBeGreaterThan(50);
    const ws = r.posterior.particles.map((p) => p.weight);
    const { mean } = weightedMoments(r.posterior.particles.map((p) => p.theta[0]), ws);
    expect(Math.abs(mean - observedMean)).toBeLessThan(0.1);
    // An uninformative parameter keeps its prior's mean and spread (uniform on [0, 1]: 0.5, 0.29).
    const other = weightedMoments(r.posterior.particles.map((p) => p.theta[7]), ws);
    expect(Math.abs(other.mean - 0.5)).toBeLessThan(0.1);
    expect(other.sd).toBeGreaterThan(0.2);
  });

  it('rejects a bad prior or budget', async () => {
    await expect(abcSmc([{ name: 'x', lo: 1, hi: 1 }], normalMean, { particles: 10, generations: 1, budget: 100, seed: 1 })).rejects.toThrow(/box/);
    await expect(abcSmc([{ name: 'x', lo: 0, hi: 1, scale: 'log' }], normalMean, { particles: 10, generations: 1, budget: 100, seed: 1 })).rejects.toThrow(/log/);
    await expect(abcSmc([{ name: 'x', lo: 0, hi: 1 }], normalMean, { particles: 10, generations: 1, budget: 5, seed: 1 })).rejects.toThrow(/budget/);
  });
});
