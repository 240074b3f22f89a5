/**
 * Territorial control as a Tullock contest (Tullock 1980; Hirshleifer 1989; Mejía & Restrepo
 * 2016): in each region an armed group holds, its control moves toward its share of the
 * strength committed there, fighters against the state's forces under counter-insurgency
 * effort. The group spreads its fighters over its regions by their control. Control blocks
 * eradication crews (eradication needs access).
 */
import type { World, ArmedGroup } from '../world.ts';
import { presenceForce } from '../state/presence.ts';

/** Monthly share of the gap to the contest's share that control closes. */
const CONTROL_SPEED = 0.08;
/** Control below which a region is lost outright. */
const CONTROL_FLOOR = 1e-9;

/** Share of a group's fighters stationed in region r (by control). */
export function stationedShare(g: ArmedGroup, r: number): number {
  let total = 0;
  for (let k = 0; k < g.control.length; k++) total += g.control[k];
  return total > 0 ? g.control[r] / total : 0;
}

/**
 * The contest success function: share of a region held by strength `a` against `b`.
 * @example tullockShare(1, 1) === 0.5
 */
export function tullockShare(a: number, b: number): number {
  return a + b > 0 ? a / (a + b) : 0;
}

/** Update every group's control of the regions it holds. */
export function contestTerritory(world: World): void {
  const { scenario, regions } = world;
  for (const g of world.groups) {
    const gp = scenario.armedGroups[g.id];
    for (let r = 0; r < g.control.length; r++) {
      if (g.control[r] <= 0) continue;
      const c = scenario.regions[world.regionIds[r]].country;
      const st = scenario.states[c];
      const own = g.fighters * gp.strength * stationedShare(g, r);
      // The state commits forces to a region in proportion to the effort its budget pays for and
      // the region's weight; its presence there (posts, police) fights too (presence.ts).
      const effort = Math.max(0, (world.states[c]?.counterinsurgency ?? 0) + presenceForce(world, r));
      const stateForce = st ? st.strength * effort * (regions.households[r] > 0 ? 1 : 0) / Math.max(1, countryRegionCount(world, r)) : 0;
      const target = tullockShare(own, stateForce);
      const next = Math.min(1, Math.max(0, g.control[r] + CONTROL_SPEED * (target - g.control[r])));
      // A group that has lost a region holds none of it: no geometric decay into subnormal numbers.
      g.control[r] = next < CONTROL_FLOOR ? 0 : next;
    }
  }
}

function countryRegionCount(world: World, r: number): number {
  let n = 0;
  for (let k = 0; k < world.regionIds.length; k++) if (world.regions.country[k] === world.regions.country[r]) n++;
  return n;
}

/** Total armed control of a region (all groups, capped at 1). */
export function armedControl(world: World, r: number): number {
  let c = 0;
  for (const g of world.groups) c += g.control[r];
  return Math.min(1, c);
}
