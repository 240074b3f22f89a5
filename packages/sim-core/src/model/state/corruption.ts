/**
 * Corruption per region (principal–agent: an official takes the bribe when it beats the expected
 * penalty; Becker 1968, Rose-Ackerman 1999; calibration §2.5: $13,800 in bribes for one flight
 * from Uchiza in 1991). Firmas' bribes raise the region's index; it fades at a monthly rate
 * without them. The index erodes eradication, interdiction and AD delivery (`erosion`).
 */
import type { World } from '../world.ts';

export function updateCorruption(world: World): void {
  const { scenario, regions } = world;
  for (let r = 0; r < world.regionIds.length; r++) {
    const sp = scenario.states[scenario.regions[world.regionIds[r]].country];
    if (!sp) continue;
    const c = sp.corruption;
    const next = regions.corruption[r] + (0.01 * regions.bribes[r]) / c.bribeUsdPerPoint - c.decay * (regions.corruption[r] - c.initial * 0.5);
    regions.corruption[r] = Math.min(1, Math.max(0, next));
  }
}
