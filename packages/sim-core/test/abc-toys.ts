/**
 * A toy model for the ABC samplers' tests (abc.test.ts, abc-replenish.test.ts) whose posterior is
 * known in closed form: the mean of n draws of N(mu, 1) against an observed sample mean, under a
 * flat prior, has posterior N(observedMean, 1/n).
 */
import type { AbcSimulator } from '../src/analysis/abc.ts';
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
