/**
 * Farmers' beliefs, as discounted Beta posteriors per region (the NarcoLogic device: evidence is
 * weighted by about 0.9 a month, so old events fade):
 * - perceived eradication risk, from the share of the region's coca eradicated each month, plus
 *   a personal memory for a household whose own coca was eradicated;
 * - trust that promised alternative development is delivered, from what the state actually
 *   delivered against what it promised (the commitment problem, calibration §4).
 */
import type { World } from '../world.ts';
import { betaMean } from '../world.ts';
import { pow } from '../../engine/math.ts';

/** Annual eradication risk a region's growers perceive, from the monthly belief. */
export function perceivedRiskYear(world: World, r: number): number {
  const m = betaMean(world.regions.riskA[r], world.regions.riskB[r]);
  return 1 - pow(1 - m, 12);
}

/** Months a household remembers its own eradication (beyond, the memory has faded to nothing). */
export const OWN_MEMORY_MONTHS = 240;
/** Extra annual risk a household adds the month its own coca is eradicated. */
export const OWN_RISK = 0.4;

/**
 * The extra risk a household adds from its own eradication k months back, for k = 0..240, as a
 * table (the decision loop reads it instead of calling Math.pow per household).
 */
export function ownRiskTable(memory: number, out: Float64Array = new Float64Array(OWN_MEMORY_MONTHS + 1)): Float64Array {
  let w = OWN_RISK;
  for (let k = 0; k <= OWN_MEMORY_MONTHS; k++, w *= memory) out[k] = w;
  return out;
}

/** Extra risk from the household's own eradication `monthsAgo` months back (0 outside the memory). */
export function ownRiskBoost(table: Float64Array, monthsAgo: number): number {
  return monthsAgo < 0 || monthsAgo > OWN_MEMORY_MONTHS ? 0 : table[monthsAgo];
}

/** Monthly update of both beliefs from this month's eradication and AD delivery. */
export function updateBeliefs(world: World): void {
  const { regions } = world;
  const riskMemory = world.scenario.farmers.riskMemory;
  const beliefMemory = world.scenario.farmers.beliefMemory;
  for (let r = 0; r < world.regionIds.length; r++) {
    const e = regions.eradicatedShare[r];
    regions.riskA[r] = riskMemory * regions.riskA[r] + e;
    regions.riskB[r] = riskMemory * regions.riskB[r] + (1 - e);
    if (regions.adPromised[r] > 0) {
      const d = Math.min(1, regions.adDelivered[r] / regions.adPromised[r]);
      regions.trustA[r] = beliefMemory * regions.trustA[r] + d;
      regions.trustB[r] = beliefMemory * regions.trustB[r] + (1 - d);
    }
  }
}
