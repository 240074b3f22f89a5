/**
 * A toy model for the ABC samplers' tests (abc.test.ts, abc-replenish.test.ts) whose posterior is
 * known in closed form: the mean of n draws of N(mu, 1) against an observed sample mean, under a
 * flat prior, has posterior N(observedMean, 1/n); and the check both samplers' posteriors must pass.
 */
import { expect } from 'vitest';
import type { AbcGeneration, AbcSimulator } from '../src/analysis/abc.ts';
import { createStream, normal } from '../src/engine/rng.ts';

export const n = 20;
export const observedMean = 0.4;

/** A sample of n draws of N(mu, 1) from its own seed; distance: |sample mean − observed mean|. */
export const normalMean: AbcSimulator<number> = (thetas, seeds) =>
  thetas.map(([mu], i) => {
    const rand = createStream(seeds[i], 'toy');
    let s = 0;
    for (let k = 0; k < n; k++) s += mu + normal(rand);
    const mean = s / n;
    return { distance: Math.abs(mean - observedMean), payload: mean };
  });

/** Weighted mean and standard deviation (equal weights when none are given). */
export const weightedMoments = (xs: number[], ws: number[] = xs.map(() => 1 / xs.length)) => {
  const m = xs.reduce((a, x, i) => a + ws[i] * x, 0);
  const v = xs.reduce((a, x, i) => a + ws[i] * (x - m) ** 2, 0);
  return { mean: m, sd: Math.sqrt(v) };
};

/**
 * A population's weighted mean and spread match the closed-form posterior N(0.4, 1/20): the mean
 * within 0.06 (Monte Carlo error ≈ 0.224 / √ESS ≈ 0.015), the spread within −20%/+25% (the final
 * tolerance adds ≈ ε²/3 to the variance).
 */
export function expectNormalMeanPosterior(post: AbcGeneration<unknown>): void {
  const { mean, sd } = weightedMoments(post.particles.map((p) => p.theta[0]), post.particles.map((p) => p.weight));
  const exactSd = 1 / Math.sqrt(n); // 0.224
  expect(Math.abs(mean - observedMean)).toBeLessThan(0.06);
  expect(sd).toBeGreaterThan(exactSd * 0.8);
  expect(sd).toBeLessThan(exactSd * 1.25);
}
