/**
 * The replenishment ABC-SMC (analysis/abcReplenish.ts) on toy models whose posterior is known:
 * the mean of a normal sample with known variance under a flat prior (posterior N(ȳ, σ²/n)), and
 * a sum of two parameters (a ridge: the walk must follow the population's correlation). Also a
 * start far from the posterior, the budget, and determinism.
 */
import { describe, it, expect } from 'vitest';
import { abcReplenish, cholesky, weightedCovariance } from '../src/analysis/abcReplenish.ts';
import type { AbcSimulator } from '../src/analysis/abc.ts';
import { createStream, normal } from '../src/engine/rng.ts';
import { expectNormalMeanPosterior, normalMean, observedMean, weightedMoments } from './abc-toys.ts';


const box = [{ name: 'mu', lo: -5, hi: 5 }];

describe('abcReplenish on a normal mean (posterior N(0.4, 1/20) under a flat prior)', () => {
  it('recovers the posterior mean and spread, every member within its tolerance', async () => {
    const r = await abcReplenish(box, normalMean, { particles: 400, generations: 40, budget: 60_000, seed: 11, targetEpsilon: 0.02 });
    const post = r.posterior;
    expect(r.stopped).toBe('target');
    expectNormalMeanPosterior(post);
    for (let t = 2; t < r.generations.length; t++) expect(r.generations[t].epsilon).toBeLessThanOrEqual(r.generations[t - 1].epsilon);
    for (const g of r.generations) for (const p of g.particles) expect(p.distance).toBeLessThanOrEqual(g.epsilon);
    for (const p of post.particles) expect(p.weight).toBe(1 / 400);
    // The moves keep the population diverse: most members are distinct parameter sets (copies
    // that never moved are the rest).
    expect(post.ess).toBeGreaterThan(240);
    expect(r.simulations).toBeLessThanOrEqual(60_000);
  });

  it('corrects a start far from the posterior: the walk, not the start, sets where members end', async () => {
    const start = { thetas: Array.from({ length: 50 }, (_, i) => [3 + i / 50]), weights: Array.from({ length: 50 }, () => 1) };
    const r = await abcReplenish(box, normalMean, { particles: 200, generations: 40, budget: 40_000, seed: 5, targetEpsilon: 0.03, start });
    expect(r.generations[0].particles.every((p) => p.theta[0] >= 3)).toBe(true);
    const { mean } = weightedMoments(r.posterior.particles.map((p) => p.theta[0]));
    expect(Math.abs(mean - observedMean)).toBeLessThan(0.1);
  });

  it('is deterministic for a seed, differs for another, and stays within its budget', async () => {
    const opts = { particles: 60, generations: 6, budget: 1500, seed: 3, batch: 16 };
    const a = await abcReplenish(box, normalMean, opts);
    const b = await abcReplenish(box, normalMean, opts);
    const c = await abcReplenish(box, normalMean, { ...opts, seed: 4 });
    expect(b.posterior.particles).toEqual(a.posterior.particles);
    expect(c.posterior.particles.map((p) => p.theta[0])).not.toEqual(a.posterior.particles.map((p) => p.theta[0]));
    const small = await abcReplenish(box, normalMean, { ...opts, generations: 100, budget: 400 });
    expect(small.stopped).toBe('budget');
    expect(small.simulations).toBeLessThanOrEqual(400);
  });
});

describe('abcReplenish on a ridge (a + b observed as 1 with noise 0.1; a, b in [-5, 5])', () => {
  const ridge: AbcSimulator<null> = (thetas, seeds) =>
    thetas.map(([a, b], i) => ({ distance: Math.abs(a + b + 0.1 * normal(createStream(seeds[i], 'toy')) - 1), payload: null }));

  it('follows the ridge: members keep a + b near 1 while a spreads along it', async () => {
    const prior = [
      { name: 'a', lo: -5, hi: 5 },
      { name: 'b', lo: -5, hi: 5 },
    ];
    const r = await abcReplenish(prior, ridge, { particles: 300, generations: 40, budget: 60_000, seed: 2, targetEpsilon: 0.05 });
    const a = r.posterior.particles.map((p) => p.theta[0]);
    const sum = r.posterior.particles.map((p) => p.theta[0] + p.theta[1]);
    expect(Math.abs(weightedMoments(sum).mean - 1)).toBeLessThan(0.05);
    // Along the ridge the posterior is the prior's width: a spans most of [-4, 5].
    expect(weightedMoments(a).sd).toBeGreaterThan(1.5);
    const { cov } = weightedCovariance(r.posterior.particles.map((p) => p.theta));
    expect(cov[0][1] / Math.sqrt(cov[0][0] * cov[1][1])).toBeLessThan(-0.95);
  });
});

describe('the pieces', () => {
  it('weightedCovariance and cholesky reproduce a covariance', () => {
    const pts = [
      [0, 0],
      [1, 2],
      [2, 1],
      [3, 3],
    ];
    const { mean, cov } = weightedCovariance(pts);
    expect(mean).toEqual([1.5, 1.5]);
    expect(cov[0][0]).toBeCloseTo(1.25, 12);
    expect(cov[0][1]).toBeCloseTo(1, 12);
    const L = cholesky(cov, [0, 0]);
    expect(L[0][1]).toBe(0);
    expect(L[0][0] ** 2).toBeCloseTo(cov[0][0], 12);
    expect(L[1][0] * L[0][0]).toBeCloseTo(cov[1][0], 12);
    expect(L[1][0] ** 2 + L[1][1] ** 2).toBeCloseTo(cov[1][1], 12);
    // A collapsed coordinate still gets its floor.
    expect(cholesky([[0]], [0.01])[0][0]).toBeGreaterThan(0);
  });
});
