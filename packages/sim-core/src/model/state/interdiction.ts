/**
 * Routes and interdiction. A firma splits each month's shipment over its routes (backpack
 * columns, trucks, small planes; calibration §2.6) by a logit on expected cost per kilo — the
 * transport cost, the expected seizure loss at the export price and any protection fee — so
 * that it shifts weight away from a route as its risk or fee rises (NarcoLogic's salience-
 * weighted route choice). Each route carries at most its capacity. Seizures resolve per load:
 * the seizure chance rises with the state's interdiction effort, falls with corruption on the
 * firma's routes, and falls on corridor routes under armed protection.
 */
import type { RouteParams } from '../../scenario/schema.ts';
import { type Stream, binomialShare } from '../../engine/rng.ts';
import { exp } from '../../engine/math.ts';

export const ROUTES = ['backpack', 'road', 'plane'] as const;
export type RouteName = (typeof ROUTES)[number];

/**
 * Chance a kilo on a route is seized this month.
 * @param interdiction the country's effective interdiction effort (0..1)
 * @param corruptionErosion how far corruption on the firma's routes cuts enforcement (0..1)
 * @param protection how far protection cuts seizures on this route (0 if unprotected or off-corridor)
 */
export function seizureChance(route: RouteParams, interdiction: number, corruptionErosion: number, protection: number): number {
  const p = route.seizureRate * (1 + route.interdictionExposure * interdiction) * (1 - corruptionErosion) * (1 - protection);
  return Math.min(0.9, Math.max(0, p));
}

/**
 * Split `kg` over routes by a logit on cost per kilo with spread `spread`, capped by each
 * route's capacity (kg); what no route can carry stays in `out[3]`.
 */
export function allocateShipment(kg: number, costs: ArrayLike<number>, capacities: ArrayLike<number>, spread: number, out: Float64Array): void {
  let left = kg;
  out.fill(0);
  const open = [true, true, true];
  for (let pass = 0; pass < 3 && left > 1e-9; pass++) {
    let minCost = Infinity;
    for (let k = 0; k < 3; k++) if (open[k] && costs[k] < minCost) minCost = costs[k];
    let wsum = 0;
    const w = [0, 0, 0];
    for (let k = 0; k < 3; k++) if (open[k]) wsum += w[k] = exp(-(costs[k] - minCost) / spread);
    if (wsum === 0) break;
    let placed = 0;
    for (let k = 0; k < 3; k++) {
      if (!open[k]) continue;
      const want = (left * w[k]) / wsum;
      const room = capacities[k] - out[k];
      const put = Math.min(want, room);
      out[k] += put;
      placed += put;
      if (put < want) open[k] = false;
    }
    left -= placed;
  }
  out[3] = Math.max(0, left);
}

/** Kilos seized from `kg` moved in loads of `loadKg`, each seized with chance `p`. */
export function resolveSeizures(rand: Stream, kg: number, loadKg: number, p: number): number {
  if (kg <= 0) return 0;
  return kg * binomialShare(rand, kg / loadKg, p);
}
