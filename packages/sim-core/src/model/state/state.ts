/**
 * The state, one per country, and its policy levers for the month (the PNP and the armed forces
 * are its instruments): interdiction effort raised by foreign aid spent on interdiction, and the
 * allocation of eradication across regions — fixed targets, or the country's total chasing last
 * year's coca (the state cannot cover every valley at once: a Colonel Blotto problem, Roberson
 * 2006). Corruption erodes what it does (corruption.ts).
 */
import type { World, StateRuntime } from '../world.ts';
import type { Country } from '../../scenario/schema.ts';
import { COUNTRIES } from '../../scenario/schema.ts';

export function stateOf(world: World, c: Country): StateRuntime | undefined {
  return world.states[c];
}

/** Set every state's interdiction effort and eradication targets for this month. */
export function setPolicies(world: World): void {
  const { scenario, regions, regionIds } = world;
  for (const c of COUNTRIES) {
    const rt = world.states[c];
    const sp = scenario.states[c];
    if (!rt || !sp) continue;
    const aid = sp.foreignAid;
    rt.interdiction = Math.min(1, sp.interdiction + (0.01 * aid.usdPerYear * aid.interdictionShare) / aid.usdPerInterdictionPoint);
    let total = 0;
    let cocaSum = 0;
    for (let r = 0; r < regionIds.length; r++) {
      const inCountry = scenario.regions[regionIds[r]].country === c;
      rt.eradicationTarget[r] = inCountry ? (sp.eradicationHaPerYear[regionIds[r]] ?? 0) : 0;
      total += rt.eradicationTarget[r];
      if (inCountry) cocaSum += regions.cocaYearSum[r];
    }
    if (sp.allocation === 'chase' && cocaSum > 0) {
      for (let r = 0; r < regionIds.length; r++) {
        if (scenario.regions[regionIds[r]].country === c) rt.eradicationTarget[r] = (total * regions.cocaYearSum[r]) / cocaSum;
      }
    }
  }
}
