/**
 * Harvest: mature coca yields leaf every month (3–4 harvests a year in the VRAEM, smoothed to a
 * monthly flow), and pressed growers intensify: yield per hectare rises with perceived
 * eradication risk (calibration §3 fact 4: 3.5–3.6 t/ha in the VRAEM against 2.2–2.4
 * nationally, with about three times the planting density).
 */
import type { World } from '../world.ts';

/** Monthly leaf yield of a mature hectare under perceived annual eradication risk `risk`. */
export function leafYieldKgPerHaMonth(yieldKgHaYear: number, risk: number, intensification: number): number {
  return (yieldKgHaYear / 12) * (1 + intensification * risk);
}

/** Harvest of every region this month, from the farm pass's mature hectares. */
export function harvest(world: World, riskYear: Float64Array): void {
  const { regions, scenario, regionIds } = world;
  const intens = scenario.farmers.intensification;
  for (let r = 0; r < regionIds.length; r++) {
    const reg = scenario.regions[regionIds[r]];
    regions.harvestKg[r] = regions.matureCocaHa[r] * leafYieldKgPerHaMonth(reg.cocaYieldKgHaYear, riskYear[r], intens);
  }
}
