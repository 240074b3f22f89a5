/**
 * The lines a state's budget is spent on (the order of `BUDGET_LINES` in the schema), as indices
 * into the runtime's per-line arrays, and the count of a country's regions its country-wide
 * lines are shared over. Its own module because budget.ts (which allocates the money) and
 * presence.ts (which the money builds, and which sets budget.ts's unit costs) both read them.
 */
import { type World, COUNTRY_INDEX } from '../world.ts';
import { BUDGET_LINES, type Country } from '../../scenario/schema.ts';

export const ERADICATION = BUDGET_LINES.indexOf('eradication');
export const INTERDICTION = BUDGET_LINES.indexOf('interdiction');
export const COUNTERINSURGENCY = BUDGET_LINES.indexOf('counterinsurgency');
export const AD = BUDGET_LINES.indexOf('alternativeDevelopment');
export const PRESENCE = BUDGET_LINES.indexOf('presence');

/** Number of regions of country c. */
export function regionsOf(world: World, c: Country): number {
  let n = 0;
  for (let k = 0; k < world.regionIds.length; k++) if (world.regions.country[k] === COUNTRY_INDEX[c]) n++;
  return n;
}
