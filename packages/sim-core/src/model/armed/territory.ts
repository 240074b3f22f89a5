/**
 * Territorial control as a Tullock contest (Tullock 1980; Hirshleifer 1989; Mejía & Restrepo
 * 2016): in each region an armed group holds, its control moves toward its share of the
 * strength committed there, fighters against the state's forces under counter-insurgency
 * effort, and the patrols of organised growers who resist it (associations.ts: the valley's
 * own counterweight, which raises the group's cost of holding it). The group spreads its fighters
 * over its regions by their control.
 * Control blocks eradication crews (eradication needs access).
 */
import type { World, ArmedGroup } from '../world.ts';
import { selfDefenceForce } from '../farmers/associations.ts';
import { presenceForce } from '../state/presence.ts';

/** Monthly share of the gap to the contest's share that control closes. */
export const CONTROL_SPEED = 0.08;
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

/** A group's strength in region r: its fighters stationed there. */
export function groupStrength(world: World, g: ArmedGroup, r: number): number {
  return g.fighters * world.scenario.armedGroups[g.id].strength * stationedShare(g, r);
}

/**
 * The state's forces committed to region r: its strength × effort, shared over the country's
 * inhabited regions. The effort is what its budget pays for (budget.ts); its presence there
 * (posts, police) fights too (presence.ts).
 */
export function stateForce(world: World, r: number): number {
  const c = world.scenario.regions[world.regionIds[r]].country;
  const st = world.scenario.states[c];
  if (!st) return 0;
  const effort = Math.max(0, (world.states[c]?.counterinsurgency ?? 0) + presenceForce(world, r));
  return (st.strength * effort * (world.regions.households[r] > 0 ? 1 : 0)) / Math.max(1, countryRegionCount(world, r));
}

/** The share of region r the contest moves group g's control toward: its strength against the state's and the growers' patrols. */
export function controlTarget(world: World, g: ArmedGroup, r: number): number {
  return tullockShare(groupStrength(world, g, r), stateForce(world, r) + selfDefenceForce(world, r));
}

/** Update every group's control of the regions it holds. */
export function contestTerritory(world: World): void {
  for (const g of world.groups) {
    for (let r = 0; r < g.control.length; r++) {
      if (g.control[r] <= 0) continue;
      const target = controlTarget(world, g, r);
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

export { armedControl } from '../world.ts';
