/**
 * State presence per region: police posts, courts, schools, roads kept open — a stock (0..1)
 * built by the state's spending on it and eroded, year by year, by neglect, by corruption and
 * by armed groups' control. Coca is lower where the state is present (Dion & Russler 2008,
 * calibration §1), and here that comes from what presence does, not from an event:
 * - licit output reaches a buyer only with the state's safe passage as well as a road (market
 *   access is scaled by presence; Bosker & de Vries Robbé: licit prices lower coca only where
 *   markets are reachable);
 * - eradicating a hectare or delivering AD costs more where the state is absent (escorts,
 *   logistics, staff who will not go), so the same money does less there;
 * - presence is force in the contest for territory with armed groups (territory.ts).
 */
import { type World, armedControl } from '../world.ts';
import type { StateParams } from '../../scenario/schema.ts';
import { regionsOf, PRESENCE } from './budgetLines.ts';

/**
 * Cost multiplier of eradication and AD delivery in region r: unit costs (a hectare eradicated,
 * a hectare's subsidy) are what they were at the region's starting presence; each point of
 * presence lost since makes them dearer, each point gained cheaper (at least a quarter of them).
 */
export function absenceFactor(world: World, sp: StateParams, r: number): number {
  return Math.max(0.25, 1 + sp.presence.absenceCost * (world.regions.presenceStart[r] - world.regions.presence[r]));
}

/**
 * Multiplier of a region's market access for the state's presence: a region's `marketAccess` is
 * observed with the state as present as it was at the start, so access moves with the change.
 */
export function presenceAccess(world: World, r: number): number {
  const sp = world.scenario.states[world.scenario.regions[world.regionIds[r]].country];
  if (!sp) return 1;
  return Math.max(0, 1 + sp.presence.accessWeight * (world.regions.presence[r] - world.regions.presenceStart[r]));
}

/**
 * Counter-insurgency effort equivalent that the state's presence in region r adds to (or, below
 * its starting level, takes from) the state's side of the territorial contest.
 */
export function presenceForce(world: World, r: number): number {
  const sp = world.scenario.states[world.scenario.regions[world.regionIds[r]].country];
  return sp ? sp.presence.contest * (world.regions.presence[r] - world.regions.presenceStart[r]) : 0;
}

/**
 * Phase 6: presence grows with this month's presence spending in the region (the country's
 * presence line, split equally over its regions), with diminishing returns as it nears full, and
 * erodes with neglect, corruption and armed control.
 */
export function updatePresence(world: World): void {
  const { regions, scenario } = world;
  for (let r = 0; r < world.regionIds.length; r++) {
    const c = scenario.regions[world.regionIds[r]].country;
    const sp = scenario.states[c];
    const rt = world.states[c];
    if (!sp || !rt) continue;
    const pp = sp.presence;
    const p = regions.presence[r];
    const spendYear = (rt.spentUsd[PRESENCE] * 12) / regionsOf(world, c);
    const build = ((0.01 * spendYear) / pp.usdPerPoint / 12) * (1 - p);
    const erode = (p * (pp.decayPerYear + pp.corruptionErosion * regions.corruption[r] + pp.armedErosion * armedControl(world, r))) / 12;
    regions.presence[r] = Math.min(1, Math.max(0, p + build - erode));
  }
}
