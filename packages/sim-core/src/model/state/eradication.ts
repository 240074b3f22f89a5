/**
 * Eradication: the state's crews destroy coca in each region toward the annual target, with
 * diminishing returns as coca thins out (hectares found = target × coca / (coca + target)), where
 * they can reach it — armed control blocks access, corruption erodes the
 * effort — and only part of what is sprayed dies (`eradicationKill`). Crews hit households at
 * random among those with coca (sparing an association member's coca within a cap agreed with
 * the state, Bolivia's cato, and, with the chance the holding armed group's control gives, the
 * fields of households that support it) (draws from the `eradication` stream); the cleared land lies
 * fallow until replanted (farmers.ts), and the hit household remembers it (beliefs.ts).
 * Calibration §3 fact 3: eradication is largely offset; a 1% rise goes with about +1% coca.
 */
import type { World } from '../world.ts';
import { federationAccess } from '../farmers/associations.ts';
import { supporterShield } from '../armed/governance.ts';

export function eradicate(world: World): void {
  const { scenario, regions, farmers: f, tick } = world;
  const rand = world.streams.eradication;
  // The columns as locals: the draws are calls, after which V8 would load each field again.
  const { cocaYoung, cocaMature, member, supportsArmed, fallow, hitTick } = f;
  for (let r = 0; r < world.regionIds.length; r++) {
    regions.eradicatedHa[r] = 0;
    regions.eradicatedShare[r] = 0;
    const country = scenario.regions[world.regionIds[r]].country;
    const rt = world.states[country];
    const sp = scenario.states[country];
    if (!rt || !sp || regions.agents[r] === 0) continue;
    const annual = rt.eradicationTarget[r];
    if (annual <= 0 || regions.cocaHa[r] <= 0) continue;
    // Crews search: the sparser the coca against the target, the more ground per hectare found,
    // so a target larger than the coca there never wipes a region out in a year.
    const target = (annual * regions.cocaHa[r]) / (regions.cocaHa[r] + annual) / 12;
    let access = 1;
    for (const g of world.groups) access *= 1 - scenario.armedGroups[g.id].blocksEradication * g.control[r];
    access *= federationAccess(world, r); // a growers' federation's blockades (associations.ts)
    const shield = supporterShield(world, r);
    const cato = scenario.regions[world.regionIds[r]].association.capHaPerMember;
    const effort = target * access * (1 - sp.corruption.erosion * regions.corruption[r]);
    const w = regions.weight[r];
    let remaining = (effort * sp.eradicationKill) / w; // hectares per agent-household to destroy
    const start = regions.start[r];
    const n = regions.agents[r];
    let removedMature = 0;
    let removedAll = 0;
    for (let attempts = 0; remaining > 1e-9 && attempts < 3 * n + 10; attempts++) {
      const i = start + Math.floor(rand() * n);
      const coca = cocaYoung[i] + cocaMature[i];
      // A member's coca within the association's cap is legal (Bolivia's cato, agreed with the state).
      const exposed = member[i] === 1 ? coca - cato : coca;
      if (exposed <= 0) continue;
      // Where an armed group holds the valley it guards its supporters' fields (governance.ts).
      if (supportsArmed[i] === 1 && rand() < shield) continue;
      const take = Math.min(exposed, remaining);
      const fromMature = take * (cocaMature[i] / coca);
      cocaMature[i] -= fromMature;
      cocaYoung[i] -= take - fromMature;
      if (cocaYoung[i] < 1e-7) cocaYoung[i] = 0;
      if (cocaMature[i] < 1e-7) cocaMature[i] = 0;
      fallow[i] += take;
      hitTick[i] = Math.max(-32768, Math.min(32767, tick));
      remaining -= take;
      removedMature += fromMature;
      removedAll += take;
    }
    const before = regions.cocaHa[r];
    // Reported eradication counts the hectares worked, of which only `eradicationKill` die.
    regions.eradicatedHa[r] = sp.eradicationKill > 0 ? Math.min(effort, (removedAll * w) / sp.eradicationKill) : effort;
    regions.cocaHa[r] = Math.max(0, before - removedAll * w);
    regions.matureCocaHa[r] = Math.max(0, regions.matureCocaHa[r] - removedMature * w);
    // Growers judge risk by the crews they see at work, discounted by how much those crews kill
    // (spraying that leaves the bushes alive is feared less than crews that uproot).
    regions.eradicatedShare[r] = before > 0 ? Math.min(1, (regions.eradicatedHa[r] * Math.sqrt(sp.eradicationKill)) / before) : 0;
  }
}
