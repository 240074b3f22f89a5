/**
 * The state, one per country, and its policy for the month (the PNP and the armed forces are its
 * instruments): the allocation of eradication across regions — fixed targets, or the country's
 * total chasing last year's coca (the state cannot cover every valley at once: a Colonel Blotto
 * problem, Roberson 2006) — and what its budget buys of that plan, of interdiction,
 * counter-insurgency, AD programmes and presence (budget.ts). Corruption erodes what it does
 * (corruption.ts). Its currency's exchange rate sets what farmers' local costs are in dollars.
 */
import type { World, StateRuntime } from '../world.ts';
import type { Country } from '../../scenario/schema.ts';
import { COUNTRIES } from '../../scenario/schema.ts';
import { allocateBudgets } from './budget.ts';
import { announceProgrammes } from './alternativeDevelopment.ts';

export function stateOf(world: World, c: Country): StateRuntime | undefined {
  return world.states[c];
}

/** Set every state's budget, efforts and eradication targets for this month. */
export function setPolicies(world: World): void {
  const { scenario, regions, regionIds } = world;
  // Access, unit costs and the contest were observed in the first recorded month (the scenario's
  // start), not at the warm-up's: presence moves them from where it stands then (presence.ts).
  if (world.tick === 0) regions.presenceStart.set(regions.presence);
  announceProgrammes(world);
  for (const c of COUNTRIES) {
    const rt = world.states[c];
    const sp = scenario.states[c];
    if (!rt || !sp) continue;
    const plan = rt.plannedTarget;
    let total = 0;
    let cocaSum = 0;
    for (let r = 0; r < regionIds.length; r++) {
      const inCountry = scenario.regions[regionIds[r]].country === c;
      plan[r] = inCountry ? (sp.eradicationHaPerYear[regionIds[r]] ?? 0) : 0;
      total += plan[r];
      if (inCountry) cocaSum += regions.cocaYearSum[r];
    }
    if (sp.allocation === 'chase' && cocaSum > 0) {
      for (let r = 0; r < regionIds.length; r++) {
        if (scenario.regions[regionIds[r]].country === c) plan[r] = (total * regions.cocaYearSum[r]) / cocaSum;
      }
    }
    allocateBudgets(world, c, rt, sp);
  }
}
