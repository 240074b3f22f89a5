/**
 * Growers' associations, the growers' own counterweight. A household joins when the share of its
 * valley already in the association plus the valley's pull reaches its personal threshold
 * (Granovetter/Schelling threshold rule: a tipping process), and leaves only when the pull falls
 * well below it (governance.ts: associationChoice). The pull rises with trust in the state,
 * eradication pressure and organisation in neighbouring valleys; an armed group that punishes
 * organisers deters joining — so associations can form where there were none, an armed group's
 * repression can keep a valley unorganised (the VRAEM), and a standing union keeps it out
 * (Bolivia, calibration §2.7; Grisaffi 2019).
 *
 * Membership gives bargaining power against buyers (priceCoercion.ts); where the association
 * enforces a per-member cap (Bolivia's cato, calibration §2.7 and §3 fact 8) it holds each
 * member's coca near the cap by social control; members who resist an armed group field patrols
 * against it (selfDefenceForce, in the territorial contest). Where no armed group holds a valley
 * and enough households are members, the associations federate: patrols, and blockades that cut
 * the eradication crews' reach — the growers' federation the article anticipates after SL.
 */
import { armedControl, type RegionState, type World } from '../world.ts';

/** Share of region r's households in the association (members over agents; 0 with no agents). */
export function associationShare(regions: RegionState, r: number): number {
  return regions.agents[r] > 0 ? regions.members[r] / regions.agents[r] : 0;
}

/** A member's coca target under a cap enforced with strength `enforcement` (0..1). */
export function capCoca(target: number, cap: number, enforcement: number): number {
  return target > cap ? cap + (1 - enforcement) * (target - cap) : target;
}

/** Armed control below which a valley counts as free of armed groups (a federation may form). */
export const FREE_OF_ARMED = 0.02;

/**
 * Strength the valley's organised growers field against an armed group (fighter-equivalents):
 * the households of members who resist, at the association's self-defence rate.
 */
export function selfDefenceForce(world: World, r: number): number {
  const { regions } = world;
  const a = world.scenario.regions[world.regionIds[r]].association;
  return (regions.organisedResisters[r] * regions.weight[r] * a.selfDefence) / 100;
}

/** Whether each valley's associations are federated this month (after the armed groups moved). */
export function updateFederations(world: World): void {
  const { regions } = world;
  for (let r = 0; r < world.regionIds.length; r++) {
    const a = world.scenario.regions[world.regionIds[r]].association;
    regions.federated[r] = armedControl(world, r) < FREE_OF_ARMED && associationShare(regions, r) >= a.federationMinShare ? 1 : 0;
  }
}

/** Share of the crews' effort that still reaches a valley past a federation's blockades (1 where none). */
export function federationAccess(world: World, r: number): number {
  const { regions } = world;
  if (regions.federated[r] === 0) return 1;
  return 1 - world.scenario.regions[world.regionIds[r]].association.blockade * associationShare(regions, r);
}
