/**
 * Territorial control as a Tullock contest (Tullock 1980; Hirshleifer 1989; Mejía & Restrepo
 * 2016): in each region an armed group holds, its control moves toward its share of the
 * strength committed there, fighters against the state's forces under counter-insurgency
 * effort, and the patrols of organised growers who resist it (associations.ts: the valley's
 * own counterweight, which raises the group's cost of holding it). The group spreads its fighters
 * over its regions by their control.
 *
 * A column fights with what the valley tells it as much as with its arms (Kalyvas 2006, The
 * Logic of Violence in Civil War, ch. 7): it finds its enemies, and hides from them, through the
 * households that feed and inform it. Organised growers who resist deny it that: in a union every
 * stranger is known, and a member who helps the column answers to the assembly (Bolivia's social
 * control, calibration §2.7; Arjona 2016, Rebelocracy: communities with strong institutions of
 * their own resist rebel rule). So a group's force in a valley counts only among the households
 * not organised against it; where nobody is organised (the VRAEM today) it counts in full, and in
 * Bolivia's union valleys its arms alone cannot hold ground.
 * Control blocks eradication crews (eradication needs access).
 */
import type { World, ArmedGroup, Firma } from '../world.ts';
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

/**
 * A group's strength in region r: its fighters stationed there, each weighing `strength` against
 * one unit of the state's force (a guerrilla on its own ground against a conscript army; the
 * schema states the range and its source). `fighters` defaults to its present size; recruitment.ts
 * asks what a different size would hold.
 */
export function groupStrength(world: World, g: ArmedGroup, r: number, fighters = g.fighters): number {
  return fighters * world.scenario.armedGroups[g.id].strength * stationedShare(g, r);
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

/**
 * Share of region r's households organised against the group holding it (association members
 * who resist it): the households that deny its fighters food, hiding and information.
 */
export function deniedShare(world: World, r: number): number {
  const { regions } = world;
  return regions.agents[r] > 0 ? Math.min(1, regions.organisedResisters[r] / regions.agents[r]) : 0;
}

/** Group g's share of the contest in region r against `opposing` force, its fighters counting only where the valley does not deny them. */
function informedContest(world: World, g: ArmedGroup, r: number, opposing: number, fighters = g.fighters): number {
  return tullockShare(groupStrength(world, g, r, fighters) * (1 - deniedShare(world, r)), opposing);
}

/** The share of region r the contest moves group g's control toward: its strength, where the valley does not deny it, against the state's and the growers' patrols. */
export function controlTarget(world: World, g: ArmedGroup, r: number): number {
  return informedContest(world, g, r, stateForce(world, r) + selfDefenceForce(world, r));
}

/**
 * How well group g's escorts hold the corridors out of region r against the state's forces: its
 * share of the contest with them there (patrols fight columns, not shipments). An escort cuts a
 * shipment's seizures only as far as its fighters can keep the army and police off the path, so
 * protection is worth less to a firma, and the group's own columns carry less, where the state
 * commits more force (an offensive) or the group has fewer fighters (protection.ts).
 * recruitment.ts repeats this arithmetic (and groundValue's share of the contest) for each size a
 * group weighs, from terms read once a month; test/perf-recruitment.test.ts keeps the two equal.
 */
export function escortShare(world: World, g: ArmedGroup, r: number, fighters = g.fighters): number {
  return informedContest(world, g, r, stateForce(world, r), fighters);
}

/** How far a group's control of a valley reaches over the routes out of it. */
export const CORRIDOR_REACH = 2;

/**
 * The corridors group g offers firma f: `through`, the share of its leaf that leaves through the
 * group's territory (a valley held even partly puts its shipments on the group's corridors, §2.5:
 * SL taxed most of the VRAEM's output), and `escorted`, that share weighted by how well the escorts
 * hold each corridor against the state's forces with `fighters` (what protection is worth to the
 * firma scales with it: firmas.ts; what the group gains by a larger column: recruitment.ts).
 */
export function corridorEscort(world: World, f: Firma, g: ArmedGroup, fighters = g.fighters): { through: number; escorted: number } {
  const leaf = firmaLeafKg(f);
  let through = 0;
  let escorted = 0;
  for (const r of f.regions) {
    const part = corridorPart(f, g, r, leaf);
    through += part;
    escorted += part * escortShare(world, g, r, fighters);
  }
  return { through, escorted };
}

/** The leaf firma f bought this month over its valleys (kg). */
export function firmaLeafKg(f: Firma): number {
  let leaf = 0;
  for (const r of f.regions) leaf += f.boughtKg[r];
  return leaf;
}

/**
 * Valley r's part of firma f's shipments on group g's corridors: its share of the firma's leaf
 * (`leaf`, firmaLeafKg; equal shares when it bought none) × the reach of g's corridors there.
 * The same at any size of the group (recruitment.ts reads it once a month).
 */
export function corridorPart(f: Firma, g: ArmedGroup, r: number, leaf: number): number {
  const reach = Math.min(1, CORRIDOR_REACH * g.control[r]);
  const share = leaf > 0 ? f.boughtKg[r] / leaf : 1 / f.regions.length;
  return share * reach;
}

/** The patrols' share of their fight with group g in region r (what wears its fighters down there). */
export function patrolShare(world: World, g: ArmedGroup, r: number): number {
  const patrols = selfDefenceForce(world, r);
  return patrols > 0 ? 1 - informedContest(world, g, r, patrols) : 0;
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
