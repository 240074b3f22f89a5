/**
 * Displacement inside a country: a household under high eradication risk moves part of its coca
 * to a neighbouring frontier region (Dion & Russler 2008: eradication works through
 * displacement; Grillo et al. 2021: eradicated farmers replanted deeper in the forest). The
 * moved hectares are cleared and planted as young coca on a household of the destination
 * (kin, a migrant plot), so area is conserved and production waits for maturity.
 */
import type { World } from '../world.ts';
import type { Stream } from '../../engine/rng.ts';

/** A month's regional terms of displacement, read per region index (computed once a month). */
export interface DisplacementTerms {
  /** Frontier openness of each region (0..1). */
  frontier: Float64Array;
  /** Leaf yield of each region (kg/ha/year). */
  yieldKg: Float64Array;
  /**
   * The perceived annual risk of the household that weighs a move, set by its decision before
   * the call: a field, not an argument, because V8 boxes a double passed to a call it does not
   * inline (this one is too large to inline), 16 bytes of garbage each of a run's ~5 million calls.
   */
  risk: number;
}

export function createDisplacementTerms(nRegions: number): DisplacementTerms {
  return { frontier: new Float64Array(nRegions), yieldKg: new Float64Array(nRegions), risk: 0.5 };
}

/** Fill this month's terms (the scenario's regions are keyed by id: looked up once, not per household). */
export function displacementTerms(world: World, t: DisplacementTerms): DisplacementTerms {
  const { scenario } = world;
  for (let r = 0; r < world.regionIds.length; r++) {
    const reg = scenario.regions[world.regionIds[r]];
    t.frontier[r] = reg.frontier;
    t.yieldKg[r] = reg.cocaYieldKgHaYear;
  }
  return t;
}

/**
 * Move a share of household `i`'s mature coca (region `r`, perceived risk `t.risk`) to the
 * frontier neighbour with the best mix of openness and low risk (`riskYear`: this month's
 * perceived risk by region), if one is safer enough to pay for clearing the land.
 */
export function displaceCoca(world: World, riskYear: Float64Array, t: DisplacementTerms, i: number, r: number, rand: Stream): void {
  const { farmers: f, regions } = world;
  const d = world.scenario.farmers.displacement;
  const { frontier, yieldKg, risk } = t;
  const clearing = d.costUsdHa / 3;
  let best = -1;
  let bestScore = 0;
  for (const n of world.neighbours[r]) {
    if (regions.agents[n] === 0) continue;
    const nr = riskYear[n];
    // Worth it when the risk avoided on a year's revenue covers the clearing cost.
    const gain = (risk - nr) * regions.priceExpect[r] * yieldKg[r] - clearing;
    const score = gain * frontier[n];
    if (score > bestScore) {
      bestScore = score;
      best = n;
    }
  }
  if (best < 0 || rand() > d.chance * frontier[best]) return;
  const moved = d.share * f.cocaMature[i];
  f.cocaMature[i] -= moved;
  const total = moved * regions.weight[r];
  const j = regions.start[best] + Math.floor(rand() * regions.agents[best]);
  const perHousehold = total / regions.weight[best];
  f.cocaYoung[j] += perHousehold;
  f.land[j] += perHousehold;
  // The destination may already have been tallied this month.
  if (best < r) regions.cocaHa[best] += total;
}
