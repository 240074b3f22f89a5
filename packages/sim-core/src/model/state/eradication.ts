/**
 * Eradication: the state's crews work each region toward the annual target, a twelfth a month,
 * and find coca with diminishing returns as it thins out (found = effort × coca / (coca + year's
 * effort); the rest of the hectares worked are replanted fields worked again, which the reports
 * count), where they can reach it — armed control and blockades keep them
 * out, and the country's crews work the blocked part of its plan in its other planned regions;
 * corruption erodes the effort — and only part of what is sprayed dies (`eradicationKill`). Crews hit households at
 * random among those with coca (sparing an association member's coca within a cap agreed with
 * the state, Bolivia's cato, and, with the chance the holding armed group's control gives, the
 * fields of households that support it) (draws from the `eradication` stream); the cleared land lies
 * fallow until replanted (farmers.ts), and the hit household remembers it (beliefs.ts).
 * Calibration §3 fact 3: eradication is largely offset; a 1% rise goes with about +1% coca.
 */
import type { World } from '../world.ts';
import { federationAccess } from '../farmers/associations.ts';
import { supporterShield } from '../armed/governance.ts';
import { COUNTRIES } from '../../scenario/schema.ts';

/**
 * Share of a region the crews can work in: an armed group's control keeps them out
 * (`blocksEradication`), and so do a growers' federation's blockades (associations.ts).
 */
function crewAccess(world: World, r: number): number {
  let access = 1;
  for (const g of world.groups) access *= 1 - world.scenario.armedGroups[g.id].blocksEradication * g.control[r];
  return access * federationAccess(world, r);
}

/** Per country, this month's blocked and reachable planned hectares: scratch reused every month
 *  (the tick allocates nothing; a run is single-threaded and eradicate does not re-enter). */
const BLOCKED = new Float64Array(COUNTRIES.length);
const REACHABLE = new Float64Array(COUNTRIES.length);

export function eradicate(world: World): void {
  const { scenario, regions, farmers: f, tick } = world;
  const rand = world.streams.eradication;
  // The columns as locals: the draws are calls, after which V8 would load each field again.
  const { cocaYoung, cocaMature, member, supportsArmed, fallow, hitTick } = f;
  // A country's plan is a national goal (Peru's CORAH works to DEVIDA's yearly target of hectares,
  // moving its camps): the part of a month's plan that armed groups or blockades keep the crews
  // from is worked in the country's accessible planned regions instead, in proportion to what
  // they can reach. Without it Alto Huallaga's share of the plan was lost while Shining Path held
  // the valley, and Peru's crews reported about half of CORAH's hectares (docs/validation.md §8).
  const blocked = BLOCKED.fill(0);
  const reachable = REACHABLE.fill(0);
  for (let r = 0; r < world.regionIds.length; r++) {
    const rt = world.states[scenario.regions[world.regionIds[r]].country];
    if (!rt || regions.agents[r] === 0 || rt.eradicationTarget[r] <= 0) continue;
    const access = crewAccess(world, r);
    const c = regions.country[r];
    blocked[c] += rt.eradicationTarget[r] * (1 - access);
    if (regions.cocaHa[r] > 0) reachable[c] += rt.eradicationTarget[r] * access;
  }
  for (let r = 0; r < world.regionIds.length; r++) {
    regions.eradicatedHa[r] = 0;
    regions.eradicatedCocaHa[r] = 0;
    regions.eradicatedShare[r] = 0;
    const country = scenario.regions[world.regionIds[r]].country;
    const rt = world.states[country];
    const sp = scenario.states[country];
    if (!rt || !sp || regions.agents[r] === 0) continue;
    const annual = rt.eradicationTarget[r];
    if (annual <= 0 || regions.cocaHa[r] <= 0) continue;
    // The crews' month: the accessible part of the region's plan and its share of what was
    // blocked elsewhere in the country.
    const access = crewAccess(world, r);
    const c = regions.country[r];
    const reach = annual * access;
    const month = (reach + (reachable[c] > 0 ? (blocked[c] * reach) / reachable[c] : 0)) / 12;
    // They search for coca: the sparser the coca against the year's effort, the more ground per
    // hectare found (found = effort × coca / (coca + year's effort)), so an effort larger than the
    // coca there never wipes a region out in a year. The rest of the hectares worked are fields
    // already cleared and replanted, worked again: they count in the crews' reports (CORAH's
    // hectares include re-planted and re-eradicated fields, UNODC's surveys warn) but destroy
    // little standing coca.
    const found = (month * regions.cocaHa[r]) / (regions.cocaHa[r] + 12 * month);
    const shield = supporterShield(world, r);
    const cato = scenario.regions[world.regionIds[r]].association.capHaPerMember;
    const honest = 1 - sp.corruption.erosion * regions.corruption[r];
    const effort = found * honest;
    const w = regions.weight[r];
    let remaining = (effort * sp.eradicationKill) / w; // hectares per agent-household to destroy
    const planned = remaining;
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
    // Share of the effort that reached coca (less where shielded fields or caps left too little to find).
    const reached = planned > 1e-9 ? Math.max(0, Math.min(1, 1 - remaining / planned)) : 1;
    // Reported eradication counts the hectares worked, fields worked again included; of the
    // standing coca found only `eradicationKill` dies.
    regions.eradicatedHa[r] = month * honest * reached;
    regions.eradicatedCocaHa[r] = removedAll * w;
    regions.cocaHa[r] = Math.max(0, before - removedAll * w);
    regions.matureCocaHa[r] = Math.max(0, regions.matureCocaHa[r] - removedMature * w);
    // Growers judge risk by the crews they see at work, discounted by how much those crews kill
    // (spraying that leaves the bushes alive is feared less than crews that uproot).
    regions.eradicatedShare[r] = before > 0 ? Math.min(1, (effort * reached * Math.sqrt(sp.eradicationKill)) / before) : 0;
  }
}
