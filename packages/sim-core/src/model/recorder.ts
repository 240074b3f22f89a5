/**
 * The recorder: after every month, the contract metrics per region — each read from the world by
 * its entry in model/metrics.ts — then per country and for ALL, aggregated as the entry says
 * (sums for quantities, weighted means for prices and shares, recounts for distinct firmas). It
 * writes straight into the run's result buffer.
 */
import type { World } from './world.ts';
import { COUNTRIES } from '../scenario/schema.ts';
import { METRICS, M, AGGREGATION, metricEntry } from './metrics.ts';

const NM = METRICS.length;

/** Row ids of a world's results: regions, then countries, then ALL. */
export function rowIds(world: World): string[] {
  return [...world.regionIds, ...COUNTRIES, 'ALL'];
}

const WEIGHTS = METRICS.map((m) => {
  const a = AGGREGATION[m];
  return typeof a === 'object' ? M[a.weight] : -1;
});
const KIND = METRICS.map((m) => {
  const a = AGGREGATION[m];
  return a === 'sum' ? 0 : a === 'distinct' ? 2 : 1;
});
const RECORD = METRICS.map((m) => metricEntry(m).record);
const RECOUNT = METRICS.map((m) => {
  const e = metricEntry(m);
  return e.aggregate === 'distinct' ? e.recount : () => 0;
});

/** Record month `tick` into `data` (the layout of RunResult.data). */
export function record(world: World, data: Float64Array, tick: number): void {
  const { regions } = world;
  const nR = world.regionIds.length;
  const nRows = nR + COUNTRIES.length + 1;
  const base = tick * nRows * NM;
  for (let r = 0; r < nR; r++) {
    const o = base + r * NM;
    for (let m = 0; m < NM; m++) data[o + m] = RECORD[m](world, r);
  }
  // Aggregates: each country, then ALL.
  for (let a = 0; a <= COUNTRIES.length; a++) {
    const o = base + (nR + a) * NM;
    const inAgg = (r: number) => a === COUNTRIES.length || regions.country[r] === a;
    for (let m = 0; m < NM; m++) {
      if (KIND[m] === 0) {
        let s = 0;
        for (let r = 0; r < nR; r++) if (inAgg(r)) s += data[base + r * NM + m];
        data[o + m] = s;
      } else if (KIND[m] === 1) {
        let s = 0;
        let w = 0;
        let plain = 0;
        let count = 0;
        for (let r = 0; r < nR; r++) {
          if (!inAgg(r)) continue;
          const wt = data[base + r * NM + WEIGHTS[m]];
          s += wt * data[base + r * NM + m];
          w += wt;
          plain += data[base + r * NM + m];
          count++;
        }
        // With no weight at all (no leaf, no households), fall back to the plain mean.
        data[o + m] = w > 0 ? s / w : count > 0 ? plain / count : 0;
      } else data[o + m] = RECOUNT[m](world, inAgg);
    }
  }
}
