/**
 * Displacement inside a country: a household under high eradication risk moves part of its coca
 * to a neighbouring frontier region (Dion & Russler 2008: eradication works through
 * displacement; Grillo et al. 2021: eradicated farmers replanted deeper in the forest). The
 * moved hectares are cleared and planted as young coca on a household of the destination
 * (kin, a migrant plot), so area is conserved and production waits for maturity.
 */
import type { World } from './world.ts';
import type { Stream } from '../engine/rng.ts';

/**
 * Move a share of household `i`'s mature coca (region `r`, perceived risk `risk`) to the
 * frontier neighbour with the best mix of openness and low risk (`riskYear`: this month's
 * perceived risk by region), if one is safer enough to pay for clearing the land.
 */
export function displaceCoca(world: World, riskYear: Float64Array, i: number, r: number, risk: number, rand: Stream): void {
  const { farmers: f, regions, scenario } = world;
  const d = scenario.farmers.displacement;
  let best = -1;
  let bestScore = 0;
  for (const n of world.neighbours[r]) {
    if (regions.agents[n] === 0) continue;
    const nr = riskYear[n];
    const frontier = scenario.regions[world.regionIds[n]].frontier;
    // Worth it when the risk avoided on a year's revenue covers the clearing cost.
    const gain = (risk - nr) * world.regions.priceExpect[r] * scenario.regions[world.regionIds[r]].cocaYieldKgHaYear - d.costUsdHa / 3;
    const score = gain * frontier;
    if (score > bestScore) {
      bestScore = score;
      best = n;
    }
  }
  if (best < 0 || rand() > d.chance * scenario.regions[world.regionIds[best]].frontier) return;
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
