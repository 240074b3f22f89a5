/**
 * Growers' associations: a household joins when the share of its region's households already
 * in the association reaches its personal threshold (Granovetter/Schelling threshold rule: a
 * tipping process). Membership gives bargaining power against buyers (priceCoercion.ts) and,
 * where the association enforces a per-member cap (Bolivia's cato, calibration §2.7 and §3
 * fact 8), holds each member's coca near the cap by social control.
 */
import type { RegionState } from '../world.ts';

/** Share of region r's households in the association (members over agents; 0 with no agents). */
export function associationShare(regions: RegionState, r: number): number {
  return regions.agents[r] > 0 ? regions.members[r] / regions.agents[r] : 0;
}

/** Whether a household with this threshold joins, given last month's membership share. */
export function joinsAssociation(threshold: number, share: number): boolean {
  return share >= threshold;
}

/** A member's coca target under a cap enforced with strength `enforcement` (0..1). */
export function capCoca(target: number, cap: number, enforcement: number): number {
  return target > cap ? cap + (1 - enforcement) * (target - cap) : target;
}
